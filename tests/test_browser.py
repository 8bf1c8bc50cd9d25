"""A person using the site, in a real browser: Playwright driving Debian's Chromium
(/usr/bin/chromium, installed by .ci/run), on a desktop and a phone-sized screen, with the site
served under a subpath as on GitHub Pages (https://USER.github.io/REPO/).

Home → province → ward → plan → its basis document → back through "Văn bản thực hiện", with no
console error. Screenshots go to the test's directory, and to $KEHOACH_SCREENSHOTS if set (that is
how docs/img/ is refreshed)."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kehoach.text import fold

from .sitebuild import mkdocs_build, project_with, serving
from .test_graph import CITY, plan, ward

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WARD_PLAN = "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong"
CITED = "Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố về trợ giúp pháp lý"
# three plans whose titles differ only by the accents of one word: "hà", "ha", "hạ"
ACCENTS = [{**plan(f"kh-{n}-2026-ubnd-hai-phong", f"{n}/KH-UBND", "2026-03-0" + str(n - 40),
                   "Ủy ban nhân dân thành phố Hải Phòng", "province", "Hải Phòng"),
            "title": f"Kế hoạch thí điểm {word}", "_body": f"Thí điểm {word}."}
           for n, word in ((41, "ha"), (42, "hạ"), (43, "hà"))]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("browser")
    with serving(tmp / "www") as root:  # its address first: the site is built for it (SITE_URL)
        base = root + "kehoach/"
        project = project_with(tmp, [dict(CITY), {**ward(CITED), "title": "Triển khai trợ giúp pháp lý trên địa bàn phường",
                                                  "_body": f"Thực hiện {CITED}, Ủy ban nhân dân phường ban hành Kế hoạch."}]
                               + ACCENTS)
        proc = mkdocs_build(project, tmp / "www" / "kehoach", env={"SITE_URL": base})
        assert proc.returncode == 0, proc.stderr
        yield base, tmp


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


SCREENS = {"desktop": {"viewport": {"width": 1280, "height": 800}},
           "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                     "device_scale_factor": 2}}


def shoot(page, tmp: Path, name: str) -> None:
    page.screenshot(path=str(tmp / f"{name}.png"), full_page=False)
    if os.environ.get("KEHOACH_SCREENSHOTS"):
        target = Path(os.environ["KEHOACH_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp / f"{name}.png", target / f"{name}.png")


def wait_until(page, script: str, arg=None, timeout: float = 10.0) -> None:
    """Poll `script` (an expression or a function, as page.evaluate takes it) until it is true.
    Playwright's wait_for_function evaluates its predicate with eval in the page, which the site's
    Content-Security-Policy forbids, as it should; page.evaluate is not bound by it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        page.wait_for_timeout(50)


def watched_page(browser, screen: str):
    """A page on the given screen, and the list its console errors and uncaught exceptions go to."""
    context = browser.new_context(locale="vi-VN", **SCREENS[screen])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


@pytest.mark.parametrize("screen", SCREENS)
def test_province_commune_plan_basis_and_back(server, browser, screen):
    base, tmp = server
    context, page, errors = watched_page(browser, screen)
    article = page.locator("article")

    page.goto(base)
    assert page.locator("h1").first.inner_text() == "Kế hoạch của chính quyền địa phương"
    shoot(page, tmp, f"trang-chu-{screen}")
    article.get_by_role("link", name="Thành phố Hải Phòng").first.click()
    page.wait_for_url(base + "dia-ban/hai-phong/")
    article.get_by_role("link", name="Phường Lê Thanh Nghị").click()
    page.wait_for_url(base + "dia-ban/hai-phong/phuong-le-thanh-nghi/")
    article.get_by_role("link", name="Triển khai trợ giúp pháp lý trên địa bàn phường").click()
    page.wait_for_url(base + f"ke-hoach/{WARD_PLAN}/")
    assert "Phường Lê Thanh Nghị" in article.inner_text()
    shoot(page, tmp, f"ke-hoach-{screen}")

    # follow the basis link to the city's plan, and come back through "Văn bản thực hiện"
    basis = page.locator("h2#can-cu-thuc-hien + ul").get_by_role("link").first
    basis.click()
    page.wait_for_url(base + f"ke-hoach/{CITY['id']}/")
    implementing = page.locator("h2#van-ban-thuc-hien ~ ul").first.get_by_role("link")
    assert implementing.count() == 1
    implementing.click()
    page.wait_for_url(base + f"ke-hoach/{WARD_PLAN}/")

    # breadcrumbs lead back up to the ward's page
    article.get_by_role("link", name="Phường Lê Thanh Nghị").first.click()
    page.wait_for_url(base + "dia-ban/hai-phong/phuong-le-thanh-nghi/")
    assert errors == []
    context.close()


