"""The site, as plain data: every generated page (source path → Markdown) and file (path → text),
from a plans directory. Engine-agnostic: the MkDocs hook (hooks/kehoach_site.py) only hands these
to MkDocs; another engine could take them as they are."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..graph import Graph
from ..memory import give_back
from ..packed import PACK_FROM, Packed
from ..planfile import PlanFile, PlanMemo
from ..register import place_tasks, register
from ..validate import Problem, errors as errors_of, load
from . import paths
from .alone import alone, info_of, made_alone
from .api import api_files, json_bytes
from .calendars import Calendars, build_day
from .document_page import document_page
from .feeds import feeds
from .fingerprint import Fingerprints
from .fulltext import Rendering
from .guide_page import guide_page
from .history import last_changed
from .kept_graph import GRAPH, KeptGraph, graph_of
from .lists import beneficiary_pages, documents_index, home_page, number_pages, topic_pages, year_pages
from .local_page import local_files, local_page
from .lookup_page import lookup_page
from .page import Page, keyed
from .place_pages import place_page, places_index
from .plan_page import RESERVED_IDS, citation_targets, plan_page
from .register_pages import agency_pages, place_register
from .render import use_templates
from .sanitize import compact, sanitize
from .spool import Spool, Spooled
from .units import Unit, Units

# a plan's JSON record when its file is published in the repository (source_url): what identifies it;
# the rest of its front matter (tasks, citations as written, recipients…) is read from `file`
RECORD_KEYS = ("doc_type", "number", "symbol", "title", "date", "issuer", "area", "topics", "beneficiaries", "summary")

__all__ = ["Page", "Site", "SiteError", "build_site", "compact", "sanitize", "use_templates"]


class SiteError(Exception):
    """Plans the site cannot be built from: every error of every file, as `file:line: error: message`."""

    def __init__(self, errors: list[Problem]):
        super().__init__(f"{len(errors)} error(s) in the plans; nothing was built "
                         f"(the same checks as `kehoach validate`):\n" + "\n".join(str(e) for e in errors))
        self.errors = errors


class Handed:
    """The site's files when the caller takes each as it is made (build_site's `on_file`), to write it at
    once: nothing held (at 10,000 plans, 21,000 files and ~120 MB). A path made twice is a bug: refused."""

    def __init__(self, take: Callable[[str, str | bytes], None], kept: Callable[[str, str], None] | None = None):
        self.take = take
        self.kept = kept  # the caller keeps the last build's file of a path, by its content key (`keep`)
        self.paths: set[str] = set()

    def __setitem__(self, path: str, content: str | bytes) -> None:
        if path in self.paths:
            raise ValueError(f"{path}: made twice")
        self.paths.add(path)
        self.take(path, content)

    def keep(self, path: str, key: str) -> None:
        """The last build's file of `path` is this build's too (made from the same: units.py)."""
        if path in self.paths:
            raise ValueError(f"{path}: made twice")
        self.paths.add(path)
        self.kept(path, key)

    def update(self, files: Mapping[str, str | bytes]) -> None:
        for path, content in files.items():
            self[path] = content

    def __contains__(self, path: str) -> bool:
        return path in self.paths

    def __len__(self) -> int:
        return len(self.paths)


@dataclass
class Site:
    graph: Graph
    pages: dict[str, Page] = field(default_factory=dict)  # "ke-hoach/<id>.md" → title, description, HTML
    files: dict[str, str | bytes] | Handed = field(default_factory=dict)  # "api/plans/index.json" → content
    copies: dict[str, Path] = field(default_factory=dict)  # "tai-ve/<id>.txt" → the plan file, copied as it is
    # plan id → sanitised HTML of its full text, kept on disk (spool.py): for the search index (on_fulltexts), then its page
    fulltexts: dict[str, Spooled] = field(default_factory=dict)
    spool: Spool | None = None  # the file of those the converter's cache does not keep
    previous: Mapping[str, str] = field(default_factory=dict)  # page → its fingerprint in the last build
    prints: Fingerprints = field(default_factory=Fingerprints)
    feeds: Mapping[str, str] = field(default_factory=dict)  # page → its Atom feed (feeds.py)
    units: dict[str, Unit] = field(default_factory=dict)  # the pages of each builder call, for the next build (units.py)
    units_kept: int = 0  # of this build's units, how many were kept from the last build
    pack: bool = False  # a large base: each page rendered as it is made, and held packed (packed.py)
    graph_kept: set[str] | None = None  # the last build's graph but for these plans' nodes (kept_graph.py); None: built

    def add(self, pages: dict[str, Page]) -> None:
        """Keep `pages`, with their fingerprint, marked `reused` when made from the same as in the last
        build. A page's HTML is rendered when the engine asks for its text, one page at a time: the
        build never holds the HTML of every page. It is the templates': every value from a plan
        escaped, and the one piece of HTML made from plan text, the full text, sanitised (build_site).
        A page already marked `reused` is the last build's, kept whole by its unit (units.py). In a
        large base (`pack`) a page is rendered as soon as it is keyed, and held packed (packed.py)."""
        for path, page in pages.items():
            if page.reused:
                self.pages[path] = page
                continue
            keyed(page, path, self.feeds, self.prints)
            # a page searched by its whole text is read by the index, which is written anew each build
            if self.previous.get(path) == page.key and not (page.searchable and not page.search_html):
                page.reused, page.html = True, b""
            elif self.pack:
                page.html = Packed(page.text())
            self.pages[path] = page


def plan_record(graph: Graph, pid: str, source: str | None) -> dict:
    """A plan's JSON record (api/ke-hoach/<id>.json): its front matter and the links it makes; where its
    file is published (`source`), what identifies it and `file`, the file's address."""
    meta = graph.nodes[pid].meta
    if source:  # the whole front matter is the plan file's, published beside: link it, do not copy it
        meta = {k: v for k, v in meta.items() if k in RECORD_KEYS} | {"file": source}
    return {"id": pid, **meta, "links": [{"to": e.target, "relation": e.relation} for e in graph.parents(pid)]}


