"""Reading plans again in one process (`mkdocs serve`): unchanged files are not parsed again, a
changed one is, and what a caller does to a plan it got does not leak into the next read."""

from __future__ import annotations

import os

from kehoach.planfile import PlanMemo, read_plans
from kehoach.synth import write_corpus


def test_memo_rereads_only_what_changed(tmp_path):
    write_corpus(3, tmp_path, 1)
    files = sorted(tmp_path.rglob("*.md"))
    memo = PlanMemo()
    first = read_plans(files, memo=memo)
    first[0].meta["title"] = "changed by a caller"
    first[0].body = ""
    text = files[1].read_text("utf-8")
    files[1].write_text(text.replace("title: ", "title: Sửa ", 1), "utf-8")
    os.utime(files[1], ns=(files[1].stat().st_atime_ns, files[1].stat().st_mtime_ns + 10**9))
    second = read_plans(files, memo=memo)
    assert second[0].meta["title"] != "changed by a caller" and second[0].body  # a fresh copy
    assert second[1].meta["title"].startswith("Sửa ")  # the changed file, read again
    assert second[2].meta == first[2].meta
