"""A plan's full text: its Markdown body as HTML, with each citation linked to the cited document's
page. Python-Markdown does the conversion (the same extensions as the hand-written pages); at
thousands of plans the work is shared between the machine's cores, and a cache directory, when
given, keeps each result until the plan's text or its links change (a rebuild by `mkdocs serve`
converts only what changed)."""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import markdown

from ..citations import find_citations
from ..planfile import write_atomic
from ..text import heading_slug

PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves
_md: markdown.Markdown | None = None


def _converter() -> markdown.Markdown:
    global _md
    if _md is None:
        _md = markdown.Markdown(extensions=["tables", "toc"], extension_configs={"toc": {"slugify": heading_slug}})
    return _md


def link_citations(body: str, targets: dict[str, str]) -> str:
    """The Markdown body with each citation's "Kế hoạch số 19/KH-UBND" linked: `targets` maps a folded
    number to the URL of the document's page, relative to the plan's page."""
    if not targets:
        return body
    out, last = [], 0
    for c in find_citations(body):
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


def to_html(job: tuple[str, dict[str, str]]) -> str:
    body, targets = job
    md = _converter()
    md.reset()
    return md.convert(link_citations(body, targets))


def _key(job: tuple[str, dict[str, str]]) -> str:
    body, targets = job
    h = hashlib.sha1(body.encode())
    for k in sorted(targets):
        h.update(f"\0{k}\0{targets[k]}".encode())
    return h.hexdigest()


class Rendering:
    """The HTML of each (body, citation targets), in order, computed in other processes from the
    moment it is created (from the cache when it has them): the caller builds other pages meanwhile,
    then reads `results()`."""

    def __init__(self, jobs: list[tuple[str, dict[str, str]]], cache: Path | None = None):
        self.jobs, self.cache = jobs, cache
        self.keys = [_key(j) for j in jobs] if cache else []
        self.cached: dict[int, str] = {}
        if cache:
            for i, k in enumerate(self.keys):
                try:
                    self.cached[i] = (cache / k[:2] / k).read_text("utf-8")
                except OSError:
                    pass
        self.todo = [i for i in range(len(jobs)) if i not in self.cached]
        workers = min(os.cpu_count() or 1, 8)
        self.pool = None
        self.pending = None
        if len(self.todo) >= PARALLEL_FROM and workers > 1:
            self.pool = ProcessPoolExecutor(workers)
            self.pending = self.pool.map(to_html, [jobs[i] for i in self.todo], chunksize=64)

    def results(self):
        fresh = iter(self.pending) if self.pending is not None else (to_html(self.jobs[i]) for i in self.todo)
        todo = set(self.todo)
        try:
            for i in range(len(self.jobs)):
                if i in todo:
                    html = next(fresh)
                    if self.cache:
                        write_atomic(self.cache / self.keys[i][:2] / self.keys[i], html)
                    yield html
                else:
                    yield self.cached.pop(i)
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
