"""Search: what the site's search finds (records) and the index written from them (termindex)."""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from ..site import paths
from . import catalogue, termindex
from .records import SearchRecord, page_keys, search_records

__all__ = ["Indexing", "SearchRecord", "catalogue", "index_site", "search_records", "termindex"]


def write_indexes(records: list[SearchRecord], graph, site_dir: Path) -> None:
    """The search index (chi-muc/) and the lookup page's catalogue (tra-cuu/)."""
    termindex.build(records, site_dir / termindex.DIRECTORY)
    catalogue.build(graph, site_dir / catalogue.DIRECTORY)


@dataclass
class Indexing:
    """The index being written by another process; `wait()` for it (raises if it failed)."""

    process: multiprocessing.Process

    def wait(self) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"the search index could not be written (exit {self.process.exitcode})")


def index_site(site, site_dir: Path, pages: list[tuple[str, str]] = ()) -> Indexing:
    """Start writing the search index and the lookup catalogue of a built `kehoach.site.Site` into
    `site_dir`, in a separate process (the site is rendered meanwhile, on the machine's other core).
    `pages`: (url, Markdown source) of the hand-written pages, searched too."""
    generated = [SearchRecord(paths.url(path), page.title, "page", {}, page.search_html or page.text(),
                              keys=page_keys(*page.search_names), weight=page.search_weight)
                 for path, page in site.pages.items() if page.searchable]
    records = search_records(site.graph, site.fulltexts, pages, generated)
    ctx = multiprocessing.get_context("fork")  # the records are shared with the child, not copied through a pipe
    process = ctx.Process(target=write_indexes, args=(records, site.graph, site_dir), daemon=True)
    # the child's garbage collector must not walk the parent's objects: that would copy every page of
    # the parent's memory into the child (copy-on-write) and slow both down
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    return Indexing(process)
