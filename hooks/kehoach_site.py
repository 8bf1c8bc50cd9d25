"""MkDocs hooks: hand the library's pages and files to MkDocs. All logic lives in kehoach.site.

Generated pages are HTML already (escaped and sanitised by the library). Those of the navigation go
through MkDocs: an empty Markdown source for each and, as the page's content, a placeholder, which the
page's HTML replaces when MkDocs has rendered the theme around it. The others (all but a handful)
MkDocs knows, so that links to them are checked, but does not render: the hook renders the theme once
for all pages whose frame comes out the same (kehoach.site.frame), puts each page's values and HTML in
it, and hands the page to threads that write it while the next is made (kehoach.site.writer), as it
does the library's other files. Nothing holds the HTML of every page at once.

Builds are incremental (kehoach.site.state): the site folder of the last build is set aside before
MkDocs empties it; a page or file made from the same as then is not handed to MkDocs at all, and when
the build ends the few outputs it wrote join the kept ones (_move_back); the library keeps whole units
of pages whose reads did not change (kehoach.site.units); when nothing it reads changed (`state.inputs`),
the library is not even asked. `mkdocs serve` watches the plans by the system's notifications. The
sitemap is the library's (MkDocs' lists only the pages it rendered)."""

from __future__ import annotations

import gc
import hashlib
import html
import json
import logging
import os
import re
import shutil
import threading
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import material
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as EnginePage
from mkdocs.utils import get_relative_url, normalize_url

from kehoach.memory import give_back
from kehoach.search import Indexing, catalogue, index_site, termindex, written as written_by_index
from kehoach.planfile import PlanMemo
from kehoach.site import Page, SiteError, build_site, compact, paths, use_templates
from kehoach.site.frame import Frame, FrameError, marker
from kehoach.site.policy import readable_by_all, with_policy
from kehoach.site.sitemap import sitemaps
from kehoach.site.state import BuildState, Output, code_version, content_key, inputs, version
from kehoach.site.writer import Writer
from kehoach.watch import Watch

# "<h1" in it: Material adds a heading of its own (the raw title) to content that has none
PLACEHOLDER = "<!-- kehoach: page <h1 -->"
MATERIAL = Path(material.__file__).parent / "templates"
_pages: dict[str, Page] = {}  # generated pages of the navigation: rendered by MkDocs
_streamed: dict[str, tuple[Page | None, File]] = {}  # the other generated pages: rendered by this hook (_stream_pages)
_writer: list[Writer] = []  # this build's writer of the pages and files the hook writes itself
_files: list[Files] = []
_documentation_pages: list[list[File]] = []  # the build's, as MkDocs' templates see them (`pages`): of 16,000 files at 10,000 plans
_nav: list = []
_indexing: list[Indexing] = []
_serving = False
_memo = PlanMemo()  # `mkdocs serve` rebuilds in one process: plans it has read and that did not change
_reuse: dict = {}  # `mkdocs serve`: values made of a plan and its neighbours, kept while those are the same
_env = None
_navs: dict[tuple, str] = {}  # the navigation of generated pages that are not in it, by what its links depend on
_in_nav: set[str] = set()
_nav_urls: list[list[str]] = []
ENV = ("KEHOACH_SOURCE_URL", "KEHOACH_SEARCH", "KEHOACH_PLANS")  # settings a build's output depends on
_state: BuildState | None = None  # the state of this build: what each output was made from
_kept: dict[str, str] = {}  # source → fingerprint of the last build's outputs still as written
_restore: dict[str, Output] = {}  # outputs of the last build this one keeps
_written: dict[str, tuple[str, str, bool]] = {}  # source → (fingerprint, output, a page?) written by this build
_prior_inputs: list[str] = [""]  # the inputs of the last build, if all its output is still as written
_prior_index: dict[str, Output] = {}  # the search index the last build wrote: "search:<file>" → output
_prior_units: list[dict] = [{}]  # the last build's units of pages (kehoach.site.units)
_index_jobs: list = []  # the index this build writes, to be noted in its state once written
INDEX = "search:"
INDEX_FOLDERS = frozenset({termindex.DIRECTORY, catalogue.DIRECTORY})  # written by the index's own process
UNCHANGED = "kehoach: nothing the site is made from changed"
log = logging.getLogger("mkdocs.plugins.kehoach")
_serve_state: BuildState | None = None  # `mkdocs serve` keeps its state in memory (its site is a temporary folder)
_code = ""  # this build's code_version: of the state, and of the plans memo
_discarding: list[threading.Thread] = []  # deleting the last build's output not kept (_discard)
_watch: list[Watch] = []  # `mkdocs serve`: the plans folder, watched (on_serve)


def _root(config) -> Path:
    return Path(config["config_file_path"]).parent


