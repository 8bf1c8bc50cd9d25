"""Frames of the theme (kehoach.site.frame), the threads that write the site (kehoach.site.writer), files
handed over as the library makes them (build_site's on_file), and memory given back (kehoach.memory);
the MkDocs hook's use of them is checked on real builds (test_site.py, test_incremental.py)."""

from __future__ import annotations

import pytest

from kehoach.site.frame import Frame, FrameError, marker
from kehoach.site.writer import Writer

SLOTS = {"title": marker("title"), "content": "<!-- page -->", "feed": "https://x.invalid/" + marker("feed")}


def test_a_frame_puts_each_value_where_its_marker_was_and_reads_no_value_again():
    html = (f"<title>{SLOTS['title']} - Site</title><h2>{SLOTS['title']}</h2>"
            f"<main><!-- page --></main><a href=\"{SLOTS['feed']}\">feed</a>")
    frame = Frame(html, SLOTS, required=("title", "content"))
    # a value that holds another marker, or its own, is written as it is
    page = frame.fill({"title": "A &amp; B " + marker("feed"), "content": "<p><!-- page --></p>", "feed": "../f.xml"})
    assert page == (f"<title>A &amp; B {marker('feed')} - Site</title><h2>A &amp; B {marker('feed')}</h2>"
                    "<main><p><!-- page --></p></main><a href=\"../f.xml\">feed</a>")


def test_a_theme_that_drops_or_changes_a_value_makes_no_frame():
    with pytest.raises(FrameError, match="content"):
        Frame(f"<title>{SLOTS['title']}</title>", SLOTS, required=("title", "content"))
    with pytest.raises(FrameError, match="changed a value"):  # a filter upper-cased the title
        Frame(f"<title>{SLOTS['title'].upper()}</title><!-- page -->", SLOTS, required=("content",))
    with pytest.raises(FrameError, match="changed a value"):  # or shortened it
        Frame(f"<title>{SLOTS['title'][:-3]}…</title><!-- page -->", SLOTS, required=("content",))
    with pytest.raises(ValueError):
        marker("not-letters")


def test_the_writer_writes_every_file_in_its_folder_and_names_one_it_cannot(tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("kế hoạch", "utf-8")
    with Writer(tmp_path / "site", threads=3, pending=4) as writer:
        for n in range(200):
            writer.write(f"ke-hoach/k{n}/index.html", f"<p>{n}</p>".encode())
        writer.copy("tai-ve/plan.md", source)
    assert writer.count == 201
    assert all((tmp_path / f"site/ke-hoach/k{n}/index.html").read_bytes() == f"<p>{n}</p>".encode() for n in range(200))
    assert (tmp_path / "site/tai-ve/plan.md").read_text("utf-8") == "kế hoạch"
    (tmp_path / "site/api").write_text("a file where a folder must be", "utf-8")
    writer = Writer(tmp_path / "site")
    writer.write("api/plans.json", b"{}")
    with pytest.raises(OSError, match="cannot write .*site/api/plans.json"):
        writer.close()


def test_files_handed_over_as_made_are_those_the_site_would_hold_and_none_is_kept():
    from kehoach.site import build_site

    from .conftest import ROOT

    held = build_site(ROOT / "plans").files
    handed: dict[str, str | bytes] = {}
    site = build_site(ROOT / "plans", on_file=handed.__setitem__)
    assert handed == held and len(held) > 20
    assert len(site.files) == len(held) and "api/plans/index.json" in site.files
    assert not hasattr(site.files, "items")  # holds no content
    with pytest.raises(ValueError, match="api/plans/index.json: made twice"):
        site.files["api/plans/index.json"] = b"{}"


def test_memory_freed_by_a_build_goes_back_to_the_system():
    """glibc keeps freed memory in its heap; give_back returns it (kehoach.memory)."""
    import sys

    from kehoach.memory import give_back

    if not sys.platform.startswith("linux"):
        pytest.skip("malloc_trim is glibc's")

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096

    held = [str(n) * 100 for n in range(300_000)]  # ~100 MB of strings, each past CPython's small-object allocator
    keep = held[::50]  # a few stay, scattered: the heap cannot shrink from its top alone
    del held
    before = rss()
    give_back()
    assert before - rss() > 30 * 2**20, (before, rss())
    assert len(keep) == 6000
