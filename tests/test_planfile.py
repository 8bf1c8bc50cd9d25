"""Reading plans again in one process (`mkdocs serve`): unchanged files are not parsed again, a
changed one is, and what a caller does to a plan it got does not leak into the next read; what the
build derives from each plan alone is made where it is read, and kept with it."""

from __future__ import annotations

import datetime
import os
import time

import pytest

from kehoach.planfile import Folders, PlanMemo, iter_plan_paths, read_plans, write_atomic
from kehoach.summary import plain_summary, plan_summaries, tasks_for_people
from kehoach.synth import write_corpus


DERIVED: list[str] = []


def _titled(plan) -> str:  # a derive function: what the build makes of a plan alone
    DERIVED.append(str(plan.path))
    return plan.meta["title"].upper()


def test_what_is_derived_from_a_plan_is_made_where_it_is_read_and_kept_in_the_memo(tmp_path):
    write_corpus(3, tmp_path, 1)
    files = sorted(tmp_path.rglob("*.md"))
    memo = PlanMemo()
    DERIVED.clear()
    first = read_plans(files, memo=memo, derive=_titled)
    assert [p.derived for p in first] == [p.meta["title"].upper() for p in first] and len(DERIVED) == 3
    files[1].write_text(files[1].read_text("utf-8").replace("title: ", "title: Sửa ", 1), "utf-8")
    os.utime(files[1], ns=(files[1].stat().st_atime_ns, files[1].stat().st_mtime_ns + 10**9))
    second = read_plans(files, memo=memo, derive=_titled)
    assert len(DERIVED) == 4 and DERIVED[-1] == str(files[1])  # only the changed plan derived again
    assert second[1].derived.startswith("SỬA ") and second[0].derived == first[0].derived
    # the build's own (in worker processes from 400 plans on: the same values)
    many = read_plans(files, derive=plan_summaries, parallel_from=2)
    assert [p.derived for p in many] == [(plain_summary(p.meta, p.body), tasks_for_people(p.meta)) for p in many]


def test_memo_rereads_only_what_changed(tmp_path):
    write_corpus(3, tmp_path, 1)
    files = sorted(tmp_path.rglob("*.md"))
    memo = PlanMemo()
    first = read_plans(files, memo=memo)
    body = first[0].body
    first[0].body, first[0].problems[:] = "", ["set by a caller"]  # as build_site hands each body on
    text = files[1].read_text("utf-8")
    files[1].write_text(text.replace("title: ", "title: Sửa ", 1), "utf-8")
    os.utime(files[1], ns=(files[1].stat().st_atime_ns, files[1].stat().st_mtime_ns + 10**9))
    second = read_plans(files, memo=memo)
    assert second[0] is not first[0] and second[0].body == body and second[0].problems == []  # a PlanFile of its own
    assert second[0].meta is first[0].meta  # the front matter as read, shared (never changed by a caller)
    assert second[1].meta["title"].startswith("Sửa ") and second[1].meta is not first[1].meta  # read again
    assert second[2].meta == first[2].meta


def test_a_memo_of_a_file_reads_each_plan_from_it_and_holds_none(tmp_path):
    """The memo a build saves in .cache/: each plan read from the file when asked for, each plan read
    afresh written to the next file at once; a changed file read again, a removed one forgotten, the
    memo of other code or a broken file not used; no temporary file left."""
    write_corpus(5, tmp_path / "plans", 1)
    files = sorted((tmp_path / "plans").rglob("*.md"))
    # a value `marshal` cannot keep (a date YAML is told is one): that front matter is pickled with the rest
    files[2].write_text(files[2].read_text("utf-8").replace("\ntitle: ", "\nsigned: !!timestamp 2023-02-21\ntitle: ", 1), "utf-8")
    saved = tmp_path / "cache" / "plans.pickle"
    memo = PlanMemo.load(saved, "v1")
    first = read_plans(files, memo=memo, derive=_titled)
    assert first[2].meta["signed"] == datetime.date(2023, 2, 21)
    assert memo._kept == {} and memo._next is not None  # written as read, not held
    memo.release()
    assert saved.exists() and [p.name for p in saved.parent.iterdir()] == ["plans.pickle"]
    DERIVED.clear()
    memo = PlanMemo.load(saved, "v1")
    assert len(memo._at) == 5 and memo._kept == {}
    files[1].write_text(files[1].read_text("utf-8").replace("title: ", "title: Sửa ", 1), "utf-8")
    os.utime(files[1], ns=(files[1].stat().st_atime_ns, files[1].stat().st_mtime_ns + 10**9))
    files[4].unlink()
    second = read_plans(files[:4], memo=memo, derive=_titled)
    assert DERIVED == [str(files[1])]  # only the changed plan read again
    assert [(p.meta, p.body, p.derived) for p in second[::2]] == [(p.meta, p.body, p.derived) for p in first[:4:2]]
    assert second[1].meta["title"].startswith("Sửa ")
    memo.release()
    again = PlanMemo.load(saved, "v1")
    assert sorted(again._at) == sorted(map(str, files[:4]))  # the removed plan forgotten
    third = read_plans(files[:4], memo=again)
    assert [p.meta for p in third] == [p.meta for p in second] and DERIVED == [str(files[1])]
    assert third[2].meta["signed"] == datetime.date(2023, 2, 21)
    again.release()
    assert PlanMemo.load(saved, "v2")._at == {}  # read by other code: not used
    saved.write_bytes(saved.read_bytes()[:-3])
    assert PlanMemo.load(saved, "v1")._at == {}  # broken: not used
    assert [p.name for p in saved.parent.iterdir()] == ["plans.pickle"]


