"""The full-text index: Pagefind (https://pagefind.app), a chunked index the browser loads piece by
piece, so that a query fetches a few small files whatever the size of the site.

Pagefind indexes HTML files. It is given one small page per search record (title, what a result
shows, the text) rather than the site's pages: half the indexing time of full Material pages, and
only what should be found. Indexing runs in a separate process while the site is being rendered,
so on a machine with two cores it costs little wall-clock time."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..site.html import esc
from .records import SearchRecord

BUNDLE = "pagefind"  # the index's directory in the site


def _page(r: SearchRecord) -> str:
    meta = "".join(f'<span data-pagefind-meta="{k}[data-v]" data-v="{esc(v)}"></span>' for k, v in r.meta.items())
    shown = " · ".join(esc(r.meta[k]) for k in ("number", "issuer", "area", "date") if r.meta.get(k))
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{esc(r.title)}</title></head>'
            f'<body><main data-pagefind-body data-pagefind-filter="kind:{r.kind}">{meta}'
            f'<h1 data-pagefind-meta="title">{esc(r.title)}</h1><p>{shown}</p>{r.html}</main></body></html>')


def write_pages(records: list[SearchRecord], root: Path) -> None:
    for r in records:
        path = root / r.url / "index.html" if r.url.endswith("/") or not r.url else root / r.url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(r), "utf-8")


def _executable() -> str:
    from pagefind_bin import get_executable  # the binary inside the pinned PyPI wheel

    return str(get_executable())


@dataclass
class Indexing:
    """A Pagefind run in progress; `wait()` for it (raises on failure)."""

    process: subprocess.Popen
    workdir: Path
    out: Path

    def wait(self) -> None:
        try:
            _, err = self.process.communicate()
            if self.process.returncode != 0:
                raise RuntimeError(f"pagefind failed ({self.process.returncode}): {err.strip()}")
        finally:
            shutil.rmtree(self.workdir, ignore_errors=True)


def start_indexing(records: list[SearchRecord], site_dir: Path) -> Indexing:
    """Start indexing `records` into `site_dir`/pagefind/ and return at once."""
    workdir = Path(tempfile.mkdtemp(prefix="kehoach-search-"))
    write_pages(records, workdir / "pages")
    out = site_dir / BUNDLE
    cmd = [_executable(), "--site", str(workdir / "pages"), "--output-path", str(out), "--force-language", "vi",
           "--silent"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return Indexing(process, workdir, out)
