"""The lookup page (Tra cứu) reads only what a lookup needs: the catalogue's parts that hold a match,
newest first, until a screenful is found; the one file of a number typed; the files of the words
typed. The same documents catalogued whole (one part, one number file) and cut small (parts of 40,
number files of ~20), the same lookups opened in Chromium: the same rows, from far fewer bytes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kehoach.graph import build_graph, plan_info
from kehoach.search import catalogue
from kehoach.site.lookup_page import lookup_page
from kehoach.site.paths import LOOKUP
from kehoach.synth import Synth
from kehoach.text import fold

from .sitebuild import serving
from .test_browser import CHROMIUM, FLAGS, wait_until

ROOT = Path(__file__).resolve().parents[1]
PART = 40


@pytest.fixture(scope="module")
def lookups(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("lookup")
    plans = list(Synth(2).plans(800))
    graph = build_graph([plan_info(m, m["id"] + ".md") for m, _ in plans])
    made = catalogue.entries(graph)
    form = lookup_page(graph)[LOOKUP].text()
    figures = {}
    for name, part, shard_docs in (("whole", 10**9, 10**9), ("split", PART, 20)):
        (tmp / name / "assets").mkdir(parents=True)
        for script in ("timkiem.js", "tra-cuu.js"):
            shutil.copy(ROOT / "docs" / "assets" / script, tmp / name / "assets" / script)
        (tmp / name / "index.html").write_text(
            f'<!doctype html><meta charset="utf-8"><title>t</title>{form}<script type="module" src="assets/tra-cuu.js"></script>',
            "utf-8")
        figures[name] = catalogue.build(None, tmp / name / catalogue.DIRECTORY, made, part=part, shard_docs=shard_docs)
    assert figures["whole"]["parts"] == 1 and figures["whole"]["shards"] == 1, figures
    assert figures["split"]["parts"] > 15 and figures["split"]["shards"] >= 16, figures
    with serving(tmp) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield base, browser, made
        browser.close()


STEPPED = "văn bản mới nhất; bấm"  # the parts of one step read, and more to read on "Xem thêm"


def look(browser, base: str, name: str, query: str, more: int = 0, to_the_end: bool = False) -> dict:
    """The lookup `query` (the page's address query) opened afresh: its rows, what it says, and the
    catalogue files it fetched; after `more` clicks on "Xem thêm", or (`to_the_end`) as many as it
    takes to read every part that may hold a match."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[1]) if "/tra-cuu/" in r.url else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}{name}/index.html?{query}")
    done = "document.querySelector('[data-kh-lookup-results]').dataset.query !== undefined"
    wait_until(page, done)
    for _ in range(more):  # "Xem thêm"
        n = page.locator("[data-kh-lookup-results] li:not(.kh-more)").count()
        page.click("[data-kh-more]")
        wait_until(page, "n => document.querySelectorAll('[data-kh-lookup-results] li:not(.kh-more)').length > n", arg=n)
    for _ in range(60 if to_the_end else 0):
        said = page.locator("[data-kh-lookup-meta]").inner_text()
        if STEPPED not in said:
            break
        page.click("[data-kh-more]")
        wait_until(page, "s => ![s, 'Đang tải danh mục…'].includes(document.querySelector('[data-kh-lookup-meta]').textContent)",
                   arg=said)
    out = {"rows": page.locator("[data-kh-lookup-results] li:not(.kh-more)").all_inner_texts(),
           "meta": page.locator("[data-kh-lookup-meta]").inner_text(), "fetched": fetched,
           "more": page.locator("[data-kh-more]").count()}
    page.close()
    assert errors == [], errors
    return out


def _values(made, column: int, table: str) -> list[str]:
    tables, docs = made
    counts: dict[int, int] = {}
    for doc in docs:
        counts[doc[column]] = counts.get(doc[column], 0) + 1
    return [tables[table][i] for i, _ in sorted(counts.items(), key=lambda x: -x[1]) if i >= 0]


