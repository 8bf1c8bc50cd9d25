"""Plan text is untrusted: the HTML of a plan's full text is cleaned with nh3 (ammonia) before any
page holds it. Formatting, tables, links and the heading anchors the converter makes stay; scripts,
event handlers, styles, frames, images, SVG, unsafe URLs (javascript:, data:) and every other `id`,
`name` or `class` go, so that a plan can neither run script nor shadow the theme's elements
(``<a id="__config">`` broke Material's script) nor take the look of the page's own parts."""

from __future__ import annotations

import re

import nh3
from markupsafe import Markup

# no images from plan text: an <img src="http://…"> would make a page fetch from a third party
_TAGS = set(nh3.ALLOWED_TAGS) - {"img"}
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items() if tag in _TAGS}
_ATTRIBUTES["*"] = {"title"}
_ATTRIBUTES["a"] = _ATTRIBUTES.get("a", set()) | {"href", "title"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
for _h in _HEADINGS:
    _ATTRIBUTES[_h] = {"id"}
# the converter's anchors (kehoach.text.heading_slug, "_2" for a repeat); the theme's ids start with
# "__" and so can never be one of them
HEADING_ID = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*(?:_\d+)?")


def sanitize(fragment: str, reserved: frozenset[str] = frozenset()) -> str:
    """The clean HTML. `reserved`: ids of the page the fragment goes into (plan_page.RESERVED_IDS);
    a heading of the fragment with one of them loses its anchor, so that every id on the page stays
    unique."""
    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return value if element in _HEADINGS and HEADING_ID.fullmatch(value) and value not in reserved else None
        return value
    # no rel= on every link: ~2 KB a plan page, and plan pages only link within the site or to what
    # a reviewed plan cites
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None, attribute_filter=keep)


def cleaned(html: str) -> Markup:
    """HTML that `sanitize` returned, as the one kind of value a template writes without escaping.
    The only place in the library that marks HTML safe (tests/test_hostile.py checks that)."""
    return Markup(html)


_INDENT = re.compile(r"\n[ \t\n]+")  # indentation and blank lines
_KEEPS_SPACE = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)


def compact(page_html: str) -> str:
    """The whole page without the indentation of its lines and blank lines (~6% of a plan page), unless it holds
    text whose spacing matters (<pre>, <textarea>)."""
    if _KEEPS_SPACE.search(page_html):
        return page_html
    return _INDENT.sub("\n", page_html)
