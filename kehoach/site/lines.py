"""What the pages share beside their templates' macros (templates/macros.html): plans newest first,
a place's name and an area's breadcrumbs."""

from __future__ import annotations

from ..graph import Graph, Node
from . import paths

ERA_NOTE = "trước 1/7/2025"


def by_date(nodes) -> list[Node]:
    return sorted(nodes, key=lambda n: (str(n.date or ""), n.id), reverse=True)


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