def test_missing_page_shows_the_vietnamese_404(server, browser):
    base, _ = server
    page = browser.new_page()
    # http.server does not serve 404.html for missing paths (GitHub Pages does): open it directly
    page.goto(base + "404.html")
    assert "Không tìm thấy trang" in page.locator("article").inner_text()
    page.get_by_role("link", name="Về trang chủ").click()
    page.wait_for_url(base)
    page.close()


# -- search ---------------------------------------------------------------------------------------

SEARCH = """async ([q, exact]) => {
    const ts = await import(new URL('assets/timkiem.js', document.baseURI).href);
    const found = await ts.search(q, {base: new URL('./', document.baseURI).href, limit: 20});
    return {total: found.total, urls: found.results.map(r => r.url), titles: found.results.map(r => r.title),
            fold: ts.fold(q), tokens: ts.queryTokens(q)};
}"""


def test_search_index_answers_in_the_browser(server, browser):
    """The index the site ships, queried by the site's script: words without accents, "đ" typed as
    "d", a document number; the script folds and splits words exactly as the Python side does."""
    from kehoach.search.termindex import fold, tokens

    base, _ = server
    page = browser.new_page()
    page.goto(base)
    found = page.evaluate(SEARCH, ["tro giup phap ly ma tuy", False])
    assert any("phuong-le-thanh-nghi" in u for u in found["urls"]), found
    found = page.evaluate(SEARCH, ["dang ky cai nghien", False])  # "đăng ký" in the Hải Phòng plan
    assert any("kh-2024-ubnd-hai-phong" in u for u in found["urls"]), found
    found = page.evaluate(SEARCH, ["1409/KH-STP", False])
    assert any("van-ban/kh-1409-2026-stp-hai-phong" in u for u in found["urls"]), found
    assert any("ke-hoach/kh-2026-ubnd-phuong-le-thanh-nghi" in u for u in found["urls"]), found
    assert found["tokens"] == ["1409/kh-stp"]
    assert page.evaluate(SEARCH, ["zzqxv", False])["total"] == 0
    for text in ["Đăng ký Hưng Hà", "04/2024/NQ-HĐND và 39-CT/TW", "Lê Thanh Nghị"]:
        js = page.evaluate(SEARCH, [text, False])
        assert js["fold"] == fold(text)
        numbers = [t for t in tokens(text) if "/" in t or "-" in t]
        assert js["tokens"][:len(numbers)] == numbers, (js["tokens"], numbers)
    page.close()


def type_query(page, text: str) -> None:
    box = page.locator("[data-kh-query]")
    box.fill("")
    box.press_sequentially(text, delay=15)  # as a person types: the results follow each key
    wait_until(page, "q => document.querySelector('[data-kh-results]').dataset.query === q", arg=text)


