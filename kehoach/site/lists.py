"""Index pages: home, topics, years, and the documents the plans cite."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..graph import Graph, Node
from ..text import fold, slugify
from ..vocabulary import vocabulary
from . import paths
from .html import esc
from .lines import by_date
from .page import Page, paginated
from .place_pages import provinces
from .render import render


def plan_list(first: str, title: str, description: str, index: tuple[str, str], crumb: str, intro: str,
              nodes: list[Node]) -> dict[str, Page]:
    trail = [("Trang chủ", paths.HOME), index, (crumb, None)]
    return paginated("plans.html", first, title, description, trail, by_date(nodes), intro=intro)


def index_page(here: str, title: str, description: str, crumb: str, intro: str,
               items: list[tuple[str, str, int]], guide: str = "", unit: str = "kế hoạch",
               trail: list | None = None) -> dict[str, Page]:
    """`items`: (label, page, how many `unit`); `trail`: the breadcrumbs, if not home › `crumb`."""
    html = render("terms.html", here, title=title, crumb=crumb, intro=intro, items=items, guide=guide, unit=unit,
                  trail=trail)
    return {here: Page(title, html, description)}


def _term_pages(graph: Graph, key: str, label_of, page_of, index: str, crumb: str, title: str, about: str,
                intro: str, guide: str = "") -> dict[str, Page]:
    """A page per term of the plans' `key` (topics, beneficiaries) listing its plans, and their index."""
    by_term: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        for t in (n.meta or {}).get(key) or []:
            by_term[t].append(n)
    out: dict[str, Page] = {}
    for slug, nodes in by_term.items():
        label = label_of(slug)
        first = page_of(slugify(slug))
        out.update(plan_list(first, f"{crumb}: {label}", f"Các kế hoạch {about} {label.lower()}.",
                             (crumb, index), label, f"{len(nodes)} kế hoạch {about} {label.lower()}.", nodes))
        # found by search under its name ("người khuyết tật"), by its intro rather than every title it lists
        out[first].searchable = True
        out[first].search_html = f"<p>{esc(len(nodes))} kế hoạch {esc(about)} {esc(label.lower())}.</p>"
        out[first].search_names = (label,)
        out[first].search_weight = min(30, len(nodes))  # below the legal-aid guide's, of the same name
    items = [(label_of(s), page_of(slugify(s)), len(by_term[s])) for s in sorted(by_term, key=lambda s: -len(by_term[s]))]
    out.update(index_page(index, title, f"{title}.", crumb, intro, items, guide))
    return out


def topic_pages(graph: Graph) -> dict[str, Page]:
    return _term_pages(graph, "topics", vocabulary().topic_label, paths.topic, paths.TOPICS, "Chủ đề",
                       "Kế hoạch theo chủ đề", "về", "")


def beneficiary_pages(graph: Graph) -> dict[str, Page]:
    """A page per group of people plans serve (người khuyết tật, trẻ em…), from the plans' `beneficiaries`."""
    return _term_pages(graph, "beneficiaries", vocabulary().beneficiary_label, paths.beneficiary,
                       paths.BENEFICIARIES, "Đối tượng", "Kế hoạch theo đối tượng được hưởng", "dành cho",
                       "Những nhóm người mà kế hoạch nhắm tới, như người khuyết tật, người nghèo, trẻ em.", paths.GUIDE)


def year_pages(graph: Graph) -> dict[str, Page]:
    by_year: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        by_year[str(n.date)[:4] if n.date else "chua-ro"].append(n)
    out: dict[str, Page] = {}
    for y, nodes in by_year.items():
        label = f"năm {y}" if y != "chua-ro" else "chưa rõ năm"
        out.update(plan_list(paths.year(y), f"Kế hoạch ban hành {label}", f"Các kế hoạch ban hành {label}.",
                             ("Năm ban hành", paths.YEARS), label.capitalize(), f"{len(nodes)} kế hoạch.", nodes))
    items = [(y, paths.year(y), len(by_year[y])) for y in sorted(by_year, reverse=True)]
    out.update(index_page(paths.YEARS, "Kế hoạch theo năm ban hành", "Các kế hoạch theo năm ban hành.",
                          "Năm ban hành", "", items))
    return out


def documents_index(graph: Graph) -> dict[str, Page]:
    docs = sorted((n for n in graph.nodes.values() if n.kind != "plan"),
                  key=lambda n: (-len(graph.children(n.id)), n.id))
    return paginated("documents.html", paths.DOCUMENTS, "Văn bản được trích dẫn", "Các văn bản được các kế hoạch trích dẫn.",
                     [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", None)],
                     [(n, len(graph.children(n.id))) for n in docs])


NUMBERS_PER_PAGE = 500  # ~45 KB a page: fewer pages, less of the theme repeated
_NUMBER = re.compile(r"^\s*0*(\d+)")


def number_pages(graph: Graph) -> dict[str, Page]:
    """Every document that has a number, plans and cited documents, ordered by it ("Số hiệu"): the
    lookup that works without JavaScript, linked from the header where the search box needs it."""
    def lead(n: Node) -> int:
        return int(_NUMBER.match(n.number).group(1))

    numbered = sorted((n for n in graph.nodes.values() if n.number and _NUMBER.match(n.number)),
                      key=lambda n: (lead(n), fold(n.number), str(n.date or ""), n.id))
    chunks = [numbered[i:i + NUMBERS_PER_PAGE] for i in range(0, len(numbered), NUMBERS_PER_PAGE)]
    # each page's numbers, on the first: the pages are those `paginated` makes, one per chunk
    ranges = [(lead(c[0]), lead(c[-1]), paths.nth_page(paths.NUMBERS, k)) for k, c in enumerate(chunks, 1)]
    title = "Văn bản theo số"
    return paginated("numbers.html", paths.NUMBERS, title, "Mọi kế hoạch và văn bản được trích dẫn, xếp theo số.",
                     [("Trang chủ", paths.HOME), (title, None)], numbered, per_page=NUMBERS_PER_PAGE, ranges=ranges)


def home_page(graph: Graph) -> dict[str, Page]:
    plans = graph.plans()
    topics = Counter(t for n in plans for t in (n.meta or {}).get("topics") or [])
    topics = [(vocabulary().topic_label(s), paths.topic(slugify(s)), c) for s, c in topics.most_common()]
    html = render("home.html", paths.HOME, count=len(plans), provinces=provinces(graph), topics=topics,
                  latest=by_date(plans)[:10])
    return {paths.HOME: Page("Kế hoạch của chính quyền địa phương", html,
                             "Tra cứu kế hoạch của tỉnh, huyện, xã và các sở, phòng: văn bản căn cứ, văn bản thực hiện.")}
