"""A document's neighbourhood as a small diagram: what it is based on above, the document itself,
what implements it below (vbpl.vn's "Lược đồ" is the model). Laid out here as rows of boxes and drawn
by the template `neighbourhood.html` as HTML: the rows wrap on a narrow screen, so the labels keep
their size on a phone (an SVG scaled to 360 px shrank them to 6 px), and each box is a plain link."""

from __future__ import annotations

from ..graph import Graph, Node
from ..status import relations
from . import paths

MAX_PER_ROW = 6
LABEL = 26  # characters of a box's label; the whole name is its title


def short_label(node: Node) -> str:
    label = node.number or node.label
    return label if len(label) <= LABEL else label[:LABEL - 1] + "…"


def page_of(node: Node) -> str:
    return paths.plan(node.id) if node.kind == "plan" else paths.document(node.id)


def _row(name: str, nodes: list[Node], css: str) -> dict:
    boxes = [{"page": page_of(n), "title": n.label, "label": short_label(n), "css": f"{css} kh-{n.kind}"}
             for n in nodes[:MAX_PER_ROW]]
    return {"name": name, "boxes": boxes, "more": max(0, len(nodes) - MAX_PER_ROW)}


def neighbourhood(graph: Graph, node: Node) -> dict | None:
    """The diagram's rows, or None when the document has no neighbour."""
    above = [graph.nodes[e.target] for e in graph.parents(node.id, "basis")]
    below = [graph.nodes[e.source] for e in graph.children(node.id, "basis")]
    does, done = relations(graph, node)  # beside: what it replaces or amends, what replaced or amended it
    if not above and not below and not does and not done:
        return None
    rows = [_row("Căn cứ", above, "kh-node")] if above else []
    rows.append({"name": "Văn bản này", "boxes": [{"page": None, "title": node.label, "label": short_label(node),
                                                   "css": f"kh-self kh-{node.kind}"}], "more": 0})
    if does or done:
        beside = does + done
        rows.append({"name": "Thay thế, sửa đổi, bãi bỏ", "beside": True, "more": max(0, len(beside) - MAX_PER_ROW),
                     "boxes": [{"page": page_of(o), "title": f"{label}: {o.label}", "label": f"{label}: {short_label(o)}",
                                "css": f"kh-node kh-{o.kind}"} for label, o in beside[:MAX_PER_ROW]]})
    if below:
        rows.append(_row("Thực hiện", below, "kh-node"))
    return {"rows": rows, "label": f"Sơ đồ: {len(above)} văn bản căn cứ, {len(below)} văn bản thực hiện"}