def test_filters_give_the_rows_of_the_whole_catalogue_from_the_parts_that_hold_them(lookups):
    base, browser, made = lookups
    tables, docs = made
    province = _values(made, 7, "provinces")[3]
    years = sorted({d[5][-4:] for d in docs if d[5]})
    oldest = years[0]
    lookups_ = [("", 0), ("", 1), (f"tinh={province}", 0), (f"nam={oldest}", 0), ("cap=commune", 0),
                (f"loai={_values(made, 9, 'types')[1]}", 0)]
    for doc in (docs[len(docs) // 3], docs[len(docs) // 2], docs[-len(docs) // 4]):  # several filters, as documents have them
        if doc[7] >= 0 and doc[10]:
            lookups_ += [(f"tinh={tables['provinces'][doc[7]]}&nam={doc[5][-4:]}", 0),
                         (f"chu-de={tables['topics'][doc[10][0]]}&cap={tables['levels'][doc[6]]}", 0),
                         (f"tinh={tables['provinces'][doc[8]]}&cap={tables['levels'][doc[6]]}&nam={doc[5][-4:]}", 0)]
    assert len(lookups_) > 9
    stepped = 0
    for query, more in lookups_:
        whole, split = look(browser, base, "whole", query, more), look(browser, base, "split", query, more)
        assert whole["fetched"] == ["index.json", "danh-muc-0.json"], whole["fetched"]
        if STEPPED in split["meta"]:  # a step's parts read: what they hold, newest first
            assert split["rows"] == whole["rows"][:len(split["rows"])] and split["more"], query
            stepped += 1
            split = look(browser, base, "split", query, to_the_end=True)  # "Xem thêm" till every part is read
            assert split["rows"][:len(whole["rows"])] == whole["rows"], query
            assert split["meta"].split(" văn bản")[0] == whole["meta"].split(" văn bản")[0], (split["meta"], whole["meta"])
            continue
        assert split["rows"] == whole["rows"] and split["rows"], (query, split["meta"], whole["meta"], split["fetched"])
        parts = [f for f in split["fetched"] if f.startswith("danh-muc-")]
        assert len(parts) < figures_parts(made) / 2, (query, split["fetched"])
        count = int(re.sub(r"\D", "", whole["meta"].split(" văn bản")[0]))
        if query.count("=") <= 1:  # one filter: counted from the index, whatever is read
            assert split["meta"] == whole["meta"], query
        else:
            assert split["meta"] == whole["meta"] or split["meta"].startswith("Ít nhất"), (query, split["meta"])
        assert (split["more"] > 0) == (count > len(split["rows"])), (query, split["more"], count)
    assert stepped, "no lookup read more than a step's parts: the test does not try reading on"
    # nothing chosen: the newest documents, from the first parts alone (a screenful is 100)
    assert look(browser, base, "split", "")["fetched"] == ["index.json"] + [f"danh-muc-{p}.json" for p in range(3)]
    # the oldest year: only the parts of that year (newest first, they are the last)
    old = [f for f in look(browser, base, "split", f"nam={oldest}")["fetched"] if f.startswith("danh-muc-")]
    assert old and all(int(f[9:-5]) > figures_parts(made) / 2 for f in old), old


def figures_parts(made) -> int:
    return -(-len(made[1]) // PART)


def test_a_number_reads_its_one_file(lookups):
    base, browser, made = lookups
    tables, docs = made
    numbers = [d[2] for d in docs if re.match(r"\d+/KH-UBND$", d[2])]
    common = max(set(numbers), key=numbers.count)  # borne by several offices' plans, and cited
    for query in (common, fold(common).replace("/", " ").replace("-", " "), f"kế hoạch số {common.split('/')[0]}",
                  "977/QĐ-TTg", "quyết định 977", common + " " + tables["provinces"][0]):
        whole, split = look(browser, base, "whole", f"q={query}"), look(browser, base, "split", f"q={query}")
        assert split["rows"] == whole["rows"] and split["rows"], query
        assert split["meta"] == whole["meta"], query
        files = [f for f in split["fetched"] if f != "index.json"]
        assert len(files) == 1 and files[0].startswith("so-"), (query, split["fetched"])
    rows = look(browser, base, "split", f"q={common}")["rows"]
    bearing = [r for r in rows if f"· {common} ·" in r]
    assert len(bearing) > 1 and rows[:len(bearing)] == bearing, rows[:5]  # what bears it, then what cites it
    assert len(rows) > len(bearing)


def test_words_read_the_parts_that_hold_them(lookups):
    base, browser, made = lookups
    tables, docs = made
    words = {}
    for i, doc in enumerate(docs):
        for w in catalogue.words_of(doc):
            words.setdefault(w, set()).add(i // PART)
    rare = next(w for w, ps in sorted(words.items()) if 2 <= len(ps) <= 3 and len(w) > 4 and w.isalpha())
    for query in ("tro giup", "tro giup ph", rare, rare[:-1], f"{rare} xa", "zzqxv", "constructor", "__proto__"):
        whole, split = look(browser, base, "whole", f"q={query}"), look(browser, base, "split", f"q={query}")
        assert set(split["rows"]) <= set(whole["rows"]) or len(whole["rows"]) >= 100, query

        found = [r for r in split["rows"]]
        want = [w for w in re.split(r"\W+", fold(query)) if w]
        for row in found:
            have = set(re.split(r"[\W_]+", fold(row)))
            assert all(w in have for w in want[:-1]) and any(h.startswith(want[-1]) for h in have), (query, row)
        if not split["meta"].startswith("Ít nhất"):
            assert split["rows"] == whole["rows"] and split["meta"] == whole["meta"], query
    read = [f for f in look(browser, base, "split", f"q={rare}")["fetched"] if f.startswith("danh-muc-")]
    assert sorted(int(f[9:-5]) for f in read) == sorted(words[rare]), (rare, read)
    assert "Không có" in look(browser, base, "split", "q=zzqxv")["meta"]
