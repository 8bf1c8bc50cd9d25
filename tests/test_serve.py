"""`mkdocs serve` (the engine's, with the hook) on the seeds: the plans folder is watched by the
system's notifications, not polled; a plan saved, or added in a new folder, shows; a plan read is not
a change."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from kehoach.search import termindex

from .conftest import BIN, CONFIG, ENGINE
from .sitebuild import project_with

PLAN = "plans/thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`properdocs serve` of `project`, its log collected line by line as it comes."""

    def __init__(self, project: Path):
        self.port = free_port()
        (project / "tmp").mkdir(exist_ok=True)
        self.log: list[str] = []
        self.proc = subprocess.Popen(
            [str(ENGINE), "serve", "-f", str(project / CONFIG), "-a", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={"PATH": os.pathsep.join((str(BIN), os.defpath)), "NO_MKDOCS_2_WARNING": "1", "HOME": str(project),
                 "TMPDIR": str(project / "tmp")})
        threading.Thread(target=lambda: self.log.extend(iter(self.proc.stderr.readline, "")), daemon=True).start()

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(self, path: str, text: str, seconds: float = 90) -> float:
        start = time.monotonic()
        while text not in self.page(path):
            assert self.proc.poll() is None, "".join(self.log)
            assert time.monotonic() - start < seconds, f"{path} never showed {text!r}:\n" + "".join(self.log[-30:])
            time.sleep(0.2)
        return time.monotonic() - start

    def builds(self) -> int:
        return sum("Building documentation" in line for line in self.log)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(20)


@pytest.fixture
def served(tmp_path):
    project = project_with(tmp_path)
    server = Served(project)
    try:
        server.wait_for("", "</html>")
        yield project, server
    finally:
        server.stop()


def test_serve_watches_the_plans_by_notification_and_shows_what_is_saved_or_added(served):
    project, server = served
    log = "".join(server.log)
    plans = str((project / "plans").resolve())
    assert f"kehoach: watching {plans} for changes" in log, log
    polled = next(line for line in server.log if "Watching paths for changes" in line)
    assert f"'{plans}'" not in polled and f"'{project.resolve() / 'docs'}'" in polled, polled  # it polls docs/

    # a plan read (as the build reads each) is not a change: no build follows
    builds = server.builds()
    (project / PLAN).read_text("utf-8")
    time.sleep(2)
    assert server.builds() == builds, "".join(server.log[-10:])

    # a plan saved shows on its page, and then in search: the index of a rebuild is written once the
    # rebuild is done (kehoach_site._Deferred)
    path = project / PLAN
    path.write_text(re.sub(r"(?m)^title: ", "title: ĐÃ SỬA Xyzzyq ", path.read_text("utf-8"), count=1), "utf-8")
    server.wait_for("ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/", "ĐÃ SỬA")
    # its file as it is now, for download (copied by the stamp serve read it by: PlanMemo.seen)
    assert "ĐÃ SỬA Xyzzyq" in server.page("tai-ve/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.txt")
    server.wait_for("chi-muc/index.json", '"buckets"')
    buckets = json.loads(server.page("chi-muc/index.json"))["buckets"]
    server.wait_for(f"chi-muc/t/{termindex.fnv1a('xyzzyq') % buckets}.json", '"xyzzyq"')

    # a plan added in a folder made after serve started: the new folder is watched too
    folder = project / "plans" / "thai-binh" / "vu-thu"
    folder.mkdir()
    text = (project / PLAN).read_text("utf-8")
    text = text.replace("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "id: kh-99-2023-ubnd-huyen-vu-thu-thai-binh")
    text = re.sub(r"(?m)^number: 18/KH-UBND", "number: 99/KH-UBND", text)
    (folder / "kh-99-2023-ubnd-huyen-vu-thu-thai-binh.md").write_text(text, "utf-8")
    server.wait_for("ke-hoach/kh-99-2023-ubnd-huyen-vu-thu-thai-binh/", "99/KH-UBND")

    # a plan removed: its page goes (serve deletes the last build's outputs it does not keep by name)
    [served_folder] = (project / "tmp").glob("properdocs_*")  # serve's site: a temporary folder (Served)
    page = served_folder / "ke-hoach" / "kh-99-2023-ubnd-huyen-vu-thu-thai-binh" / "index.html"
    assert page.exists()
    builds = server.builds()
    (folder / "kh-99-2023-ubnd-huyen-vu-thu-thai-binh.md").unlink()
    start = time.monotonic()
    while server.builds() == builds:
        assert time.monotonic() - start < 90, "".join(server.log[-30:])
        time.sleep(0.2)
    server.wait_for("ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/", "ĐÃ SỬA")  # served once built
    assert not server.page("ke-hoach/kh-99-2023-ubnd-huyen-vu-thu-thai-binh/")
    assert not page.parent.exists() and page.parent.parent.is_dir()
