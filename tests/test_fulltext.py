"""The full-text converter (cmark-gfm) against Python-Markdown with the extensions the hand-written
pages use (tables, toc with the project's slugs): after sanitising, the same HTML on the seeds and on
generated plans, headings with the same anchors; raw HTML still reaches the sanitiser, not the page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from kehoach.planfile import read_plan
from kehoach.site.fulltext import Rendering, to_html
from kehoach.site.plan_page import RESERVED_IDS
from kehoach.site.sanitize import sanitize
from kehoach.synth import Synth
from kehoach.text import heading_slug

from .conftest import ROOT


def python_markdown(body: str) -> str:
    return markdown.markdown(body, extensions=["tables", "toc"], extension_configs={"toc": {"slugify": heading_slug}})


def same(html: str) -> str:
    """Whitespace between tags, Python-Markdown's empty body row under a header-only table and a
    column's alignment (cmark's align= stays through the sanitiser, Python-Markdown's style= does not)
    aside."""
    html = re.sub(r">\s+<", "><", html.strip()).replace(' align="left"', "").replace(' align="right"', "")
    return re.sub(r"<tbody>(<tr>(<td></td>)+</tr>)+</tbody>", "", html)


def bodies() -> list[str]:
    out = [read_plan(p).body for p in sorted((ROOT / "plans").rglob("*.md"))]
    out += [body for _, body in Synth(7).plans(150)]
    out.append("# Kế hoạch\n\n## Mục đích\n\n## Mục đích\n\n### \n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
               "- một\n- hai\n\nđoạn\n\n1. ba\n2. bốn\n\n**đậm** *nghiêng* `mã` HĐND&UBND\n")
    return out


def test_the_same_html_as_python_markdown():
    differ = [b[:80] for b in bodies()
              if same(sanitize(to_html((b, {})), RESERVED_IDS)) != same(sanitize(python_markdown(b), RESERVED_IDS))]
    assert not differ, differ[:3]


def test_a_list_after_a_list_of_another_kind_is_its_own():
    """Where the two differ, cmark follows CommonMark: Python-Markdown makes one loose bullet list of a
    bullet list and the numbered list after it."""
    html = to_html(("- một\n- hai\n\n1. ba\n2. bốn\n", {}))
    assert "<ul>" in html and "<ol>" in html


def test_headings_get_the_anchors_of_toc():
    html = to_html(("## Mục đích\n\n## Mục đích\n\n## Yêu cầu, nhiệm vụ\n", {}))
    assert re.findall(r'id="([^"]+)"', html) == ["muc-dich", "muc-dich_1", "yeu-cau-nhiem-vu"]


def test_raw_html_goes_to_the_sanitiser():
    html = sanitize(to_html(('Xem <script>alert(1)</script> và <a href="javascript:x()">đây</a>.\n', {})))
    assert "<script" not in html and "javascript:" not in html and "Xem" in html


HOSTILE = '## Mục đích\n\n## Nhiệm vụ\n\nXem <script>alert(1)</script> <a href="javascript:x()" onclick="y()">đây</a>.\n'


@pytest.mark.parametrize("pack", [False, True])
def test_rendering_gives_sanitised_html_fresh_and_cached(tmp_path, pack):
    """What the build gets is clean whether converted now, in worker processes, or read from the
    cache (which keeps it clean: a build after a change cleans only what changed); the page's reserved
    ids are part of what a cached text was made from. The same when the Markdown waits packed (a
    large base: packed.py)."""
    from kehoach.site.spool import Spool

    def texts_of(rendering: Rendering) -> list[str]:
        return [t.text() for t in rendering.texts(Spool())]

    jobs = [(HOSTILE + f"\nđoạn {i}\n", {}) for i in range(450)]  # enough for worker processes
    fresh = texts_of(Rendering(list(jobs), tmp_path, RESERVED_IDS, pack=pack))
    cached = Rendering(list(jobs), tmp_path, RESERVED_IDS)
    assert not cached.todo  # all from the cache
    again = texts_of(cached)
    assert fresh == again == [sanitize(to_html(j), RESERVED_IDS) for j in jobs]
    for html in fresh:
        assert "<script" not in html and "javascript:" not in html and "onclick" not in html
        assert 'id="nhiem-vu"' not in html and 'id="muc-dich"' in html  # the page's own id, and one it has not
    on_disk = [f.read_text("utf-8") for f in tmp_path.rglob("*") if f.is_file()]
    assert len(on_disk) == len(jobs) and not any("<script" in t for t in on_disk)
    other = texts_of(Rendering(list(jobs[:3]), tmp_path, frozenset({"muc-dich"})))
    assert 'id="nhiem-vu"' in other[0] and 'id="muc-dich"' not in other[0]


def test_texts_wait_in_the_cache_or_the_spool(tmp_path):
    """With a cache, each text is read from the cache's file of it when its page asks (nothing copied
    into the build's spool), under a digest that is the same in the next build; without one, each is
    put in the spool. Either way the same clean HTML."""
    from kehoach.site.spool import Spool

    jobs = [(HOSTILE + f"\nđoạn {i}\n", {}) for i in range(5)]
    expected = [sanitize(to_html(j), RESERVED_IDS) for j in jobs]
    spool = Spool()
    first = list(Rendering(list(jobs), tmp_path, RESERVED_IDS).texts(spool))
    again = list(Rendering(list(jobs), tmp_path, RESERVED_IDS).texts(spool))
    assert [t.text() for t in first] == [t.text() for t in again] == expected
    assert [t.digest for t in first] == [t.digest for t in again] and len({t.digest for t in first}) == 5
    assert spool.path is None  # nothing put in it: no temporary file made (none left if the build is killed)
    uncached = list(Rendering(list(jobs), None, RESERVED_IDS).texts(spool))
    assert [t.text() for t in uncached] == expected and os.path.getsize(spool.path) > 0
    assert [str(t.load()) for t in uncached] == expected


def test_the_cache_drops_texts_no_build_uses_once_old(tmp_path):
    """A plan's text changed leaves its old text in the cache; a build deletes the texts it did not use
    once written long enough ago (UNUSED_FOR: younger, they may be another build's at the same time), and
    what an interrupted write left as long ago; the texts it uses stay, however old. A site's build
    prunes its cache so."""
    import shutil

    from kehoach.site import build_site
    from kehoach.site.fulltext import UNUSED_FOR
    from kehoach.site.spool import Spool

    def cached() -> set[str]:
        return {f.name for f in tmp_path.rglob("*") if f.is_file()}

    def age(names: set[str]) -> None:
        long_ago = os.path.getmtime(tmp_path) - UNUSED_FOR - 60
        for f in tmp_path.rglob("*"):
            if f.is_file() and f.name in names:
                os.utime(f, (long_ago, long_ago))

    jobs = [(f"# Kế hoạch\n\nĐoạn {i}.\n", {}) for i in range(4)]
    first = Rendering(list(jobs), tmp_path)
    list(first.texts(Spool()))
    assert first.prune() == 0 and cached() == set(first.keys)
    jobs[3] = ("# Kế hoạch\n\nĐoạn 3, sửa.\n", {})  # the plan's text changed
    changed = Rendering(list(jobs), tmp_path)
    list(changed.texts(Spool()))
    old = (set(first.keys) - set(changed.keys)).pop()
    shard = tmp_path / old[:2]
    (shard / ".left-by-a-killed-build").write_text("x")
    (shard / ".being-written-now").write_text("x")
    assert changed.prune() == 0 and old in cached()  # not old enough: another build may be using it
    age(set(first.keys) | {".left-by-a-killed-build"})
    again = Rendering(list(jobs), tmp_path)
    assert not again.todo
    assert again.prune() == 2
    assert cached() == set(changed.keys) | {".being-written-now"}
    assert [t.text() for t in again.texts(Spool())][3].count("sửa") == 1  # what it uses, read as before

    plans, cache = tmp_path / "plans", tmp_path / "site-cache"
    shutil.copytree(ROOT / "plans", plans)
    build_site(plans, cache=cache, on_file=lambda path, content: None)
    texts = {f for f in (cache / "fulltext").rglob("*") if f.is_file()}
    plan = sorted(plans.rglob("*.md"))[0]
    plan.write_text(plan.read_text("utf-8") + "\nMột đoạn thêm.\n", "utf-8")
    for f in texts:
        os.utime(f, (0, 0))
    build_site(plans, cache=cache, on_file=lambda path, content: None)
    now = {f for f in (cache / "fulltext").rglob("*") if f.is_file()}
    assert len(now) == len(texts) == 5 and len(now - texts) == 1  # the changed plan's old text went
