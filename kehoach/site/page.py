"""A generated page: its title, description and HTML; long lists split over numbered pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..packed import Packed
from . import paths
from .html import esc, shorten
from .render import Deferred, render

DESCRIPTION = 160  # characters of a page's description (and og:description): what search results and shared links show
PER_PAGE = 100  # list entries per page: ~30 KB of HTML, well under the 200 KB a page may weigh


@dataclass
class Page:
    title: str
    html: str | bytes | Deferred | Packed  # rendered when asked for (`text`); b"" when reused
    description: str = ""
    searchable: bool = False  # found by the site's search as a page of its own (the legal-aid guide)
    search_html: str = ""  # what search finds it by, if not all its text (a list: its intro, not every entry)
    search_names: tuple[str, ...] = ()  # a query naming it puts it first ("người khuyết tật")
    search_weight: int = 31  # among pages and places of the same name, the heavier first (0–31)
    feed: str = ""  # its Atom feed of new plans (feeds.py), linked from its head and its foot
    file: str = ""  # the file it shows, as a path in the repository (a plan's page: plans/…/x.md): its edit link
    key: str = ""  # its fingerprint: what it is made from (Site.add)
    reused: bool = False  # made from the same as in the last build: not rendered, the build keeps that one

    def text(self) -> str:
        if isinstance(self.html, (Deferred, Packed)):
            return self.html.text()
        return self.html.decode("utf-8") if isinstance(self.html, bytes) else self.html

    def fingerprint(self, prints) -> str:
        """What the page is made from, as a digest (`prints`: a `fingerprint.Fingerprints`)."""
        if isinstance(self.html, Packed):
            raise ValueError("a packed page's fingerprint is taken before it is packed (Site.add)")
        html = self.html.fingerprint(prints) if isinstance(self.html, Deferred) else self.text()
        return prints.of(self.meta(), self.file, html)

    def meta(self) -> dict:
        """The page's metadata for the theme, HTML-escaped: Material writes `title` and `description`
        into the page as they are (in <title>, the header, an attribute)."""
        # generated pages never carry a table of contents beside them: lighter on a phone
        meta = {"title": esc(self.title), "hide": ["toc"]}
        if self.description:
            meta["description"] = esc(shorten(self.description, DESCRIPTION))
        if self.feed:
            meta["feed"] = self.feed
        return meta


def keyed(page: Page, path: str, feeds, prints) -> str:
    """Give the page at `path` its feed (`feeds`: page → feed) and its fingerprint (`prints`: a
    `fingerprint.Fingerprints`), which reads the feed too: the key the build keeps a page by."""
    page.feed = feeds.get(path, "")
    page.key = page.fingerprint(prints)
    return page.key


def paginated(template: str, first: str, title: str, description: str, trail: list[tuple[str, str | None]],
              entries: Sequence, heading: str = "", per_page: int = PER_PAGE, **data) -> dict[str, Page]:
    """The list `entries` over pages first, first/trang-2, …, each rendered by `template` (which
    extends list.html) with `data`; breadcrumbs `trail` end at the list itself; `heading` above the
    list on every page."""
    count = max(1, -(-len(entries) // per_page))
    pages = [paths.nth_page(first, n) for n in range(1, count + 1)]
    out = {}
    for n, here in enumerate(pages, 1):
        page_title = title if n == 1 else f"{title} (trang {n})"
        trail_n = trail if n == 1 else trail[:-1] + [(trail[-1][0], first), (f"Trang {n}", None)]
        html = render(template, here, title=page_title, trail=trail_n, number=n, pages=pages, list_heading=heading,
                      entries=entries[(n - 1) * per_page:n * per_page], **data)
        out[here] = Page(page_title, html, description if n == 1 else f"{description} Trang {n}.")
    return out


__all__ = ["PER_PAGE", "Page", "keyed", "paginated"]
