"""Area pages: the nation, provinces, districts (before 1 July 2025) and communes, each with its own
plans, the units below it that have plans, and its link across the 2025 reform."""

from __future__ import annotations

from ..gazetteer import gazetteer
from ..graph import Graph, place_id
from . import paths
from .lines import ERA_NOTE, by_date, place_name, place_trail
from .page import Page, paginated
from .render import render


def _links(graph: Graph, pids) -> list[tuple[str, str]]:
    return [(graph.place(t).name, paths.place(t)) for t in pids if graph.place(t)]


def place_page(graph: Graph, pid: str, register_page: tuple[str, int] | None = None,
               register: dict | None = None) -> dict[str, Page]:
    """`register_page`: the page of the place's register and how many tasks it lists (a province);
    `register`: the register its page shows (a commune: register_pages.register_data)."""
    here = paths.place(pid)
    place = graph.place(pid)
    unit = place.unit if place else None
    name = place.name if place else pid
    title = f"{name} ({ERA_NOTE})" if unit and unit.legacy and unit.level == "province" else name
    if unit and unit.level != "province":
        parent = graph.place(place.parent)
        if parent:
            title = f"{name}, {parent.unit.name if parent.unit.level == 'province' else parent.name}"
    under = graph.plans_under(pid)
    today = None
    if place and place.today:
        province = gazetteer().successor(unit).province
        today = {"province": (province.name, paths.place(place_id(province))),
                 "places": _links(graph, place.today) if unit.level != "province" else []}
    formed = []
    if place and place.formed_from:
        formed = [(place_name(graph, t, era_note=True), paths.place(t)) for t in place.formed_from if graph.has_plans(t)]
    subs = graph.subplaces(pid)
    sections = [{"id": x.rpartition("/")[2], "name": place_name(graph, x), "page": paths.place(x),
                 "count": len(graph.plans_at(x)), "today": _links(graph, graph.place(x).today if graph.place(x) else []),
                 "plans": by_date(graph.plans_at(x))}
                for x in subs if not paths.has_own_page(x)]  # communes before 2025: sections of this page
    mark = not (unit and unit.legacy)  # under a 2025 unit, say which units listed are older
    subs = [(place_name(graph, s, era_note=mark), paths.place(s), graph.count_under(s))
            for s in subs if paths.has_own_page(s)]
    at = by_date(graph.plans_at(pid))
    earlier = []
    local = unit and not unit.legacy and unit.level == "commune"
    if local:
        earlier = by_date(n for n in under if n.area and n.area.unit and n.area.unit.legacy)
    entries = [(n, False) for n in at] + [(n, True) for n in earlier]
    trail = place_trail(graph, pid)[:-1] + [(name, None)]
    return paginated("place.html", here, title, f"Kế hoạch của {name}: {len(under)} kế hoạch.", trail, entries,
                     heading="Kế hoạch áp dụng trên địa bàn" if earlier else "Kế hoạch ban hành tại đây",
                     name=name, pid=pid, today=today, formed=formed, sections=sections, subs=subs, local=local,
                     empty=not at and not subs and not earlier, era_note=ERA_NOTE, register=register,
                     register_page=register_page)


def provinces(graph: Graph) -> tuple[list, list]:
    """The provinces with plans, 2025 ones and those before: (name, page, number of plans) each."""
    def rows(pids):
        return [(graph.place(x).name, paths.place(x), graph.count_under(x)) for x in pids]
    top = graph.subplaces("")
    return (rows(x for x in top if not x.startswith("truoc-2025/")),
            rows(x for x in top if x.startswith("truoc-2025/")))


def places_index(graph: Graph) -> dict[str, Page]:
    html = render("places.html", paths.PLACES, provinces=provinces(graph))
    return {paths.PLACES: Page("Kế hoạch theo địa bàn", html, "Kế hoạch của các tỉnh, thành phố, huyện, xã, phường.")}


__all__ = ["place_page", "places_index", "provinces"]
