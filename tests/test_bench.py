"""`make bench` at a small scale, as a smoke test: every stage runs and reports its figures. No
timing is asserted here; the budgets are the benchmark's own (make bench, docs/hieu-nang.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def test_bench_runs_every_stage(tmp_path):
    out = tmp_path / "bench.json"
    page = tmp_path / "hieu-nang.md"
    page.write_text("| bảng |\n", "utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), "--plans", "300", "--import-docs", "20",
                           "--serve-plans", "60", "--json", str(out), "--record", str(page)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: a budget missed, which is the benchmark's verdict
    r = json.loads(out.read_text("utf-8"))
    assert r["import"]["ok"] and r["import"]["written"] == 20
    assert r["graph"]["ok"] and r["graph"]["nodes"]["plan"] == 300
    assert r["build"]["ok"] and r["build_without_search"]["ok"] and r["baseline"]["ok"], r
    assert r["baseline_without_search"]["ok"] and r["build_ratio_without_search"] > 0, r
    assert r["site"]["plan_pages"] == 300 and r["site"]["search_index_mb"] > 0 and r["site"]["catalogue_gz_mb"] > 0
    assert all(q["results"] > 0 for q in r["search"]["queries"][:1]), r["search"]
    assert r["serve"]["ok"], r["serve"]
    lookups = r["lookups"]["lookups"]  # the Tra cứu page opened, a number, words, filters: what each read
    assert len(lookups) >= 6 and all(q["kb"] > 0 and q["said"] for q in lookups), lookups
    assert "19/KH-UBND" in lookups[1]["query"] and "mang số" in lookups[1]["said"], lookups[1]
    inc = r["incremental"]  # builds again into the same folder: nothing changed, then one title
    assert inc["unchanged"]["ok"] and inc["one_title"]["ok"] and inc["one_title"]["shown"], inc
    assert 0 < inc["unchanged"]["share"], inc
    assert r["relevance"]["queries"] >= 40 and 0 <= r["relevance"]["recall_at_1"] <= 1, r["relevance"]
    assert r["timelines"]["given"] > 0 and r["timelines"]["share"] == 1.0, r["timelines"]
    assert page.read_text("utf-8").count("\n") == 2 and "| 300 |" in page.read_text("utf-8")
