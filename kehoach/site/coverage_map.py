"""Coverage at a glance, as a map drawn from the gazetteer's coordinates (inline SVG, a dot a unit: no
tiles, no request to anyone) with a table beside it for screen readers:

- for a document of the central government, which of the 34 provinces have a plan implementing it
  (directly or through others);
- for a province's plan, which of the communes and wards of its area (today's, from 1 July 2025) have
  one: a plan of the commune, or of the district or the old communes it was formed from.

Laid out here, drawn by `coverage_map.html`. A province has a hundred communes or more: their dots are
two paths (with a plan, without), not a hundred elements, and the table lists the communes that have a
plan; those without are counted, not named (a province's plan page stays under its 40 KB at 166
communes; the plan's own coverage section names the units it told to act that have not)."""

from __future__ import annotations

from ..gazetteer import Unit, gazetteer
from ..graph import Graph, Node
from ..graph.places import place_id
from .local_page import current_provinces

WIDTH, PAD, RADIUS = 160, 8, 5
COMMUNE_WIDTH, COMMUNE_HEIGHT, COMMUNE_RADIUS = 240, 320, 3


def _layout(units: list[Unit], width: int, most: float = float("inf")) -> tuple[dict[str, tuple[float, float]], int]:
    """Each unit's dot (x, y) on a map at most `width` wide and `most` high, north up, and its height."""
    south, north = min(u.lat for u in units), max(u.lat for u in units)
    west, east = min(u.lon for u in units), max(u.lon for u in units)
    scale = min((width - 2 * PAD) / max(east - west, 1e-6), (most - 2 * PAD) / max(north - south, 1e-6))
    dots = {u.code: (round(PAD + (u.lon - west) * scale, 1), round(PAD + (north - u.lat) * scale, 1)) for u in units}
    return dots, round((north - south) * scale + 2 * PAD)


def _provinces_map(graph: Graph, node: Node) -> dict | None:
    having: dict[str, int] = {}
    for n, _ in graph.descendants(node.id):
        today = n.area.places_today() if n.kind == "plan" and n.area else []
        if today:
            having[today[0]] = having.get(today[0], 0) + 1
    if not having:
        return None
    provinces = [u for u in current_provinces() if u.lat is not None and u.lon is not None]
    dots, height = _layout(provinces, WIDTH)
    rows = []
    for u in sorted(provinces, key=lambda u: -u.lat):  # north to south, as the map reads
        x, y = dots[u.code]
        rows.append({"name": u.name, "plans": having.get(place_id(u), 0), "x": x, "y": y})
    done = sum(1 for r in rows if r["plans"])
    return {"width": WIDTH, "height": height, "r": RADIUS, "rows": rows, "done": done, "total": len(rows),
            "units": "tỉnh, thành phố", "heading": "Các tỉnh đã thực hiện",
            "label": f"Bản đồ: {done} trên {len(rows)} tỉnh, thành phố có kế hoạch thực hiện văn bản này"}


def _communes_of(unit: Unit) -> list[Unit]:
    """The 2025 communes of a province's area: its own, or (before 1 July 2025) those its districts are part of."""
    g = gazetteer()
    if not unit.legacy:
        return g.children(unit)
    found: dict[str, Unit] = {}
    for district in g.children(unit):
        for c in g.successor(district).communes:
            found[c.code] = c
    return list(found.values())


def _communes_map(graph: Graph, node: Node) -> dict | None:
    unit = node.area.unit if node.area else None
    if unit is None or unit.level != "province":
        return None
    communes = [u for u in _communes_of(unit) if u.lat is not None and u.lon is not None]
    having: dict[str, int] = {}
    for n, _ in graph.descendants(node.id):
        if n.kind == "plan" and n.area and n.area.successor:
            for c in n.area.successor.communes:
                having[c.code] = having.get(c.code, 0) + 1
    if not communes or not having:
        return None
    dots, height = _layout(communes, COMMUNE_WIDTH, COMMUNE_HEIGHT)

    def path(units):  # a dot a unit: a round cap on a line of no length
        return "".join(f"M{round(dots[u.code][0])} {round(dots[u.code][1])}h0" for u in units)

    ordered = sorted(communes, key=lambda u: (-u.lat, u.code))
    done = [u for u in ordered if having.get(u.code)]
    rows = [{"name": u.name, "plans": having[u.code]} for u in done]
    return {"width": COMMUNE_WIDTH, "height": height, "r": COMMUNE_RADIUS, "has": path(done),
            "not": path(u for u in ordered if not having.get(u.code)), "rows": rows,
            "done": len(done), "total": len(ordered), "units": "xã, phường", "heading": "Các xã, phường đã thực hiện",
            "label": f"Bản đồ: {len(done)} trên {len(ordered)} xã, phường có kế hoạch thực hiện văn bản này"}


def coverage_map(graph: Graph, node: Node) -> dict | None:
    """The map's dots and rows, or None unless `node` is a central document or a province's plan some
    plan implements."""
    if node.level == "central":
        return _provinces_map(graph, node)
    if node.level == "province" and node.kind == "plan":
        return _communes_map(graph, node)
    return None


__all__ = ["coverage_map"]
