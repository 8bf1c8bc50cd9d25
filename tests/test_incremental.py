"""Incremental builds: after plans change, are added and removed, a build that keeps what it can of
the last one gives the same site, byte for byte, as a cold build; and a build with nothing changed
rewrites no generated page."""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest

from kehoach.graph import build_graph, place_id, plan_info
from kehoach.planfile import PlanMemo, dump_plan, iter_plan_paths, read_plans, write_atomic
from kehoach.site import build_site
from kehoach.site.fingerprint import Fingerprints
from kehoach.site.page import Page, keyed
from kehoach.site.units import ALL, Reads, Units
from kehoach.synth import write_corpus

from .conftest import ROOT
from .sitebuild import mkdocs_build, project_with

NEW_PLAN = {  # the plan the Hưng Hà seed cites as "Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh Thái Bình"
    "id": "kh-19-2023-ubnd-thai-binh", "doc_type": "Kế hoạch", "number": "19/KH-UBND", "symbol": "KH-UBND",
    "title": "Triển khai thực hiện Đề án “Tăng cường năng lực tiếp cận pháp luật của người dân” trên địa bàn tỉnh Thái Bình",
    "date": "2023-02-16", "issuer": {"name": "Ủy ban nhân dân tỉnh Thái Bình", "level": "province"},
    "area": {"province": "Thái Bình", "district": None, "commune": None},
    "signer": {"name": "Nguyễn Văn A", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"},
    "basis": [], "references": [], "recipients": [], "source": {"file": "kh-19.pdf", "sha256": None},
}


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mtimes(site: Path, under: str) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in (site / under).rglob("*") if p.is_file()}


UNCHANGED = "nothing the site is made from changed"  # what a build that keeps all the last one wrote says


def build(project: Path, site: Path, env: dict | None = None) -> str:
    """Build; what the build logged."""
    r = mkdocs_build(project, site, env)
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stderr


def same_sites(a: Path, b: Path) -> None:
    fa, fb = files_of(a), files_of(b)
    assert sorted(fa) == sorted(fb), (sorted(set(fa) - set(fb))[:10], sorted(set(fb) - set(fa))[:10])
    differ = [name for name in fa if fa[name] != fb[name]]
    assert not differ, f"{len(differ)} files differ from a cold build's, e.g. {differ[:10]}"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("incremental")
    project = project_with(tmp)
    write_corpus(120, project / "plans" / "synth", seed=3)
    return project


