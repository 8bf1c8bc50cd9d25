"""Search: what the site's search finds (records) and the index built from them (Pagefind)."""

from pathlib import Path

from .pagefind import Indexing, start_indexing
from .records import SearchRecord, search_records

__all__ = ["Indexing", "SearchRecord", "index_site", "search_records", "start_indexing"]


def index_site(site, site_dir: Path) -> Indexing:
    """Start indexing a built `kehoach.site.Site` into `site_dir`; `wait()` on the result."""
    return start_indexing(search_records(site.graph, site.fulltexts), site_dir)
