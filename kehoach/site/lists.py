"""Index pages: home, topics, lead agencies, years, and the documents the plans cite."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..graph import Graph, Node
from ..text import sentence_case, slugify
from ..vocabulary import vocabulary
from . import paths
from .html import a, crumbs, esc, h, p, ul
from .lines import by_date, doc_line, plan_line
from .page import Page, paginated
from .place_pages import province_list
from .plan_page import agency_slug


def plan_list(first: str, title: str, description: str, index: tuple[str, str], crumb: str, intro: str,
              nodes: list[Node]) -> dict[str, Page]:
    trail = [("Trang chủ", paths.HOME), index, (crumb, None)]
    return paginated(first, title, description, trail, p(intro), by_date(nodes), plan_line)


def index_page(here: str, title: str, description: str, crumb: str, intro: str, items: list[str]) -> dict[str, Page]:
    parts = [crumbs(here, [("Trang chủ", paths.HOME), (crumb, None)]), f"<h1>{esc(title)}</h1>",
             p(intro) if intro else "", ul(items) or p("Chưa có.")]
    return {here: Page(title, "".join(parts), description)}


def _term_pages(graph: Graph, key: str, label_of, page_of, index: str, crumb: str, title: str, about: str,
                intro: str) -> dict[str, Page]:
    """A page per term of the plans' `key` (topics, beneficiaries) listing its plans, and their index."""
    by_term: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        for t in (n.meta or {}).get(key) or []:
            by_term[t].append(n)
    out: dict[str, Page] = {}
    for slug, nodes in by_term.items():
        label = label_of(slug)
        out.update(plan_list(page_of(slugify(slug)), f"{crumb}: {label}", f"Các kế hoạch {about} {label.lower()}.",
                             (crumb, index), label, f"{len(nodes)} kế hoạch {about} {esc(label.lower())}.", nodes))
    items = [f"{a(label_of(s), index, page_of(slugify(s)))}: {len(by_term[s])} kế hoạch"
             for s in sorted(by_term, key=lambda s: -len(by_term[s]))]
    out.update(index_page(index, title, f"{title}.", crumb, intro, items))
    return out


def topic_pages(graph: Graph) -> dict[str, Page]:
    return _term_pages(graph, "topics", vocabulary().topic_label, paths.topic, paths.TOPICS, "Chủ đề",
                       "Kế hoạch theo chủ đề", "về", "")


def beneficiary_pages(graph: Graph) -> dict[str, Page]:
    """A page per group of people plans serve (người khuyết tật, trẻ em…), from the plans' `beneficiaries`."""
    return _term_pages(graph, "beneficiaries", vocabulary().beneficiary_label, paths.beneficiary,
                       paths.BENEFICIARIES, "Đối tượng", "Kế hoạch theo đối tượng được hưởng", "dành cho",
                       "Những nhóm người mà kế hoạch nhắm tới, như người khuyết tật, người nghèo, trẻ em. Xem thêm "
                       + a("ai được trợ giúp pháp lý miễn phí", paths.BENEFICIARIES, paths.GUIDE) + ".")


