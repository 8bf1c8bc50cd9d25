"""The sitemap (sitemaps.org): every page's address. One file holds at most 50,000 addresses (and
50 MB); past that, `sitemap.xml` is an index of sitemaps (`sitemap-1.xml`, …), as the protocol
says. No <lastmod>: a date that changes with every build would make every build rewrite it."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

PER_FILE = 50_000
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def _urlset(urls: list[str]) -> str:
    return HEAD + URLSET + "".join(f"<url><loc>{escape(u)}</loc></url>\n" for u in urls) + "</urlset>\n"


def sitemaps(site_url: str, urls: Iterable[str], per_file: int = PER_FILE) -> dict[str, str]:
    """Path → text of the sitemap files for the pages at `urls` (relative to the site's root, as
    "ke-hoach/x/"), under `site_url` (the published address, ending in "/")."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    full = sorted({base + u.lstrip("/") for u in urls})
    if len(full) <= per_file:
        return {"sitemap.xml": _urlset(full)}
    out = {}
    for n, start in enumerate(range(0, len(full), per_file), 1):
        out[f"sitemap-{n}.xml"] = _urlset(full[start:start + per_file])
    out["sitemap.xml"] = HEAD + INDEX + "".join(f"<sitemap><loc>{escape(base + name)}</loc></sitemap>\n"
                                                 for name in out) + "</sitemapindex>\n"
    return out


__all__ = ["PER_FILE", "sitemaps"]
