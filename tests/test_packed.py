"""A large base holds its pages and Markdown packed until they are written (kehoach/packed.py): the site
is the same, page for page and file for file."""

from __future__ import annotations

import shutil

from kehoach.packed import Packed
from kehoach.planfile import PlanMemo
from kehoach.site import build_site
from kehoach.site.fulltext import _key
from kehoach.synth import write_corpus
from kehoach.validate import errors, load

from .conftest import ROOT


def test_a_packed_build_makes_the_same_site(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", plans)
    write_corpus(60, plans / "synth", seed=11)
    sites = {}
    for pack in (False, True):
        files: dict[str, bytes] = {}
        site = build_site(plans, cache=tmp_path / f"cache-{pack}", source_url="https://example.org/plans/",
                          on_file=lambda path, content: files.__setitem__(
                              path, content.encode() if isinstance(content, str) else content), pack=pack)
        assert all(isinstance(p.html, Packed) for p in site.pages.values()) == pack
        sites[pack] = ({path: page.text() for path, page in site.pages.items()},
                       {path: (page.title, page.description, page.key) for path, page in site.pages.items()}, files)
    assert len(sites[True][0]) > 200
    assert sites[True] == sites[False]


def test_a_large_base_holds_each_body_packed_from_its_reading_and_its_strings_shared_from_the_memo(tmp_path):
    """The reading processes pack each body; a rebuild reading the plans from the memo packs them too
    and gives each string of the front matter once (unpickled one plan at a time, every plan's copies of
    the same agency, place and key were strings of their own: ~80 MB at 10,000 plans); a small base's
    build reads the same plans unpacked, word for word."""
    plans = tmp_path / "plans"
    write_corpus(40, plans, seed=5)
    memo_file = tmp_path / "plans.pickle"
    memo = PlanMemo("v", memo_file)
    fresh, problems = load(plans, memo=memo, pack_from=0)
    memo.release()
    assert fresh and not errors(problems)
    assert all(isinstance(p.body, Packed) for p in fresh)
    again, _ = load(plans, memo=PlanMemo.load(memo_file, "v"), pack_from=0)
    assert [p.meta for p in again] == [p.meta for p in fresh]
    assert all(isinstance(p.body, Packed) for p in again)
    assert [p.body.text() for p in again] == [p.body.text() for p in fresh]
    seen: dict[str, int] = {}
    checked = 0
    for p in again:  # each string equal to one of another plan's is that very string
        for value in (p.meta["issuer"]["name"], p.meta["issuer"]["level"], p.meta["area"]["province"], *p.meta):
            assert id(value) == seen.setdefault(value, id(value)), value
            checked += 1
    assert checked > 5 * len(seen)  # plans do share their keys, levels, provinces
    plain, _ = load(plans, memo=PlanMemo.load(memo_file, "v"))
    assert all(isinstance(p.body, str) for p in plain)
    assert [p.body for p in plain] == [p.body.text() for p in fresh]
    assert [p.body for p in plain] == [p.body for p in load(plans)[0]]


def test_a_full_texts_cache_key_is_the_same_for_its_markdown_packed_or_not():
    body, targets = "Thực hiện Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh Thái Bình.", {"19/kh-ubnd": "/x/"}
    reserved = frozenset({"a"})
    assert _key((Packed(body), targets), reserved) == _key((body, targets), reserved)
    assert _key((Packed(body + " "), targets), reserved) != _key((body, targets), reserved)
