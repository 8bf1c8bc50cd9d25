"""Pages from Jinja2 templates with autoescape on: page builders hand a template data, never HTML,
so every value is escaped unless code marks it safe on purpose. One place does: a plan's full text,
sanitised by `sanitize.sanitize` and handed over as `sanitize.cleaned` (tests/test_hostile.py checks
that nothing else is marked safe).

The templates are in `kehoach/site/templates/`, one per kind of page (README.md there). A site may
restyle any of them: a file of the same name in an override folder wins, as Material's own plugins
resolve their templates from the theme's `custom_dir` (the MkDocs hook passes
``<custom_dir>/kehoach/``).

Line breaks and the indentation after them are the templates' layout, not the page's: they are
dropped when a template is read, so templates can be laid out for people and pages stay small."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from ..text import heading_slug
from . import paths
from .html import date, shorten

OVERRIDES = "kehoach"  # the folder of a theme's custom_dir whose templates replace these


class _Layout(Extension):
    """Templates are joined line by line without their line breaks and indentation."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "".join(line.lstrip() for line in source.splitlines())


_BREAKS = re.compile(r"\s\s|[\n\r\t\f\v]")


def _one_line(value):
    """Every value written by a template: None as nothing, text on one line (as HTML wants it from a
    title or a name that a YAML block wrapped). Escaping comes after, by autoescape."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup) and _BREAKS.search(value):
        return " ".join(value.split())
    return value


def when(value) -> str:
    """ "ngày 22/02/2021", or "năm 2017" when only the year is known."""
    if not value:
        return ""
    return f"năm {value}" if len(str(value)) == 4 else f"ngày {date(value)}"


class Renderer:
    def __init__(self, overrides: Sequence[Path] = ()):
        loaders = [FileSystemLoader(str(d)) for d in overrides if Path(d).is_dir()]
        loaders.append(PackageLoader("kehoach.site", "templates"))
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=True, extensions=[_Layout],
                               undefined=StrictUndefined, finalize=_one_line, auto_reload=False)
        self.here = paths.HOME  # the page being rendered: links are relative to it
        self.env.globals.update(url=self.url, paths=paths)
        self.env.filters.update(date=date, when=when, shorten=shorten, slug=heading_slug)

    def url(self, to: str, anchor: str = "") -> str:
        """The address of page `to` (a source path, maybe with "#section") from the page being
        rendered, relative so that the site works under any subpath."""
        return paths.url_rel(self.here, to) + anchor

    def render(self, template: str, here: str, **data) -> str:
        self.here = here
        return self.env.get_template(template).render(here=here, **data)


_renderer = Renderer()


def use_templates(overrides: Sequence[Path] = ()) -> None:
    """Render with templates from `overrides` first (folders), then the library's own."""
    global _renderer
    _renderer = Renderer(overrides)


def render(template: str, here: str, **data) -> str:
    return _renderer.render(template, here, **data)


__all__ = ["OVERRIDES", "Renderer", "render", "use_templates", "when"]
