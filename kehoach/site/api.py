"""The site's data for anyone who wants it: `api/plans.json` (every plan: id, url, number, title,
date, issuer, area, basis ids) and `api/graph.json` (nodes and edges). Areas are given by place id
(the addresses of the area pages), as issued and today; a plan's record is its own JSON file
(`api/ke-hoach/<id>.json`: its front matter and resolved links; on the published site, where plan files
are linked in the repository, what identifies the plan and `file`, the URL of its whole front matter),
and `kehoach graph --json` gives the graph with everything."""

from __future__ import annotations

import json

from ..graph import Graph, Node
from . import paths

# characters that mean something to HTML, written as JSON escapes: a plan's "<script>" stays data even
# where a file is sniffed or pasted into a page as HTML (as Go's encoding/json and Django's json_script do)
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_text(data) -> str:
    """Compact UTF-8 JSON for the published site, with no raw <, > or &."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _HTML_SAFE:  # str.replace runs in C; str.translate with a dict does not
        if char in text:
            text = text.replace(char, escaped)
    return text


def _places(node: Node) -> dict:
    area = node.area
    if area is None or area.unit is None:
        return {}
    issued = area.places_as_issued()
    return {"place": issued[-1] if issued else None, "today": area.places_today()}


def plans_api(graph: Graph) -> list[dict]:
    return [{"id": n.id, "url": paths.url(paths.plan(n.id)), "number": n.number, "title": n.title, "date": n.date,
             "issuer": n.issuer, **_places(n), "basis": [e.target for e in graph.parents(n.id, "basis")]}
            for n in sorted(graph.plans(), key=lambda n: n.id)]


def graph_api(graph: Graph) -> dict:
    nodes = []
    for n in sorted(graph.nodes.values(), key=lambda n: (n.kind != "plan", n.id)):
        record = {"id": n.id, "kind": n.kind, "doc_type": n.doc_type, "number": n.number, "date": n.date,
                  "issuer": n.issuer, "title": n.title}
        if n.kind == "plan":
            record.update(_places(n))
        if n.kind == "ambiguous":
            record.update(candidates=n.candidates, reason=n.reason)
        nodes.append(record)
    return {"nodes": nodes, "edges": [{"from": e.source, "to": e.target, "relation": e.relation} for e in graph.edges]}
