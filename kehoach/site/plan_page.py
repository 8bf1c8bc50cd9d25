"""A plan's page: its card, legal chain, implementing plans and coverage, neighbourhood, tasks, full
text, recipients and downloads. When the plans implementing it are too many for one light page,
they move to a page of their own (`paths.implementations`)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..bodies import agency_at
from ..citations import normalize_number
from ..graph import Graph, Node
from ..text import slugify
from ..vocabulary import vocabulary
from . import paths
from .html import a, card, crumbs, date, esc, h, link_out, p, shorten, table, ul
from .lines import area_links, by_date, doc_line, place_trail, plan_line
from .page import Page, paginated
from .svg import neighbourhood, page_of

INLINE_CHILDREN = 20  # implementing plans listed on the plan page itself
INLINE_UNITS = 40  # units of a coverage order listed on the plan page itself


@lru_cache(maxsize=None)
def agency_slug(name: str) -> str:
    found = agency_at(name.strip())
    if found and found[0] is not None and not found[2].strip(" ,.;"):
        return slugify(found[0].name)
    return slugify(name, max_words=5) or "khac"


def citation_targets(graph: Graph, node: Node) -> dict[str, str]:
    """Folded number → URL (relative to the plan's page) of the document it resolves to."""
    here = paths.plan(node.id)
    out = {}
    for e in graph.parents(node.id):
        if e.number:
            out[normalize_number(e.number).casefold()] = paths.url_rel(here, page_of(graph.nodes[e.target]))
    return out


def heading(node: Node) -> str:
    kind = node.doc_type or "Văn bản"
    return f"{kind} số {node.number}" if node.number else f"{kind} (không ghi số)"


def _chain(graph: Graph, nid: str, here: str, depth: int, seen: frozenset[str]) -> str:
    """What the documents above `nid` are based on in turn, up to the national level: one line each,
    without the subject (it is on each document's page)."""
    items = []
    for e in graph.parents(nid, "basis"):
        target = graph.nodes[e.target]
        if target.id in seen:
            continue
        sub = _chain(graph, target.id, here, depth + 1, seen | {target.id}) if (
            target.kind != "ambiguous" and depth < 6) else ""
        items.append(doc_line(target, here, subject=False, title=False) + sub)
    return ul(items)


def _basis(graph: Graph, node: Node, here: str) -> str:
    """The documents this plan implements, each with the chain above it nested beneath (without the
    documents the plan names itself, which are listed already)."""
    items = []
    direct = frozenset([node.id] + [e.target for e in graph.parents(node.id, "basis")])
    for e in graph.parents(node.id, "basis"):
        target = graph.nodes[e.target]
        above = _chain(graph, target.id, here, 1, direct) if target.kind != "ambiguous" else ""
        items.append(doc_line(target, here) + above)
    return ul(items, "kh-chain") if items else p("Kế hoạch không nêu văn bản căn cứ.")


def _implementing(graph: Graph, node: Node) -> list[Node]:
    return [graph.nodes[e.source] for e in graph.children(node.id, "basis") if graph.nodes[e.source].kind == "plan"]


def _grouped(children: list[Node], here: str) -> list[str]:
    groups: dict[str, list[Node]] = defaultdict(list)
    for child in children:
        groups[child.area.unit.name if child.area and child.area.unit else "Chưa rõ địa bàn"].append(child)
    return [f"<strong>{esc(name)}</strong>: " + "; ".join(plan_line(c, here, with_place=False)
                                                          for c in by_date(groups[name]))
            for name in sorted(groups)]


def _coverage(graph: Graph, coverage: list, here: str, full: bool) -> list[str]:
    out = []
    for c in coverage:
        out += [h(3, f"Đơn vị cấp dưới được giao: {c.units}"),
                p(f"{len(c.done)} trên {len(c.expected)} đơn vị đã có kế hoạch thực hiện trong cơ sở dữ liệu.")]
        if not full and len(c.expected) > INLINE_UNITS:
            continue
        done = [f"✓ {esc(u.name)}: " + ", ".join(a(graph.nodes[x].number or graph.nodes[x].title, here, paths.plan(x))
                                                 for x in c.done[u.code])
                for u in c.expected if u.code in c.done]
        out.append(ul(done))
        if c.missing:
            out.append(p(f"Chưa có: {esc(', '.join(u.name for u in c.missing))}."))
    return out


def plan_page(graph: Graph, node: Node, fulltext_html: str, source: str | None = None) -> dict[str, Page]:
    """`source`: the plan file's address in the repository, when the site links there instead of
    carrying a copy of every plan file."""
    here = paths.plan(node.id)
    meta = node.meta or {}
    issuer = meta.get("issuer") or {}
    signer = meta.get("signer") or {}
    title = node.title or node.id
    head = heading(node)
    trail = place_trail(graph, node.area.places_as_issued()[-1]) if node.area and node.area.unit else [
        ("Trang chủ", paths.HOME)]
    issued, today = area_links(graph, node, here)
    who = " ".join(y for y in (signer.get("title"), signer.get("name")) if y)
    out = [crumbs(here, trail + [(head, None)]), f"<h1>{esc(title)}</h1>",
           card([("Số, ký hiệu", esc(node.number or f"(không ghi số)/{meta.get('symbol') or ''}")),
                 ("Loại văn bản", esc(node.doc_type)), ("Ngày ban hành", esc(date(node.date))),
                 ("Cơ quan ban hành", esc(issuer.get("name"))),
                 ("Người ký", esc(", ".join(x for x in (signer.get("authority"), who) if x))),
                 ("Địa bàn khi ban hành", issued), ("Địa bàn ngày nay", today),
                 ("Chủ đề", ", ".join(a(vocabulary().topic_label(s), here, paths.topic(s))
                                     for s in meta.get("topics") or [] if vocabulary().topic(s)))])]
    if meta.get("summary"):
        out.append(f"<blockquote><p>{esc(meta['summary'])}</p></blockquote>")

    out += [h(2, "Căn cứ, thực hiện"), _basis(graph, node, here)]

    pages: dict[str, Page] = {}
    out.append(h(2, "Văn bản thực hiện"))
    children = _implementing(graph, node)
    coverage = graph.coverage(node.id)
    too_long = len(children) > INLINE_CHILDREN or any(len(c.expected) > INLINE_UNITS for c in coverage)
    if too_long:
        more = paths.implementations(node.id)
        out.append(p(f"{len(children)} kế hoạch thực hiện trực tiếp kế hoạch này. "
                     + a("Xem danh sách theo địa bàn", here, more) + "."))
        pages.update(implementations_page(graph, node, children, coverage, head))
    elif children:
        out.append(ul(_grouped(children, here)))
    else:
        out.append(p("Chưa có kế hoạch nào trong cơ sở dữ liệu thực hiện kế hoạch này."))
    deeper = sum(1 for n, d in graph.descendants(node.id) if d > 1 and n.kind == "plan")
    if deeper:
        out.append(p(f"Ở các cấp dưới nữa: {deeper} kế hoạch thực hiện các kế hoạch trên."))
    out += _coverage(graph, coverage, here, full=False)

    picture = neighbourhood(graph, node, here)
    if picture:
        out += [h(2, "Sơ đồ liên kết"), picture]
    refs = graph.parents(node.id, "reference")
    if refs:
        out += [h(2, "Văn bản khác được nhắc đến"),
                ul([doc_line(graph.nodes[e.target], here, subject=False) for e in refs])]
    tasks = [t for t in meta.get("tasks") or [] if isinstance(t, dict)]
    if tasks:
        rows = [[esc(shorten(t.get("name"), 80)),
                 ", ".join(a(name, here, paths.agency(agency_slug(name))) for name in t.get("lead") or []),
                 esc(shorten(", ".join(t.get("partners") or []), 50)), esc(t.get("timeline"))] for t in tasks]
        out += [h(2, "Nhiệm vụ"), table(["Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"], rows)]
    out += [h(2, "Toàn văn"), fulltext_html]
    recipients = [r for r in meta.get("recipients") or [] if r]
    if recipients:
        out += [h(2, "Nơi nhận"), ul([esc(r) for r in recipients])]
    plan_file = (link_out("Tệp kế hoạch (Markdown, YAML)", source) if source
                 else a("Tệp kế hoạch (Markdown, YAML)", here, paths.plan_file(node.id)))
    out += [h(2, "Tải về"), ul([plan_file, a("Dữ liệu JSON", here, paths.plan_json(node.id))])]
    description = f"{head} ngày {date(node.date)} của {issuer.get('name') or ''}: {title}"
    pages[here] = Page(f"{head}: {title}", "".join(out), description)
    return pages


def implementations_page(graph: Graph, node: Node, children: list[Node], coverage: list,
                         head: str) -> dict[str, Page]:
    first = paths.implementations(node.id)
    trail = [("Trang chủ", paths.HOME), (head, paths.plan(node.id)), ("Văn bản thực hiện", None)]
    intro = [p(f"{len(children)} kế hoạch thực hiện trực tiếp {esc(head)} ({esc(node.title)}), theo địa bàn.")]
    intro += _coverage(graph, coverage, first, full=True)
    ordered = sorted(children, key=lambda c: (c.area.unit.name if c.area and c.area.unit else "", str(c.date or "")))
    return paginated(first, f"Văn bản thực hiện {head}", f"Các kế hoạch thực hiện {head}: {node.title}",
                     trail, "".join(intro), ordered, plan_line)


__all__ = ["agency_slug", "citation_targets", "plan_page"]
