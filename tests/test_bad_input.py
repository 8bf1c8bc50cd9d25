"""Bad input, as an attacker or a careless contributor would give it: each broken plan of the corpus
below is refused by `kehoach validate` and by the site's build, naming its file (and the line, where
the problem is on a line), with no traceback, in bounded time and memory (≤ 1 GB). The importer
refuses a .docx that inflates past its limits the same way. And on any value at any key of the front
matter, validate answers with messages, never an exception."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kehoach.planfile import MAX_PLAN_BYTES, PlanFile, dump_plan, read_plan, split_front_matter
from kehoach.validate import check, validate

from .conftest import BIN, ENGINE, ROOT
from .sitebuild import project_with

GOOD_PATH = ROOT / "plans/thai-binh/hung-ha/kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"
GOOD = read_plan(GOOD_PATH)
MEMORY_MB = 1024


def with_meta(change) -> tuple[str, tuple]:
    """(text of a plan whose front matter `change(meta)` edited, the path changed: its line is named)."""
    meta = copy.deepcopy(GOOD.meta)
    key = change(meta)
    return dump_plan(meta, GOOD.body), key


def replaced(old: str, new: str) -> str:
    text = GOOD_PATH.read_text("utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def set_key(path: tuple, value):
    def change(meta):
        target = meta
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return path
    return change


def line_of(text: str, where: str | tuple) -> int | None:
    """The line of a key path in a plan's text, read as a person would: each key the first line below
    the last that starts with it; an index, the next line. A string: the first line starting so."""
    lines = text.split("\n")
    steps = (where,) if isinstance(where, str) else where
    at, start = -1, 0
    for step in steps:
        if isinstance(step, int):  # the item's first line, where its first key may stand too
            at = start = at + 1
            continue
        needle = step if ":" in step else f"{step}:"
        found = next((i for i in range(start, len(lines)) if lines[i].lstrip("- ").startswith(needle)), None)
        if found is None:
            return None
        at, start = found, found + 1
    return at + 1


# the wrong type for each field of the schema, top level and nested
WRONG_TYPES = [
    (("id",), None), (("id",), 5), (("doc_type",), ["Kế hoạch"]), (("number",), 18), (("symbol",), {"a": 1}),
    (("title",), 123), (("title",), None), (("date",), 2023), (("date",), ["2023-02-21"]), (("place",), 5),
    (("issuer",), "UBND"), (("issuer", "name"), 1), (("issuer", "level"), [1]), (("issuer", "parent"), True),
    (("area",), []), (("area", "province"), 7), (("area", "district"), ["x"]), (("signer",), "Nguyễn Văn A"),
    (("signer", "name"), {"x": 1}), (("basis",), "x"), (("basis", 0), "x"), (("basis", 0, "text"), None),
    (("basis", 0, "date"), 20220811), (("basis", 0, "number"), 5), (("references",), {"a": 1}),
    (("recipients",), "x"), (("recipients", 0), 5), (("topics",), 5), (("topics",), "tre-em"), (("topics", 0), 1),
    (("beneficiaries",), {"a": 1}), (("tasks",), "x"), (("tasks", 0), "x"), (("tasks", 0, "lead"), "Sở"),
    (("tasks", 0, "lead", 0), 3), (("tasks", 0, "timeline"), 2024), (("coverage",), "x"), (("summary",), 5),
    (("source",), "x"), (("source", "sha256"), 123), (("synthetic",), "yes"),
]


def corpus() -> dict[str, tuple[str | bytes, str | tuple | None]]:
    """name → (file content, the key path (or a line's start) whose line the message names, or None)."""
    cases: dict[str, tuple[str | bytes, str | tuple | None]] = {}
    for i, (path, value) in enumerate(WRONG_TYPES):
        text, key = with_meta(set_key(path, value))
        cases[f"type-{i:02d}-{'-'.join(map(str, path))}"] = (text, key)
    cases |= {
        "yaml-unclosed": (replaced("title: Triển khai", "title: [Triển khai"), None),
        "yaml-tab": (replaced("id: kh-18", "id:\tkh-18\n\t- x"), None),
        "yaml-not-a-mapping": ("---\n- a list\n---\nText\n", None),
        "no-front-matter": ("# Kế hoạch\n", None),
        "front-matter-unclosed": ("---\nid: x\n", None),
        "date-impossible": (replaced("date: '2023-02-21'", "date: '2023-02-30'"), "date"),
        "date-month-13": (replaced("  date: '2022-08-11'", "  date: '2022-13-11'"), "date: '2022-13-11'"),
        "date-markup": (replaced("date: '2023-02-21'", "date: <img/"), "date"),
        "date-newline": (replaced("date: '2023-02-21'", 'date: "2023-02-21\\n"'), "date"),
        "id-path": (replaced("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "id: /tmp/x"), "id"),
        "id-dotdot": (replaced("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "id: ../../x"), "id"),
        "id-long": (replaced("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "id: " + "a" * 5000), "id"),
        "id-upper": (replaced("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "id: KH-18"), "id"),
        "nul": (replaced("Triển khai", "Triển\0khai"), "title"),
        "not-utf8": (replaced("Triển khai", "Tri\udcffn khai").encode("utf-8", "surrogateescape"), "title"),
        "latin1": (GOOD_PATH.read_text("utf-8").encode("cp1258", "replace"), None),
        "alias-bomb": (replaced("title: ", "a: &a [x, x, x, x, x, x, x, x, x]\n"
                                + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                          for p, c in zip("abcdefgh", "bcdefghi")) + "title: "), None),
        "anchor": (replaced("title: Triển khai", "title: &t Triển khai"), "title"),
        "nested-5000": (replaced("title: Triển khai", "title: " + "[" * 5000 + "]" * 5000), "title"),
        "nested-200000": (replaced("title: Triển khai", "title: " + "[" * 200_000), "title"),
        "nested-dashes": (replaced("title: Triển khai", "title:\n  " + "- " * 200_000 + "x"), None),
        "nested-block": (replaced("title: Triển khai", "x:\n- a:\n  - b:\n    - c:\n      - d:\n        - e: x\ntitle: T"), None),
        "alias-flow": (replaced("title: Triển khai", 'x: {"a":&k 1, "b":*k}\ntitle: T'), None),
        "oversize": (GOOD_PATH.read_text("utf-8") + "x" * (MAX_PLAN_BYTES + 1), None),
        "key-not-text": (replaced("title: ", "1: x\ntitle: "), None),
        "unknown-key": (replaced("title: ", "colour: red\ntitle: "), "colour"),
    }
    return cases


@pytest.fixture(scope="module")
def bad_plans(tmp_path_factory) -> tuple[Path, dict[str, int | None]]:
    """A plans folder holding every case (each with an id of its own where the case keeps an id), two
    files with one id, a link out of the folder, a fifo; → (folder, name → line expected or None)."""
    plans = tmp_path_factory.mktemp("bad") / "plans"
    plans.mkdir()
    expected: dict[str, int | None] = {}
    for n, (name, (content, key)) in enumerate(sorted(corpus().items())):
        if isinstance(content, str):
            own = f"id: bad-{n}"
            content = content.replace("id: kh-18-2023-ubnd-huyen-hung-ha-thai-binh", own, 1)
            content = content.replace("\nid: kh-18-2023-ubnd-huyen-hung-ha-thai-binh\n", f"\n{own}\n", 1)
            data = content.encode("utf-8", "surrogateescape")
        else:
            data = content
        (plans / f"{name}.md").write_bytes(data)
        expected[name] = line_of(data.decode("utf-8", "replace"), key) if key else None
    (plans / "dup-a.md").write_text(GOOD_PATH.read_text("utf-8"), "utf-8")
    (plans / "dup-b.md").write_text(GOOD_PATH.read_text("utf-8"), "utf-8")
    expected["dup-b"] = 2
    os.symlink("/etc/hostname", plans / "link-out.md")
    expected["link-out"] = 1
    os.mkfifo(plans / "fifo.md")
    expected["fifo"] = 1
    return plans, expected


def measured(args: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command in a child Python that reports the command's peak memory (MB): (process, s, MB)."""
    probe = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr); sys.exit(p.returncode)")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={"PATH": f"{BIN}:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    peak = int(proc.stderr.strip().rsplit("\n", 1)[-1])
    return proc, time.monotonic() - start, peak


def test_validate_refuses_each_bad_plan_with_file_and_line(bad_plans):
    plans, expected = bad_plans
    proc, seconds, peak = measured([str(BIN / "kehoach"), "validate", str(plans)])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out[-3000:]
    print(f"peak {peak} MB, {seconds:.1f} s")
    assert peak <= MEMORY_MB and seconds < 120, (peak, seconds)
    errors = [x for x in proc.stdout.splitlines() if ": error: " in x]
    for name, line in expected.items():
        mine = [x for x in errors if x.startswith(f"{plans / name}.md:")]
        assert mine, f"{name}: no error"
        if line is not None:
            assert any(x.startswith(f"{plans / name}.md:{line}: ") for x in mine), (name, line, mine)


def test_the_build_refuses_them_all_with_file_and_line(bad_plans, tmp_path):
    plans, expected = bad_plans
    project = project_with(tmp_path, seeds=False)
    (project / "plans").rmdir()
    (project / "plans").symlink_to(plans, target_is_directory=True)
    proc, seconds, peak = measured([str(ENGINE), "build", "--strict", "-d", str(tmp_path / "site")],
                                   cwd=project, env={"HOME": str(tmp_path)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-3000:]
    print(f"peak {peak} MB, {seconds:.1f} s")
    assert peak <= MEMORY_MB and seconds < 120, (peak, seconds)
    assert "nothing was built" in proc.stderr
    assert not (tmp_path / "site" / "ke-hoach").exists()
    for name, line in expected.items():
        assert f"/{name}.md:{line if line is not None else ''}" in proc.stderr, (name, line)


def docx_bomb(path: Path, size: int) -> None:
    """A .docx whose document part inflates to `size` bytes (zeros compress ~1000 to 1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)


def test_import_refuses_a_docx_that_inflates_past_its_limits(tmp_path):
    bomb = tmp_path / "bomb.docx"
    docx_bomb(bomb, 200 << 20)
    assert bomb.stat().st_size < 1 << 20
    junk = tmp_path / "junk.docx"
    junk.write_bytes(os.urandom(4096))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc, seconds, peak = measured([str(BIN / "kehoach"), "import", str(bomb), str(junk), str(empty), "--out",
                                    str(tmp_path / "out")])
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out, out
    assert peak <= MEMORY_MB and seconds < 60, (peak, seconds)
    assert "bomb.docx" in out and "inflates to 209,715,200 bytes" in out
    assert "junk.docx" in out and "not a readable .docx" in out
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.md"))


# any value at any key: messages, never an exception
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)
PATHS = sorted({p[:n] for p, _ in WRONG_TYPES for n in range(1, len(p) + 1)})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=json_values)
@example(path=("area",), value={"---\n": None})  # dumped as "? '---", not a line '---' that closes the front matter
def test_validate_never_raises_on_any_value_at_any_key(path, value):
    meta = copy.deepcopy(GOOD.meta)
    try:
        set_key(path, value)(meta)
    except (KeyError, IndexError, TypeError):
        return
    text = dump_plan(meta, GOOD.body)
    loader = yaml.SafeLoader(split_front_matter(text, GOOD_PATH)[0])  # as plans are read: "'---" is a value
    node = loader.get_single_node()
    plan = PlanFile(GOOD_PATH, loader.construct_document(node), GOOD.body, node)
    problems = check(plan)
    assert all(p.line >= 1 for p in problems)
    assert not any("could not be checked" in p.message for p in problems), problems


def test_good_plans_stay_clean():
    assert [str(p) for p in validate(ROOT / "plans")] == []
