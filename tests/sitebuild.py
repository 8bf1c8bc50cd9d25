"""Helpers to build real sites with MkDocs for the tests: the repository's, or a project made of the
repository's configuration and a plans directory of the test's own."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

from kehoach.planfile import dump_plan, write_atomic

from .conftest import BIN, CONFIG, ENGINE, ROOT


def mkdocs_build(project: Path, site: Path, env: dict | None = None, verbose: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENGINE), "build", "--strict", *(["-v"] if verbose else []), "-f", str(project / CONFIG),
                           "-d", str(site)], capture_output=True, text=True, check=False,
                          env={"PATH": os.pathsep.join((str(BIN), os.defpath)), "NO_MKDOCS_2_WARNING": "1", "HOME": str(project), **(env or {})})


def project_with(tmp: Path, metas: list[dict] = (), raw: dict[str, str] | None = None, seeds: bool = True) -> Path:
    """A copy of the site's configuration with plans/ = (the seeds) + `metas` + raw files."""
    project = tmp / "project"
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / CONFIG, project)
    if seeds:
        shutil.copytree(ROOT / "plans", project / "plans")
    (project / "plans").mkdir(exist_ok=True)
    for meta in metas:
        body = meta.get("_body", "Nội dung kế hoạch.")
        record = {k: v for k, v in meta.items() if k != "_body"}
        write_atomic(project / "plans" / f"{meta['id']}.md", dump_plan(record, body))
    for name, text in (raw or {}).items():
        (project / "plans" / name).write_text(text, "utf-8")
    return project


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(root: Path, handler=Quiet):
    """The folder `root` over HTTP on a free port, while in the block: yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@contextlib.contextmanager
def built_and_served(tmp: Path, metas: list[dict], env: dict | None = None):
    """The site of `metas` alone (no seeds) built under a subpath, /kehoach/, as GitHub Pages publishes a
    project, and served: yields (its address, its folder)."""
    proc = mkdocs_build(project_with(tmp, metas, seeds=False), tmp / "www" / "kehoach", env)
    assert proc.returncode == 0, proc.stderr
    with serving(tmp / "www") as base:
        yield base + "kehoach/", tmp / "www" / "kehoach"
