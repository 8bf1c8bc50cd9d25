"""A plan's full text: its Markdown body as HTML, with each citation linked to the cited document's
page, and an anchor on each heading. cmark-gfm (GitHub's C implementation of CommonMark, through
`cmarkgfm`) converts it with the table extension: measured against Python-Markdown (the converter of
the hand-written pages) on the seeds, the real plans and 3,000 generated plans, the sanitised HTML is
the same but for two spots where cmark follows the spec (a table of a header row alone gets no empty
body row; "\\|" in a table cell is "|"), and it is 18 times faster (docs/hieu-nang.md). Headings get
the anchors Python-Markdown's `toc` gives (kehoach.text.heading_slug, "_1" for a repeat). A cache
directory, when given, keeps each result until the plan's text, its links, the converter or the
sanitiser change. The result is sanitised where it is converted (sanitize.py: plan text is untrusted),
so that a build after one plan changed neither converts nor cleans the others again (at 10,000 plans,
cleaning was 1.8 s of such a build), and a cold build cleans on every core. The cache is the build's
own, as trusted as its code (the plans memo beside it is a pickle): never restore one made elsewhere.
Finding the citations to link is most of the work: at thousands of plans it is shared between the
machine's cores."""

from __future__ import annotations

import hashlib
import html as html_lib
import multiprocessing
import os
import re
import time
from collections.abc import Iterable
from functools import partial
from importlib import metadata
from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options

from ..citations import find_citations
from ..packed import Packed, held, unpacked, utf8
from ..planfile import write_atomic
from ..text import heading_slug
from . import sanitize as sanitizer
from .spool import Spool, kept

# a cached text no build used for this long goes (Rendering.prune); a younger one may be another build's, at the same time
UNUSED_FOR = 7 * 86400  # seconds since it was written
PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves
CHUNK, TASKS_PER_WORKER = 64, 24  # plans sent to a worker at a time; chunks a worker takes before it is replaced
# raw HTML passes, as in Python-Markdown: the sanitiser (sanitize.py) decides what of it stays
_OPTIONS = Options.CMARK_OPT_UNSAFE
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_COUNTED = re.compile(r"^(.*)_([0-9]+)$")
# what a cached result depends on besides the text and links: this file, the sanitiser and their libraries' versions
CONVERTER = hashlib.blake2b(Path(__file__).read_bytes() + Path(sanitizer.__file__).read_bytes()
                            + f"{metadata.version('cmarkgfm')}\0{metadata.version('nh3')}".encode(), digest_size=8).hexdigest()


def link_citations(body: str, targets: dict[str, str]) -> str:
    """The Markdown body with each citation's "Kế hoạch số 19/KH-UBND" linked: `targets` maps a folded
    number to the URL of the document's page, relative to the plan's page."""
    if not targets:
        return body
    out, last = [], 0
    for c in _citations_of(body, targets):
        if not c.number or c.number.casefold() not in targets:
            continue
        head = re.search(re.escape(c.number.split("/")[0]) + r"\s*/?[^\s,;.)]*", body[c.start:c.end])
        end = c.start + head.end() if head else c.end
        span = body[c.start:end]
        line_start = body.rfind("\n", 0, c.start) + 1
        if "[" in span or "]" in span or body[line_start:c.start].count("`") % 2 or body.startswith("    ", line_start):
            continue  # never inside code or an existing link
        out.append(body[last:c.start])
        out.append(f"[{span}]({targets[c.number.casefold()]})")
        last = end
    out.append(body[last:])
    return "".join(out)


def _citations_of(body: str, targets: dict[str, str]) -> list:
    """The citations of `body` on lines where one of `targets` may be: a line without the digits a
    target's number starts with cannot cite it (citations never run across lines), and reading every
    line for citations was most of the work of a full text."""
    leads = {(re.match(r"\d*", k).group().lstrip("0") or "0") for k in targets}
    found, offset = [], 0
    for line in body.split("\n"):
        if any(lead in line for lead in leads):
            for c in find_citations(line):
                c.start, c.end = c.start + offset, c.end + offset
                found.append(c)
        offset += len(line) + 1
    return found