def test_incremental_build_equals_a_cold_one(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    build(project, site)
    before = mtimes(site, "ke-hoach")

    # nothing changed: no generated page is written again; the library is not even asked
    assert UNCHANGED in build(project, site)
    assert mtimes(site, "ke-hoach") == before
    assert not (tmp_path / ".site.truoc").exists()
    assert UNCHANGED in build(project, site)  # and again: the state a build that kept everything leaves holds

    # a hand-written page changes: it is searched, so the index is written again (compared below)
    guide = project / "docs" / "dong-gop.md"
    guide.write_text(guide.read_text("utf-8") + "\nTừ khóa riêng: kiểmtrađộc.\n", "utf-8")
    assert UNCHANGED not in build(project, site)

    plans = sorted((project / "plans" / "synth").rglob("*.md"))
    # a title changes
    retitled = plans[0]
    text = retitled.read_text("utf-8")
    retitled.write_text(re.sub(r"(?m)^title: (.*)$", r"title: Sửa đổi \1", text, count=1), "utf-8")
    # a citation that now resolves: the plan it names is added
    write_atomic(project / "plans" / "thai-binh" / "kh-19-2023-ubnd-thai-binh.md",
                 dump_plan(NEW_PLAN, "Thực hiện Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ."))
    # a plan moves to another commune of its province (or loses its commune)
    moved = next(p for p in plans[1:] if re.search(r"(?m)^  commune: \S", p.read_text("utf-8")))
    text = moved.read_text("utf-8")
    moved.write_text(re.sub(r"(?m)^  commune: .*$", "  commune: null", text, count=1), "utf-8")
    # a plan implementing one of the base is added: that one's page lists it
    sibling = next(p for p in plans[2:-1] if re.search(r"(?m)^basis:\n- text: Kế hoạch", p.read_text("utf-8")))
    text = sibling.read_text("utf-8")
    sibling_id = re.search(r"(?m)^id: (.*)$", text).group(1)
    text = re.sub(r"(?m)^number: (\d+)/", "number: 99\\1/", text.replace(sibling_id, sibling_id + "-bis"), count=1)
    (sibling.parent / (sibling.stem + "-bis.md")).write_text(text, "utf-8")
    # a plan is removed
    removed = plans[-1]
    removed_id = re.search(r"(?m)^id: (.*)$", removed.read_text("utf-8")).group(1)
    removed.unlink()

    # the pages of plans and documents whose reads did not change are kept without being made; made
    # anyway here (KEHOACH_CHECK_UNITS), each must come out with the fingerprint it was kept by
    log = build(project, site, {"KEHOACH_CHECK_UNITS": "1"})
    assert UNCHANGED not in log
    kept = re.search(r"kehoach: (\d+) of (\d+) units of pages kept", log)
    assert kept and 0 < int(kept.group(1)) < int(kept.group(2)), log[-2000:]
    after = mtimes(site, "ke-hoach")
    rewritten = {p for p in after if before.get(p) != after[p]}
    assert f"ke-hoach/{removed_id}/index.html" not in after
    assert "ke-hoach/kh-19-2023-ubnd-thai-binh/index.html" in rewritten
    assert "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/index.html" in rewritten  # now links the new plan
    assert len(rewritten) < len(after) / 2, "an incremental build rewrote most plan pages"

    cold_project = project  # the same paths: a cold build is one without the state and caches of the last
    shutil.rmtree(project / ".cache")
    cold = tmp_path / "cold"
    build(cold_project, cold)
    same_sites(site, cold)


NATIONAL_BASIS = """- text: Quyết định số 123/QĐ-TTg ngày 01/02/2023 của Thủ tướng Chính phủ phê duyệt một chương trình thử
  doc_type: Quyết định
  number: 123/QĐ-TTg
  date: '2023-02-01'
  issuer: Thủ tướng Chính phủ
"""


def test_rebuilds_in_one_process_from_the_plans_memo_equal_a_cold_build(tmp_path: Path):
    """`mkdocs serve` rebuilds in one process, from plans it read before and keeps in memory: their front
    matter and what was made of each alone (kehoach.site.alone) are shared by every build, so nothing
    a build does with them may reach the next one."""
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)  # the seeds: one cites Kế hoạch 19/KH-UBND of Thái Bình, not in the base
    write_corpus(40, plans / "synth", 3)

    store: dict = {}  # values made of a plan and its neighbours, kept between the builds (units.Reuse)
    kept: list = []  # of each build from the memo: the plans whose nodes it made again in the last graph

    def made(memo: PlanMemo | None) -> tuple[dict, dict]:  # every page's fingerprint, every file
        files: dict = {}
        site = build_site(plans, memo=memo, on_file=files.__setitem__, reuse=store if memo else None)
        if memo:
            kept.append(site.graph_kept)
        return {path: page.key for path, page in site.pages.items()}, files

    memo = PlanMemo()
    first = made(memo)
    assert made(memo) == first and store["api:plan"] and store["links"]
    changed = sorted(plans.rglob("*.md"))[5]
    changed_id = read_plans([changed])[0].meta["id"]
    changed.write_text(re.sub(r"(?m)^title: (.*)$", r"title: Sửa đổi \1", changed.read_text("utf-8"), count=1), "utf-8")
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    again = made(memo)
    assert again != first and again == made(None)
    assert kept == [None, set(), {changed_id}]  # built; the same graph; the same but for the plan retitled
    # a citation that now resolves, the plan it names added: the citing plan's text links that plan's
    # page, not a document's, though the citing plan's file is the same
    write_atomic(plans / "thai-binh" / "kh-19-2023-ubnd-thai-binh.md",
                 dump_plan(NEW_PLAN, "Thực hiện Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ."))
    after = made(memo)
    citing = "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"
    assert after[0][citing] != again[0][citing] and after == made(None)
    assert kept[-1] is None  # a plan added: the graph built anew
    # a plan others implement through a plan between comes to implement a national document too: theirs
    # do, through both, though their files, their nodes, the edges out of them and the nodes those lead
    # to are the same
    graph = build_site(plans).graph
    above = next(n for n in graph.plans() if "/synth/" in n.file and any(
        graph.children(e.source, "basis") for e in graph.children(n.id, "basis")))
    path = Path(above.file)
    path.write_text(path.read_text("utf-8").replace("\nbasis:\n", "\nbasis:\n" + NATIONAL_BASIS, 1), "utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    last = made(memo)
    local = {p for p in last[1] if p.startswith("dia-phuong/") and last[1][p] != after[1].get(p)}
    assert len(local) > 3 and last == made(None)  # the places of the three plans, the documents'
    assert kept[-1] is None  # a citation added: the graph built anew


def _same_graphs(a, b) -> None:
    assert a.nodes == b.nodes and list(a.nodes) == list(b.nodes) and a.edges == b.edges  # every field, status too
    assert (a._at, a._under, a._sub, a._files) == (b._at, b._under, b._sub, b._files)
    assert all(a.ancestors(n) == b.ancestors(n) and a.descendants(n) == b.descendants(n) for n in b.nodes)


def test_serve_keeps_its_graph_but_for_a_plan_changed_only_where_the_plan_resolves_alike(tmp_path: Path):
    """kehoach.site.kept_graph: a rebuild in one process makes again only the changed plans' nodes of the
    last build's graph while they resolve alike; a plan that resolves otherwise (its date, its file, its
    citations) or a plan added builds the graph anew. Either way the graph is the one built from scratch."""
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    write_corpus(40, plans / "synth", 5)
    memo, store = PlanMemo(), {}
    files = sorted((plans / "synth").rglob("*.md"))
    graph = build_site(plans).graph
    # a plan other plans implement, its status set by what they do to it
    cited = next(f for f in files if graph.children(read_plans([f])[0].meta["id"], "basis"))

    def edit(path: Path, old: str, new: str) -> str:
        text = path.read_text("utf-8")
        assert re.search(old, text, flags=re.M), old
        path.write_text(re.sub(old, new, text, count=1, flags=re.M), "utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        return read_plans([path])[0].meta["id"]

    def rebuilt():
        site = build_site(plans, memo=memo, reuse=store)
        _same_graphs(site.graph, build_site(plans).graph)
        return site.graph_kept

    assert rebuilt() is None and rebuilt() == set()
    # a plan implementing `cited` now says it replaces it: a citation changed, the graph built anew
    edge = graph.children(read_plans([cited])[0].meta["id"], "basis")[0]
    later = read_plans([Path(graph.nodes[edge.source].file)])[0]
    record = next(r for r in later.meta["basis"] if r["text"] == edge.text)
    later.meta["basis"].remove(record)
    later.meta["references"] = [*(later.meta.get("references") or []), {**record, "relation": "replaces"}]
    later.path.write_text(dump_plan(later.meta, later.body), "utf-8")
    assert rebuilt() is None and rebuilt() == set()
    assert build_site(plans).graph.nodes[edge.target].status == "Được thay thế"
    # the plan replaced and another retitled: their nodes made again, the status of the first from the edge in
    assert {edit(cited, r"^title: ", "title: Sửa "), edit(files[3], r"^title: ", "title: Khác ")} == rebuilt()
    edit(cited, r"^(date: '?\d{4}-\d\d-)\d\d", r"\g<1>28")  # another day of the same year
    assert rebuilt() is None and rebuilt() == set()
    edit(files[7], r"^basis:\n", "basis:\n" + NATIONAL_BASIS)
    assert rebuilt() is None
    files[9].rename(files[9].with_name("moved-" + files[9].name))  # its file, not its id
    assert rebuilt() is None and rebuilt() == set()


def test_a_touched_output_is_made_again(project: Path, tmp_path: Path):
    """An output changed since the last build (by hand, or by another tool) is not kept."""
    site = tmp_path / "site"
    build(project, site)
    page = next((site / "ke-hoach").glob("*/index.html"))
    page.write_text("changed by hand", "utf-8")
    os.utime(page, ns=(1, 1))
    assert UNCHANGED not in build(project, site)
    shutil.rmtree(project / ".cache")
    build(project, tmp_path / "cold")
    same_sites(site, tmp_path / "cold")


def test_a_build_on_another_day_or_of_another_commit_is_made_again(project: Path, tmp_path: Path):
    """What a build reads besides the plans: its day (the calendars hold deadlines from the quarter
    of it) and the commit (a plan page's "last updated" line comes from git)."""
    site, day = tmp_path / "site", {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
    build(project, site, day)
    assert UNCHANGED in build(project, site, day)
    later = {"SOURCE_DATE_EPOCH": "1775001600"}  # 2026-04-01: another quarter
    assert UNCHANGED not in build(project, site, later)
    shutil.rmtree(project / ".cache")
    build(project, tmp_path / "cold", later)
    same_sites(site, tmp_path / "cold")

    build(project, site, later)  # the state of `site` went with .cache
    assert UNCHANGED in build(project, site, later)
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    try:
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "plans"], check=True)
        subprocess.run(git + ["commit", "-qm", "plans"], check=True,
                       env={**os.environ, "GIT_COMMITTER_DATE": "2026-03-03T00:00:00"})
        assert UNCHANGED not in build(project, site, later)
        page = next((site / "ke-hoach").glob("*/index.html")).read_text("utf-8")
        assert "cập nhật lần cuối ngày 03/03/2026" in page
    finally:
        shutil.rmtree(project / ".git", ignore_errors=True)


def test_a_failed_build_leaves_no_state(project: Path, tmp_path: Path):
    """A build that fails leaves no state: the next one is cold, and right."""
    site = tmp_path / "site"
    build(project, site)
    broken = project / "plans" / "hong.md"
    broken.write_text("---\nid: [\n---\n", "utf-8")
    r = mkdocs_build(project, site)
    assert r.returncode != 0 and "hong.md" in r.stderr
    broken.unlink()
    build(project, site)
    shutil.rmtree(project / ".cache")
    build(project, tmp_path / "cold")
    same_sites(site, tmp_path / "cold")


def test_a_fingerprint_tells_apart_what_makes_a_page_and_refuses_what_it_cannot_read():
    import datetime

    import pytest as _pytest

    from kehoach.graph import Node
    from kehoach.site.fingerprint import Fingerprints
    from kehoach.timeline import parse

    prints = Fingerprints()
    plan = Node("kh-1", "plan", meta={"title": "A"})
    same = prints.of({"node": plan, "when": datetime.date(2026, 1, 1), "period": parse("Quý II/2026"), "set": {2, 1}})
    assert same == Fingerprints().of({"node": Node("kh-1", "plan", meta={"title": "A"}), "when": datetime.date(2026, 1, 1),
                                      "period": parse("Quý II/2026"), "set": {1, 2}})
    assert same != Fingerprints().of({"node": Node("kh-1", "plan", meta={"title": "B"}), "when": datetime.date(2026, 1, 1),
                                      "period": parse("Quý II/2026"), "set": {1, 2}})
    assert prints.of(parse("Quý II/2026")) != prints.of(parse("Quý III/2026"))
    # a full text (Markup) is read by its digest, and tells its pages apart like any other value
    from markupsafe import Markup

    text = "<p>Nội dung kế hoạch</p>" * 100
    assert prints.of({"fulltext": Markup(text)}) == Fingerprints().of({"fulltext": Markup(text)})
    assert prints.of({"fulltext": Markup(text)}) != prints.of({"fulltext": Markup(text + ".")})
    with _pytest.raises(TypeError, match="no fingerprint"):
        prints.of(object())


def test_the_search_index_made_from_the_last_ones_postings_is_the_one_made_from_scratch(tmp_path: Path):
    """A build where a few documents changed analyses only those, from the postings the last build
    kept; the files it writes are those a build from scratch writes, byte for byte. A document added
    or removed, or many changed: made from scratch."""
    import dataclasses
    from array import array

    from kehoach.graph import build_graph, plan_info
    from kehoach.search import search_records, termindex
    from kehoach.synth import Synth

    plans = list(Synth(4).plans(300))
    graph = build_graph([plan_info(m, m["id"] + ".md") for m, _ in plans])
    records = search_records(graph, {m["id"]: "<p>" + body.replace("\n", " ") + "</p>" for m, body in plans})
    # a page last, as a caller may give it: the index puts pages first, and the digests must follow
    records.append(dataclasses.replace(records[0], url="trang/", kind="page", title="Trang giới thiệu"))
    cache = tmp_path / "chi-muc.pickle"
    termindex.build(records, tmp_path / "first", cache, [termindex.record_digest(r) for r in records])
    last = termindex._load(cache)
    changed = list(records)
    for n, words in ((10, "Sửa đổi"), (len(records) // 2, "Bổ sung nhiệm vụ rà soát"), (len(records) - 1, "Cuối")):
        r = changed[n]
        changed[n] = dataclasses.replace(r, title=f"{words} {r.title}", html=r.html.replace("<p>", f"<p>{words} độcnhất{n} ", 1))
    # a whole key given (its file is its first word's, which no changed text has), and one taken
    changed[20] = dataclasses.replace(changed[20], keys=(*changed[20].keys, "#987/kh-moi"))
    taken = next(i for i, r in enumerate(changed) if r.keys and i not in (10, 20))
    changed[taken] = dataclasses.replace(changed[taken], keys=changed[taken].keys[1:])
    ordered = termindex.ordered(changed)
    assert termindex.postings_of(ordered, [termindex.record_digest(r) for r in ordered], last) is last

    # a hand edit of a file the first build wrote (it is linked in the cache's mirror): not linked again
    edited = next((tmp_path / "first" / "d").glob("*.json"))
    edited.write_bytes(edited.read_bytes().replace(b"[", b"[ ", 1))
    figures = termindex.build(changed, tmp_path / "incremental", cache, [termindex.record_digest(r) for r in changed])
    termindex.build(changed, tmp_path / "cold")
    same_sites(tmp_path / "incremental", tmp_path / "cold")
    assert files_of(tmp_path / "first") != files_of(tmp_path / "cold")
    # the files no changed document reaches are the last build's, linked, not made and written again
    every = [p.relative_to(tmp_path / "incremental") for p in (tmp_path / "incremental").rglob("*.json")]
    linked = [p for p in every if (tmp_path / "first" / p).exists()
              and (tmp_path / "first" / p).stat().st_ino == (tmp_path / "incremental" / p).stat().st_ino]
    assert figures["kept_files"] == len(linked) and len(every) * 0.6 < len(linked) < len(every) - 3
    assert edited.relative_to(tmp_path / "first") not in linked
    words = termindex._load(cache).words  # each new word in its one document
    assert all(words[f"docnhat{n}"] == {f"độcnhất{n}": array(termindex.POSTING, [ordered.index(changed[n]) << termindex.SHIFT | 1])}
               for n in (10, len(records) // 2, len(records) - 1))

    # a document removed: the ids after it move, so the index is made again from scratch
    fewer = changed[:-1]
    ordered = termindex.ordered(fewer)
    last = termindex._load(cache)
    assert termindex.postings_of(ordered, [termindex.record_digest(r) for r in ordered], last) is not last
    termindex.build(fewer, tmp_path / "fewer", cache)
    termindex.build(fewer, tmp_path / "fewer-cold")
    same_sites(tmp_path / "fewer", tmp_path / "fewer-cold")


def test_a_word_no_document_has_any_more_leaves_the_index_made_from_the_last_one(tmp_path: Path):
    """The file a key was in is made again when the key goes with the one document that had it, though
    no document has it now (the other files are linked from the last index)."""
    import dataclasses

    from kehoach.graph import build_graph, plan_info
    from kehoach.search import search_records, termindex
    from kehoach.synth import Synth

    plans = list(Synth(4).plans(300))
    graph = build_graph([plan_info(m, m["id"] + ".md") for m, _ in plans])
    records = search_records(graph, {m["id"]: "<p>" + body.replace("\n", " ") + "</p>" for m, body in plans})
    before = list(records)
    before[30] = dataclasses.replace(records[30], html=records[30].html.replace("<p>", "<p>Từriêngbiệt ", 1))
    cache = tmp_path / "chi-muc.pickle"
    termindex.build(before, tmp_path / "first", cache)
    assert "turiengbiet" in termindex._load(cache).words
    figures = termindex.build(records, tmp_path / "incremental", cache)
    assert figures["kept_files"] > 0 and "turiengbiet" not in termindex._load(cache).words
    termindex.build(records, tmp_path / "cold")
    same_sites(tmp_path / "incremental", tmp_path / "cold")


def test_a_built_sites_graph_goes_when_the_site_goes_without_the_cyclic_collector(tmp_path: Path):
    """Nothing the build makes refers back to the graph in a cycle (a unit's Reads and its view of the
    nodes did, and a rendered template's context its data): dropped, the graph is freed at once, not at
    the next full collection (at 10,000 plans 650,000 objects kept ~1 s of `gc.collect` and ~70 MB until
    then)."""
    write_corpus(30, tmp_path / "plans", 3)
    gc.collect()
    gc.disable()  # from here, only reference counting frees
    try:
        site = build_site(tmp_path / "plans", cache=tmp_path / "cache", on_file=lambda path, content: None)
        again = build_site(tmp_path / "plans", cache=tmp_path / "cache", on_file=lambda path, content: None,
                           previous={p: page.key for p, page in site.pages.items()}, units=site.units)
        assert site.units and again.units_kept  # units made (each with its Reads), then kept
        for page in site.pages.values():  # rendered: a template's macros and context refer to each other
            page.text()
        del page
        graphs = [weakref.ref(site.graph), weakref.ref(again.graph)]
        nodes = [weakref.ref(n) for n in site.graph.nodes.values()]
        del site, again
        assert [g() for g in graphs] == [None, None]
        assert sum(1 for n in nodes if n() is not None) == 0  # nor do the pages' templates keep any node
    finally:
        gc.enable()


def test_full_texts_wait_on_disk_and_come_back_as_written():
    """A build keeps plans' full texts in a temporary file (spool) until their page is rendered; each
    comes back as written, and stands in a page's fingerprint by its digest."""
    import gc
    import hashlib
    import pickle

    from kehoach.site.fingerprint import Fingerprints
    from kehoach.site.render import render
    from kehoach.site.spool import Spool, text_of

    spool = Spool()
    texts = ["<p>Mục đích: bảo đảm quyền được trợ giúp pháp lý.</p>", "<p>Không dấu</p>" * 500, ""]
    kept = [spool.put(t) for t in texts]
    assert [text_of(k) for k in kept] == texts
    assert kept[1].digest == hashlib.blake2b(texts[1].encode(), digest_size=16).hexdigest()
    assert Fingerprints().of({"fulltext": kept[0]}) != Fingerprints().of({"fulltext": kept[1]})
    # read back for the template as the one HTML it writes as it is
    page = render("plan.html", "ke-hoach/x.md", fulltext=kept[0])
    assert page.data["fulltext"] is kept[0]
    assert kept[0].load() == texts[0] and hasattr(kept[0].load(), "__html__")
    copies = pickle.loads(pickle.dumps(kept))  # handed to another process (the search index's): read there
    assert [text_of(k) for k in copies] == texts
    path = spool.path
    del spool, kept, page, copies
    gc.collect()
    assert not os.path.exists(path)  # the file goes with the last text written to it


def test_a_stopped_index_leaves_no_half_written_file_and_the_next_writes_it_whole(tmp_path):
    """`serve` stops the index of the last build when a change comes (Indexing.cancel) instead of
    waiting for it: stopped at any moment, it leaves no temporary file in the site or the cache, and
    the next index written is the same as one never stopped."""
    from kehoach.search import index_site

    write_corpus(300, tmp_path / "plans", seed=5)
    site = build_site(tmp_path / "plans", cache=tmp_path / "cache")

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    for moment in range(4):  # at once; then while the first files are being written, each time later
        job = index_site(site, tmp_path / "stopped", cache=tmp_path / "cache" / "search")
        deadline = time.time() + 60
        while moment and len(list((tmp_path / "stopped").rglob("*"))) < 10 * moment and time.time() < deadline:
            time.sleep(0.001)
        job.cancel()
        assert job.process.exitcode is not None
        stray = [p for root in (tmp_path / "stopped", tmp_path / "cache") for p in root.rglob(".*") if p.is_file()]
        assert stray == [], (moment, stray)
    index_site(site, tmp_path / "stopped", cache=tmp_path / "cache" / "search").wait()
    index_site(site, tmp_path / "whole").wait()
    stopped, whole = files(tmp_path / "stopped"), files(tmp_path / "whole")
    assert stopped.keys() == whole.keys() and stopped == whole


def _unit_page(graph, before, kept: dict, inputs: tuple, build) -> tuple[Units, Page]:
    """One unit "u" of one page "p.md" made by `build(graph)`, as build_site makes units (Site.add
    fingerprints a page made): the units of this build and the page, kept (`reused`) or made."""
    units = Units(graph, Fingerprints(), before, kept, {}, ("day",))
    made: dict[str, Page] = {}

    def add(pages):
        for path, page in pages.items():
            if not page.reused:
                keyed(page, path, {}, units.prints)
            made[path] = page

    units.pages("u", inputs, build, add)
    return units, made["p.md"]


def test_a_unit_notes_what_it_reads_of_the_graph_and_is_kept_only_while_that_is_the_same(tmp_path: Path):
    plans = read_plans(iter_plan_paths(ROOT / "plans"))
    graph = build_graph([plan_info(p.meta, str(p.path)) for p in plans])
    hung_ha = "kh-18-2023-ubnd-huyen-hung-ha-thai-binh"

    reads = Reads(graph)
    parents = [reads.nodes[e.target] for e in reads.parents(hung_ha)]
    reads.descendants(hung_ha)
    assert parents and ("out", hung_ha) in reads.keys and ("down", hung_ha) in reads.keys
    assert all(("node", n.id) in reads.keys for n in parents) and ALL not in reads.keys
    reads.plans()  # the whole graph: such a unit is made every build
    assert ALL in reads.keys

    def page_of(g):  # a builder: the titles of what the plan is based on
        return {"p.md": Page("x", ", ".join(g.nodes[e.target].label for e in g.parents(hung_ha)))}

    first, page = _unit_page(graph, None, {}, ("input",), page_of)
    assert not page.reused and first.made["u"].pages == {"p.md": page.key}
    kept = {"p.md": page.key}

    second, page = _unit_page(graph, first.made, kept, ("input",), page_of)
    assert page.reused and second.reused == 1
    assert not _unit_page(graph, first.made, kept, ("other input",), page_of)[1].reused
    assert not _unit_page(graph, first.made, {}, ("input",), page_of)[1].reused  # its output no longer there

    # a node it read changes (the title of a document the plan cites): made again
    cited = graph.parents(hung_ha)[0].target
    graph.nodes[cited].title = "Khác"
    graph.nodes[cited].texts = ["Khác"]
    assert not _unit_page(graph, first.made, kept, ("input",), page_of)[1].reused


def _reads_of_each_kind(hung_ha: str, decision: str, district: str, province: str):
    """Builders that each read one kind of part of the graph, which the Hưng Hà plan changes."""
    return {
        "node": lambda g: g.node(hung_ha) is not None,
        "in": lambda g: len(g.children(decision)),
        "out": lambda g: len(g.parents(hung_ha)),
        "down": lambda g: len(g.descendants(decision)),
        "up": lambda g: len(g.ancestors(hung_ha)),
        "roots": lambda g: len(g.roots(hung_ha)),
        "coverage": lambda g: len(g.coverage(hung_ha)),
        "at": lambda g: len(g.plans_at(district)),
        "under": lambda g: g.count_under(province),
        "plans under": lambda g: len(g.plans_under(province)),
        "has": lambda g: g.has_plans(district),
        "places": lambda g: len(g.places()),
        "sub": lambda g: len(g.subplaces(province)),
        "contains": lambda g: hung_ha in g.nodes,
    }


@pytest.mark.parametrize("kind", list(_reads_of_each_kind("", "", "", "")))
def test_every_kind_of_read_is_noted(kind: str):
    """Each read a builder makes through `Reads` is noted: the graph with the Hưng Hà plan and the one
    without differ in what each builder reads, so none of their units may be kept from one to the other."""
    plans = read_plans(iter_plan_paths(ROOT / "plans"))
    hung_ha = "kh-18-2023-ubnd-huyen-hung-ha-thai-binh"
    full = build_graph([plan_info(p.meta, str(p.path)) for p in plans])
    less = build_graph([plan_info(p.meta, str(p.path)) for p in plans if p.meta["id"] != hung_ha])
    decision = next(e.target for e in full.parents(hung_ha) if e.number == "977/QĐ-TTg")
    unit = full.nodes[hung_ha].area.unit
    district, province = place_id(unit), place_id(full.nodes[hung_ha].area.province)
    read = _reads_of_each_kind(hung_ha, decision, district, province)[kind]
    assert read(Reads(less)) != read(full), "the two graphs must differ in this read"

    def page_of(g):
        return {"p.md": Page("x", str(read(g)))}

    first, page = _unit_page(less, None, {}, (), page_of)
    kept = {"p.md": page.key}
    assert _unit_page(less, first.made, kept, (), page_of)[1].reused  # the same graph: kept
    assert not _unit_page(full, first.made, kept, (), page_of)[1].reused, f"a read of kind {kind!r} was not noted"


def test_the_index_process_ends_when_the_build_that_started_it_is_killed(tmp_path):
    """`mkdocs serve` killed (SIGKILL, SIGTERM: no exit handlers run) does not leave its search index
    writing on into folders that are being removed: the index process is stopped with it."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import multiprocessing, sys, time\n"
        "from kehoach.search import _die_with\n"
        "def child(parent):\n"
        "    _die_with(parent)\n"
        "    time.sleep(120)\n"
        "if __name__ == '__main__':\n"
        "    import os\n"
        "    p = multiprocessing.get_context('spawn').Process(target=child, args=(os.getpid(),), daemon=True)\n"
        "    p.start()\n"
        "    print(p.pid, flush=True)\n"
        "    time.sleep(120)\n", "utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    child = int(parent.stdout.readline())
    time.sleep(1)  # the child has asked to die with its parent
    os.kill(child, 0)  # alive
    parent.kill()
    parent.wait(10)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(child, 9)
        raise AssertionError("the index process outlived the build that started it")


def test_a_plans_node_is_made_of_the_plan_alone_but_its_status(tmp_path):
    """A plan's node is digested where the plan is read (alone.Alone.node_print), by resolve.plan_node:
    the graph's node of every plan must be that node, but the status the graph gives it; a node
    digested so tells apart what a node digested whole does."""
    import dataclasses

    from kehoach.graph.resolve import plan_node

    from .test_status import AMENDED, NEW, OLD, REPEALED

    write_corpus(300, tmp_path / "plans", seed=5)
    infos = [plan_info(p.meta, str(p.path)) for p in read_plans(iter_plan_paths(tmp_path / "plans"))]
    infos += [plan_info(p.meta, str(p.path)) for p in read_plans(iter_plan_paths(ROOT / "plans"))]
    infos += [plan_info(m, f"plans/{m['id']}.md") for m in (OLD, AMENDED, REPEALED, NEW)]  # replaced, amended…
    graph = build_graph(infos)
    assert sum(1 for n in graph.nodes.values() if n.kind != "plan") > 10 and any(n.status for n in graph.plans())
    for info in infos:
        node = graph.nodes[info.id]
        assert dataclasses.replace(node, status=None) == plan_node(info), info.id
    alone = {i.id: Fingerprints().plan_node(plan_node(i)) for i in infos}
    by_alone, whole = Fingerprints(alone), Fingerprints()
    digests = {n.id: by_alone.node(n) for n in graph.nodes.values()}
    assert len(set(digests.values())) == len(digests)
    changed = {}
    for n in graph.plans()[:50]:
        for field, value in (("title", "Khác"), ("status", "Bị bãi bỏ")):
            other = dataclasses.replace(n, **{field: value})
            alone_other = {**alone, n.id: Fingerprints().plan_node(dataclasses.replace(other, status=None))}
            changed[n.id, field] = Fingerprints(alone_other).node(other)
            assert (Fingerprints().node(other) == whole.node(n)) == (changed[n.id, field] == digests[n.id])
    assert all(changed[k] != digests[k[0]] for k in changed)


def test_a_units_files_are_kept_with_its_pages_and_made_again_with_them():
    """A unit may make files beside its pages (a plan's JSON record): kept (by their content key, not
    made) while the unit is; made again when what it reads changes, or when the caller cannot keep
    files (`keep_file` None) or no longer has one as written."""
    from kehoach.site.state import content_key

    plans = read_plans(iter_plan_paths(ROOT / "plans"))
    graph = build_graph([plan_info(p.meta, str(p.path)) for p in plans])
    hung_ha = "kh-18-2023-ubnd-huyen-hung-ha-thai-binh"
    calls = []

    def files_of(g):
        calls.append(1)
        return {"r.json": ", ".join(e.target for e in g.parents(hung_ha)).encode()}

    def unit(before, kept, keep=True):
        units = Units(graph, Fingerprints(), before, kept, {}, ("day",), put_file=put.__setitem__,
                      keep_file=(lambda p, k: held.__setitem__(p, k)) if keep else None)
        units.pages("u", (), lambda g: {"p.md": Page("x", g.nodes[hung_ha].title)},
                    lambda pages: [keyed(p, path, {}, units.prints) for path, p in pages.items() if not p.reused], files_of)
        return units

    put, held = {}, {}
    first = unit(None, {})
    assert list(put) == ["r.json"] and not held and first.made["u"].files == {"r.json": content_key(put["r.json"])}
    kept = {"p.md": first.made["u"].pages["p.md"], "r.json": content_key(put["r.json"])}
    put.clear()
    calls.clear()
    assert unit(first.made, kept).reused == 1 and held == {"r.json": kept["r.json"]} and not put and not calls
    held.clear()
    assert unit(first.made, kept, keep=False).reused == 0 and list(put) == ["r.json"] and not held
    put.clear()
    assert unit(first.made, {**kept, "r.json": "other"}).reused == 0 and list(put) == ["r.json"]
    put.clear()
    graph.nodes[hung_ha].title = "Khác"
    assert unit(first.made, kept).reused == 0 and list(put) == ["r.json"] and not held


def test_last_changed_is_read_from_git_again_once_another_commit_is_checked_out(tmp_path: Path):
    """`mkdocs serve` asks each rebuild when each plan last changed: the log is read once a commit."""
    from kehoach.site.history import last_changed

    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "a.md"
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]

    def commit(day: str) -> None:
        subprocess.run(git + ["add", "plans"], check=True)
        subprocess.run(git + ["commit", "-qm", day], check=True, env={**os.environ, "GIT_COMMITTER_DATE": f"{day}T00:00:00"})

    assert last_changed(plans) == {}  # not in a repository
    subprocess.run(git + ["init", "-q"], check=True)
    plan.write_text("một", "utf-8")
    commit("2026-03-03")
    where = f"{plans.resolve()}/a.md"
    assert last_changed(plans)[where] == "2026-03-03"
    plan.write_text("hai", "utf-8")  # changed, not committed: the day of the last commit that changed it
    assert last_changed(plans)[where] == "2026-03-03"
    commit("2026-04-05")
    assert last_changed(plans)[where] == "2026-04-05"


def test_a_retitled_plan_writes_again_only_the_index_files_its_title_reaches(tmp_path: Path):
    """The text of a plan whose title changed holds the same words with the same scores: only the files
    of the words and pairs whose lists changed (those the new title adds), its record's and the
    manifest are written; every other file is the last index's (with the old rule, every file holding
    any word or pair of the plan: hundreds)."""
    import dataclasses

    from kehoach.graph import build_graph, plan_info
    from kehoach.search import search_records, termindex
    from kehoach.synth import Synth

    plans = list(Synth(4).plans(300))
    graph = build_graph([plan_info(m, m["id"] + ".md") for m, _ in plans])
    records = search_records(graph, {m["id"]: "<p>" + body.replace("\n", " ") + "</p>" for m, body in plans})
    cache = tmp_path / "chi-muc.pickle"
    termindex.build(records, tmp_path / "first", cache)
    changed = list(records)
    n = next(i for i, r in enumerate(records) if r.kind == "plan")
    changed[n] = dataclasses.replace(records[n], title=f"Xyzzy {records[n].title}")
    termindex.build(changed, tmp_path / "incremental", cache)
    termindex.build(changed, tmp_path / "cold")
    same_sites(tmp_path / "incremental", tmp_path / "cold")
    every = [p.relative_to(tmp_path / "incremental") for p in (tmp_path / "incremental").rglob("*.json")]
    written = [p for p in every if not (tmp_path / "first" / p).exists()
               or (tmp_path / "first" / p).stat().st_ino != (tmp_path / "incremental" / p).stat().st_ino]
    # "xyzzy" and the pair it makes with the title's first word, the record's file, the manifest
    assert len(written) <= 4, written
    assert {"index.json"} < {p.as_posix() for p in written}