def agency_pages(graph: Graph) -> dict[str, Page]:
    plans_of: dict[str, list[Node]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for n in graph.plans():
        seen = set()
        for t in (n.meta or {}).get("tasks") or []:
            for lead in (t.get("lead") or []) if isinstance(t, dict) else []:
                slug = agency_slug(lead)
                names[slug][sentence_case(lead)] += 1
                if slug not in seen:
                    seen.add(slug)
                    plans_of[slug].append(n)
    out: dict[str, Page] = {}
    for slug, nodes in plans_of.items():
        name = names[slug].most_common(1)[0][0]
        out.update(plan_list(paths.agency(slug), name, f"Các kế hoạch giao nhiệm vụ chủ trì cho {name}.",
                             ("Cơ quan", paths.AGENCIES), name,
                             f"Các kế hoạch giao {esc(name)} chủ trì thực hiện nhiệm vụ ({len(nodes)}).", nodes))
    ordered = sorted(plans_of, key=lambda s: (-len(plans_of[s]), s))
    items = [f"{a(names[s].most_common(1)[0][0], paths.AGENCIES, paths.agency(s))}: {len(plans_of[s])} kế hoạch"
             for s in ordered]
    out.update(index_page(paths.AGENCIES, "Cơ quan chủ trì nhiệm vụ", "Các cơ quan được giao chủ trì nhiệm vụ.",
                          "Cơ quan", "Cơ quan, đơn vị được các kế hoạch giao chủ trì thực hiện nhiệm vụ.", items))
    return out


def year_pages(graph: Graph) -> dict[str, Page]:
    by_year: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        by_year[str(n.date)[:4] if n.date else "chua-ro"].append(n)
    out: dict[str, Page] = {}
    for y, nodes in by_year.items():
        label = f"năm {y}" if y != "chua-ro" else "chưa rõ năm"
        out.update(plan_list(paths.year(y), f"Kế hoạch ban hành {label}", f"Các kế hoạch ban hành {label}.",
                             ("Năm ban hành", paths.YEARS), label.capitalize(), f"{len(nodes)} kế hoạch.", nodes))
    items = [f"{a(y, paths.YEARS, paths.year(y))}: {len(by_year[y])} kế hoạch" for y in sorted(by_year, reverse=True)]
    out.update(index_page(paths.YEARS, "Kế hoạch theo năm ban hành", "Các kế hoạch theo năm ban hành.",
                          "Năm ban hành", "", items))
    return out


def documents_index(graph: Graph) -> dict[str, Page]:
    here = paths.DOCUMENTS
    docs = sorted((n for n in graph.nodes.values() if n.kind != "plan"),
                  key=lambda n: (-len(graph.children(n.id)), n.id))
    intro = p("Quyết định, nghị quyết, luật… mà các kế hoạch căn cứ hoặc nhắc đến, xếp theo số văn bản trích dẫn. "
              "Văn bản đã có trong cơ sở dữ liệu được liên kết thẳng tới trang kế hoạch.")
    return paginated(here, "Văn bản được trích dẫn", "Các văn bản được các kế hoạch trích dẫn.",
                     [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", None)], intro, docs,
                     lambda n, at: f"{doc_line(n, at)} — {len(graph.children(n.id))} văn bản trích dẫn")


def home_page(graph: Graph) -> dict[str, Page]:
    here = paths.HOME
    plans = graph.plans()
    topics = Counter(t for n in plans for t in (n.meta or {}).get("topics") or [])
    parts = ["<h1>Kế hoạch của chính quyền địa phương</h1>",
             p(f"Trang này tập hợp <strong>{len(plans)} kế hoạch</strong> do tỉnh, thành phố, huyện (trước 1/7/2025), "
               "xã, phường và các sở, phòng ban hành, cùng các văn bản mà mỗi kế hoạch căn cứ hoặc thực hiện."),
             ul([f"<strong>Người dân</strong>: xem {a('mọi kế hoạch áp dụng ở xã, phường của bạn', here, paths.LOCAL)}. "
                 f"Bạn có thể được giúp đỡ pháp lý miễn phí: "
                 f"{a('ai được trợ giúp pháp lý, tự kiểm tra và hỏi ở đâu', here, paths.GUIDE)}.",
                 "<strong>Cán bộ, công chức</strong>: tra cứu kế hoạch cấp trên cần thực hiện, và đơn vị cấp dưới "
                 "nào đã có kế hoạch thực hiện. Gõ số hiệu như <em>19/KH-UBND</em> vào ô tìm kiếm."]),
             h(2, "Tìm theo địa bàn")] + province_list(graph, here)
    if topics:
        parts += [h(2, "Tìm theo chủ đề"),
                  ul([f"{a(vocabulary().topic_label(s), here, paths.topic(slugify(s)))}: {c} kế hoạch"
                      for s, c in topics.most_common()])]
    parts += [h(2, "Kế hoạch mới nhất"), ul([plan_line(n, here) for n in by_date(plans)[:10]]),
              p(f"Xem thêm: {a('theo năm ban hành', here, paths.YEARS)} · {a('cơ quan chủ trì', here, paths.AGENCIES)}"
                f" · {a('văn bản được trích dẫn', here, paths.DOCUMENTS)}.")]
    return {here: Page("Kế hoạch của chính quyền địa phương", "".join(parts),
                       "Tra cứu kế hoạch của tỉnh, huyện, xã và các sở, phòng: văn bản căn cứ, văn bản thực hiện.")}
