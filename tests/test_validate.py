"""`kehoach validate`: clean on plans/, and `file:line: message` for every kind of broken plan."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from kehoach.validate import validate

from .conftest import BIN, ROOT

GOOD = (ROOT / "plans/thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md").read_text("utf-8")


def run(*args, cwd=ROOT):
    return subprocess.run([str(BIN / "kehoach"), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_committed_plans_are_clean():
    problems = validate(ROOT / "plans")
    assert [str(p) for p in problems] == []
    proc = run("validate", "plans")
    assert proc.returncode == 0 and proc.stdout == ""


def broken(tmp_path, text: str, name: str = "kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return [(p.line, p.severity, p.message) for p in validate(path)]


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(next(x for x in text.split("\n") if x.startswith(needle))) + 1


@pytest.mark.parametrize("change,needle,message", [
    (lambda t: t.replace("title: Triển khai", "title: [Triển khai"), "title:", "YAML"),
    (lambda t: t.replace("symbol: KH-UBND\n", ""), None, "missing key 'symbol'"),
    (lambda t: t.replace("date: '2023-02-21'", "date: 20230221"), "date:", "date: 20230221 is not of type"),
    (lambda t: t.replace("date: '2023-02-21'", "date: '2023-02-30'"), "date:", "2023-02-30 is not a real date"),
    (lambda t: t.replace("  level: district", "  level: huyen"), "  level:", "issuer.level: 'huyen' is not one of"),
    (lambda t: t.replace("  level: district", "  level: province"), "  district:", "area.district is set but issuer.level is province"),
    (lambda t: t.replace("number: 18/KH-UBND", "number: 18/KH-STP"), "number:", "does not end with the symbol KH-UBND"),
    (lambda t: t.replace("place: Hung Hà\n", "place: Hung Hà\ncolour: red\n"), "colour:", "unknown key 'colour'"),
    (lambda t: t.replace("  province: Thái Bình", "  province: Thai Binh Province"), "  province:", "is not a province before 1 July 2025"),
    (lambda t: t.replace("- tre-em", "- tre-con"), "- tre-con", "'tre-con' is not in kehoach/data/vocabulary.yaml"),
    (lambda t: t.replace("  date: '2022-08-11'", "  date: '2022-13-11'"), "  date: '2022-13-11'", "basis[0].date: 2022-13-11 is not a real date"),
])
def test_each_broken_plan_gets_a_line(tmp_path, change, needle, message):
    text = change(GOOD)
    assert text != GOOD
    problems = [p for p in broken(tmp_path, text) if p[1] == "error"]
    assert problems, "no error reported"
    hit = [p for p in problems if message in p[2]]
    assert hit, problems
    if needle:
        assert hit[0][0] == line_of(text, needle)


def test_no_front_matter_and_unclosed_front_matter(tmp_path):
    assert broken(tmp_path, "# Kế hoạch\n") == [(1, "error", "no front matter: a plan starts with a line '---'")]
    assert broken(tmp_path, "---\nid: x\n") == [(1, "error", "front matter is not closed by a line '---'")]


def test_duplicate_ids_name_both_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md").write_text(GOOD, "utf-8")
    (tmp_path / "b/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md").write_text(GOOD, "utf-8")
    problems = validate(tmp_path)
    assert len(problems) == 1
    assert problems[0].path.endswith("b/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md") and problems[0].line == 2
    assert "also used by" in problems[0].message and "a/kh-18" in problems[0].message


def test_cli_prints_file_line_and_exits_nonzero_without_traceback(tmp_path):
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    target = tmp_path / "plans/thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"
    target.write_text(GOOD.replace("title: Triển khai", "title: [Triển khai"), "utf-8")
    (tmp_path / "plans/thanh-hoa/kh-177-2020-stp-thanh-hoa.md").write_text("---\n- a list\n---\n", "utf-8")
    proc = run("validate", tmp_path / "plans")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stdout.strip().split("\n")
    assert len(lines) == 2 and all(re.match(r"^\S+\.md:\d+: error: ", x) for x in lines)
    assert f"{target}:6: error: YAML" in proc.stdout
