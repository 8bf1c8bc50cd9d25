"""The JSON API in files of bounded size: an index, then parts of at most PER_PART records, in order,
that together hold every plan, node and edge of the graph."""

from __future__ import annotations

import json

from kehoach.graph import build_graph, plan_info
from kehoach.site import api
from kehoach.synth import Synth


def test_parts_hold_everything_in_order_and_stay_small(monkeypatch):
    monkeypatch.setattr(api, "PER_PART", {"plans": 7, "nodes": 9, "edges": 11})
    metas = [meta for meta, _ in Synth(5).plans(40)]
    graph = build_graph([plan_info(m, f"{m['id']}.md") for m in metas])
    files = api.api_files(graph)

    index = json.loads(files["api/plans/index.json"])
    plans = []
    for part in index["parts"]:
        rows = json.loads(files[f"api/plans/{part['file']}"])
        assert 1 <= len(rows) == part["count"] <= 7
        assert (rows[0]["id"], rows[-1]["id"]) == (part["first"], part["last"])
        plans += rows
    assert [p["id"] for p in plans] == sorted(m["id"] for m in metas) and index["count"] == 40

    g = json.loads(files["api/graph/index.json"])
    nodes = [n for part in g["nodes"]["parts"] for n in json.loads(files[f"api/graph/{part['file']}"])]
    edges = [e for part in g["edges"]["parts"] for e in json.loads(files[f"api/graph/{part['file']}"])]
    assert len(nodes) == len(graph.nodes) == g["nodes"]["count"]
    assert len(edges) == len(graph.edges) == g["edges"]["count"] > 11
    assert all(len(json.loads(files[f"api/graph/{p['file']}"])) <= 11 for p in g["edges"]["parts"])
    assert edges == sorted(edges, key=lambda e: (e["from"], e["to"], e["relation"]))