def result_links(page) -> list[str]:
    return page.locator("[data-kh-results] a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("screen", SCREENS)
def test_search_box_in_the_header(server, browser, screen):
    """Typing into the real search box, on a desktop and a phone: without accents, "d" for "đ", a
    document number; an empty and an absurd query get a sentence, not an error; Enter opens the
    first result; Esc closes the box."""
    base, _ = server
    context, page, errors = watched_page(browser, screen)
    page.goto(base + "dia-ban/")
    if screen == "phone":
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.keyboard.press("/")
    box = page.locator("[data-kh-query]")
    assert box.evaluate("el => el === document.activeElement")
    meta = page.locator("[data-kh-meta]")
    assert "Gõ từ cần tìm" in meta.inner_text()

    cases = [("tro giup phap ly ma tuy",
              "ke-hoach/kh-2026-ubnd-phuong-le-thanh-nghi-hai-phong-trien-khai-thuc-hien-chinh-sach/"),
             ("hung ha", "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/"),
             ("dang ky cai nghien", "ke-hoach/kh-2024-ubnd-hai-phong-thuc-hien-nghi-quyet-so-04/"),
             ("ai duoc tro giup phap ly mien phi", "huong-dan/tro-giup-phap-ly/")]  # a hand-written page too
    for query, expected in cases:
        type_query(page, query)
        page.wait_for_selector(f"[data-kh-results] a[href$='{expected}']", timeout=5000)
        assert "kết quả" in meta.inner_text()
    type_query(page, "1409/KH-STP")
    page.wait_for_selector("[data-kh-results] a[href$='van-ban/kh-1409-2026-stp-hai-phong/']", timeout=5000)
    links = result_links(page)
    assert any(h.endswith("ke-hoach/kh-2026-ubnd-phuong-le-thanh-nghi-hai-phong-trien-khai-thuc-hien-chinh-sach/")
               for h in links), links
    assert page.locator("[data-kh-results] mark").first.inner_text().lower() == "1409/kh-stp"

    type_query(page, "zzqxv wvutt")
    wait_until(page, "document.querySelector('[data-kh-meta]').textContent.includes('Không tìm thấy')")
    assert result_links(page) == []
    box.fill("")
    box.dispatch_event("input")
    wait_until(page, "document.querySelector('[data-kh-meta]').textContent.includes('Gõ từ cần tìm')")

    type_query(page, "thi diem ha")
    first = result_links(page)[0]
    box.press("Enter")
    page.wait_for_url(first)
    if screen == "desktop":
        page.keyboard.press("/")
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
    assert errors == []
    context.close()


def test_search_ranks_the_accents_typed_first(server, browser):
    base, _ = server
    page = browser.new_page()
    page.goto(base)
    page.keyboard.press("/")
    for word, first in (("hà", "kh-43-2026"), ("hạ", "kh-42-2026")):
        type_query(page, f"thí điểm {word}")
        order = [next(i for i, h in enumerate(result_links(page)) if f"/{pid}-ubnd-hai-phong/" in h)
                 for pid in ("kh-41-2026", "kh-42-2026", "kh-43-2026")]
        exact = order[["kh-41-2026", "kh-42-2026", "kh-43-2026"].index(first)]
        assert exact == min(order), (word, order)  # the plan spelled as typed comes before the others
    page.close()


def lookup_rows(page) -> list[str]:
    # rendered once the catalogue is in: the list then says which query it answers
    wait_until(page, "document.querySelector('[data-kh-lookup-results]').dataset.query !== undefined")
    return page.locator("[data-kh-lookup-results] li").all_inner_texts()


def test_lookup_page_filters_and_shares(server, browser):
    """Tra cứu: a document number lists what bears it with issuer and date; words without accents;
    filters narrow the list and live in the address, so the address gives the same lookup back."""
    base, _ = server
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/tra-cuu/" in r.url or "lunr" in r.url else None)
    page.goto(base + "tra-cuu/")
    assert len(lookup_rows(page)) > 10  # everything, newest first, before any choice
    page.fill("[data-kh-lookup] input[name=q]", "19/KH-UBND")
    wait_until(page, "location.search.includes('q=19')")
    rows = lookup_rows(page)
    # the document bearing the number first, then the plans citing it
    assert "Ủy ban nhân dân tỉnh Thái Bình" in rows[0] and "16/02/2023" in rows[0], rows
    assert rows[1:] and all("· 19/KH-UBND ·" not in r for r in rows[1:]), rows
    assert "rồi văn bản trích dẫn" in page.locator("[data-kh-lookup-meta]").inner_text()
    for typed in ("19 kh ubnd", "kế hoạch số 19", "19/KH-UBND thai binh"):  # as people type it
        page.fill("[data-kh-lookup] input[name=q]", typed)
        wait_until(page, "q => document.querySelector('[data-kh-lookup-results]').dataset.query === q", arg=typed)
        assert "Ủy ban nhân dân tỉnh Thái Bình · 16/02/2023" in lookup_rows(page)[0], typed
    page.fill("[data-kh-lookup] input[name=q]", "tro giup ph")  # the last word as typed so far
    wait_until(page, "location.search.includes('tro+giup+ph')")
    everywhere = lookup_rows(page)
    words = [set(re.split(r"\W+", fold(r))) for r in everywhere]
    assert everywhere and all({"tro", "giup"} <= w and any(x.startswith("ph") for x in w) for w in words), everywhere
    page.fill("[data-kh-lookup] input[name=q]", "tro giup phap")
    wait_until(page, "location.search.includes('tro+giup+phap')")
    assert set(lookup_rows(page)) <= set(everywhere)
    # the catalogue's parts are all it fetches: no index of its own, no lunr.js
    assert fetched and not any("lunr" in u for u in fetched), fetched
    page.select_option("[data-kh-lookup] select[name=tinh]", "Thành phố Hải Phòng")
    wait_until(page, "location.search.includes('tinh=')")
    in_hai_phong = lookup_rows(page)
    assert 0 < len(in_hai_phong) < len(everywhere), (in_hai_phong, everywhere)
    page.fill("[data-kh-lookup] input[name=q]", "")
    page.select_option("[data-kh-lookup] select[name=nam]", "2024")
    wait_until(page, "location.search.includes('nam=2024') && !location.search.includes('q=')")
    rows = lookup_rows(page)
    assert rows and all("2024" in r for r in rows), rows
    assert any("Nghị quyết số 04/2024/NQ-HĐND" in r or "04/2024" in r for r in rows), rows
    shared = page.url
    other = browser.new_page()
    other.goto(shared)
    assert lookup_rows(other) == rows
    assert other.input_value("[data-kh-lookup] select[name=tinh]") == "Thành phố Hải Phòng"
    other.fill("[data-kh-lookup] input[name=q]", "zzqxv")
    wait_until(other, "document.querySelector('[data-kh-lookup-meta]').textContent.includes('Không có')")
    assert errors == []
    page.close()
    other.close()