def _unique(slug: str, seen: set[str]) -> str:
    """As Python-Markdown's toc: a repeated (or empty) anchor gets "_1", then "_2"…"""
    while slug in seen or not slug:
        m = _COUNTED.match(slug)
        slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
    seen.add(slug)
    return slug


def with_anchors(fragment: str) -> str:
    """Each heading with the id of its text, unique within the fragment."""
    seen: set[str] = set()

    def anchor(m: re.Match) -> str:
        slug = _unique(heading_slug(html_lib.unescape(_TAG.sub("", m.group(2)))), seen)
        return f'<h{m.group(1)} id="{slug}">{m.group(2)}</h{m.group(1)}>'
    return _HEADING.sub(anchor, fragment)


def to_html(job: tuple[str | Packed, dict[str, str]]) -> str:
    body, targets = unpacked(job[0]), job[1]
    return with_anchors(cmarkgfm.markdown_to_html_with_extensions(link_citations(body, targets), options=_OPTIONS,
                                                                  extensions=["table"]))


def clean_html(job: tuple[str, dict[str, str]], reserved: frozenset[str] = frozenset()) -> str:
    """`to_html`, sanitised (sanitize.sanitize, with the page's `reserved` ids)."""
    return sanitizer.sanitize(to_html(job), reserved)


def _converted(item: tuple[tuple[str, dict[str, str]], str], reserved: frozenset[str], cache: Path | None) -> str:
    """`clean_html` of the job; with a `cache`, kept there under its key and not returned (""): written
    where it is converted (the workers' cores, not the build's: writing 10,000 small files was ~5 s of a
    cold build's main process), and read from there when its turn comes. Returned, the texts converted
    while the build makes other pages piled up in its memory and were copied between processes for
    nothing (30,000 plans: the build's peak, all processes, 2,464 → 2,206 MB)."""
    job, key = item
    html = clean_html(job, reserved)
    if cache is not None:
        write_atomic(cache / key[:2] / key, html)
        return ""
    return html


def body_digest(body: str | Packed) -> str:
    """Of a plan's Markdown, for the key of its text: made where the plan is read (alone.py), since
    digesting every plan's Markdown took ~0.3 s of each build at 10,000 plans."""
    return hashlib.sha1(utf8(body)).hexdigest()


def _key(job: tuple, reserved: frozenset[str]) -> str:
    """A job's key in the cache: of the converter, `reserved`, the Markdown (by its digest, the job's
    third part when given) and the citation targets."""
    body, targets = job[0], job[1]
    digest = job[2] if len(job) > 2 and job[2] else body_digest(body)
    h = hashlib.sha1("\0".join([CONVERTER, *sorted(reserved), digest]).encode())
    for k in sorted(targets):
        h.update(f"\0{k}\0{targets[k]}".encode())
    return h.hexdigest()


