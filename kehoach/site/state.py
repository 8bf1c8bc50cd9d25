"""The state of the last build: for each page and file it wrote, what it was made from (a
fingerprint) and the output file as written (its size and modification time). A build that makes a
page from the same again keeps the output instead of rendering and writing it anew.

The state holds only while nothing else changed: the code of the library, the engine's templates
and configuration (`version`, a digest of all of them: any change rebuilds everything), and the
output files themselves (one that was touched since is made again). The state is written when a
build has finished; a build that fails leaves none, so the next one starts cold.

A build whose inputs (`inputs`: the plans folder as listed by the file system, its git commit, the
build's day and the engine's own pages) are those of the last build, with every output still as
written, makes nothing at all: it keeps the whole of the last build's output."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from datetime import date
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..planfile import write_atomic
from .calendars import build_day
from .history import head

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent  # kehoach/: its code, templates and data
DEPENDENCIES = ("properdocs", "mkdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown", "nh3", "pyyaml", "vietnamadminunits")


def _digest_files(h, roots: list[Path]) -> None:
    for root in roots:
        files = sorted(f for f in root.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if root.is_dir() \
            else [root] if root.is_file() else []
        h.update(f"{root}\0{len(files)}\0".encode())
        for f in files:
            h.update(f"{f.relative_to(root) if root.is_dir() else f.name}\0".encode())
            h.update(hashlib.blake2b(f.read_bytes(), digest_size=16).digest())


def code_version() -> str:
    """A digest of the code: the library's files (code, templates, data) and the installed versions of
    what renders pages. What the plans memo depends on; `version` adds the site's own settings."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}\0".encode())
    for name in DEPENDENCIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=\0".encode())
    _digest_files(h, [PACKAGE])
    return h.hexdigest()


def version(paths: list[Path] = (), values: dict[str, str | None] | None = None,
            code: str | None = None) -> str:
    """A digest of everything a build's output depends on besides the plans: the code (`code`, as
    `code_version` gives it, computed when not given), `paths` (files or folders: the engine's
    configuration, hooks, theme overrides) and `values` (settings from the environment)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{code or code_version()}\0".encode())
    for k, v in sorted((values or {}).items()):
        h.update(f"{k}={v}\0".encode())
    _digest_files(h, [Path(p) for p in paths])
    return h.hexdigest()


@dataclass
class Output:
    key: str  # what it was made from
    dest: str  # the output file, relative to the site's folder
    size: int
    mtime_ns: int
    page: bool = False  # a page the engine knows of (links to it from hand-written pages), not a plain file


@dataclass
class BuildState:
    version: str
    outputs: dict[str, Output] = field(default_factory=dict)  # page or file (source path) → its output
    inputs: str = ""  # what the build was made from besides `version` (`inputs`); "" when unknown
    units: dict = field(default_factory=dict)  # the library's units of pages (kehoach.site.units), for the next build

    @classmethod
    def load(cls, path: Path, version_: str) -> BuildState:
        """The state saved at `path` if it is of this `version_`; else an empty one."""
        try:
            with open(path, "rb") as f:
                state = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return cls(version_)
        if not isinstance(state, cls) or state.version != version_:
            return cls(version_)
        return state

    def save(self, path: Path) -> None:
        write_atomic(path, pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))

    def kept(self, site_dir: Path) -> dict[str, str]:
        """Source path → fingerprint of each output still in `site_dir` as this state wrote it."""
        out = {}
        root = str(site_dir)
        for source, o in self.outputs.items():
            try:
                st = os.stat(os.path.join(root, o.dest))
            except OSError:
                continue
            if st.st_size == o.size and st.st_mtime_ns == o.mtime_ns:
                out[source] = o.key
        return out

    def record(self, source: str, key: str, dest: str, site_dir: Path, page: bool = False) -> None:
        """Note the output `dest` of `source`, as it is now in `site_dir`."""
        st = os.stat(os.path.join(site_dir, dest))
        self.outputs[source] = Output(key, dest, st.st_size, st.st_mtime_ns, page)


def inputs(plans_dir: Path, values: dict[str, str | None] | None = None) -> str:
    """A digest of what a build reads besides its code and settings (`version`): every file under
    `plans_dir` by path, size and modification time (as `make` tells a changed file: a plan saved
    again is read again), the git commit holding them (a plan page's "last updated" line comes from
    git), the build's day (the calendars' window, the guide's clauses in force) and `values`. The same
    digest twice: nothing a build reads has changed."""
    h = hashlib.blake2b(digest_size=16)
    for k, v in sorted((values or {}).items()):
        h.update(f"{k}={v}\0".encode())
    h.update(f"day={build_day().isoformat()}\0{date.today().isoformat()}\0".encode())
    h.update(f"git={head(plans_dir)}\0".encode())
    root = str(plans_dir)
    listed = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            listed.append(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n")
    h.update(f"{root}\0{len(listed)}\0".encode())
    for line in sorted(listed):
        h.update(line.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def content_key(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).hexdigest()


__all__ = ["BuildState", "Output", "code_version", "content_key", "inputs", "version"]