class _KeptLinks(logging.Filter):
    """MkDocs says a link to a kept page goes to a page "excluded from the built site": it is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.endswith("which is excluded from the built site.")
                    and any(f"'{source}'" in message for source in (*_restore, *_streamed)))


# a build makes millions of small objects and keeps most until it ends: Python's collector, run
# every 700 allocations, went through them over and over (10,000 plans, one title changed: 15.2–15.7 s
# → 12.8–13.0 s; peak memory the same)
COLLECT_EVERY = (100_000, 50, 1000)


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    gc.set_threshold(*COLLECT_EVERY)
    for name in ("mkdocs.structure.pages", "properdocs.structure.pages"):  # MkDocs', ProperDocs' own name
        pages_log = logging.getLogger(name)
        if not any(isinstance(f, _KeptLinks) for f in pages_log.filters):
            pages_log.addFilter(_KeptLinks())


def on_config(config):
    # the theme's custom_dir may restyle any page template: overrides/kehoach/<template>
    custom = config.theme.custom_dir
    use_templates([Path(custom) / "kehoach"] if custom else [])
    config.theme.static_templates.discard("sitemap.xml")  # the library writes it (on_files)
    return config


def _aside(config) -> Path:
    site = Path(config["site_dir"])
    return site.with_name(f".{site.name}.truoc")


def _state_file(config) -> Path:
    site = str(Path(config["site_dir"]).resolve())
    return _root(config) / ".cache" / "build" / (hashlib.blake2b(site.encode(), digest_size=8).hexdigest() + ".pickle")


def _nav_sources(items) -> set[str]:
    out: set[str] = set()
    for item in items or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out |= _nav_sources(value)
        elif isinstance(value, str):
            out.add(value)
    return out


def on_pre_build(config) -> None:
    """Load the last build's state, and set its output aside before MkDocs empties the site folder."""
    global _state, _code
    # `serve`: the last build's index, if still being written into the site folder, is stopped, not
    # waited for (this build writes it anew): at 10,000 plans, a change saved in the first half
    # minute waited ~20 s for the first index before the change was built
    started = [d for d in _deferred if d.ident is not None]  # a build that failed did not start its own
    _deferred.clear()
    for deferred in started:
        deferred.ready.wait()  # its index started, to be stopped below
    while _indexing:
        _indexing.pop().cancel()
    for deferred in started:
        deferred.join()
    site, aside = Path(config["site_dir"]), _aside(config)
    custom = config.theme.custom_dir
    docs = sorted(str(p.relative_to(config["docs_dir"])) for p in Path(config["docs_dir"]).rglob("*") if p.is_file())
    _code = code_version()
    ver = version([Path(config["config_file_path"]), Path(__file__)] + ([Path(custom)] if custom else []),
                  {**{k: os.environ.get(k) for k in ENV}, "site_url": config["site_url"], "repo_url": config["repo_url"],
                   "edit_uri": config["edit_uri"], "docs": "\n".join(docs)}, _code)
    if _serving:
        if _frozen[0]:
            gc.disable()  # a rebuild: its cycles are few, collected once it is done (_freeze_heap)
        prior = _serve_state if _serve_state is not None and _serve_state.version == ver else BuildState(ver)
    else:
        prior = BuildState.load(_state_file(config), ver)
        _state_file(config).unlink(missing_ok=True)  # a build that fails leaves no state: the next one is cold
    _state = BuildState(ver)
    _close_writer()
    _streamed.clear()
    _kept.clear()
    _restore.clear()
    _written.clear()
    _index_jobs.clear()
    _prior_index.clear()
    _prior_index.update((s, o) for s, o in prior.outputs.items() if s.startswith(INDEX))
    _prior_inputs[0] = ""
    _prior_units[0] = prior.units
    while _discarding:
        _discarding.pop().join()
    for left in [aside, *aside.parent.glob(aside.name + DISCARDED + "*")]:  # by a build that was stopped
        shutil.rmtree(left, ignore_errors=True)
    if prior.outputs and site.is_dir():
        # `serve`: its site is a temporary folder only its builds write (no stat of every output)
        kept = {s: o.key for s, o in prior.outputs.items()} if _serving else prior.kept(site)
        try:
            os.rename(site, aside)
        except OSError:  # a mount point cannot be moved: build cold
            return
        _kept.update(kept)
        _restore.update((s, prior.outputs[s]) for s in kept)
        if len(kept) == len(prior.outputs):
            _prior_inputs[0] = prior.inputs


def _plans(config) -> Path:
    return Path(os.environ.get("KEHOACH_PLANS") or _root(config) / "plans")