def test_plans_read_in_parallel_are_the_same_and_hold_each_string_once(tmp_path):
    write_corpus(12, tmp_path, 2)
    files = sorted(tmp_path.rglob("*.md"))
    alone = read_plans(files, derive=plan_summaries)
    many = read_plans(files, derive=plan_summaries, parallel_from=2)
    assert [(p.meta, p.body, p.derived) for p in many] == [(p.meta, p.body, p.derived) for p in alone]
    # each key of the front matter arrives as one string, not one per plan: the build holds them all
    titles = {id(k) for p in many for k in p.meta if k == "title"}
    assert len(titles) < len(many) and len({id(k) for p in alone for k in p.meta if k == "title"}) == len(alone)
    leads = [a for p in many for t in p.meta["tasks"] for a in t["lead"]]  # the agencies leading tasks
    assert len(leads) > len(set(leads)) and len({id(a) for a in leads}) <= len(set(leads)) * os.cpu_count()


def test_a_file_written_whole_is_readable_by_all_in_a_new_folder_past_a_stale_temporary_one(tmp_path):
    """write_atomic makes the folder, gives 0644 whatever the umask, replaces the file it writes, takes
    the place of a temporary file a killed process of the same number left, and leaves none of its own;
    a write that fails leaves the file as it was."""
    import threading

    target = tmp_path / "new" / "folder" / "x.json"
    old = os.umask(0o077)
    try:
        write_atomic(target, "một")
        stale = target.parent / f".{target.name}.{os.getpid()}-{threading.get_ident()}.tmp"
        stale.write_bytes(b"half")
        write_atomic(target, b"hai")
    finally:
        os.umask(old)
    assert target.read_text("utf-8") == "hai"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.json"]
    (target.parent / "d.json").mkdir()  # a folder where the file should go: replacing it fails
    with pytest.raises(OSError):
        write_atomic(target.parent / "d.json", "ba")
    assert sorted(p.name for p in target.parent.iterdir()) == ["d.json", "x.json"]


def test_plan_files_are_listed_in_the_order_of_their_paths_hidden_ones_left_out(tmp_path):
    """Listed as strings and sorted as Paths sort, by their parts: "a-b/…" after "a/…", though "-"
    comes before "/" as a character."""
    for name in ("a/z.md", "a-b/a.md", "a b/c.md", "a/b/c.md", "b.md", "a/.nhap.md", ".git/x.md", "a/ghi-chu.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    listed = iter_plan_paths(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == ["a/b/c.md", "a/z.md", "a b/c.md", "a-b/a.md", "b.md"]
    assert listed == sorted(listed)


def test_folders_kept_between_listings_list_what_a_walk_lists_as_files_come_and_go(tmp_path):
    """`mkdocs serve` keeps each folder's listing while its stamp is the same (planfile.Folders): every
    file made, removed or renamed, in a folder kept or in one new, is seen as a walk sees it."""
    def make(name: str) -> None:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")

    for name in ("a/z.md", "a/b/c.md", "b.md", "a/.nhap.md", ".git/x.md", "c/d/e.md"):
        make(name)
    os.symlink(tmp_path / "c", tmp_path / "link-to-c")  # a link to a folder: not followed
    os.symlink(tmp_path / "b.md", tmp_path / "a" / "link.md")  # a link to a file: listed
    folders = Folders()
    assert iter_plan_paths(tmp_path, folders) == iter_plan_paths(tmp_path)
    assert not folders._kept  # every folder just changed: listed again next time (racy)
    folders.RACY = -10**18  # as if each had changed long before it was listed
    assert iter_plan_paths(tmp_path, folders) == iter_plan_paths(tmp_path) and len(folders._kept) == 5
    time.sleep(0.05)  # past the tick of the file system's clock in which the folders were made
    for change in (lambda: make("a/b/new.md"), lambda: (tmp_path / "a/z.md").rename(tmp_path / "a/y.md"),
                   lambda: (tmp_path / "c/d/e.md").unlink(), lambda: make("c/d/f/g.md"),
                   lambda: (tmp_path / "c/d").rename(tmp_path / "c/h")):
        change()
        assert iter_plan_paths(tmp_path, folders) == iter_plan_paths(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in iter_plan_paths(tmp_path, folders)] == \
        ["a/b/c.md", "a/b/new.md", "a/link.md", "a/y.md", "b.md", "c/h/f/g.md"]
    assert Folders().plans(str(tmp_path / "nowhere")) == []  # a root gone: nothing
