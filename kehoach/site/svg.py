"""A small picture of a document's neighbourhood: what it is based on above, what implements it
below. Inline SVG, drawn here (no script, no third-party CDN); every label is escaped."""

from __future__ import annotations

from ..graph import Graph, Node
from . import paths
from .html import esc as attr

WIDTH, BOX_W, BOX_H, ROW = 640, 148, 34, 80
MAX_PER_ROW = 4


def short_label(node: Node) -> str:
    label = node.number or node.label
    return label if len(label) <= 22 else label[:21] + "…"


def page_of(node: Node) -> str:
    return paths.plan(node.id) if node.kind == "plan" else paths.document(node.id)


def _row(nodes: list[Node], y: int, here: str, out: list[str], css: str) -> list[int]:
    shown = nodes[:MAX_PER_ROW]
    step = WIDTH / (len(shown) + (1 if len(nodes) > MAX_PER_ROW else 0) or 1)
    centers = []
    for i, node in enumerate(shown):
        cx = int(step * i + step / 2)
        centers.append(cx)
        href = paths.url_rel(here, page_of(node))
        title = attr(node.label)
        out.append(f'<a href="{attr(href)}"><title>{title}</title>'
                   f'<rect x="{cx - BOX_W // 2}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" class="{css} kh-{node.kind}"/>'
                   f'<text x="{cx}" y="{y + 22}" text-anchor="middle">{attr(short_label(node))}</text></a>')
    if len(nodes) > MAX_PER_ROW:
        cx = int(step * MAX_PER_ROW + step / 2)
        out.append(f'<text x="{cx}" y="{y + 22}" text-anchor="middle">+{len(nodes) - MAX_PER_ROW}</text>')
    return centers


def neighbourhood(graph: Graph, node: Node, here: str) -> str:
    """The SVG, or "" when the document has no neighbour."""
    above = [graph.nodes[e.target] for e in graph.parents(node.id, "basis")]
    below = [graph.nodes[e.source] for e in graph.children(node.id, "basis")]
    if not above and not below:
        return ""
    rows = [r for r in (above, [node], below) if r]
    height = ROW * (len(rows) - 1) + BOX_H + 28
    out: list[str] = []
    y = 14
    centers_by_row = []
    for r in rows:
        css = "kh-self" if r == [node] else "kh-node"
        centers_by_row.append((y, _row(r, y, here, out, css)))
        y += ROW
    lines = []
    for (y1, top), (y2, bottom) in zip(centers_by_row, centers_by_row[1:]):
        for a in top:
            for b in bottom:
                lines.append(f'<line x1="{a}" y1="{y1 + BOX_H}" x2="{b}" y2="{y2}" class="kh-edge"/>')
    label = attr(f"Sơ đồ: {len(above)} văn bản căn cứ, {len(below)} văn bản thực hiện")
    return (f'<svg class="kh-graph" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{label}">'
            + "".join(lines) + "".join(out) + "</svg>")
