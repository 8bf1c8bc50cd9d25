"""The site's data for anyone who wants it, in files of bounded size whatever the size of the base:

    api/plans/index.json     {"count", "per_part", "parts": [{"file", "count", "first", "last"}]}
    api/plans/<n>.json       every plan (id, url, number, title, date, issuer, area, basis ids), by id
    api/graph/index.json     {"nodes": {…as above}, "edges": {…}}
    api/graph/nodes-<n>.json, api/graph/edges-<n>.json   the citation graph, nodes by kind and id,
                             edges by source

A client reads the index, then the parts it needs (the plans of ids "kh-1…" to "kh-3…" are in one
part). Areas are given by place id (the addresses of the area pages), as issued and today; a plan's
record is its own JSON file (`api/ke-hoach/<id>.json`: its front matter and resolved links; on the
published site, where plan files are linked in the repository, what identifies the plan and `file`,
the URL of its whole front matter), and `kehoach graph --json` gives the graph with everything."""

from __future__ import annotations

import json

import orjson

from ..graph import Graph, Node
from . import paths
from .units import made_or_kept

# characters that mean something to HTML, written as JSON escapes: a plan's "<script>" stays data even
# where a file is sniffed or pasted into a page as HTML (as Go's encoding/json and Django's json_script do)
_HTML_SAFE = tuple((char.encode(), escaped.encode()) for char, escaped in (
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")))


def json_bytes(data) -> bytes:
    """Compact UTF-8 JSON for the published site, with no raw <, > or &: orjson's (the standard
    library's where orjson cannot write a value, such as an integer past 64 bits); the same bytes,
    4 times faster."""
    try:
        data = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:  # orjson.JSONEncodeError is one
        data = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    for char, escaped in _HTML_SAFE:  # bytes.replace runs in C
        if char in data:
            data = data.replace(char, escaped)
    return data


def _places(node: Node) -> dict:
    area = node.area
    if area is None or area.unit is None:
        return {}
    issued = area.places_as_issued()
    return {"place": issued[-1] if issued else None, "today": area.places_today()}


def plans_api(graph: Graph, reuse=None) -> list[dict]:
    """`reuse` (units.Reuse): each plan's record kept from the last build while its node and the edges
    out of it are the same."""
    def record(n: Node) -> dict:
        return {"id": n.id, "url": paths.url(paths.plan(n.id)), "number": n.number, "title": n.title, "date": n.date,
                "issuer": n.issuer, **_places(n), "basis": [e.target for e in graph.parents(n.id, "basis")]}
    return [made_or_kept(reuse, "api:plan", n.id, (("node", n.id), ("out", n.id)), lambda n=n: record(n))
            for n in sorted(graph.plans(), key=lambda n: n.id)]


def graph_api(graph: Graph, reuse=None) -> dict:
    """`reuse` (units.Reuse): each node's record and the edges out of it kept from the last build while
    they are the same."""
    def record(n: Node) -> dict:
        out = {"id": n.id, "kind": n.kind, "doc_type": n.doc_type, "number": n.number, "date": n.date,
               "issuer": n.issuer, "title": n.title}
        if n.kind == "plan":
            out.update(_places(n))
        if n.kind == "ambiguous":
            out.update(candidates=n.candidates, reason=n.reason)
        return out

    def edges(nid: str) -> list[dict]:
        return sorted(({"from": e.source, "to": e.target, "relation": e.relation} for e in graph.parents(nid)),
                      key=lambda e: (e["to"], e["relation"]))
    nodes = [made_or_kept(reuse, "api:node", n.id, (("node", n.id),), lambda n=n: record(n))
             for n in sorted(graph.nodes.values(), key=lambda n: (n.kind != "plan", n.id))]
    return {"nodes": nodes, "edges": [e for nid in sorted(graph.nodes)
                                      for e in made_or_kept(reuse, "api:edges", nid, (("out", nid),), lambda nid=nid: edges(nid))]}


PER_PART = {"plans": 1000, "nodes": 1000, "edges": 5000}  # records per file: a few hundred KB each


def _parts(kind: str, records: list[dict], folder: str, prefix: str = "") -> tuple[dict, dict[str, bytes]]:
    """(the index entry, path → text of each part) of `records`, in order, PER_PART[kind] a file."""
    per = PER_PART[kind]
    files, parts = {}, []
    for n, start in enumerate(range(0, len(records), per), 1):
        chunk = records[start:start + per]
        name = f"{prefix}{n}.json"
        files[f"{folder}/{name}"] = json_bytes(chunk)
        first, last = chunk[0].get("id", chunk[0].get("from")), chunk[-1].get("id", chunk[-1].get("from"))
        parts.append({"file": name, "count": len(chunk), "first": first, "last": last})
    return {"count": len(records), "per_part": per, "parts": parts}, files


def api_files(graph: Graph, reuse=None) -> dict[str, bytes]:
    """Path → content of every file of the plans list and the graph (api/plans/, api/graph/). `reuse`
    (units.Reuse): records kept from the last build of the same process while made from the same."""
    out: dict[str, bytes] = {}
    index, files = _parts("plans", plans_api(graph, reuse), "api/plans")
    out.update(files)
    out["api/plans/index.json"] = json_bytes(index)
    data = graph_api(graph, reuse)
    edges = data["edges"]  # by source, then target and relation
    nodes_index, files = _parts("nodes", data["nodes"], "api/graph", "nodes-")
    out.update(files)
    edges_index, files = _parts("edges", edges, "api/graph", "edges-")
    out.update(files)
    out["api/graph/index.json"] = json_bytes({"nodes": nodes_index, "edges": edges_index})
    return out