def build_site(plans_dir: Path, cache: Path | None = None, source_url: str | None = None,
               on_fulltexts: Callable[[Site], None] | None = None, memo: PlanMemo | None = None,
               previous: Mapping[str, str] | None = None, site_url: str = "",
               on_file: Callable[[str, str | bytes], None] | None = None,
               units: Mapping[str, Unit] | None = None, check_units: bool = False, pack: bool | None = None,
               on_kept: Callable[[str, str], None] | None = None, reuse: dict | None = None) -> Site:
    """All pages and files of the site. Raises SiteError naming file and line of broken plans.

    `cache`: a directory where converted full texts (`fulltext/`) and calendars' events are kept
    between builds. `source_url`: where the
    repository's files are published (``https://github.com/OWNER/REPO/raw/COMMIT/``); plan pages
    then link each plan file there instead of the site carrying a copy (at 10,000 plans, 130 MB).
    `on_fulltexts(site)` is called as soon as the graph and every full text are ready, before the plan
    pages are built: the search index can start then, beside the rest of the build. `memo`: plans
    read by earlier builds of the same process, reused while their files are unchanged. `previous`:
    each page's fingerprint in the last build whose output is still there; a page made from the same
    again is not rendered (`Page.reused`): the caller keeps the last build's output of it. `site_url`:
    the published address, for the links of the Atom feeds (relative without it). `on_file(path,
    content)`: takes each file as soon as it is made (the site's `files` then hold none of them);
    `on_kept(path, key)`, with it: the file the last build made of `path`, of content key `key`
    (state.content_key), is this build's too: kept, not made (a plan's JSON record, with its pages).
    `units`: the last build's `Site.units` (units.py), with `previous`: the pages of a plan whose plan,
    neighbours and inputs are the same again are kept without being made (`check_units`: made anyway,
    and checked to come out the same). `pack`: pages and Markdown held packed until written (packed.py;
    by default in a base of PACK_FROM plans or more). `reuse`: a dict the caller keeps between builds of
    one process (`mkdocs serve`), where values made of a plan and its neighbours (its API record, its
    links' addresses) are kept while what they are made of is the same (units.Reuse), and the graph,
    made again only around the plans changed while they resolve alike (kept_graph.py)."""
    plans: list[PlanFile] = []
    if plans_dir.exists():  # every plan checked as `kehoach validate` checks it, before any page is made
        try:
            plans, problems = load(plans_dir, memo=memo, derive=made_alone,
                                   pack_from=PACK_FROM if pack is None else 0 if pack else None)
        finally:
            if memo is not None:
                memo.release()
        if errors_of(problems):
            raise SiteError(errors_of(problems))
        give_back()  # what reading and checking them freed
    first: dict[str, PlanFile] = {p.meta["id"]: p for p in plans}  # ids are checked: valid and unique
    each = {p.meta["id"]: alone(p) for p in plans}  # what was made of each plan where it was read (alone.py)
    for plan in plans:
        plan.derived = None  # held by `each` until the graph is made, then let go
    infos = [info_of(p, each[p.meta["id"]]) for p in plans]
    # in one process (`serve`), the last build's graph but for the plans changed, where they resolve alike
    before: KeptGraph | None = reuse.get(GRAPH) if reuse is not None else None
    graph, fresh = graph_of(infos, each, before)
    del infos
    feed_files, feed_of = feeds(graph, site_url)
    site = Site(graph, previous=previous or {}, feeds=feed_of, files=Handed(on_file, on_kept) if on_file else {},
                pack=len(plans) >= PACK_FROM if pack is None else pack,
                prints=Fingerprints({i: a.node_print for i, a in each.items()},
                                    None if fresh is None else _but(before.nodes, fresh)),
                graph_kept=fresh)
    made_of = (each, {i: first[i].meta for i in each}) if reuse is not None else None
    site.files.update(feed_files)
    nodes = graph.plans()
    # citizens' pages read each plan in plain words: its purpose and the tasks that reach people
    summaries = {n.id: each[n.id].summaries for n in nodes}
    digests = {i: a.body_digest for i, a in each.items()}
    del each  # the citations found in each plan: in the graph now
    # pages of one document or plan made from the same as last time are kept, not made (units.py)
    made = Units(graph, site.prints, units, site.previous, site.feeds,
                 (build_day().isoformat(), date.today().isoformat()), check=check_units,
                 put_file=site.files.__setitem__,
                 keep_file=site.files.keep if isinstance(site.files, Handed) and on_kept else None,
                 parts=None if fresh is None else _but(before.parts, {("node", i) for i in fresh}))
    kept = made.reuse(reuse)
    # full texts are converted and sanitised (plan text is untrusted: no markup of its own) in other
    # processes while this one builds the pages that do not need them
    def jobs():  # the conversion holds each Markdown body until it is handed to a converting process
        for n in nodes:
            plan = first[n.id]
            body, plan.body = plan.body, ""
            if kept is None:
                targets = citation_targets(graph, n)
            else:  # kept while the edges out of the plan and the nodes they lead to are the same
                links = (("out", n.id), *(("node", e.target) for e in graph.parents(n.id)))
                targets = kept("links", n.id, links, lambda n=n: citation_targets(graph, n))
            yield body, targets, digests.pop(n.id)

    rendering = Rendering(jobs(), cache / "fulltext" if cache else None, RESERVED_IDS, pack=site.pack)
    if site.pack:
        give_back()  # what packing freed (a body read unpacked: at 100,000 plans ~1.4 GB, else kept by the C library)
    for node in graph.nodes.values():
        if node.kind != "plan":
            made.pages(f"document:{node.id}", (), lambda g: document_page(g, g.nodes[node.id]), site.add)
    # every task, by the agency leading it and the place it applies to
    reg = register(graph, None if fresh is None else _but(before.tasks, fresh))
    cals = Calendars(site_url, cache=cache / "calendars.pickle" if cache else None)
    for pid in graph.places():
        if not paths.has_own_page(pid):
            continue
        if not pid:
            site.add(places_index(graph))
            continue
        tasks = place_tasks(graph, reg, pid)
        pages, shown = place_register(graph, pid, tasks, cals, site.files) if tasks else ({}, None)
        site.add(pages)
        info = (paths.place_register(pid), len(tasks)) if pages else None
        made.pages(f"place:{pid}", (info, shown), lambda g: place_page(g, pid, info, shown), site.add)
    if paths.PLACES not in site.pages:
        site.add(places_index(graph))
    site.add(agency_pages(graph, reg, cals, site.files))
    cals.save()
    give_back()  # what making the register and the calendars freed
    for builder in (topic_pages, beneficiary_pages, year_pages, documents_index, number_pages, home_page,
                    lookup_page, lambda g: guide_page(g, kept), local_page):
        site.add(builder(graph))
    site.files.update(local_files(graph, summaries, kept))
    # each text waits on disk (the cache's file of it, or this build's spool) for the search index and
    # its page: at 30,000 plans, ~450 MB not held
    site.spool = Spool()
    for node, fulltext in zip(nodes, rendering.texts(site.spool)):
        site.fulltexts[node.id] = fulltext
    rendering.prune()  # the cache's texts of plans since changed, once old
    give_back()  # the plans' Markdown
    if on_fulltexts is not None:
        on_fulltexts(site)
    changed = last_changed(plans_dir)  # from git, where it can tell
    folder = plans_dir.resolve()  # once: each plan's own resolve() was 0.45 s at 10,000 plans
    inside = f"{plans_dir}/"  # paths as strings: 20,000 Paths made and compared were ~0.1 s of each build
    for node in nodes:
        plan = first[node.id]
        listed = plan.path.as_posix()
        rel = listed[len(inside):] if listed.startswith(inside) else plan.path.relative_to(plans_dir).as_posix()
        where = f"{folder}/{rel}"
        in_repository = f"{folder.name}/{rel}"  # plans/…/x.md
        source = None
        if source_url:
            source = source_url.rstrip("/") + "/" + in_repository
        else:
            site.copies[paths.plan_file(node.id)] = plan.path
        fulltext, updated = site.fulltexts.pop(node.id), changed.get(where)
        made.pages(f"plan:{node.id}", (fulltext.digest, source, updated, in_repository),
                   lambda g: plan_page(g, g.nodes[node.id], fulltext, source, updated=updated, file=in_repository),
                   site.add, lambda g: {paths.plan_json(node.id): json_bytes(plan_record(g, node.id, source))})
    site.units, site.units_kept = made.made, made.reused
    site.files.update(api_files(graph, kept))
    if kept is not None:
        kept.done()
        reuse[GRAPH] = KeptGraph(graph, *made_of, made.parts, site.prints.known, reg.tasks)
    give_back()
    return site


def _but(digests: dict, gone: set) -> dict:
    """A copy of `digests` without the keys `gone`."""
    out = dict(digests)
    for key in gone:
        out.pop(key, None)
    return out

