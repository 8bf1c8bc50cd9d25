"""A small picture of a document's neighbourhood: what it is based on above, what implements it
below. Inline SVG (no script, no third-party CDN), laid out here and drawn by the template
`neighbourhood.svg` (included by the plan page), which escapes every label as any template does."""

from __future__ import annotations

from ..graph import Graph, Node
from . import paths

WIDTH, BOX_W, BOX_H, ROW = 640, 148, 34, 80
MAX_PER_ROW = 4


def short_label(node: Node) -> str:
    label = node.number or node.label
    return label if len(label) <= 22 else label[:21] + "…"


def page_of(node: Node) -> str:
    return paths.plan(node.id) if node.kind == "plan" else paths.document(node.id)


def _row(nodes: list[Node], y: int, css: str, items: list[dict]) -> list[int]:
    shown = nodes[:MAX_PER_ROW]
    step = WIDTH / (len(shown) + (1 if len(nodes) > MAX_PER_ROW else 0) or 1)
    centers = []
    for i, node in enumerate(shown):
        cx = int(step * i + step / 2)
        centers.append(cx)
        items.append({"page": page_of(node), "title": node.label, "label": short_label(node), "x": cx - BOX_W // 2,
                      "y": y, "cx": cx, "css": f"{css} kh-{node.kind}"})
    if len(nodes) > MAX_PER_ROW:
        items.append({"page": None, "cx": int(step * MAX_PER_ROW + step / 2), "y": y, "label": f"+{len(nodes) - MAX_PER_ROW}"})
    return centers


def neighbourhood(graph: Graph, node: Node) -> dict | None:
    """The picture's layout, or None when the document has no neighbour."""
    above = [graph.nodes[e.target] for e in graph.parents(node.id, "basis")]
    below = [graph.nodes[e.source] for e in graph.children(node.id, "basis")]
    if not above and not below:
        return None
    rows = [r for r in (above, [node], below) if r]
    items: list[dict] = []  # boxes and "+N" labels, row by row
    y = 14
    centers_by_row = []
    for r in rows:
        centers_by_row.append((y, _row(r, y, "kh-self" if r == [node] else "kh-node", items)))
        y += ROW
    lines = [(a, y1 + BOX_H, b, y2) for (y1, top), (y2, bottom) in zip(centers_by_row, centers_by_row[1:])
             for a in top for b in bottom]
    return {"width": WIDTH, "height": ROW * (len(rows) - 1) + BOX_H + 28, "box_w": BOX_W, "box_h": BOX_H,
            "items": items, "lines": lines, "label": f"Sơ đồ: {len(above)} văn bản căn cứ, {len(below)} văn bản thực hiện"}
