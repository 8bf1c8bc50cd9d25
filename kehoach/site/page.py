"""A generated page: its title, description and HTML; long lists split over numbered pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import paths
from .html import a, crumbs, esc, h

PER_PAGE = 100  # list entries per page: ~30 KB of HTML, well under the 200 KB a page may weigh


@dataclass
class Page:
    title: str
    html: str | bytes  # bytes (UTF-8) once the site holds it: half the memory of a str of Vietnamese
    description: str = ""
    searchable: bool = False  # found by the site's search as a page of its own (the legal-aid guide)

    def text(self) -> str:
        return self.html.decode("utf-8") if isinstance(self.html, bytes) else self.html

    def meta(self) -> dict:
        """The page's metadata for the theme, HTML-escaped: Material writes `title` and `description`
        into the page as they are (in <title>, the header, an attribute)."""
        # generated pages never carry a table of contents beside them: lighter on a phone
        meta = {"title": esc(self.title), "hide": ["toc"]}
        if self.description:
            meta["description"] = esc(" ".join(self.description.split())[:300])
        return meta


def pager(here: str, first: str, count: int, current: int) -> str:
    if count <= 1:
        return ""
    items = []
    for n in range(1, count + 1):
        label = str(n)
        items.append(f'<span aria-current="page">{label}</span>' if n == current
                     else a(label, here, paths.nth_page(first, n)))
    nxt = f" · {a('Trang sau ›', here, paths.nth_page(first, current + 1))}" if current < count else ""
    return f'<nav class="kh-pager" aria-label="Các trang">Trang: {" ".join(items)}{nxt}</nav>'


def paginated(first: str, title: str, description: str, trail: list[tuple[str, str | None]], intro: str,
              entries: Sequence, render: Callable[[object, str], str], heading: str = "",
              per_page: int = PER_PAGE) -> dict[str, Page]:
    """The list `entries` over pages first, first/trang-2, …, each entry drawn by ``render(entry,
    page)`` (links are relative to the page they are on); `intro` (HTML) on the first page only;
    breadcrumbs `trail` end at the list itself; `heading` above the list on every page."""
    count = max(1, -(-len(entries) // per_page))
    out = {}
    for n in range(1, count + 1):
        here = paths.nth_page(first, n)
        chunk = [render(e, here) for e in entries[(n - 1) * per_page:n * per_page]]
        page_title = title if n == 1 else f"{title} (trang {n})"
        trail_n = trail if n == 1 else trail[:-1] + [(trail[-1][0], first), (f"Trang {n}", None)]
        parts = [crumbs(here, trail_n), h(1, page_title)]
        if n == 1:
            parts.append(intro)
        if chunk:
            if heading:
                parts.append(h(2, heading))
            parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in chunk) + "</ul>")
        parts.append(pager(here, first, count, n))
        out[here] = Page(page_title, "".join(parts), description if n == 1 else f"{description} Trang {n}.")
    return out


__all__ = ["PER_PAGE", "Page", "paginated", "pager"]