class Rendering:
    """The sanitised HTML of each (body, citation targets), in order, computed in other processes from
    the moment it is created (from the cache when it has them): the caller builds other pages
    meanwhile, then reads `texts()`, each where it waits on disk. A job may give, third, its Markdown's
    body_digest (made where the plan was read). `reserved`:
    the ids of the page each text goes into, which no heading of the text may take (sanitize.sanitize).
    `jobs` may be an iterator, taken whole before this returns; a Markdown may come Packed. `pack`: each
    Markdown held packed (packed.py) until it is converted."""

    def __init__(self, jobs: Iterable[tuple], cache: Path | None = None,
                 reserved: frozenset[str] = frozenset(), pack: bool = False):
        self.cache = cache
        self.convert = partial(_converted, reserved=reserved, cache=cache)
        self.jobs: list[tuple[str | Packed, dict[str, str]] | None] = []
        self.keys: list[str] = []
        for job in jobs:  # taken one at a time: a job packed, its Markdown as given can go at once
            if cache:
                self.keys.append(_key(job, reserved))
            self.jobs.append((held(job[0], pack), job[1]))  # the Markdown comes as the plans were read
        jobs = self.jobs
        # what the cache has is read when its turn comes, not all at once (at 30,000 plans, ~450 MB)
        self.folder = str(cache)
        self.cached = {i for i in range(len(self.keys)) if os.path.isfile(self._file(i))} if cache else set()
        self.todo = [i for i in range(len(jobs)) if i not in self.cached]
        workers = min(os.cpu_count() or 1, 8)
        self.pool = None
        self.pending = None
        if len(self.todo) >= PARALLEL_FROM and workers > 1:
            # cmarkgfm leaks each document's tree (~50 KB; theacodes/cmarkgfm#53): a worker is replaced
            # after TASKS_PER_WORKER chunks, so what it leaked goes with it (≤ ~80 MB). Workers are fresh
            # processes, handed their jobs: forked ones shared the build's memory, and each page the build
            # wrote after the fork became the workers' own copy (10,000 plans, while converting: two
            # workers 320 MB each, all processes 1,134 MB; fresh ones ~90 MB each, 993 MB)
            self.pool = multiprocessing.get_context("spawn").Pool(workers, maxtasksperchild=TASKS_PER_WORKER)
            # handed over as the workers take them (the pool reads its jobs in a thread, as fast as the
            # pipe takes them), each job dropped once handed: a text waiting to be converted is the
            # only copy of its Markdown the build holds
            self.pending = self.pool.imap(self.convert, (self._item(i, drop=True) for i in self.todo), chunksize=CHUNK)

    def _item(self, i: int, drop: bool = False) -> tuple[tuple[str, dict[str, str]], str]:
        job = self.jobs[i]
        if drop:
            self.jobs[i] = None
        return job, self.keys[i] if self.cache else ""

    def _file(self, i: int) -> str:
        key = self.keys[i]
        return f"{self.folder}/{key[:2]}/{key}"  # a string: 10,000 Paths made were ~0.2 s of each build

    def texts(self, spool: Spool):
        """Each HTML as a `Spooled`, in order: the cache's file of it, its key the digest (a build after
        one plan changed reads none of the others'), or in a build without a cache, put in `spool`."""
        fresh = iter(self.pending) if self.pending is not None else (self.convert(self._item(i)) for i in self.todo)
        todo = set(self.todo)
        try:
            for i in range(len(self.jobs)):
                html = next(fresh) if i in todo else None
                if html is None and not os.path.isfile(self._file(i)):  # gone since it was found: converted here
                    self.convert(self._item(i))
                self.jobs[i] = None  # converted: its Markdown is no longer needed
                # with a cache, the worker wrote the text there
                yield kept(self._file(i), self.keys[i]) if self.cache else spool.put(html)
        finally:
            if self.pool is not None:
                self.pool.terminate()
                self.pool.join()

    def prune(self) -> int:
        """Delete the cache's texts this build did not use that were written more than UNUSED_FOR
        ago, and what an interrupted write left there as long ago: each change of a plan's text or
        links leaves the old text behind, and the workflows carry the cache from run to run (a base of
        100,000 plans: 1.2 GB of texts in use). How many went. One pass over the cache's folders: the
        texts in use are not even looked at (10,000 plans: 13 ms; 100,000: 75 ms)."""
        if not self.cache:
            return 0
        used, before, gone = set(self.keys), time.time() - UNUSED_FOR, 0
        try:
            shards = [e.path for e in os.scandir(self.cache) if e.is_dir(follow_symlinks=False) and len(e.name) == 2]
        except FileNotFoundError:
            return 0
        for shard in shards:
            with os.scandir(shard) as entries:
                for entry in entries:
                    if entry.name in used:
                        continue
                    try:
                        if entry.stat(follow_symlinks=False).st_mtime < before:
                            os.unlink(entry.path)
                            gone += 1
                    except FileNotFoundError:  # deleted meanwhile by another build
                        pass
        return gone
