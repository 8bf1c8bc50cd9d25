"""When each plan file last changed, from git: the date of the last commit that touched it, for the
"last updated" line of its page. Nothing is said where git cannot tell: outside a repository, in a
shallow clone (whose one commit would date every file to the same day), or for a file git does not
track."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def head(folder: Path) -> str:
    """The commit checked out where `folder` is, and whether the clone is shallow ("" outside git):
    what `last_changed` reads, besides the files themselves."""
    folder = folder.resolve()
    if not folder.is_dir():
        return ""
    out = _git(folder, "rev-parse", "HEAD", "--is-shallow-repository")
    return " ".join(out.split()) if out else ""


def last_changed(folder: Path) -> dict[Path, str]:
    """Resolved path of each file under `folder` → ISO date of the last commit that changed it; {}
    where git cannot tell. One `git log` for the whole folder, newest commit first."""
    folder = folder.resolve()
    if not folder.is_dir():
        return {}
    top = _git(folder, "rev-parse", "--show-toplevel")
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if top is None or shallow is None or shallow.strip() != "false":
        return {}
    log = _git(folder, "-c", "core.quotepath=off", "log", "--format=%x01%cs", "--name-only", "--no-renames",
               "--", ".")
    if log is None:
        return {}
    root, dates, day = Path(top.strip()), {}, ""
    for line in log.splitlines():
        if line.startswith("\x01"):
            day = line[1:]
        elif line:
            dates.setdefault(root / line, day)
    return {p: d for p, d in dates.items() if p.exists()}


__all__ = ["head", "last_changed"]