def on_serve(server, config, builder):
    """Watch the plans folder by the system's notifications (kehoach.watch), not by MkDocs' polling,
    which stats every plan twice a second beside the build. Where the system cannot (too many
    folders for it), or the engine's server is not MkDocs' as the hook knows it, MkDocs polls."""
    plans = _plans(config).resolve()
    rebuild = getattr(server, "_rebuild_cond", None)
    if rebuild is None or not hasattr(server, "_want_rebuild") or not plans.is_dir():
        return server

    def changed(event) -> None:  # as MkDocs' own watcher does (LiveReloadServer.watch)
        with rebuild:
            server._want_rebuild = True
            rebuild.notify_all()

    if _watch:
        _watch.pop().stop()
    try:
        _watch.append(Watch(plans, changed))
    except OSError as err:
        log.warning(f"kehoach: {plans} polled for changes, not watched: {err}")
        return server
    polled = [p for p in config.watch if Path(p).resolve() == plans]
    for p in polled:
        config.watch.remove(p)
    log.info(f"kehoach: watching {plans} for changes (notified by the system, not polled)")
    return server


def on_shutdown() -> None:
    while _watch:
        _watch.pop().stop()


def on_files(files: Files, config) -> Files:
    plans = _plans(config)
    searched = os.environ.get("KEHOACH_SEARCH", "1") != "0"
    written = [(f.url, f.content_string) for f in files.documentation_pages()]  # hand-written pages: searched too
    # a rebuild of `mkdocs serve` follows a change it was told of: what was read is not listed (a stat
    # of every plan: ~0.13 s at 10,000 plans), and the build never keeps all as it was
    rebuilding = _serving and _serve_state is not None
    _state.inputs = "" if rebuilding else inputs(plans, {"written": content_key(json.dumps(written)),
                                                         "site_url": config["site_url"]})
    # nothing read changed and all the last build wrote is still there (its search index too): keep it all
    if _state.inputs and _state.inputs == _prior_inputs[0] and (_prior_index or not searched):
        _state.units = _prior_units[0]
        for source, out in _restore.items():
            _keep(source, out.key)
            if out.page:  # known to MkDocs for links from hand-written pages, never rendered
                files.append(_excluded(config, source))
        _drop_engine_sitemap(files, config)
        log.info(f"{UNCHANGED}: kept the {len(_restore)} pages and files of the last build")
        return _engine_files(files, config)
    index = None
    if searched and rebuilding:
        # a rebuild of `mkdocs serve`: the index starts once the pages are shown, in a thread while
        # the process waits for the next change, not before the plans' pages (its records, their
        # digests and handing them to its process: ~1 s at 10,000 plans)
        def index(site):
            _deferred.append(_Deferred(site, start))
    elif searched:  # the search index is written beside the rest of the build

        def index(site):
            start(site)

    def start(site):
        # the last build's index, if all of it is still there and made from the same records
        prior = {o.key for o in _prior_index.values()}
        kept = len(prior) == 1 and all(s in _restore for s in _prior_index) and not _serving
        job = index_site(site, Path(config["site_dir"]), written, previous=prior.pop() if kept else None,
                         cache=_root(config) / ".cache" / "search")
        _indexing.append(job)
        if job.process is None:
            for source in _prior_index:
                _keep(source, job.key)
        elif not _serving:
            _index_jobs.append(job)
        return job
    nav = _nav_sources(config["nav"])  # MkDocs needs the pages of its navigation: always rendered
    # the plans as read by the last build, while their files are unchanged
    memo_file = _root(config) / ".cache" / "plans.pickle"
    memo = _memo if _serving else PlanMemo.load(memo_file, _code)
    _drop_engine_sitemap(files, config)
    taken = {f.src_uri for f in files}  # a hand-written page of the same path wins
    writer = Writer(config["site_dir"])
    _writer.append(writer)

    def write(path: str, content: str | bytes) -> None:  # each file as the library makes it
        if path not in taken and not _kept_again(path, key := content_key(content)):
            writer.write(path, content.encode("utf-8") if isinstance(content, str) else content)
            _written[path] = (key, path, False)

    def keep(path: str, key: str) -> None:  # a file the library keeps from the last build (its unit did not change)
        if path not in taken:
            _keep(path, key)

    try:
        site = build_site(plans, cache=_root(config) / ".cache",
                          source_url=os.environ.get("KEHOACH_SOURCE_URL"), on_fulltexts=index, memo=memo,
                          previous={k: v for k, v in _kept.items() if k not in nav}, site_url=config["site_url"] or "",
                          on_file=write, on_kept=keep, units=_prior_units[0], reuse=_reuse if _serving else None,
                          check_units=os.environ.get("KEHOACH_CHECK_UNITS") == "1")
    except SiteError as err:  # a broken plan stops the build, naming file and line
        raise PluginError(str(err)) from None
    _state.units = site.units
    if site.units_kept:
        log.info(f"kehoach: {site.units_kept} of {len(site.units)} units of pages kept as the last build made them")
    _pages.clear()
    urls = [f.url for f in files.documentation_pages()]
    for path, page in site.pages.items():
        if path in taken:
            continue
        urls.append(paths.url(path))
        if page.reused or path not in nav:  # known to MkDocs for links from hand-written pages, not rendered by it
            file = _excluded(config, path)
            files.append(file)
            if page.reused:  # kept from the last build
                _keep(path, page.key)
            else:
                _streamed[path] = (page, file)
        else:
            files.append(File.generated(config, path, content=""))
            _pages[path] = page
    for path, content in sitemaps(config["site_url"] or "/", urls).items():
        write(path, content)
    for path, source in site.copies.items():
        if path not in taken:
            # `mkdocs serve` stats each plan as it reads it: not again here (~0.1 s at 10,000 plans)
            stamp = memo.seen(source) if _serving else None
            if stamp is None:
                st = source.stat()
                stamp = (st.st_mtime_ns, st.st_size)
            key = f"{source}\0{stamp[1]}\0{stamp[0]}"
            if not _kept_again(path, key):
                writer.copy(path, source)
                _written[path] = (key, path, False)
    _files[:] = [files]
    _documentation_pages.clear()
    return _engine_files(files, config)


