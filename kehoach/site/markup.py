"""Safe pieces of Markdown: every value that comes from a plan is escaped before it is written."""

from __future__ import annotations

import html
import re

from . import paths

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
RELATIONS = {"basis": "căn cứ, thực hiện", "reference": "trích dẫn", "amends": "sửa đổi, bổ sung",
             "replaces": "thay thế", "guides": "hướng dẫn"}


def text(value) -> str:
    """Plain text for a Markdown page: HTML escaped, Markdown punctuation escaped, one line."""
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(value).split()), quote=False))


def attr(value) -> str:
    return html.escape(" ".join(str(value).split()), quote=True) if value is not None else ""


def link(label, from_page: str, to_page: str) -> str:
    return f"[{text(label)}]({paths.rel(from_page, to_page)})"


def date(value) -> str:
    """ "2023-02-21" → "21/02/2023"; "2024-02" → "02/2024"; "2026" → "2026"."""
    if not value:
        return ""
    parts = str(value).split("-")
    return "/".join(reversed(parts))


def crumbs(from_page: str, trail: list[tuple[str, str | None]]) -> str:
    """A breadcrumb line: (label, page or None for the current one)."""
    items = [link(label, from_page, page) if page else text(label) for label, page in trail]
    return " › ".join(items)
