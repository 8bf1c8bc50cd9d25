"""Coverage at a glance: for a document of the central government, which of the 34 provinces have a
plan implementing it (directly or through others), as a map drawn from the gazetteer's coordinates
(inline SVG, a dot a province: no tiles, no request to anyone) with a table beside it for screen
readers. Laid out here, drawn by `coverage_map.html`."""

from __future__ import annotations

from ..graph import Graph, Node
from ..graph.places import place_id
from .local_page import current_provinces

WIDTH, PAD, RADIUS = 160, 8, 5


def coverage_map(graph: Graph, node: Node) -> dict | None:
    """The map's dots and rows, or None unless `node` is a central document some plan implements."""
    if node.level != "central":
        return None
    having: dict[str, int] = {}
    for n, _ in graph.descendants(node.id):
        today = n.area.places_today() if n.kind == "plan" and n.area else []
        if today:
            having[today[0]] = having.get(today[0], 0) + 1
    if not having:
        return None
    provinces = [u for u in current_provinces() if u.lat is not None and u.lon is not None]
    south, north = min(u.lat for u in provinces), max(u.lat for u in provinces)
    west, east = min(u.lon for u in provinces), max(u.lon for u in provinces)
    scale = (WIDTH - 2 * PAD) / (east - west)
    height = round((north - south) * scale + 2 * PAD)
    rows = []
    for u in sorted(provinces, key=lambda u: -u.lat):  # north to south, as the map reads
        pid = place_id(u)
        rows.append({"name": u.name, "plans": having.get(pid, 0), "x": round(PAD + (u.lon - west) * scale, 1),
                     "y": round(PAD + (north - u.lat) * scale, 1)})
    done = sum(1 for r in rows if r["plans"])
    return {"width": WIDTH, "height": height, "r": RADIUS, "rows": rows, "done": done, "total": len(rows),
            "label": f"Bản đồ: {done} trên {len(rows)} tỉnh, thành phố có kế hoạch thực hiện văn bản này"}


__all__ = ["coverage_map"]
