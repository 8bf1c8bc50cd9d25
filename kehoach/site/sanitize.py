"""Plan text is untrusted: the HTML of every generated page is cleaned with nh3 (ammonia) before it
is written. Formatting, tables, heading anchors and the neighbourhood SVG stay; scripts, event
handlers, styles, frames and unsafe URLs (javascript:, data:) go."""

from __future__ import annotations

import nh3

_SVG = {"svg": {"viewbox", "role", "aria-label", "class"}, "rect": {"x", "y", "width", "height", "rx", "class"},
        "text": {"x", "y", "text-anchor", "class"}, "line": {"x1", "y1", "x2", "y2", "class"}, "title": set()}
_TAGS = set(nh3.ALLOWED_TAGS) | set(_SVG)
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()} | _SVG
_ATTRIBUTES["*"] = _ATTRIBUTES.get("*", set()) | {"id", "class", "title"}  # anchors, admonitions, tables
_ATTRIBUTES["a"] = _ATTRIBUTES.get("a", set()) | {"href", "title"}


def sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")
