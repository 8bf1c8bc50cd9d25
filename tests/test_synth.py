"""The generated corpus: deterministic, valid, realistic in size, with the citation traps that
the resolver must not link; never written over existing plans."""

from __future__ import annotations

import subprocess

from kehoach.graph import load_graph
from kehoach.planfile import read_plan
from kehoach.synth import write_corpus
from kehoach.validate import validate

from .conftest import BIN


def test_same_seed_same_files_and_every_plan_valid(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert write_corpus(150, a, 7) == write_corpus(150, b, 7) == write_corpus(150, c, 8) == 150
    files = sorted(p.relative_to(a) for p in a.rglob("*.md"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.md"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert files != sorted(p.relative_to(c) for p in c.rglob("*.md"))  # another seed, another corpus
    assert [p for p in validate(a) if p.severity == "error"] == []
    plans = [read_plan(a / f) for f in files]
    assert all(p.meta["synthetic"] is True for p in plans)
    sizes = [len(p.body.encode()) for p in plans]
    assert min(sizes) >= 6000 and max(sizes) <= 13000, (min(sizes), max(sizes))
    assert {p.meta["issuer"]["level"] for p in plans} == {"province", "district", "commune"}
    assert {p.meta["date"] < "2025-07-01" for p in plans} == {True, False}  # both eras


def test_parents_link_and_dateless_citations_do_not(tmp_path):
    write_corpus(300, tmp_path, 1)
    graph, errors = load_graph(tmp_path)
    assert errors == []
    plans = {n.id for n in graph.plans()}
    resolved = [e for e in graph.edges if e.target in plans]
    assert len(resolved) > 100
    ambiguous = [n for n in graph.nodes.values() if n.kind == "ambiguous"]
    assert ambiguous, "the corpus must hold citations that say too little"
    for e in graph.edges:  # a citation without a year never links to a plan, even to the only candidate
        if e.target in plans and e.text.startswith("Kế hoạch số") and " ngày " not in e.text and " năm " not in e.text:
            raise AssertionError(e)


def test_cli_refuses_a_directory_that_holds_files(tmp_path):
    (tmp_path / "x.md").write_text("kept", "utf-8")
    proc = subprocess.run([str(BIN / "kehoach"), "synth", "--plans", "5", "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "not empty" in proc.stderr
    assert (tmp_path / "x.md").read_text("utf-8") == "kept" and len(list(tmp_path.iterdir())) == 1


def test_past_one_plan_per_unit_and_programme_the_years_go_on(tmp_path):
    """~40,000 plans is one of each programme by every unit; a larger base (the 100,000-plan bench)
    goes on with the same programmes' plans of other years: still unique, still valid, and the first
    plans are the same whatever the count."""
    from kehoach.planfile import dump_plan
    from kehoach.synth import Synth, plan_path

    count = 44_000
    plans = list(Synth(1).plans(count))
    assert len(plans) == count and len({m["id"] for m, _ in plans}) == count
    assert [m["id"] for m, _ in Synth(1).plans(300)] == [m["id"] for m, _ in plans[:300]]
    later = plans[-300:]  # beyond the first round: the year after
    assert {m["date"][:4] for m, _ in later} == {"2022"}
    for meta, body in later:
        (tmp_path / plan_path(meta)).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / plan_path(meta)).write_text(dump_plan(meta, body), "utf-8")
    assert [p for p in validate(tmp_path) if p.severity == "error"] == []
