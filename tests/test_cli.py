"""`kehoach import` as a maintainer runs it."""

from __future__ import annotations

import shutil
import subprocess

from kehoach.importer import import_files

from .conftest import BIN, ROOT, SEEDS


def run(*args):
    return subprocess.run([str(BIN / "kehoach"), *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_import_reports_and_never_overwrites_without_force(tmp_path):
    out = tmp_path / "plans"
    proc = run("import", SEEDS, "--out", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = sorted(p.relative_to(out) for p in out.rglob("*.md"))
    assert [str(p) for p in written] == sorted(str(p.relative_to(ROOT / "plans")) for p in (ROOT / "plans").rglob("*.md"))
    assert "not found: number" in proc.stdout and "wrote " in proc.stdout
    # again: nothing is overwritten, each file says why
    plan = out / "thanh-hoa/kh-177-2020-stp-thanh-hoa.md"
    plan.write_text(plan.read_text("utf-8").replace("Hoàng Văn Truyền", "Sửa tay"), "utf-8")
    again = run("import", SEEDS / "002_0cbf7e8c1b3d6833.txt", "--out", out)
    assert again.returncode == 0 and "already imported as" in again.stdout and "--force" in again.stdout
    assert "Sửa tay" in plan.read_text("utf-8")
    forced = run("import", SEEDS / "002_0cbf7e8c1b3d6833.txt", "--out", out, "--force")
    assert forced.returncode == 0 and "Sửa tay" not in plan.read_text("utf-8")


def test_same_source_under_another_name_is_not_imported_twice(tmp_path):
    out = tmp_path / "plans"
    copy = tmp_path / "copy.txt"
    shutil.copy(SEEDS / "003_3bc894dc2ad6d77a.txt", copy)
    assert run("import", SEEDS / "003_3bc894dc2ad6d77a.txt", "--out", out).returncode == 0
    proc = run("import", copy, "--out", out)
    assert "already imported as" in proc.stdout
    assert len(list(out.rglob("*.md"))) == 1


def test_bad_input_names_the_file_and_writes_nothing(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "plans"
    proc = run("import", bad, SEEDS / "002_0cbf7e8c1b3d6833.txt", "--out", out)
    assert proc.returncode == 1
    assert f"{bad}: not a readable .docx file" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert [p.name for p in out.rglob("*.md")] == ["kh-177-2020-stp-thanh-hoa.md"]  # the good one still imported
    assert not list(out.rglob(".*"))  # no temporary files left behind


def test_each_plan_is_written_as_soon_as_its_file_and_those_before_it_are_read(tmp_path):
    # an import stopped halfway (a scanned PDF takes a minute) keeps the plans of the files it read
    files = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "plans"
    on_disk: list[set] = []

    def progress(done, total, path):
        on_disk.append(set(out.rglob("*.md")))

    outcomes = import_files(files, out, progress=progress)
    assert [o.status for o in outcomes] == ["written"] * len(files)
    targets = [o.target for o in outcomes]
    assert len(on_disk) == len(files) and on_disk[-1] == set(targets)  # all written before the last report
    # at each report, the plans on disk are those of the first files, in order
    assert all(seen == set(targets[:len(seen)]) for seen in on_disk)


def test_help_is_true():
    assert run("--help").returncode == 0
    text = run("import", "--help").stdout
    assert "--force" in text and "--out" in text
    assert "file:line" in run("validate", "--help").stdout


def test_import_of_a_folder_reports_a_row_per_file_and_records_where_originals_are(tmp_path):
    """A maintainer's folder of mixed files: every file gets a row (written, skipped, refused) with what to
    review; the original's address from --url or a sidecar FILE.url; a folder's README is not a plan."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in ("002_0cbf7e8c1b3d6833.txt", "003_3bc894dc2ad6d77a.txt"):
        shutil.copy(SEEDS / seed, inbox / seed)
    (inbox / "003_3bc894dc2ad6d77a.txt.url").write_text("https://hungha.thaibinh.gov.vn/kh-18.pdf\n", "utf-8")
    (inbox / "README.md").write_text("# Văn bản nhận ngày 30/11\n", "utf-8")
    (inbox / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "plans"
    proc = run("import", inbox, "--out", out)
    assert proc.returncode == 1  # one file failed
    rows = proc.stdout.split("\nfile ", 1)[1].splitlines()
    assert any(r.startswith("002_0cbf7e8c1b3d6833.txt") and " written " in r for r in rows), rows
    assert any(r.startswith("hong.docx") and " refused " in r and "not a readable .docx" in r for r in rows)
    assert not any(r.startswith("README") for r in rows)
    assert rows[-1] == "3 file(s): 2 written, 0 skipped, 1 refused"
    plan = (out / "thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md").read_text("utf-8")
    assert "url: https://hungha.thaibinh.gov.vn/kh-18.pdf" in plan and "format: txt" in plan
    again = run("import", inbox / "002_0cbf7e8c1b3d6833.txt", "--out", out, "--url", "https://example.org/a.doc")
    assert again.returncode == 0 and again.stdout.rstrip().endswith("1 file(s): 0 written, 1 skipped, 0 refused")
