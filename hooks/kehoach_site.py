"""MkDocs hooks: hand the library's pages and files to MkDocs. All logic lives in kehoach.site.

Generated pages are HTML already (escaped and sanitised by the library). MkDocs gets an empty
Markdown source for each and, as the page's content, a placeholder; the page's HTML replaces the
placeholder when MkDocs has rendered the theme around it. So MkDocs never holds the HTML of every
page at once (it keeps every page's content until the end of a build)."""

from __future__ import annotations

import os
from pathlib import Path

import mkdocs.contrib.search
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kehoach.search import Indexing, index_site
from kehoach.planfile import PlanMemo
from kehoach.site import Page, SiteError, build_site, compact, use_templates
from kehoach.site.policy import readable_by_all, with_policy

# "<h1" in it: Material adds a heading of its own (the raw title) to content that has none
PLACEHOLDER = "<!-- kehoach: page <h1 -->"
LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
_pages: dict[str, Page] = {}
_indexing: list[Indexing] = []
_serving = False
_memo = PlanMemo()  # `mkdocs serve` rebuilds in one process: plans it has read and that did not change
_env = None
_navs: dict[tuple, str] = {}  # the navigation of generated pages that are not in it, by what its links depend on
_in_nav: set[str] = set()
_nav_urls: list[list[str]] = []


def _root(config) -> Path:
    return Path(config["config_file_path"]).parent


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config):
    # the theme's custom_dir may restyle any page template: overrides/kehoach/<template>
    custom = config.theme.custom_dir
    use_templates([Path(custom) / "kehoach"] if custom else [])
    return config


def on_files(files: Files, config) -> Files:
    _wait_for_index()  # `mkdocs serve`: the previous build's index, if still being written
    plans = Path(os.environ.get("KEHOACH_PLANS") or _root(config) / "plans")
    index = None
    if os.environ.get("KEHOACH_SEARCH", "1") != "0":  # the search index is written beside the rest of the build
        written = [(f.url, f.content_string) for f in files.documentation_pages()]  # hand-written pages too

        def index(site):
            _indexing.append(index_site(site, Path(config["site_dir"]), written))
    try:
        site = build_site(plans, cache=_root(config) / ".cache" / "fulltext",
                          source_url=os.environ.get("KEHOACH_SOURCE_URL"), on_fulltexts=index,
                          memo=_memo if _serving else None)
    except SiteError as err:  # a broken plan stops the build, naming file and line
        raise PluginError(str(err)) from None
    _pages.clear()
    taken = {f.src_uri for f in files}  # a hand-written page of the same path wins
    for path, page in site.pages.items():
        if path not in taken:
            files.append(File.generated(config, path, content=""))
            _pages[path] = page
    for path, content in site.files.items():
        if path not in taken:
            files.append(File.generated(config, path, content=content))
    for path, source in site.copies.items():
        if path not in taken:
            files.append(File.generated(config, path, abs_src_path=str(source)))
    # lunr.js for the lookup page: the copy MkDocs ships (2.3.9, the version lunr.py writes indexes for)
    files.append(File.generated(config, "assets/lunr.js", abs_src_path=str(LUNR_JS)))
    return files


def on_nav(nav, config, files):
    _in_nav.clear()
    _in_nav.update(p.file.src_uri for p in nav.pages)
    _nav_urls[:] = [p.url.split("/") for p in nav.pages]
    return nav


def _nav_key(page, base_url: str) -> tuple:
    """The navigation's relative links from a page depend only on the page's depth and on how many
    leading path segments it shares with each link's target."""
    parts = page.url.split("/")
    shared = []
    for target in _nav_urls:
        n = 0
        while n < len(parts) and n < len(target) and parts[n] == target[n] and parts[n]:
            n += 1
        shared.append(n)
    return base_url, tuple(shared)


def on_env(env, config, files):
    global _env
    _env = env
    _navs.clear()
    return env


def on_page_context(context, page, config, nav):
    """A generated page not in the navigation has no active item in it: render the navigation once
    for all such pages whose links come out the same (it was 40% of the theme's time)."""
    if page.file.src_uri in _pages and page.file.src_uri not in _in_nav and _env is not None:
        base = _nav_key(page, context["base_url"])
        if base not in _navs:
            values = dict(context)
            values["lang"] = _env.get_template("partials/language.html").make_module(values)  # as base.html does
            values["features"] = config.theme.get("features") or []
            _navs[base] = _env.get_template("partials/nav.html").render(values)
        context["kehoach_nav"] = _navs[base]
    return context


def on_page_markdown(markdown: str, page, config, files) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        page.meta.update(generated.meta())
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return PLACEHOLDER if page.file.src_uri in _pages else html


def on_post_page(output: str, page, config) -> str:
    output = with_policy(output)  # before the generated HTML goes in: only the theme's inline scripts are allowed
    generated = _pages.pop(page.file.src_uri, None)
    if generated is not None:
        output = output.replace(PLACEHOLDER, generated.text(), 1)
    return compact(output)


def on_post_template(output: str, template_name: str, config) -> str:
    return with_policy(output) if template_name.endswith(".html") else output  # 404.html


def on_post_build(config) -> None:
    if not _serving:  # `mkdocs serve` shows the pages at once; its search catches up a second later
        _wait_for_index()
        readable_by_all(config["site_dir"])


def _wait_for_index() -> None:
    while _indexing:
        try:
            _indexing.pop().wait()
        except RuntimeError as err:
            raise PluginError(str(err)) from None