_unrendered: list[tuple[tuple, dict[str, File]]] = []  # `mkdocs serve`: (settings, path → File) of the last build


def _excluded(config, path: str) -> File:
    """The File of a generated page MkDocs knows but does not render (for links to it). `mkdocs serve`
    makes each once, while the settings it is made of are the same (at 10,000 plans, 16,000 Files and
    their addresses: ~0.2 s of each rebuild)."""
    if not _serving:
        return File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED)
    settings = (config["site_dir"], config["use_directory_urls"])
    if not _unrendered or _unrendered[-1][0] != settings:
        _unrendered[:] = [(settings, {})]
    made = _unrendered[-1][1]
    file = made.get(path)
    if file is None:
        file = made[path] = File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED)
    return file


def _drop_engine_sitemap(files: Files, config) -> None:
    theirs = files.get_file_from_path("sitemap.xml")  # MkDocs' template, a static file once not rendered
    if theirs is not None and not theirs.abs_src_path.startswith(os.path.abspath(config["docs_dir"]) + os.sep):
        files.remove(theirs)


def _engine_files(files: Files, config) -> Files:
    """The files every build hands to MkDocs itself, whatever the library made."""
    for path, script in theme_scripts(config).items():
        files.append(File.generated(config, path, content=script))
    return files


