"""The legal-aid guide (huong-dan/tro-giup-phap-ly/): who is entitled to free legal aid, what to bring,
where to ask, and a self-check ("Tôi có thuộc diện…?").

Every legal statement comes from kehoach/data/tro-giup-phap-ly.yaml with its sources (kehoach.legalaid);
nothing here states law of its own. The page is a readable list without JavaScript; the self-check form
is shown and answered by docs/assets/tu-kiem-tra.js from the `data-when` of each clause on the page.
"""

from __future__ import annotations

from collections import defaultdict

from ..graph import Graph, Node, place_id
from ..legalaid import Clause, Law, law
from ..text import fold
from ..vocabulary import vocabulary
from . import paths
from .html import a, crumbs, esc, h, link_out, p, ul
from .lines import by_date, plan_line, when
from .local_page import current_provinces
from .page import Page

TOPIC = "tro-giup-phap-ly"
PLANS_PER_PROVINCE = 5


def cite(law_: Law, refs) -> str:
    """Source marks: [1][3], linking to the list of sources at the end of the page."""
    order = list(law_.sources)
    return "".join(f'<sup><a href="#nguon-{esc(r)}" title="{esc(law_.sources[r].publisher)}">[{order.index(r) + 1}]</a></sup>'
                   for r in refs)


def _clause(law_: Law, c: Clause, here: str, with_plans: set[str]) -> str:
    parts = [f"<strong>{esc(c.plain)}</strong>{cite(law_, c.sources)}",
             f'<details><summary>Lời văn của Luật ({esc(c.label)} Điều 7)</summary><p>{esc(c.text)}</p></details>']
    if c.note:
        parts.append(p(esc(c.note), "kh-note"))
    if c.beneficiary in with_plans:
        label = vocabulary().beneficiary_label(c.beneficiary)
        parts.append(p("Kế hoạch dành cho nhóm này: " + a(label, here, paths.beneficiary(c.beneficiary))))
    return (f'<li id="khoan-{esc(c.id)}" data-khoan="{esc(c.id)}" data-label="{esc(c.label)}" '
            f'data-when="{esc(" ".join(c.when))}">' + "".join(parts) + "</li>")


def legal_aid_plans(graph: Graph) -> dict[str, list[Node]]:
    """Plans about legal aid by province today, mobile legal aid (lưu động) first, then newest."""
    by_province: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        today = n.area.places_today() if n.area else []  # the 2025 province first, for units of both eras
        if TOPIC in ((n.meta or {}).get("topics") or []) and today:
            by_province[today[0]].append(n)

    def mobile(n: Node) -> bool:
        tasks = (n.meta or {}).get("tasks") or []
        return any("luu dong" in fold(str(t.get("name") or "")) for t in tasks if isinstance(t, dict)) \
            or "luu dong" in fold(n.title or "")
    return {k: sorted(by_date(v), key=lambda n: not mobile(n))[:PLANS_PER_PROVINCE] for k, v in by_province.items()}


