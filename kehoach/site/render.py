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

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.ext import Extension

from ..text import heading_slug
from . import paths
from .html import date, shorten
from .spool import Spooled

OVERRIDES = "kehoach"  # the folder of a theme's custom_dir whose templates replace these


class _Layout(Extension):
    """Templates are joined line by line without their line breaks and indentation."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "".join(line.lstrip() for line in source.splitlines())


def _nothing_for_none(value):
    """Every value a template writes: None as nothing (not "None"). Escaping comes after, by autoescape."""
    return "" if value is None else value


@lru_cache(maxsize=4096)  # the same section headings on every page
def _slug(title: str) -> str:
    return heading_slug(title)


def when(value) -> str:
    """ "ngày 22/02/2021", or "năm 2017" when only the year is known."""
    if not value:
        return ""
    return f"năm {value}" if len(str(value)) == 4 else f"ngày {date(value)}"


class Renderer:
    def __init__(self, overrides: Sequence[Path] = ()):
        self.overrides = [str(d) for d in overrides]
        loaders = [FileSystemLoader(str(d)) for d in overrides if Path(d).is_dir()]
        loaders.append(PackageLoader("kehoach.site", "templates"))
        # auto_reload off: Jinja checked each template file's time on every page (1 s of 10,000 plans);
        # a process that builds again reloads them at the start of each build (use_templates)
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=True, extensions=[_Layout],
                               undefined=StrictUndefined, finalize=_nothing_for_none, auto_reload=False)
        self.here = paths.HOME  # the page being rendered: links are relative to it
        self.env.globals.update(url=self.url, paths=paths)
        self.env.filters.update(date=date, when=when, shorten=shorten, slug=_slug)

    def url(self, to: str, anchor: str = "") -> str:
        """The address of page `to` (a source path, maybe with "#section") from the page being
        rendered, relative so that the site works under any subpath."""
        return paths.url_rel(self.here, to) + anchor

    def render(self, template: str, here: str, **data) -> str:
        """As Jinja's Template.render, and then the context emptied: a template's macros and its context
        refer to each other, and the cycle held the page's data (graph nodes, front matter) until the
        cyclic collector ran (at the end of a 10,000-plan build, 390,000 objects, ~60 MB, ~0.9 s)."""
        self.here = here
        drawn = self.env.get_template(template)
        context = drawn.new_context(data)
        try:
            return self.env.concat(drawn.root_render_func(context))
        except Exception:
            self.env.handle_exception()
        finally:
            context.vars.clear()
            context.exported_vars.clear()
            context.parent = {}


class Deferred:
    """A page's HTML before it is rendered: the template, the page's address and the data. A build
    that has the page from before (same fingerprint) never renders it."""

    __slots__ = ("renderer", "template", "here", "data")

    def __init__(self, renderer: Renderer, template: str, here: str, data: dict):
        self.renderer, self.template, self.here, self.data = renderer, template, here, data

    def text(self) -> str:
        data = {k: v.load() if isinstance(v, Spooled) else v for k, v in self.data.items()}  # a full text, read back
        return self.renderer.render(self.template, self.here, **data)

    def fingerprint(self, prints) -> str:
        """`prints`: a `fingerprint.Fingerprints`."""
        return prints.of(self.renderer.overrides, self.template, self.here, self.data)


_renderer = Renderer()
_renderers: dict[tuple[str, ...], Renderer] = {(): _renderer}


def use_templates(overrides: Sequence[Path] = ()) -> None:
    """Render with templates from `overrides` first (folders), then the library's own. Called at the
    start of each build: a process that builds again (`mkdocs serve`) keeps its compiled templates
    but reloads any whose file changed."""
    global _renderer
    key = tuple(str(d) for d in overrides if Path(d).is_dir())
    if key not in _renderers:
        _renderers[key] = Renderer([Path(d) for d in key])
    _renderer = _renderers[key]
    env = _renderer.env
    if env.cache and not all(t.is_up_to_date for t in env.cache.values()):
        env.cache.clear()


def render(template: str, here: str, **data) -> Deferred:
    """The page `here` drawn by `template` from `data`, rendered when its text is asked for."""
    return Deferred(_renderer, template, here, data)


__all__ = ["OVERRIDES", "Deferred", "Renderer", "render", "use_templates", "when"]
