"""MkDocs hooks: hand the library's pages and files to MkDocs. All logic lives in kehoach.site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kehoach.site import SiteError, build_site, compact, sanitize

_generated: set[str] = set()


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent / "plans"
    try:
        site = build_site(root)
    except SiteError as err:  # a broken plan stops the build, naming file and line
        raise PluginError(str(err)) from None
    _generated.clear()
    for path, content in {**site.pages, **site.files}.items():
        existing = files.get_file_from_path(path)
        if existing is not None:  # a hand-written page of the same path wins
            continue
        files.append(File.generated(config, path, content=content))
        _generated.add(path)
    return files


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri in _generated:
        return sanitize(html)
    return html


def on_post_page(output: str, page, config) -> str:
    return compact(output)