def guide_page(graph: Graph) -> dict[str, Page]:
    here = paths.GUIDE
    law_ = law()
    clauses = law_.published()
    with_plans = {b for n in graph.plans() for b in (n.meta or {}).get("beneficiaries") or []}
    raw = law_.raw
    provinces = [(place_id(u), u.name) for u in current_provinces()]
    plans = legal_aid_plans(graph)
    ages = "".join(f'<label><input type="radio" name="tuoi" value="{esc(i)}"> {esc(t)}</label>' for i, t in law_.ages)
    facts = "".join(f'<label><input type="checkbox" name="dieu-kien" value="{esc(i)}"> {esc(t)}</label>'
                    for i, t in law_.facts)
    options = "".join(f'<option value="{esc(pid)}">{esc(name)}</option>' for pid, name in provinces)
    derived = raw["derived"]["kho-khan-tai-chinh"]
    form = ('<form class="kh-selfcheck" data-kh-selfcheck hidden '
            f'data-derived-kho-khan-tai-chinh="{esc(" ".join(derived["any"]))}">'
            '<fieldset><legend>1. Tuổi của người cần giúp</legend>' + ages + '</fieldset>'
            '<fieldset><legend>2. Điều nào đúng với người cần giúp? (chọn mọi điều đúng)</legend>' + facts + '</fieldset>'
            '<label class="kh-selfcheck-province">3. Tỉnh, thành phố nơi bạn ở<select name="tinh">'
            '<option value="">Chọn tỉnh, thành phố</option>' + options + '</select></label>'
            '<button type="submit" class="md-button md-button--primary">Xem kết quả</button>'
            '</form><div class="kh-selfcheck-result" data-kh-selfcheck-result aria-live="polite"></div>')
    amendments = [f"<strong>{esc(m['title'])} số {esc(m['number'])}</strong>, có hiệu lực từ "
                  f"{esc(when(m['in_force']))}: {esc(m['does'])}{cite(law_, m['sources'])}" for m in raw["amendments"]]
    repealed = [c for c in law_.clauses if c.verified and c.repealed]
    amendments += [f"Từ {esc(when(c.repealed))}, {esc(c.label)} Điều 7 (“{esc(c.plain)}”) bị bãi bỏ: "
                   f"thay bằng khoản 6a ở trên.{cite(law_, c.sources)}" for c in repealed]
    docs = raw["documents"]
    where = [p(esc(raw["where"]["text"]) + cite(law_, raw["where"]["sources"])),
             p("Bạn cũng có thể hỏi Ủy ban nhân dân xã, phường nơi bạn ở.")]
    sections = []
    for pid, name in provinces:
        if pid in plans:
            sections.append(f'<section data-tinh="{esc(pid)}"><h3>{esc(name)}</h3>'
                            + ul([plan_line(n, here) for n in plans[pid]]) + "</section>")
    if sections:
        where += [h(3, "Kế hoạch trợ giúp pháp lý của các tỉnh, thành phố"),
                  p("Kế hoạch trong cơ sở dữ liệu tổ chức trợ giúp pháp lý tại địa phương (trợ giúp pháp lý lưu động "
                    "được xếp trước)."), '<div class="kh-guide-plans">' + "".join(sections) + "</div>"]
    sources = [f'<li id="nguon-{esc(s.id)}">{esc(s.publisher)}{", " + esc(when(s.date)) if s.date else ""}: '
               f'{link_out(s.title, s.url)}{" (báo)" if s.kind == "press" else ""}. '
               f'<em>Đối chiếu: {esc(s.checks)}</em></li>' for s in law_.sources.values()]
    parts = [crumbs(here, [("Trang chủ", paths.HOME), ("Trợ giúp pháp lý", None)]),
             "<h1>Trợ giúp pháp lý miễn phí: ai được giúp, hỏi ở đâu</h1>",
             p("<strong>Trợ giúp pháp lý</strong> là việc Nhà nước cung cấp dịch vụ pháp lý <strong>miễn phí</strong> "
               "cho người được trợ giúp pháp lý: tư vấn pháp luật, tham gia tố tụng (bào chữa, bảo vệ bạn trong vụ án), "
               "đại diện ngoài tố tụng." + cite(law_, ["sotuphap-haiduong"])),
             h(2, "Tôi có thuộc diện được trợ giúp không?"),
             p("Trả lời vài câu hỏi dưới đây: trang sẽ cho biết bạn thuộc khoản nào của Luật, cần mang giấy tờ gì và "
               "hỏi ở đâu. Không có gì được gửi đi: mọi thứ diễn ra trên máy của bạn."),
             form,
             '<noscript><p>Phần tự kiểm tra cần JavaScript. Danh sách đầy đủ ở ngay dưới đây.</p></noscript>',
             h(2, "Ai được trợ giúp pháp lý miễn phí"),
             p(f"Theo Điều 7 {esc(raw['law']['title'])} số {esc(raw['law']['number'])}{cite(law_, raw['law']['sources'])}"
               ", đã được sửa đổi, những người sau được trợ giúp pháp lý:"),
             '<ol class="kh-clauses" data-kh-clauses>' + "".join(_clause(law_, c, here, with_plans) for c in clauses) + "</ol>",
             p(esc(derived["says"]) + cite(law_, derived["sources"])),
             h(2, "Những thay đổi của Luật"), ul(amendments),
             h(2, "Mang theo giấy tờ gì"),
             '<div id="kh-giay-to">' + ul([esc(docs["all"]) + cite(law_, docs["all_sources"]),
                 esc(docs["kho-khan-tai-chinh"]) + cite(law_, docs["kho-khan-tai-chinh_sources"]),
                 "Người nhiễm HIV: " + esc(docs["hiv"]) + cite(law_, docs["hiv_sources"])]) + "</div>",
             h(2, "Hỏi ở đâu"), *where,
             h(2, "Nguồn"),
             p("Mỗi điều trên trang này đã được đối chiếu với văn bản đăng trên các trang dưới đây; điều nào chưa đối "
               "chiếu được thì chưa đăng. Trang này chỉ tóm tắt bằng lời dễ hiểu: khi cần chắc chắn, hãy hỏi Trung tâm "
               "Trợ giúp pháp lý nhà nước."),
             '<ol class="kh-sources">' + "".join(sources) + "</ol>"]
    return {here: Page("Trợ giúp pháp lý miễn phí: ai được giúp, hỏi ở đâu", "".join(parts),
                       "Ai được trợ giúp pháp lý miễn phí theo Luật Trợ giúp pháp lý, mang giấy tờ gì, hỏi ở đâu.",
                       searchable=True)}


__all__ = ["guide_page", "legal_aid_plans"]
