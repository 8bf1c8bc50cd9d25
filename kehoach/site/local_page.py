""""Địa phương của tôi" (dia-phuong/): pick a province, then a ward or commune (2025 units), and see
everything that applies there as one page: the commune's own plans, those of the units it was formed
from (old communes, old district), the province's (and the provinces it was formed from), and the
national documents they implement, newest first, each in plain words.

The page is one HTML form; what applies in each commune is one JSON file per province
(`dia-phuong/<province>.json`, written here), read by docs/assets/dia-phuong.js when the province is
picked. The address keeps the commune (``dia-phuong/?xa=hai-phong/phuong-le-thanh-nghi``): sharing it
shares the page.

A province's file:

    name       "Thành phố Hải Phòng"
    provinces  [place ids]  the province and the provinces before 1 July 2025 it was formed from
    communes   [[place id, name, [the old communes and districts it was formed from that have plans],
                 their names]…]
    places     {place id: [name, [plan ids]]}  every place of the province with plans
    plans      {id: {t, n, d, i, u, s, k, c}}  title, number, date, issuer, URL, summary, tasks for
               people, ids of the national documents it implements
    docs       {id: {t, d, i, u}}  those national documents
"""

from __future__ import annotations

import json

from ..gazetteer import CURRENT, Unit, gazetteer
from ..graph import Graph, Node, place_id
from ..graph.places import parent_place_id
from ..text import fold
from . import paths
from .html import a, crumbs, date, esc, p
from .page import Page


def _label(node: Node) -> str:
    return f"{node.doc_type or 'Văn bản'} số {node.number}" if node.number else (node.doc_type or "Văn bản")


def province_data(graph: Graph, province: Unit, summaries: dict[str, tuple[str, list[str]]]) -> dict:
    g = gazetteer()
    pid = place_id(province)
    here = paths.LOCAL
    provinces = [pid] + [place_id(u) for u in g.predecessors(province)]
    communes, places = [], {}
    wanted: set[str] = set(provinces)
    for commune in g.children(province):
        earlier: list[str] = []
        olds = g.predecessors(commune)
        for old in olds:
            for x in (place_id(old), parent_place_id(place_id(old))):
                if x and x not in earlier and x not in provinces:
                    earlier.append(x)
        formed = ", ".join(f"{o.name} ({(g.parent(o) or o).name})" if o.level == "commune" else o.name for o in olds)
        communes.append([place_id(commune), commune.name, earlier, formed])
        wanted.update([place_id(commune), *earlier])
    for c in communes:  # only the old units with plans are worth looking up
        c[2] = [x for x in c[2] if graph.plans_at(x)]
    plans: dict[str, dict] = {}
    docs: dict[str, dict] = {}
    for x in sorted(wanted):
        at = graph.plans_at(x)
        if not at:
            continue
        places[x] = [graph.place(x).name if graph.place(x) else x, [n.id for n in at]]
        for n in at:
            central = [m for m, _ in graph.ancestors(n.id) if m.level == "central" and m.kind != "ambiguous"]
            summary, tasks = summaries.get(n.id, ("", []))
            plans[n.id] = {"t": n.title or n.id, "n": n.number or "", "d": date(n.date),
                           "o": str(n.date or ""), "i": ((n.meta or {}).get("issuer") or {}).get("name") or "",
                           "u": paths.url_rel(here, paths.plan(n.id)), "s": summary, "k": tasks,
                           "c": [m.id for m in central]}
            for m in central:
                to = paths.plan(m.id) if m.kind == "plan" else paths.document(m.id)
                docs[m.id] = {"t": m.title if m.title and m.title != m.label else "", "l": _label(m),
                              "d": date(m.date), "o": str(m.date or ""), "i": m.issuer or "",
                              "u": paths.url_rel(here, to)}
    return {"name": province.name, "provinces": provinces, "communes": communes, "places": places,
            "plans": plans, "docs": docs}


def current_provinces() -> list[Unit]:
    """The 34 provinces and cities from 1 July 2025, in alphabetical order of their names."""
    units = [u for u in gazetteer().units.values() if u.era == CURRENT and u.level == "province"]
    return sorted(units, key=lambda u: fold(u.short))


def local_files(graph: Graph, summaries: dict[str, tuple[str, list[str]]]) -> dict[str, bytes]:
    return {paths.local_data(place_id(u)): json.dumps(province_data(graph, u, summaries), ensure_ascii=False,
                                                      separators=(",", ":")).encode()
            for u in current_provinces()}


def local_page(graph: Graph) -> dict[str, Page]:
    here = paths.LOCAL
    options = "".join(f'<option value="{esc(place_id(u))}">{esc(u.name)}</option>' for u in current_provinces())
    form = ('<form class="kh-local" data-kh-local hidden>'
            '<label>1. Tỉnh, thành phố<select name="tinh"><option value="">Chọn tỉnh, thành phố</option>'
            + options + '</select></label>'
            '<label>2. Xã, phường, đặc khu (gõ tên, có dấu hay không dấu đều được)<input type="text" name="xa" '
            'autocomplete="off" spellcheck="false" placeholder="Lê Thanh Nghị, Hưng Hà…" disabled></label>'
            '<ul class="kh-local-choices" data-kh-local-choices></ul></form>'
            '<p class="kh-local-meta" data-kh-local-meta aria-live="polite"></p>'
            '<div class="kh-local-result" data-kh-local-result></div>')
    parts = [crumbs(here, [("Trang chủ", paths.HOME), ("Địa phương của tôi", None)]),
             "<h1>Địa phương của tôi</h1>",
             p("Chọn tỉnh, thành phố rồi chọn xã, phường nơi bạn ở (theo đơn vị hành chính từ 1/7/2025). Trang sẽ "
               "cho thấy mọi kế hoạch áp dụng ở đó: của xã, phường; của xã và huyện cũ trước khi sắp xếp; của tỉnh, "
               "thành phố; và các văn bản trung ương mà chúng thực hiện. Mỗi kế hoạch có tóm tắt và những việc làm "
               "cho người dân. Địa chỉ trang giữ nơi bạn chọn: gửi địa chỉ ấy cho người khác là gửi trang này."),
             form,
             '<noscript><p>Trang này cần JavaScript. Bạn vẫn có thể xem kế hoạch theo '
             + a("địa bàn", here, paths.PLACES) + " hoặc đọc " + a("trợ giúp pháp lý miễn phí", here, paths.GUIDE)
             + ".</p></noscript>"]
    return {here: Page("Địa phương của tôi", "".join(parts),
                       "Mọi kế hoạch áp dụng ở xã, phường của bạn: của xã, huyện cũ, tỉnh và trung ương.",
                       searchable=True)}


__all__ = ["current_provinces", "local_files", "local_page", "province_data"]
