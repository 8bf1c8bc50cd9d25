"""A word most documents hold is split in the index (termindex.TIER_AT): its bucket keeps the documents
scoring highest for it, the rest is fetched only when the first results cannot be told without it.
The same records indexed whole and split, the same queries typed in Chromium: the first results are
the same, whatever the query, and the common ones are answered from the heads alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kehoach.graph import build_graph, plan_info
from kehoach.search import search_records, termindex
from kehoach.synth import Synth

from .sitebuild import serving
from .test_browser import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parents[1]
TIERS = (64, 16)  # a key held by more than 64 documents is cut in tiers of 16, 48, 192… documents

QUERIES = ["tro giup phap ly", "trợ giúp pháp lý", "ke hoach", "kế hoạch thực hiện", "thuc hien", "phap luat",
           "người khuyết tật", "nguoi khuyet tat", "tuyen truyen pho bien", "tuyên truyền phổ biến giáo dục pháp luật",
           '"tiep can phap luat"', '"tiếp cận pháp luật" ubnd', "ubnd tinh", "ủy ban nhân dân", "hung ha", "thái bình",
           "trẻ em", "hoa binh 2024", "xyzzy ke hoach", "trợ giúp pháp lý cho người khuyết tật", "Trợ giúp pháp lý",
           "19/KH-UBND", "19 kh ubnd thai binh", "kế hoạch số 15 hòa bình", "quyết định 977", "2025", "xa", "huyen"]

# each query with a module of its own (its own cache of fetched files), counting the tiers it fetched
SCRIPT = """async ([q, base, limit, n, exact]) => {
    const tiers = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/chi-muc/r/')).length;
    performance.clearResourceTimings();  // the buffer holds 250 entries, and drops any past them
    const before = tiers();
    const ts = await import(new URL(`assets/timkiem.js?${n}`, document.baseURI).href);
    const found = await ts.search(q, {base, limit, exact});
    return {urls: found.results.map((r) => r.url.slice(base.length)), scores: found.results.map((r) => r.score), total: found.total,
            approximate: Boolean(found.approximate), partial: found.partial, rest: tiers() - before};
}"""


@pytest.fixture(scope="module")
def indexes(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("tiers")
    plans = list(Synth(2).plans(800))
    graph = build_graph([plan_info(m, m["id"] + ".md") for m, _ in plans])
    texts = {m["id"]: "<p>" + body.replace("\n", " ") + "</p>" for m, body in plans}
    pages = [("tro-giup/", "# Trợ giúp pháp lý\n\nAi được trợ giúp pháp lý, ở đâu, thế nào."),
             ("nguoi-khuyet-tat/", "# Người khuyết tật\n\nKế hoạch về người khuyết tật.")]
    records = search_records(graph, texts, pages)  # the pages read as the site reads hand-written ones
    whole = termindex.build(records, tmp / "whole" / termindex.DIRECTORY, tiers=(10**9, 10**9))
    split = termindex.build(records, tmp / "split" / termindex.DIRECTORY, tiers=TIERS)
    assert whole["tiered_keys"] == 0 and split["tiered_keys"] > 50, split
    for copy in ("exact", "fast"):  # fetched by one test each: the files a query fetches counted afresh
        shutil.copytree(tmp / "split", tmp / copy)
    (tmp / "assets").mkdir()
    shutil.copy(ROOT / "docs" / "assets" / "timkiem.js", tmp / "assets" / "timkiem.js")
    (tmp / "index.html").write_text("<!doctype html><title>t</title>", "utf-8")
    with serving(tmp) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page()
        page.goto(base)
        yield base, page
        browser.close()


def ask(page, base: str, index: str, q: str, limit: int, exact: bool = True, n: list[int] = [0]) -> dict:
    n[0] += 1
    return page.evaluate(SCRIPT, [q, f"{base}{index}/", limit, n[0], exact])


def test_the_first_results_are_those_of_the_whole_lists(indexes):
    """Asked to be exact, the split index gives the first results of the whole lists."""
    base, page = indexes
    from_heads = completed = 0
    for limit in (10, 20):
        for q in QUERIES:
            whole, split = ask(page, base, "whole", q, limit), ask(page, base, "split", q, limit)
            assert whole["rest"] == 0 and not whole["approximate"]
            assert split["urls"] == whole["urls"], (q, limit)
            assert split["partial"] == whole["partial"], q
            if split["approximate"]:
                # answered before the last tiers: the count, at most (as many as hold the rarest word)
                assert whole["total"] <= split["total"], (q, whole["total"], split["total"])
                from_heads += split["rest"] == 0
            else:
                assert split["total"] == whole["total"], q
                completed += split["rest"] > 0
    print(f"\ntiers: {from_heads} queries answered from the first tier, {completed} with every tier")
    assert from_heads >= 3 and completed >= 4, (from_heads, completed)


COMMON = ["trợ giúp pháp lý cho người khuyết tật", "tuyen truyen pho bien", "ke hoach thuc hien", "ubnd tinh",
          "thuc hien phap luat", "tro giup phap ly nguoi ngheo", "ke hoach tuyen truyen", "pho bien giao duc phap luat"]


def test_a_query_of_common_words_is_answered_from_their_first_tiers(indexes):
    """A query whose every word most documents hold is answered from the first two tiers of each list
    where they hold enough documents with every word (timkiem.js COMMON_TIERS): never more files than
    the exact answer reads, results that hold every word and score within 1% of the exact ones (here,
    with tiers of 16 and 64 in 800 plans, the exact first results, tied, may all be past them); any
    other query is read as exactly as before."""
    base, page = indexes
    spared = 0
    for q in COMMON:
        exact, fast = ask(page, base, "exact", q, 10), ask(page, base, "fast", q, 10, exact=False)
        assert fast["rest"] <= exact["rest"], q
        assert len(fast["scores"]) == len(exact["scores"]) == 10, q
        assert min(fast["scores"]) >= 1000 * len(q.split()), (q, fast["scores"])  # every word (relevance())
        assert fast["scores"][0] >= 0.99 * exact["scores"][0] and fast["scores"][-1] >= 0.99 * exact["scores"][-1], q
        spared += fast["rest"] < exact["rest"]
    assert spared >= 3, spared
    for q in ("hung ha", "19/KH-UBND", "người khuyết tật hưng hà", "xyzzy ke hoach", '"tiep can phap luat" hung ha'):
        assert ask(page, base, "split", q, 10, exact=False) == ask(page, base, "split", q, 10), q
