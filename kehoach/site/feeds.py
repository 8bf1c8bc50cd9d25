"""Atom feeds of new plans, so that a reader can follow a place or a subject in any feed reader: the
whole base, each 2025 province, each topic and each group of beneficiaries. Each feed sits beside the
page it follows (``dia-ban/hai-phong/ke-hoach-moi.xml``), which links it (``<link rel="alternate">``,
`Page.feed`). Written with feedgen; tests read them with feedparser.

An entry is a plan: its title, its number, date and issuer as summary, its page as link, and an id
that never changes (a UUID made from the plan's id, not from the address the site is published at).
Newest first by date of issue; `ENTRIES` of them, so a feed stays small whatever the size of the base."""

from __future__ import annotations

import uuid
from collections import defaultdict

from feedgen.feed import FeedGenerator

from ..graph import Graph, Node
from ..text import slugify
from ..vocabulary import vocabulary
from . import paths
from .lines import by_date, issued, moment

ENTRIES = 30
FILE = "ke-hoach-moi.xml"
_NAMESPACE = uuid.UUID("6c1d3f0e-6b8e-5a8e-9f2a-6b6568616f63")  # kehoach's own: ids stay if the site moves


def feed_path(page: str) -> str:
    """The feed of the page `page` (a source path): beside it, ``chu-de/x.md`` → ``chu-de/x/ke-hoach-moi.xml``."""
    return paths.url(page) + FILE


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def _feed(page: str, title: str, subtitle: str, nodes: list[Node], site_url: str) -> bytes:
    fg = FeedGenerator()
    fg.id(_urn(f"feed:{page}"))
    fg.title(title)
    fg.subtitle(subtitle)
    fg.language("vi")
    base = site_url.rstrip("/") + "/" if site_url else ""
    fg.link(href=base + paths.url(page), rel="alternate")
    fg.link(href=base + feed_path(page), rel="self")
    newest = by_date(nodes)[:ENTRIES]
    fg.updated(max((moment(n.date) for n in newest), default=moment(None)))
    for n in reversed(newest):  # feedgen puts each new entry first
        head = f"{n.doc_type or 'Kế hoạch'} số {n.number}" if n.number else (n.doc_type or "Kế hoạch")
        entry = fg.add_entry()
        entry.id(_urn(f"plan:{n.id}"))
        entry.title(n.title or n.id)
        entry.link(href=base + paths.url(paths.plan(n.id)), rel="alternate")
        entry.updated(moment(n.date))
        entry.published(moment(n.date))
        entry.summary(issued(n, head))
    return fg.atom_str(pretty=False)


def feeds(graph: Graph, site_url: str = "") -> tuple[dict[str, bytes], dict[str, str]]:
    """The feeds' files (path → Atom XML) and, for each page that has a feed, the feed's path."""
    plans = graph.plans()
    groups: list[tuple[str, str, str, list[Node]]] = [
        (paths.HOME, "Kế hoạch mới", "Các kế hoạch mới nhất trong cơ sở dữ liệu.", plans)]
    by_province: dict[str, list[Node]] = defaultdict(list)
    for n in plans:
        today = n.area.places_today() if n.area else []
        if today:
            by_province[today[0]].append(n)
    for pid in graph.subplaces(""):
        name = graph.place(pid).name
        if by_province.get(pid):
            groups.append((paths.place(pid), f"Kế hoạch mới: {name}", f"Các kế hoạch mới nhất của {name} và các "
                           "đơn vị trên địa bàn (kể cả huyện, xã trước 1/7/2025).", by_province[pid]))
    by_topic: dict[str, list[Node]] = defaultdict(list)
    by_group: dict[str, list[Node]] = defaultdict(list)
    for n in plans:
        for t in (n.meta or {}).get("topics") or []:
            by_topic[t].append(n)
        for b in (n.meta or {}).get("beneficiaries") or []:
            by_group[b].append(n)
    v = vocabulary()
    for slug, nodes in sorted(by_topic.items()):  # every topic's page has its feed, as lists.topic_pages makes them
        label = v.topic_label(slug)
        groups.append((paths.topic(slugify(slug)), f"Kế hoạch mới: {label}",
                       f"Các kế hoạch mới nhất về {label.lower()}.", nodes))
    for slug, nodes in sorted(by_group.items()):
        label = v.beneficiary_label(slug)
        groups.append((paths.beneficiary(slugify(slug)), f"Kế hoạch mới cho {label.lower()}",
                       f"Các kế hoạch mới nhất cho {label.lower()}.", nodes))
    files = {feed_path(page): _feed(page, title, subtitle, nodes, site_url) for page, title, subtitle, nodes in groups}
    return files, {page: feed_path(page) for page, *_ in groups}


__all__ = ["ENTRIES", "feed_path", "feeds"]
