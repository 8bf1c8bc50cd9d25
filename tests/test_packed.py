"""A large base holds its pages and Markdown packed until they are written (kehoach/site/packed.py):
the site is the same, page for page and file for file."""

from __future__ import annotations

import shutil

from kehoach.site import build_site
from kehoach.site.packed import Packed
from kehoach.synth import write_corpus

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
