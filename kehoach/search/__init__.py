"""Search: what the site's search finds (records) and the index written from them (termindex)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from dataclasses import dataclass
from pathlib import Path

from ..site import paths
from . import catalogue, termindex
from .records import SearchRecord, page_keys, search_records

__all__ = ["Indexing", "SearchRecord", "catalogue", "index_key", "index_site", "search_records", "termindex",
           "written"]


def write_indexes(records: list[SearchRecord], graph, site_dir: Path,
                  made: tuple[dict, list[list]] | None = None, cache: Path | None = None,
                  digests: list[str] | None = None) -> None:
    """The search index (chi-muc/) and the lookup page's catalogue (tra-cuu/; `made`: its entries).
    `cache`: a folder where what they are made from is kept between builds; `digests`: each record's
    termindex.record_digest."""
    termindex.build(records, site_dir / termindex.DIRECTORY, cache / "chi-muc.pickle" if cache else None, digests)
    catalogue.build(graph, site_dir / catalogue.DIRECTORY, made)


def _die_with(parent: int) -> None:
    """Be stopped (SIGTERM, as `Indexing.cancel` stops it) when the process that started this one ends,
    however it ends: `mkdocs serve` killed does not leave its index writing on (Linux; elsewhere a
    daemon process ends with its parent only when the parent exits normally). On Linux the signal
    comes when the *thread* that started this process ends: a process started by a thread of its
    own must be waited for by that thread."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # ended already, before it could be asked
        os.kill(os.getpid(), signal.SIGTERM)


def _write_for(parent: int, *args) -> None:
    _die_with(parent)
    write_indexes(*args)


def written(site_dir: Path) -> list[str]:
    """The files the index and the catalogue wrote, relative to `site_dir`."""
    out = []
    for folder, names in ((termindex.DIRECTORY, None), (catalogue.DIRECTORY, ".json")):
        for root, _, files in os.walk(site_dir / folder):
            out += [os.path.relpath(os.path.join(root, f), site_dir) for f in files if names is None or f.endswith(names)]
    return sorted(out)


def index_key(records: list[SearchRecord], made: tuple[dict, list[list]], digests: list[str] | None = None) -> str:
    """What the index and the catalogue are made from, as a digest: every record (`digests`: each
    one's termindex.record_digest, when known), and the catalogue's entries (`catalogue.entries`: each
    document with its number, title, date, issuer, unit)."""
    h = hashlib.blake2b(digest_size=16)
    for digest in digests if digests is not None else map(termindex.record_digest, records):
        h.update(digest.encode())
    h.update(repr(made).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class Indexing:
    """The index being written by another process; `wait()` for it (raises if it failed). `key`:
    what it is made from (index_key); no process when the last build's index is of the same key."""

    process: multiprocessing.Process | None
    key: str = ""
    keeps: object = None  # what the process reads until it ends (the build's spool of full texts)

    def wait(self) -> None:
        if self.process is None:
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"the search index could not be written (exit {self.process.exitcode})")

    def cancel(self) -> None:
        """Stop writing (SIGTERM): a newer build writes the index anew. The files written so far are
        whole, and no temporary file is left (planfile.uninterrupted); the cache of what the index is
        made from is the last whole one."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
        if self.process is not None:
            self.process.join()


def index_site(site, site_dir: Path, pages: list[tuple[str, str]] = (), previous: str | None = None,
               cache: Path | None = None) -> Indexing:
    """Start writing the search index and the lookup catalogue of a built `kehoach.site.Site` into
    `site_dir`, in a separate process (the site is rendered meanwhile, on the machine's other core).
    `pages`: (url, Markdown source) of the hand-written pages, searched too. `previous`: the key of
    the index the last build left (index_key); when this one's is the same, nothing is written.
    `cache`: a folder where what the index is made from is kept, so that the next build, if only a
    few documents changed, reads only those again (write_indexes)."""
    generated = [SearchRecord(paths.url(path), page.title, "page", {}, page.search_html or page.text(),
                              keys=page_keys(*page.search_names), weight=page.search_weight)
                 for path, page in site.pages.items() if page.searchable]
    records = search_records(site.graph, site.fulltexts, pages, generated)
    made = catalogue.entries(site.graph)  # once: for the key, and for the child to write
    digests = [termindex.record_digest(r) for r in records]
    key = index_key(records, made, digests)
    if key == previous:
        return Indexing(None, key)
    # a fresh process, handed only what the index is made from (~10 MB at 30,000 plans; the full texts
    # stay on disk, in the converter's cache or the build's spool, where it reads them): a forked one shared the whole build's memory, and as this
    # process went on rendering, copy-on-write made the child a second copy of it (+1.7 GB at 30,000)
    ctx = multiprocessing.get_context("spawn")
    process = ctx.Process(target=_write_for, args=(os.getpid(), records, None, site_dir, made, cache, digests), daemon=True)
    process.start()
    return Indexing(process, key, keeps=site.spool)
