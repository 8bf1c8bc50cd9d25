"""MkDocs hooks: hand the plans to MkDocs as in-memory pages. All logic lives in kehoach.pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kehoach.pages import index_markdown, load_plans, plan_markdown, sanitize

_pages: dict[str, object] = {}


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent / "plans"
    pages, errors = load_plans(root)
    if errors:  # a broken plan stops the build, naming file and line
        raise PluginError("\n".join(str(e) for e in errors))
    _pages.clear()
    for page in pages:
        files.append(File.generated(config, page.url_path, content=plan_markdown(page)))
        _pages[page.url_path] = page
    files.append(File.generated(config, "ke-hoach/index.md", content=index_markdown(pages)))
    return files


def on_page_content(html: str, page, config, files) -> str:
    if page.file.src_uri in _pages:
        return sanitize(html)
    return html
