"""Plan text is untrusted: the HTML of every generated page is cleaned with nh3 (ammonia) before it
is written. Formatting, tables, heading anchors and the neighbourhood SVG stay; scripts, event
handlers, styles, frames, images and unsafe URLs (javascript:, data:) go."""

from __future__ import annotations

import re

import nh3

_SVG = {"svg": {"viewbox", "role", "aria-label", "class"}, "rect": {"x", "y", "width", "height", "rx", "class"},
        "text": {"x", "y", "text-anchor", "class"}, "line": {"x1", "y1", "x2", "y2", "class"}, "title": set()}
# no images from plan text: an <img src="http://…"> would make a page fetch from a third party
_TAGS = (set(nh3.ALLOWED_TAGS) - {"img"}) | set(_SVG)
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()} | _SVG
_ATTRIBUTES["*"] = _ATTRIBUTES.get("*", set()) | {"id", "class", "title"}  # anchors, admonitions, tables
_ATTRIBUTES["a"] = _ATTRIBUTES.get("a", set()) | {"href", "title"}


def sanitize(fragment: str) -> str:
    # no rel= on every link: ~2 KB a plan page, and plan pages only link within the site or to what
    # a reviewed plan cites
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None)


_INDENT = re.compile(r"\n[ \t\n]+")  # indentation and blank lines
_KEEPS_SPACE = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)


def compact(page_html: str) -> str:
    """The whole page without the indentation of its lines and blank lines (~6% of a plan page), unless it holds
    text whose spacing matters (<pre>, <textarea>)."""
    if _KEEPS_SPACE.search(page_html):
        return page_html
    return _INDENT.sub("\n", page_html)
