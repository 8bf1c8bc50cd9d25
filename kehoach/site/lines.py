"""One-line entries the pages share: a plan in a list, a cited document, an area's breadcrumbs."""

from __future__ import annotations

from ..graph import Graph, Node, place_id
from . import paths
from .html import a, date, esc, shorten

ERA_NOTE = "trước 1/7/2025"
TITLE_IN_LISTS = 100  # characters of a plan's title in a list (the whole title is on its page)


def by_date(nodes) -> list[Node]:
    return sorted(nodes, key=lambda n: (str(n.date or ""), n.id), reverse=True)


def when(value) -> str:
    """ "ngày 22/02/2021", or "năm 2017" when only the year is known."""
    if not value:
        return ""
    return f"năm {value}" if len(str(value)) == 4 else f"ngày {date(value)}"


def plan_line(node: Node, here: str, with_place: bool = True, title: bool = True) -> str:
    if not title:  # a short line: number, date and issuer
        label = f"{node.doc_type or 'Kế hoạch'} số {node.number}" if node.number else (node.title or node.id)
        issuer = ((node.meta or {}).get("issuer") or {}).get("name")
        return " ".join(x for x in (a(label, here, paths.plan(node.id)), when(node.date),
                                    f"của {esc(issuer)}" if issuer else "") if x)
    where = ""
    if with_place and node.area and node.area.unit:
        where = f" — {esc(node.area.unit.name)}" + (f", {esc(node.area.province.name)}"
                                                     if node.area.unit.level != "province" else "")
    on = f", {date(node.date)}" if node.date else ""
    number = f" ({esc(node.number)})" if node.number else ""
    return f"{a(shorten(node.title or node.id, TITLE_IN_LISTS), here, paths.plan(node.id))}{number}{where}{on}"


def doc_line(node: Node, here: str, subject: bool = True, title: bool = True) -> str:
    if node.kind == "plan":
        return plan_line(node, here, title=title)
    parts = [a(node.label, here, paths.document(node.id))]
    if node.date:
        parts.append(when(node.date))
    if node.issuer:
        parts.append(f"của {esc(node.issuer)}")
    line = " ".join(parts)
    if subject and node.title and node.label != node.title:
        line += f" — {esc(node.title)}"
    if node.kind == "ambiguous":
        line += " <em>(chưa xác định được văn bản)</em>"
    return line


def place_name(graph: Graph, pid: str, era_note: bool = False) -> str:
    p = graph.place(pid)
    name = p.name if p else pid
    if era_note and p and p.unit and p.unit.legacy:
        name += f" ({ERA_NOTE})"
    return name


def place_trail(graph: Graph, pid: str) -> list[tuple[str, str | None]]:
    trail = []
    while pid:
        p = graph.place(pid)
        name = p.name if p else pid
        if p and p.unit and p.unit.legacy and p.unit.level == "province":
            name += f" ({ERA_NOTE})"
        trail.append((name, paths.place(pid)))
        pid = p.parent if p else ""
    return [("Trang chủ", paths.HOME), ("Địa bàn", paths.PLACES)] + list(reversed(trail))


def area_links(graph: Graph, node: Node, here: str) -> tuple[str, str]:
    """(as issued, today) for a plan's card."""
    area = node.area
    if area is None or area.unit is None:
        return "", ""
    issued = ", ".join(a(u.name, here, paths.place(place_id(u)))
                       for u in (area.commune, area.district, area.province) if u)
    if area.unit.legacy:
        issued += f" ({ERA_NOTE})"
    today = ""
    if area.successor and area.unit.legacy:
        s = area.successor
        today = a(s.province.name, here, paths.place(place_id(s.province)))
        communes = [a(c.name, here, paths.place(place_id(c))) for c in s.communes]
        if communes and area.unit.level != "province":
            today += ": " + ", ".join(communes)
    return issued, today
