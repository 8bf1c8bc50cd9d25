"""Text as pages show it: escaped for the theme's own fields, dates as Vietnamese write them, short
forms. The pages themselves are templates (render.py, templates/)."""

from __future__ import annotations

import html

RELATIONS = {"basis": "căn cứ, thực hiện", "reference": "trích dẫn", "amends": "sửa đổi, bổ sung",
             "replaces": "thay thế", "repeals": "bãi bỏ", "guides": "hướng dẫn"}


def esc(value) -> str:
    """Plain text on one line, HTML-escaped (quotes too: safe in attributes), for what the theme
    writes as it is (a page's title and description)."""
    if value is None:
        return ""
    return html.escape(" ".join(str(value).split()))


def date(value) -> str:
    """ "2023-02-21" → "21/02/2023"; "2024-02" → "02/2024"; "2026" → "2026"."""
    if not value:
        return ""
    return "/".join(reversed(str(value).split("-")))


def shorten(value, limit: int) -> str:
    value = " ".join(str(value or "").split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"


def fold(value, limit: int = 200, head: int = 140) -> tuple[str, str]:
    """A long text as (its opening, the rest), cut between words, for a block that shows the opening
    and opens on one tap to the rest; a text of at most `limit` characters is (text, "")."""
    value = " ".join(str(value or "").split())
    if len(value) <= limit:
        return value, ""
    cut = value.rfind(" ", 0, head)
    cut = cut if cut > 0 else head
    return value[:cut], value[cut:].lstrip()