def _material_script(partial: str) -> str:
    """The inline script of one of Material's partials/javascripts/*.html, as Material writes it."""
    text = (MATERIAL / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    return text[text.index("<script>") + len("<script>"):text.rindex("</script>")]


def theme_scripts(config) -> dict[str, str]:
    """Material's inline scripts of every page, as files the browser keeps (overrides/partials/
    javascripts/): ~1.1 KB less on each page, the palette's form included (written by its script where
    the script stands: it works only with JavaScript anyway). Each reads the site's root from its own
    address, as the inline script read it from the page's."""
    base = _material_script("base.html")
    scope = re.compile(r'new URL\("\{\{[^}]*\}\}",location\)')
    if len(scope.findall(base)) != 1:
        raise PluginError("Material's partials/javascripts/base.html changed: update hooks/kehoach_site.py")
    out = {"assets/base.js": scope.sub('new URL("..",document.currentScript.src)', base)}
    palette = config.theme.get("palette")
    if isinstance(palette, list) and palette:
        form = []
        for n, option in enumerate(palette):
            toggle = option.get("toggle") or {}
            name = html.escape(toggle.get("name") or "", quote=True)
            colour = " ".join(f'data-md-color-{k}="{html.escape(v, quote=True)}"' for k, v in (
                ("media", str(option.get("media") or "")),
                *((k, str(option.get(k) or d).replace(" ", "-"))  # as Material's partials/palette.html writes them
                  for k, d in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo")))))
            form.append(f'<input class="md-option" {colour} aria-label="{name}" type="radio" name="__palette" '
                        f'id="__palette_{n}">')
            if toggle:
                icon = html.escape(str(toggle.get("icon", "")).rsplit("/", 1)[-1], quote=True)
                form.append(f'<label class="md-header__button md-icon" title="{name}" for="__palette_{(n + 1) % len(palette)}"'
                            f' hidden><span class="kh-i kh-i-{icon}"></span></label>')
        out["assets/palette.js"] = (
            "(function(s){var f=document.createElement(\"form\");f.className=\"md-header__option\";"
            "f.setAttribute(\"data-md-component\",\"palette\");f.innerHTML=" + json.dumps("".join(form)) +
            ";s.parentNode.insertBefore(f,s)})(document.currentScript);\n" + _material_script("palette.html"))
    return out


def _keep(source: str, key: str) -> None:
    """Keep the last build's output of `source` (it is made from `key` again)."""
    if _kept.get(source) != key:
        raise AssertionError(f"{source}: kept, but made from something else")
    _state.outputs[source] = _restore[source]


def _kept_again(path: str, key: str) -> bool:
    """A generated file made from `key`: kept from the last build if that one was made from the same."""
    if _kept.get(path) == key:
        _keep(path, key)
        return True
    return False


def _close_writer() -> None:
    """Wait for the files handed to the writer (OSError: one could not be written)."""
    while _writer:
        _writer.pop().close()


def on_nav(nav, config, files):
    _nav[:] = [nav]
    _in_nav.clear()
    _in_nav.update(p.file.src_uri for p in nav.pages)
    _nav_urls[:] = [p.url.split("/") for p in nav.pages]
    return nav


def _nav_key(url: str, base_url: str, targets: list[list[str]] | None = None) -> tuple:
    """The navigation's relative links from a page (or those to `targets`, as split URLs) depend only
    on the page's depth and on how many leading path segments it shares with each link's target."""
    parts = url.split("/")
    shared = []
    for target in _nav_urls if targets is None else targets:
        n = 0
        while n < len(parts) and n < len(target) and parts[n] == target[n] and parts[n]:
            n += 1
        shared.append(n)
    return base_url, tuple(shared)


def on_env(env, config, files):
    global _env
    _env = env
    env.filters["urlparse_path"] = lambda url: urlsplit(url).path or "/"
    _navs.clear()
    return env


def on_page_context(context, page, config, nav):
    """A generated page not in the navigation has no active item in it: render the navigation once
    for all such pages whose links come out the same (it was 40% of the theme's time)."""
    source = page.file.src_uri
    if (source in _pages or source in _streamed) and source not in _in_nav and _env is not None:
        base = _nav_key(page.url, context["base_url"])
        if base not in _navs:
            values = dict(context)
            values["lang"] = _env.get_template("partials/language.html").make_module(values)  # as base.html does
            values["features"] = config.theme.get("features") or []
            _navs[base] = _compact_nav(_env.get_template("partials/nav.html").render(values))
        context["kehoach_nav"] = _navs[base]
    return context


_ELLIPSIS = re.compile(r'\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>\s*')
_BETWEEN_TAGS = re.compile(r">\s+<")
_NAV_SOURCE = re.compile(r'<div class="md-nav__source">.*?</div></a></div>', re.DOTALL)


def _compact_nav(html_: str) -> str:
    """Material's navigation for the generated pages: without the whitespace between its tags (its
    items are blocks and flex boxes, where it shows nothing), the ellipsis wrapper of each title (the
    site's are short), and the repository's link in the phone's drawer (those pages are for readers;
    the header keeps it on a desktop, every hand-written page in the drawer too): ~700 bytes less on
    each of 15,000 pages."""
    return _NAV_SOURCE.sub("", _BETWEEN_TAGS.sub("><", _ELLIPSIS.sub(r"\1", html_)))


def on_page_markdown(markdown: str, page, config, files) -> str:
    generated = _pages.get(page.file.src_uri)
    if generated is not None:
        page.meta.update(generated.meta())
        page.edit_url = _edit_url(config, generated.file)  # MkDocs' would point into docs/, where it is not
    return markdown


def _edit_url(config, file: str) -> str | None:
    """The address that edits `file` (a path in the repository), as `repo_url` and `edit_uri` say
    for the hand-written pages of docs/."""
    if not (file and config.get("repo_url") and config.get("edit_uri")):
        return None
    docs = urljoin(config["repo_url"].rstrip("/") + "/", config["edit_uri"].rstrip("/") + "/")
    return urljoin(docs, os.path.relpath(_root(config) / file, config["docs_dir"]).replace(os.sep, "/"))


def on_page_content(html: str, page, config, files) -> str:
    return PLACEHOLDER if page.file.src_uri in _pages else html


def on_post_page(output: str, page, config) -> str:
    output = with_policy(output)  # before the generated HTML goes in: only the theme's inline scripts are allowed
    generated = _pages.pop(page.file.src_uri, None)
    if generated is not None:
        output = output.replace(PLACEHOLDER, generated.text(), 1)
        _written[page.file.src_uri] = (generated.key, page.file.dest_uri, True)
    return compact(output)


def on_template_context(context, template_name: str, config):
    """404.html: links relative to the site's root, which its own script finds (overrides/404.html);
    MkDocs would write them from site_url's path, wrong wherever the site is published under another."""
    if template_name == "404.html":
        context["base_url"] = ""
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    return with_policy(output) if template_name.endswith(".html") else output  # 404.html


# each page's own values in its frame: the markers that stand for them when the theme is rendered once
_SLOTS = {"title": marker("title"), "description": marker("description"), "edit": marker("edit"),
          "canonical": marker("canonical"), "content": PLACEHOLDER,
          "feed": "https://kehoach.invalid/" + marker("feed")}  # an address MkDocs' `url` filter leaves as it is


def _themed(config, file: File, meta: dict, edit: str | None, canonical: str | None = None) -> str:
    """Material's page around the generated page `file`, as MkDocs renders it (its `_build_page`) with
    `meta`, the edit link `edit`, the address `canonical` if given (else MkDocs' own), and the
    placeholder as content; with its policy (`on_post_page`)."""
    page = EnginePage(None, File.generated(config, file.src_uri, content=""), config)  # MkDocs ties a page to its file
    page.markdown = ""
    page.meta = meta
    page.content = PLACEHOLDER
    page.edit_url = edit
    if page.canonical_url and canonical is not None:
        page.canonical_url = canonical
    page.active = True
    if not _documentation_pages:  # MkDocs' get_context lists them for every page; once a build here
        _documentation_pages.append(_files[0].documentation_pages())
    context = on_page_context(get_context(_nav[0], _documentation_pages[0], config, page), page, config, _nav[0])
    return with_policy(_env.get_template(meta.get("template", "main.html")).render(context))


def _frame(config, file: File, meta: dict, edit: str | None) -> Frame:
    """The frame of the generated page `file` with `meta`: its theme rendered with markers for values."""
    marked = {k: (_SLOTS[k] if k in _SLOTS else v) for k, v in meta.items()}
    return Frame(_themed(config, file, marked, _SLOTS["edit"] if edit else None, _SLOTS["canonical"]), _SLOTS,
                 required=("title", "content"))


_LINK = re.compile(r'\b(?:href|src)="([^"]*)"')


def _linked(frame: Frame, url: str) -> list[list[str]]:
    """The pages and files the theme links in `frame` (of the page at `url`), as split site URLs."""
    found = set()
    for part in frame.parts:
        for link in _LINK.findall(part):
            target = urlsplit(urljoin("http://site/" + url, html.unescape(link)))
            if target.netloc == "site":
                found.add(target.path[1:])
    return [t.split("/") for t in sorted(found)]


def _stream_pages(config) -> None:
    """Render and write the generated pages MkDocs does not render (see the module's docstring); each
    page is dropped once written. A frame serves every page whose relative links in it come out the
    same: of the same depth and sharing as many leading path segments with each page the theme links
    (the navigation's, and any other: `{{ 'so-hieu/' | url }}` is "./" on that page, "../so-hieu/" on
    its neighbours), and with the same values given. The second page of every frame is also rendered
    as MkDocs would: if the two differ (a theme override that writes a page's own address, or a value
    through a filter), the pages of that frame are rendered one by one, as MkDocs would."""
    if not _streamed:
        return
    frames: dict[tuple, list] = {}  # shape → [its frame, or None: each page rendered whole; pages made with it]
    site_url = config["site_url"]
    writer = _writer[-1]
    targets = None  # every page the theme links: read from the first frame
    for n, path in enumerate(list(_streamed), 1):
        page, file = _streamed[path]
        url = file.url
        meta = page.meta()
        edit = _edit_url(config, page.file)
        first = None  # the first page's frame, made to find the theme's links: its own frame too
        if targets is None:
            try:
                first = _frame(config, file, meta, edit)
                targets = _nav_urls + _linked(first, url)
            except FrameError:
                targets = _nav_urls
        shape = (_nav_key(url, get_relative_url(".", url), targets), edit is not None,
                 repr({k: (k in _SLOTS or v) for k, v in meta.items()}))  # which values it has; the others themselves
        made = frames.get(shape)
        if made is None:
            try:
                made = frames[shape] = [first or _frame(config, file, meta, edit), 0]
            except FrameError as err:
                log.info(f"kehoach: {path}: pages rendered one by one: {err}")
                made = frames[shape] = [None, 0]
        content = page.text()
        if made[0] is None or made[1] == 1:
            whole = compact(_themed(config, file, meta, edit).replace(PLACEHOLDER, content, 1))
        if made[0] is not None:
            values = {"title": meta["title"], "description": meta.get("description", ""), "edit": edit or "",
                      "canonical": urljoin(site_url if site_url.endswith("/") else site_url + "/", url) if site_url else "",
                      "feed": normalize_url(meta["feed"], _At(url)) if "feed" in meta else "", "content": content}
            framed = compact(made[0].fill(values))
            if made[1] == 1 and framed != whole:
                log.info(f"kehoach: {path}: pages rendered one by one: its frame does not fit it")
                made[0] = None
            else:
                whole = framed
        made[1] += 1
        if n % GIVE_BACK_EVERY == 0:
            give_back()  # the data of the pages written so far
        writer.write(file.dest_uri, whole.encode("utf-8", errors="xmlcharrefreplace"))
        _written[path] = (page.key, file.dest_uri, True)
        _streamed[path] = (None, file)  # its data and HTML go
    log.info(f"kehoach: {sum(m[1] for m in frames.values())} pages written in {len(frames)} frames of the theme"
             f" ({sum(1 for m in frames.values() if m[0] is None)} rendered page by page)")


GIVE_BACK_EVERY = 2000  # pages


class _At:
    """A page's address, all MkDocs' `normalize_url` reads of a page."""

    def __init__(self, url: str):
        self.url = url


def on_post_build(config) -> None:
    global _serve_state
    site, aside = Path(config["site_dir"]), _aside(config)
    try:
        _stream_pages(config)
        _close_writer()
    except OSError as err:
        raise PluginError(str(err)) from None
    try:
        _move_back(str(aside), str(site))
    except OSError as err:
        raise PluginError(f"the last build's output could not be kept: {err}") from None
    _discard(aside)
    for source, (key, dest, page) in _written.items():
        _state.record(source, key, dest, site, page)
    if not _serving:  # `mkdocs serve` shows the pages at once; its search catches up a second later
        # while the index process finishes, this one holds no page: 10,000 plans, 509 → 439 MB
        _streamed.clear()
        _pages.clear()
        gc.collect()
        give_back()
        _wait_for_index()
        for job in _index_jobs:
            for name in written_by_index(site):
                _state.record(INDEX + name, job.key, name, site)
        readable_by_all(config["site_dir"])
        _state.save(_state_file(config))
    else:
        _serve_state = _state
        _freeze_heap()
        for deferred in _deferred:
            deferred.start()


# `mkdocs serve` rebuilds in one process, which holds one build's data into the next (the plans read,
# the state). The collector ran ~12 times in each rebuild, through what the build had made so far
# (10,000 plans: 0.9–1.7 s of a 14–17 s rebuild); a build makes few cycles (the process is as large
# after three rebuilds as after one: ~630 MB). So after the first build the collector does not run
# during a rebuild, and what is left after it is moved out of the collector's sight (gc.freeze): what
# of it is freed later, reference counting frees, but not cycles among it, so the heap is collected
# whole at the first build, and again whenever what is frozen has doubled since (~255,000 objects at
# 10,000 plans, growing ~30,000 a rebuild). A change shown in a median 11.4 s instead of 15.6.
_frozen = [0]  # objects frozen after the last whole collection


def _freeze_heap() -> None:
    gc.enable()
    if not _frozen[0] or gc.get_freeze_count() > 2 * _frozen[0]:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen[0] = gc.get_freeze_count()
    else:
        gc.freeze()


DISCARDED = ".xoa-"  # what is left of the last build's output, being deleted


def _discard(folder: Path) -> None:
    """Delete `folder` beside the rest: renamed out of the way at once, deleted by a thread that the
    process waits for before it exits (at 10,000 plans after one change, mostly the ~5,000 files of
    the last search index: 0.4 s of the build)."""
    if not folder.exists():
        return
    trash = folder.with_name(f"{folder.name}{DISCARDED}{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.rename(folder, trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    thread = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True},
                              name="kehoach-discard")
    thread.start()
    _discarding.append(thread)


def _move_back(aside: str, site: str) -> None:
    """Put what this build keeps of the last one's output (in `aside`) back into the site, where this
    build wrote the rest: all but a few outputs are kept after one plan changed, so the few are moved
    into the kept tree, not the many out of it. For each top folder of the kept outputs: the site's
    files there move into the kept one (an output this build wrote after all wins, and the kept one is
    forgotten), whatever else the kept folder holds goes (outputs not kept, the engine's old files),
    and the folder takes the site's one's place. The folders the search index writes into while this
    runs (`mkdocs serve` does not wait for it) are merged file by file, as are files at the top."""
    by_top: dict[str, dict[str, str]] = defaultdict(dict)  # top folder ("" for files at the top) → dest → source
    for source, out in _state.outputs.items():
        top, sep, _ = out.dest.partition("/")
        by_top[top if sep else ""][out.dest] = source
    # `mkdocs serve`: its site folder is written by its builds alone, whose outputs it knows: those of
    # the last build this one does not keep are deleted by name, not found by walking every kept
    # folder (at 10,000 plans, the 10,000 folders of ke-hoach/: ~0.45 s of each rebuild)
    known: dict[str, set[str]] | None = None
    if _serving:
        known = defaultdict(set)
        for out in _restore.values():
            top, sep, _ = out.dest.partition("/")
            if sep:
                known[top].add(out.dest)
    for top, kept in by_top.items():
        here, there = os.path.join(aside, top), os.path.join(site, top)
        if top and top not in INDEX_FOLDERS and os.path.isdir(here) and not os.path.islink(here):
            # OSError: the build fails, leaving no state (the next is cold)
            _adopt(aside, site, top, kept, None if known is None else known.get(top, set()))
            continue
        for dest, source in kept.items():
            src, dst = os.path.join(aside, dest), os.path.join(site, dest)
            try:
                if os.path.lexists(dst):
                    raise FileExistsError(dest)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                os.rename(src, dst)
            except OSError:
                del _state.outputs[source]


def _adopt(aside: str, site: str, top: str, kept: dict[str, str], known: set[str] | None = None) -> None:
    """The kept folder `aside/top` becomes `site/top`, with the files this build wrote there. `known`:
    every file the kept folder holds, if known (`mkdocs serve`); else the folder is walked."""
    here, there = os.path.join(aside, top), os.path.join(site, top)
    allowed = set(kept)
    if os.path.isdir(there):
        for dest in _files_under(site, top):  # this build's: into the kept folder
            target = os.path.join(aside, dest)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(site, dest), target)
            allowed.add(dest)
            if dest in kept:  # written after all: not the kept one
                _state.outputs.pop(kept[dest], None)
    if known is None:
        _keep_only(aside, top, allowed)  # what the kept folder holds besides is not this build's output
    else:
        for dest in known - allowed:
            _delete(aside, dest)
    if os.path.isdir(there):
        shutil.rmtree(there)  # its files moved out: folders only
    if os.path.isdir(here):
        os.rename(here, there)


def _delete(root: str, dest: str) -> None:
    """Delete the file `root/dest`, and the folders that leaves empty below its top folder."""
    try:
        os.unlink(os.path.join(root, dest))
    except FileNotFoundError:
        return
    folder = os.path.dirname(dest)
    while "/" in folder:
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # not empty
            return
        folder = os.path.dirname(folder)


def _files_under(root: str, top: str) -> list[str]:
    """Every file (or link) under `root/top`, as a path relative to `root` with "/"."""
    out, stack = [], [top]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(root, rel)) as entries:
            for entry in entries:
                path = f"{rel}/{entry.name}"
                (stack if entry.is_dir(follow_symlinks=False) else out).append(path)
    return out


def _keep_only(root: str, rel: str, allowed: set[str]) -> bool:
    """Under `root/rel`, delete each file (or link) whose path relative to `root` ("/") is not in `allowed`
    and the folders that leaves empty, `rel` too if it is: whether it was. One walk of the tree (at
    10,000 plans the kept `ke-hoach/` is 10,000 folders)."""
    empty = True
    with os.scandir(os.path.join(root, rel)) as entries:
        subfolders = []
        for entry in entries:
            path = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(path)
            elif path in allowed:
                empty = False
            else:
                os.unlink(entry.path)
    for sub in subfolders:
        empty = _keep_only(root, sub, allowed) and empty
    if empty:
        os.rmdir(os.path.join(root, rel))
    return empty


def on_build_error(error) -> None:
    global _serve_state
    gc.enable()  # a rebuild of `mkdocs serve` that failed (_freeze_heap)
    _serve_state = None  # the next build of `mkdocs serve` is cold
    _deferred.clear()
    _streamed.clear()
    try:
        _close_writer()
    except OSError:
        pass  # the build failed already


class _Deferred(threading.Thread):
    """`mkdocs serve`: the search index of a rebuild, started when the rebuild is done (on_post_build).
    It reads of the site what index_site reads, as it was when the full texts were ready: the build
    then hands each plan's text to its page and lets it go."""

    def __init__(self, site, start):
        super().__init__(name="kehoach-index", daemon=True)
        self.view = SimpleNamespace(graph=site.graph, fulltexts=dict(site.fulltexts), spool=site.spool,
                                    pages={p: page for p, page in site.pages.items() if page.searchable})
        self.begin = start
        self.ready = threading.Event()  # its index started (in `_indexing`), or could not be

    def run(self) -> None:
        job = None
        try:
            job = self.begin(self.view)
        except Exception as err:  # the pages are shown; search keeps the last index
            log.warning(f"kehoach: the search index could not be started: {err!r}")
        finally:
            self.view = None
            self.ready.set()
        if job is not None and job.process is not None:
            # the index's process ends with the thread that started it (search._die_with): this one
            # waits for it, until it is done or the next build stops it
            job.process.join()


_deferred: list[_Deferred] = []


def _wait_for_index() -> None:
    while _indexing:
        try:
            _indexing.pop().wait()
        except RuntimeError as err:
            raise PluginError(str(err)) from None
