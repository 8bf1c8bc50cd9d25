"""Safe pieces of HTML: every value that comes from a plan is escaped here before it is written.
Pages are built as HTML directly (no Markdown round trip per page: at 10,000 plans that was most of
the build); only a plan's own text is Markdown (see fulltext.py)."""

from __future__ import annotations

import html

from ..text import heading_slug
from . import paths

RELATIONS = {"basis": "căn cứ, thực hiện", "reference": "trích dẫn", "amends": "sửa đổi, bổ sung",
             "replaces": "thay thế", "guides": "hướng dẫn"}


def esc(value) -> str:
    """Plain text on one line, HTML-escaped (quotes too: safe in attributes)."""
    if value is None:
        return ""
    return html.escape(" ".join(str(value).split()))


def a(label, here: str, to: str, anchor: str = "") -> str:
    """A link from page `here` to page `to` (source paths, maybe with "#section"), relative so the site
    works under any subpath."""
    return f'<a href="{esc(paths.url_rel(here, to))}{anchor}">{esc(label)}</a>'


def link_out(label, url: str) -> str:
    """A link that leaves the site (an absolute http(s) URL)."""
    return f'<a href="{esc(url)}">{esc(label)}</a>'


def h(level: int, title: str) -> str:
    return f'<h{level} id="{heading_slug(title)}">{esc(title)}</h{level}>'


def p(inner: str, cls: str = "") -> str:
    return f'<p class="{cls}">{inner}</p>' if cls else f"<p>{inner}</p>"


def ul(items: list[str], cls: str = "") -> str:
    if not items:
        return ""
    head = f'<ul class="{cls}">' if cls else "<ul>"
    return head + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def card(rows: list[tuple[str, str]]) -> str:
    """Label/value rows (values already HTML); empty values are left out."""
    body = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows if v)
    return f'<table class="kh-card"><tbody>{body}</tbody></table>'


def table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{esc(x)}</th>" for x in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def note(kind: str, title: str, inner: str) -> str:
    """A Material admonition (note, info, warning)."""
    return f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>{inner}</div>'


def date(value) -> str:
    """ "2023-02-21" → "21/02/2023"; "2024-02" → "02/2024"; "2026" → "2026"."""
    if not value:
        return ""
    return "/".join(reversed(str(value).split("-")))


def crumbs(here: str, trail: list[tuple[str, str | None]]) -> str:
    """Breadcrumbs: (label, page or None for the current one)."""
    items = [a(label, here, page) if page else f'<span aria-current="page">{esc(label)}</span>'
             for label, page in trail]
    return f'<nav class="kh-crumbs" aria-label="Đường dẫn">{" › ".join(items)}</nav>'


def shorten(value, limit: int) -> str:
    value = " ".join(str(value or "").split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"
