"""Helpers to build real sites with MkDocs for the tests: the repository's, or a project made of the
repository's configuration and a plans directory of the test's own."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from kehoach.planfile import dump_plan, write_atomic

from .conftest import BIN, CONFIG, ENGINE, ROOT


def mkdocs_build(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENGINE), "build", "--strict", "-f", str(project / CONFIG),
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
