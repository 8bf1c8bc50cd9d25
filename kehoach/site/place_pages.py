"""Area pages: the nation, provinces, districts (before 1 July 2025) and communes, each with its own
plans, the units below it that have plans, and its link across the 2025 reform."""

from __future__ import annotations

from ..gazetteer import gazetteer
from ..graph import Graph, place_id
from . import paths
from .html import a, crumbs, esc, h, note, p, ul
from .lines import ERA_NOTE, by_date, place_name, place_trail, plan_line
from .page import Page, paginated


def place_page(graph: Graph, pid: str) -> dict[str, Page]:
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
    intro = []
    if place and place.today:
        province = gazetteer().successor(unit).province
        targets = a(province.name, here, paths.place(place_id(province)))
        if unit.level != "province":
            targets += ": " + ", ".join(a(graph.place(t).name, here, paths.place(t)) for t in place.today
                                        if graph.place(t))
        intro.append(note("info", "Đơn vị hành chính trước 1/7/2025", p(f"Ngày nay thuộc {targets}.")))
    if place and place.formed_from:
        known = set(graph.places())
        names = ", ".join(a(place_name(graph, t, era_note=True), here, paths.place(t))
                          for t in place.formed_from if t in known)
        if names:
            intro.append(p(f"Được hình thành từ (có kế hoạch trong cơ sở dữ liệu): {names}."))
    subs = graph.subplaces(pid)
    sections = [x for x in subs if not paths.has_own_page(x)]  # communes before 2025: sections of this page
    subs = [x for x in subs if paths.has_own_page(x)]
    if sections:
        intro.append(h(2, "Xã, phường, thị trấn có kế hoạch"))
        intro.append(ul([a(f"{place_name(graph, x)} ({len(graph.plans_at(x))})", here, paths.place(x)) for x in sections],
                        "kh-inline"))
        for x in sections:
            intro.append(_section(graph, x, here))
    if subs:
        mark = not (unit and unit.legacy)  # under a 2025 unit, say which units listed are older
        intro += [h(2, "Đơn vị có kế hoạch"),
                  ul([f"{a(place_name(graph, s, era_note=mark), here, paths.place(s))}: "
                      f"{graph.count_under(s)} kế hoạch" for s in subs])]
    at = by_date(graph.plans_at(pid))
    earlier = []
    if unit and not unit.legacy and unit.level == "commune":
        earlier = by_date(n for n in under if n.area and n.area.unit and n.area.unit.legacy)
    if unit and not unit.legacy and unit.level == "commune":
        intro.append(p("Người dân: xem " + a("mọi kế hoạch áp dụng ở " + name, here, paths.LOCAL, f"?xa={pid}")
                       + " (cả của tỉnh, thành phố, của xã và huyện cũ, và văn bản trung ương), tóm tắt bằng lời dễ hiểu."))
    if not at and not subs and not earlier:
        intro.append(p("Chưa có kế hoạch nào trong cơ sở dữ liệu."))
    entries = [(n, False) for n in at] + [(n, True) for n in earlier]

    def render(entry, page: str) -> str:
        node, older = entry
        return plan_line(node, page, with_place=older) + (f" <em>(ban hành {ERA_NOTE})</em>" if older else "")

    trail = place_trail(graph, pid)[:-1] + [(name, None)]
    return paginated(here, title, f"Kế hoạch của {name}: {len(under)} kế hoạch.", trail, "".join(intro), entries,
                     render, heading="Kế hoạch áp dụng trên địa bàn" if earlier else "Kế hoạch ban hành tại đây")


def _section(graph: Graph, pid: str, here: str) -> str:
    """A commune before 2025 on its district's page: its plans and what it is part of today."""
    place = graph.place(pid)
    anchor = pid.rpartition("/")[2]
    out = [f'<h3 id="{anchor}">{esc(place.name if place else anchor)}</h3>']
    if place and place.today:
        out.append(p("Ngày nay thuộc " + ", ".join(a(graph.place(t).name, here, paths.place(t)) for t in place.today
                                                   if graph.place(t)) + "."))
    out.append(ul([plan_line(n, here, with_place=False) for n in by_date(graph.plans_at(pid))]))
    return "".join(out)


def province_list(graph: Graph, here: str) -> list[str]:
    current = [x for x in graph.subplaces("") if not x.startswith("truoc-2025/")]
    legacy = [x for x in graph.subplaces("") if x.startswith("truoc-2025/")]
    out = [h(2, "34 tỉnh, thành phố (từ 1/7/2025)"),
           ul([f"{a(graph.place(x).name, here, paths.place(x))}: {graph.count_under(x)} kế hoạch"
               for x in current]) or p("Chưa có kế hoạch.")]
    if legacy:
        out += [h(2, f"Tỉnh, thành phố {ERA_NOTE}"),
                ul([f"{a(graph.place(x).name, here, paths.place(x))}: {graph.count_under(x)} kế hoạch"
                    for x in legacy])]
    return out


def places_index(graph: Graph) -> dict[str, Page]:
    here = paths.PLACES
    parts = [crumbs(here, [("Trang chủ", paths.HOME), ("Địa bàn", None)]), "<h1>Kế hoạch theo địa bàn</h1>",
             p("Chọn tỉnh, thành phố. Kế hoạch ban hành trước 1/7/2025 được xếp theo đơn vị hành chính lúc ban "
               "hành và cả theo đơn vị ngày nay.")] + province_list(graph, here)
    return {here: Page("Kế hoạch theo địa bàn", "".join(parts), "Kế hoạch của các tỉnh, thành phố, huyện, xã, phường.")}


__all__ = ["place_page", "places_index", "province_list"]
