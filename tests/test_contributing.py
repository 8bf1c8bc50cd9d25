"""Contributing through GitHub: the workflows and templates parse and follow GitHub's schemas (the ones
check-jsonschema vendors), the commands they run exist, `kehoach validate --format github` writes
annotations on the file and line of a pull request's diff, and the inbox import runs end to end on a
real file, as the inbox workflow runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts import inbox

from .conftest import BIN, ROOT
from .test_real_plans import REAL

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_workflows_follow_githubs_schema():
    assert {p.name for p in WORKFLOWS} >= {"pages.yml", "checks.yml", "inbox.yml"}
    done = check_jsonschema("vendor.github-workflows", WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_fails_the_schema(tmp_path):
    """The check above can fail: a job without `runs-on`, a step with both `uses` and `run`."""
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\non: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n        run: ls\n",
                   "utf-8")
    assert check_jsonschema("vendor.github-workflows", [bad]).returncode != 0


def test_the_issue_form_follows_githubs_schema():
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert forms
    done = check_jsonschema("vendor.github-issue-forms", forms)
    assert done.returncode == 0, done.stdout + done.stderr


def test_what_the_workflows_run_exists():
    """Every `make` target, script and `kehoach` subcommand a workflow runs is one the repository has."""
    targets = set(re.findall(r"(?m)^([a-z0-9-]+):", (ROOT / "Makefile").read_text("utf-8")))
    for wf in WORKFLOWS:
        for job in yaml.safe_load(wf.read_text("utf-8"))["jobs"].values():
            for step in job["steps"]:
                run = step.get("run", "")
                for target in re.findall(r"\bmake ([\w-]+)", run):
                    assert target in targets, (wf.name, target)
                for script in re.findall(r"\b((?:scripts|\.ci)/[\w./-]+)", run):
                    assert (ROOT / script).is_file(), (wf.name, script)
                for args in re.findall(r"kehoach (validate[^\n]*)", run):
                    done = subprocess.run([str(BIN / "kehoach"), *args.split()[:1], "--help"], capture_output=True,
                                          text=True, check=False)
                    for flag in re.findall(r"--[a-z-]+", args):
                        assert flag in done.stdout, (wf.name, flag)


def test_validate_writes_annotations_on_the_file_and_line(tmp_path):
    plans = tmp_path / "plans"
    seed = next((ROOT / "plans").rglob("kh-2024-ubnd-hai-phong-*.md"))
    good = plans / "a" / seed.name
    good.parent.mkdir(parents=True)
    shutil.copy(seed, good)
    broken = plans / "a" / "broken.md"
    text = good.read_text("utf-8")
    broken.write_text(text.replace("date: '2024", "date: 'hôm qua, 2024", 1).replace("\nid: ", "\nid: Không Hợp Lệ ", 1),
                      "utf-8")
    run = [str(BIN / "kehoach"), "validate", str(plans), "--format", "github"]
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    lines = [ln for ln in done.stdout.splitlines() if ln]
    assert lines and all(ln.startswith("::error file=") or ln.startswith("::warning file=") for ln in lines), lines
    line_of_id = next(n for n, ln in enumerate(broken.read_text("utf-8").splitlines(), 1) if ln.startswith("id:"))
    assert any(f"broken.md,line={line_of_id},title=kehoach validate::" in ln for ln in lines), lines
    # only the files a pull request touches: the good one has nothing to say
    only = subprocess.run(run + ["--only", str(good)], capture_output=True, text=True, check=False)
    assert only.returncode == 0 and only.stdout == "", only.stdout


@pytest.mark.skipif(not REAL.is_dir(), reason=f"the real plan files are not here ({REAL})")
def test_the_inbox_becomes_plans_and_a_report(tmp_path):
    box = tmp_path / "inbox"
    box.mkdir()
    (box / "README.md").write_text("# Hộp thư\n", "utf-8")
    for name in ("21_pgddt-hiephoa-20-tu-danh-gia.pdf", "23_mttq-luongminh-16-bau-cu.docx"):
        shutil.copy(REAL / name, box / name)
    (box / "21_pgddt-hiephoa-20-tu-danh-gia.pdf.url").write_text("https://example.org/20-kh.pdf\n", "utf-8")
    (box / "anh-chup.jpg").write_bytes(b"\xff\xd8\xff not a plan")
    plans = tmp_path / "plans"
    report = tmp_path / "report.md"
    assert inbox.main(["--inbox", str(box), "--plans", str(plans), "--report", str(report)]) == 0
    written = sorted(p.relative_to(plans).as_posix() for p in plans.rglob("*.md"))
    assert len(written) == 2, written
    text = report.read_text("utf-8")
    assert "| 21_pgddt-hiephoa-20-tu-danh-gia.pdf | đã tạo |" in text, text
    assert "| 23_mttq-luongminh-16-bau-cu.docx | đã tạo |" in text
    assert "| anh-chup.jpg | không nhận |  | unsupported file type .jpg" in text
    assert "3 tệp: 2 kế hoạch mới, 0 bỏ qua, 1 không nhận." in text
    assert sorted(p.name for p in box.iterdir()) == ["README.md"]  # the originals leave the inbox
    plan = next(p for p in plans.rglob("*.md") if "hiep-hoa" in p.as_posix())
    assert "url: https://example.org/20-kh.pdf" in plan.read_text("utf-8")
    # the plans it wrote are valid as they are
    done = subprocess.run([str(BIN / "kehoach"), "validate", str(plans)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    # a second run over an empty inbox writes nothing and says so
    assert inbox.main(["--inbox", str(box), "--plans", str(plans), "--report", str(report)]) == 0
    assert "0 tệp" in report.read_text("utf-8")
