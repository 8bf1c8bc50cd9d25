"""A plan's page: its card, legal chain, implementing plans and coverage, neighbourhood, tasks, full
text, recipients and downloads. When the plans implementing it are too many for one light page,
they move to a page of their own (`paths.implementations`)."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from ..agencies import leads_of
from ..citations import normalize_number
from ..graph import Graph, Node, place_id
from ..register import province_of
from ..status import grouped_relations, until
from ..text import heading_slug
from ..vocabulary import vocabulary
from . import paths
from .coverage_map import coverage_map
from .diagram import neighbourhood, page_of
from .html import date, fold
from .lines import ERA_NOTE, by_date, place_trail
from .page import Page, paginated
from .render import render
from .sanitize import cleaned
from .spool import Spooled

INLINE_CHILDREN = 20  # implementing plans listed on the plan page itself
INLINE_UNITS = 40  # units of a coverage order listed on the plan page itself


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


# the page's own sections: a heading of the plan's text with one of their anchors loses its anchor
SECTIONS = ("Căn cứ, thực hiện", "Văn bản thực hiện", "Sơ đồ liên kết", "Văn bản khác được nhắc đến", "Nhiệm vụ",
            "Toàn văn", "Nơi nhận", "Tải về")
RESERVED_IDS = frozenset(heading_slug(s) for s in SECTIONS)


def _chain(graph: Graph, nid: str, depth: int, seen: frozenset[str]) -> list[dict]:
    """What the documents above `nid` are based on in turn, up to the national level."""
    items = []
    for e in graph.parents(nid, "basis"):
        target = graph.nodes[e.target]
        if target.id in seen:
            continue
        above = _chain(graph, target.id, depth + 1, seen | {target.id}) if (
            target.kind != "ambiguous" and depth < 6) else []
        items.append({"node": target, "above": above})
    return items


def _basis(graph: Graph, node: Node) -> list[dict]:
    """The documents this plan implements, each with the chain above it (without the documents the
    plan names itself, which are listed already)."""
    direct = frozenset([node.id] + [e.target for e in graph.parents(node.id, "basis")])
    out = []
    for e in graph.parents(node.id, "basis"):
        target = graph.nodes[e.target]
        out.append({"node": target, "above": _chain(graph, target.id, 1, direct) if target.kind != "ambiguous" else []})
    return out


def _implementing(graph: Graph, node: Node) -> list[Node]:
    return [graph.nodes[e.source] for e in graph.children(node.id, "basis") if graph.nodes[e.source].kind == "plan"]


def _grouped(children: list[Node]) -> list[tuple[str, list[Node]]]:
    groups: dict[str, list[Node]] = defaultdict(list)
    for child in children:
        groups[child.area.unit.name if child.area and child.area.unit else "Chưa rõ địa bàn"].append(child)
    return [(name, by_date(groups[name])) for name in sorted(groups)]


def coverage_rows(graph: Graph, coverage: list, full: bool) -> list[dict]:
    return [{"units": c.units, "done": len(c.done), "expected": len(c.expected),
             "listed": full or len(c.expected) <= INLINE_UNITS,
             "done_units": [(u.name, [(graph.nodes[x].number or graph.nodes[x].title, paths.plan(x)) for x in c.done[u.code]])
                            for u in c.expected if u.code in c.done],
             "missing": ", ".join(u.name for u in c.missing)} for c in coverage]


def _areas(node: Node) -> tuple[list, dict | None]:
    """(as issued, today) for a plan's card: links to the units' pages."""
    area = node.area
    if area is None or area.unit is None:
        return [], None
    issued = [(u.name, paths.place(place_id(u))) for u in (area.commune, area.district, area.province) if u]
    today = None
    if area.successor and area.unit.legacy:
        s = area.successor
        today = {"province": (s.province.name, paths.place(place_id(s.province))),
                 "communes": [(c.name, paths.place(place_id(c))) for c in s.communes] if area.unit.level != "province" else []}
    return issued, today


def plan_page(graph: Graph, node: Node, fulltext: str | Spooled, source: str | None = None,
              updated: str | None = None, file: str = "") -> dict[str, Page]:
    """`fulltext`: the plan's text as HTML, as `sanitize.sanitize` returned it (or a `spool.Spooled`:
    kept on disk until the page is rendered). `source`: the plan file's
    address in the repository, when the site links there instead of carrying a copy of every plan file.
    `updated`: the day the plan file last changed (history.last_changed). `file`: its path in the
    repository, where the page's edit link goes."""
    here = paths.plan(node.id)
    meta = node.meta or {}
    issuer = meta.get("issuer") or {}
    signer = meta.get("signer") or {}
    title = node.title or node.id
    head = heading(node)
    trail = place_trail(graph, node.area.places_as_issued()[-1]) if node.area and node.area.unit else [
        ("Trang chủ", paths.HOME)]
    issued, today = _areas(node)
    who = " ".join(y for y in (signer.get("title"), signer.get("name")) if y)
    pages: dict[str, Page] = {}
    children = _implementing(graph, node)
    coverage = graph.coverage(node.id)
    too_long = len(children) > INLINE_CHILDREN or any(len(c.expected) > INLINE_UNITS for c in coverage)
    if too_long:
        pages.update(implementations_page(graph, node, children, coverage, head))
    group = province_of(node)
    tasks = [{"timeline": t.get("timeline"), "partners": ", ".join(t.get("partners") or []),
              # each lead's register where this plan is: what it must do there, across every plan (a
              # commune's bodies have none: its tasks are the commune's register, register.Register)
              "leads": [(name, paths.agency(key, group) if node.level != "commune" else None)
                        for key, name in leads_of(t)]}
             | dict(zip(("head", "rest"), fold(t.get("name"))))
             for t in meta.get("tasks") or [] if isinstance(t, dict)]
    original = (meta.get("source") or {}).get("url")  # the schema allows http(s) addresses only
    html = render(
        "plan.html", here, node=node, title=title, trail=trail + [(head, None)],
        number=node.number or ("Không ghi số" + (f" (ký hiệu {meta['symbol']})" if meta.get("symbol") else "")),
        issuer=issuer.get("name"),
        signer=", ".join(x for x in (signer.get("authority"), who) if x), issued=issued,
        legacy=bool(node.area and node.area.unit and node.area.unit.legacy), era_note=ERA_NOTE, today=today,
        topics=[(vocabulary().topic_label(s), paths.topic(s)) for s in meta.get("topics") or [] if vocabulary().topic(s)],
        summary=meta.get("summary"), basis=_basis(graph, node), decision=meta.get("decision"),
        original=original, original_host=urlsplit(original).hostname if original else None,
        implementations=paths.implementations(node.id) if too_long else None, children_count=len(children),
        groups=_grouped(children) if not too_long else [],
        deeper=sum(1 for n, d in graph.descendants(node.id) if d > 1 and n.kind == "plan"),
        coverage_items=coverage_rows(graph, coverage, full=False),
        picture=neighbourhood(graph, node), related=grouped_relations(graph, node), until=until(meta),
        provinces_map=coverage_map(graph, node),
        references=[graph.nodes[e.target] for e in graph.parents(node.id, "reference")], tasks=tasks,
        fulltext=fulltext if isinstance(fulltext, Spooled) else cleaned(fulltext), recipients=[r for r in meta.get("recipients") or [] if r], source=source,
        updated=updated)
    description = f"{head} ngày {date(node.date)} của {issuer.get('name') or ''}: {title}"
    pages[here] = Page(f"{head}: {title}", html, description, file=file)
    return pages


def implementations_page(graph: Graph, node: Node, children: list[Node], coverage: list,
                         head: str) -> dict[str, Page]:
    first = paths.implementations(node.id)
    trail = [("Trang chủ", paths.HOME), (head, paths.plan(node.id)), ("Văn bản thực hiện", None)]
    ordered = sorted(children, key=lambda c: (c.area.unit.name if c.area and c.area.unit else "", str(c.date or "")))
    return paginated("implementations.html", first, f"Văn bản thực hiện {head}", f"Các kế hoạch thực hiện {head}: {node.title}",
                     trail, ordered, node=node, head=head, children_count=len(children),
                     coverage_items=coverage_rows(graph, coverage, full=True))


__all__ = ["citation_targets", "plan_page"]
