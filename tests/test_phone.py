"""The site as people use it on a phone (360 px) and a desktop (1280 px), in Chromium: every page type
checked by axe-core (WCAG 2.2 AA and best practices: no serious or critical violation), a plan page
read on a phone (its contents, tasks in full, timeline, diagram, back to top), the theme's conventions
(light/dark, repository and edit links, sharing meta, last-updated date) and the 404 page under a
subpath of a default build (no SITE_URL), served as GitHub Pages serves it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from .sitebuild import Quiet, mkdocs_build, project_with, serving
from .test_browser import CHROMIUM, browser, wait_until  # noqa: F401  (the browser fixture)
from .test_graph import CITY, ward

REPO = "https://github.com/example/kehoach"
LONG_TASK = ("Tổ chức rà soát, thống kê, lập danh sách người được trợ giúp pháp lý trên địa bàn phường, "
             "gồm người nghèo, người có công với cách mạng, trẻ em, người dân tộc thiểu số cư trú ở vùng có "
             "điều kiện kinh tế - xã hội đặc biệt khó khăn, người bị buộc tội thuộc hộ cận nghèo, nạn nhân "
             "của hành vi bạo lực gia đình, người nhiễm HIV có khó khăn về tài chính; cập nhật danh sách "
             "hằng quý và gửi Trung tâm Trợ giúp pháp lý nhà nước thành phố để phối hợp thực hiện")
TIMELINE = "Hằng quý, hoàn thành trước ngày 30/6/2026"
WARD = "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong"
CITED = "Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố về trợ giúp pháp lý"
ORIGINAL = "https://vanban.example.gov.vn/kh-3-2026.pdf"
COMMITTED = "2026-03-05T10:00:00+07:00"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class PagesServer(Quiet):
    """As GitHub Pages serves a project site: a missing address under /kehoach/ gets the site's
    404.html, with status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "kehoach" / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("phone")
    mine = {**ward(CITED), "title": "Triển khai trợ giúp pháp lý trên địa bàn phường",
            "_body": f"Thực hiện {CITED}, Ủy ban nhân dân phường ban hành Kế hoạch.",
            "tasks": [{"name": LONG_TASK, "lead": ["Ủy ban nhân dân phường"], "timeline": TIMELINE,
                       "partners": ["Mặt trận Tổ quốc phường", "Công an phường", "các tổ dân phố"]},
                      {"name": "Tuyên truyền về trợ giúp pháp lý", "lead": ["Công an phường"], "partners": [],
                       "timeline": "Quý II/2026"}]}
    mine["source"] = {**mine["source"], "url": ORIGINAL}
    project = project_with(tmp, [dict(CITY), mine])
    # a repository with history: plan pages say when their file last changed
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED,
           "HOME": str(tmp), "PATH": os.environ["PATH"]}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "plans"]):
        subprocess.run(["git", *args], cwd=project, env=git, check=True, capture_output=True)
    proc = mkdocs_build(project, tmp / "www" / "kehoach", env={"REPO_URL": REPO, "EDIT_URI": "edit/main/docs/"})  # no SITE_URL: a default build
    assert proc.returncode == 0, proc.stderr
    with serving(tmp / "www", PagesServer) as root:
        yield root + "kehoach/"


def opened(browser, screen: str, **options):  # noqa: F811
    context = browser.new_context(locale="vi-VN", **SCREENS[screen], **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as a person sees it: once its transitions
    have ended (Material fades the search's results in: mid-way, their grey line measured 4.45:1)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]} {v['nodes'][0]['failureSummary'][:160]}"
            for v in found if v["impact"] in ("serious", "critical")]


# each page type, and what a person does there before it is checked
def _search_open(page):
    label = page.locator("label.md-header__button[for=__search]")
    label.click() if label.is_visible() else page.keyboard.press("/")
    page.locator("[data-kh-query]").fill("tro giup phap ly")
    page.locator("[data-kh-query]").dispatch_event("input")
    page.wait_for_selector("[data-kh-results] a", timeout=10000)


def _lookup(page):
    page.locator("[data-kh-lookup] input[name=q]").fill("12/KH-UBND")
    page.locator("[data-kh-lookup] input[name=q]").dispatch_event("input")
    page.wait_for_selector("[data-kh-lookup-results] li", timeout=10000)


def _local(page):
    page.locator("select[name=tinh]").select_option("hai-phong")
    box = page.locator("input[name=xa]")
    box.wait_for(state="visible")
    wait_until(page, "!document.querySelector('input[name=xa]').disabled")
    box.fill("le thanh nghi")
    page.locator('[data-kh-local-choices] button[data-xa="hai-phong/phuong-le-thanh-nghi"]').click()
    page.locator('[data-kh-local-commune="hai-phong/phuong-le-thanh-nghi"]').wait_for()


def _self_check(page):
    form = page.locator("[data-kh-selfcheck]")
    form.wait_for(state="visible")
    form.locator('input[name="tuoi"][value="tu-18"]').check()
    for fact in ("khuyet-tat", "tro-cap"):
        form.locator(f'input[name="dieu-kien"][value="{fact}"]').check()
    form.locator("select[name=tinh]").select_option("hai-phong")
    form.get_by_role("button", name="Xem kết quả").click()
    page.locator("[data-kh-selfcheck-result] h3").first.wait_for()


PAGE_TYPES = {
    "home": ("", None),
    "plan": (f"ke-hoach/{WARD}/", None),
    "plan-seed": ("ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/", None),
    "document": ("van-ban/qd-977-2022-ttg/", None),
    "places": ("dia-ban/", None),
    "province": ("dia-ban/hai-phong/", None),
    "commune": ("dia-ban/hai-phong/phuong-le-thanh-nghi/", None),
    "district-before-2025": ("dia-ban/truoc-2025/thai-binh/huyen-hung-ha/", None),
    "topics": ("chu-de/", None),
    "topic": ("chu-de/tro-giup-phap-ly/", None),
    "years": ("nam/", None),
    "agencies": ("co-quan/", None),
    "agency": ("co-quan/so-tai-chinh/", None),
    "agency-register": ("co-quan/so-tai-chinh/hai-phong/", None),
    "place-register": ("dia-ban/hai-phong/nhiem-vu/", None),
    "documents": ("van-ban/", None),
    "numbers": ("so-hieu/", None),
    "beneficiaries": ("doi-tuong/", None),
    "search": ("dia-ban/", _search_open),
    "lookup": ("tra-cuu/", _lookup),
    "local": ("dia-phuong/", _local),
    "guide": ("huong-dan/tro-giup-phap-ly/", _self_check),
    "hand-written": ("dong-gop/", None),
    "404": ("khong-co/trang-nay/", None),
}


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_no_serious_accessibility_violation_on_any_page_type(served, browser, screen):  # noqa: F811
    context, page, errors = opened(browser, screen)
    found = {}
    for name, (path, act) in PAGE_TYPES.items():
        response = page.goto(served + path)
        assert response.status == (404 if name == "404" else 200), name  # the page checked is the one named
        page.wait_for_load_state("networkidle")
        if act:
            act(page)
        found[name] = violations(page)
        # one search landmark a page at most (the header's; Tra cứu's form is a form, not a second search)
        assert page.locator("[role=search], search").count() <= 1, name
    assert {k: v for k, v in found.items() if v} == {}
    assert [e for e in errors if "404" not in e] == []  # the 404 page's own status is logged
    context.close()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_dark_scheme_is_one_tap_away_and_stays(served, browser, screen):  # noqa: F811
    context, page, errors = opened(browser, screen)
    page.goto(served + f"ke-hoach/{WARD}/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.get_by_title("Chuyển sang nền tối").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert violations(page) == []
    page.goto(served)  # the choice holds on the next page
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.get_by_title("Chuyển sang nền sáng").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert errors == []
    context.close()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_skip_link_leads_to_the_content(served, browser, screen):  # noqa: F811
    context, page, _ = opened(browser, screen)
    for path in ("", f"ke-hoach/{WARD}/", "dong-gop/"):
        page.goto(served + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
        assert "md-skip" in focused[0].split(), (path, focused)
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.closest('.md-content') !== null || location.hash !== ''"), path
    context.close()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_plan_reads_on_a_phone_and_a_desktop(served, browser, screen):  # noqa: F811
    context, page, errors = opened(browser, screen)
    width = SCREENS[screen]["viewport"]["width"]
    page.goto(served + f"ke-hoach/{WARD}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing cut off the right edge
    # its contents: each section one tap away, the tasks counted
    toc = page.get_by_role("navigation", name="Mục lục")
    assert "Nhiệm vụ (2)" in toc.inner_text() and "Toàn văn" in toc.inner_text()
    toc.get_by_role("link", name="Nhiệm vụ (2)").click()
    heading = page.locator("h2#nhiem-vu")
    box = heading.bounding_box()
    assert 0 <= box["y"] < SCREENS[screen]["viewport"]["height"], box
    # a long task shows its opening, and all of it after one tap; nothing of it is lost
    task = page.locator(".kh-tasks > li").first
    details = task.locator("details")
    assert details.count() == 1 and not details.evaluate("d => d.open")
    assert LONG_TASK[-40:] not in task.inner_text()
    task.locator("summary").click()
    assert " ".join(task.inner_text().split()).startswith(LONG_TASK.split(";")[0])
    assert LONG_TASK[-40:] in " ".join(task.inner_text().split())
    # lead, partners and timeline in full, readable at 360 px
    facts = task.locator(":scope > :nth-child(2)")
    assert "Thời gian: " + TIMELINE in facts.inner_text()
    assert "Phối hợp: Mặt trận Tổ quốc phường, Công an phường, các tổ dân phố" in facts.inner_text()
    for li in facts.locator("li").all():
        b = li.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, b
    assert float(facts.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12
    # the diagram: its labels at a readable size, its boxes within the screen
    diagram = page.locator(".kh-diagram")
    assert diagram.locator("a").count() >= 1
    for a in diagram.locator("a").all():
        assert float(a.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 12
        b = a.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, b
    # back to the top: the button shows when the reader scrolls back up
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -300)
    top = page.locator("[data-md-component=top]")
    top.wait_for(state="visible", timeout=5000)
    assert "Về đầu trang" in top.inner_text()
    top.click()
    wait_until(page, "window.scrollY === 0")
    assert errors == []
    context.close()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_plan_page_links_its_original_its_file_and_says_when_it_changed(served, browser, screen):  # noqa: F811
    context, page, _ = opened(browser, screen)
    page.goto(served + f"ke-hoach/{WARD}/")
    card = page.locator("table.kh-card")
    assert card.get_by_role("link", name="vanban.example.gov.vn").get_attribute("href") == ORIGINAL
    edit = page.locator("a[rel=edit]")
    assert edit.get_attribute("href") == f"{REPO}/edit/main/plans/{WARD}.md"
    assert page.locator(".md-header a.md-source").get_attribute("href") == REPO
    assert "Tệp kế hoạch được cập nhật lần cuối ngày 05/03/2026." in page.locator("article").inner_text()
    # sharing a link shows its title and description
    og = {p: page.locator(f'meta[property="og:{p}"]').get_attribute("content") for p in ("title", "description")}
    assert og["title"].startswith("Kế hoạch số 3/KH-UBND: Triển khai trợ giúp pháp lý")
    assert og["description"].startswith("Kế hoạch số 3/KH-UBND ngày 01/02/2026 của Ủy ban nhân dân phường")
    assert page.locator('meta[name="twitter:card"]').get_attribute("content") == "summary"
    # a generated list has no edit link (it has no file); a hand-written page edits its own
    page.goto(served + "chu-de/")
    assert page.locator("a[rel=edit]").count() == 0
    page.goto(served + "dong-gop/")
    assert page.locator("a[rel=edit]").get_attribute("href") == f"{REPO}/edit/main/docs/dong-gop.md"
    # the hand-written pages read in order: previous and next at their foot
    footer = page.locator("nav.md-footer__inner")
    assert footer.locator("a.md-footer__link--next").get_attribute("href").endswith("dinh-dang/")
    assert footer.locator("a.md-footer__link--prev").count() == 1
    context.close()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("path", ["khong-co/", "ke-hoach/khong-co/trang/nay/"])
def test_the_404_page_is_styled_and_leads_home_under_a_subpath(served, browser, path, screen):  # noqa: F811
    context, page, _ = opened(browser, screen)
    response = page.goto(served + path)
    assert response.status == 404
    assert "Không tìm thấy trang" in page.locator("article").inner_text()
    # the theme's styles loaded from the site, not from the server's root
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    page.get_by_role("link", name="Về trang chủ").click()
    page.wait_for_url(served)
    context.close()


# -- Lighthouse ---------------------------------------------------------------------------------------

LIGHTHOUSE = Path(__file__).parent / "lighthouse"
LIGHTHOUSE_PAGES = {"home": "", "plan": f"ke-hoach/{WARD}/", "local": "dia-phuong/", "guide": "huong-dan/tro-giup-phap-ly/"}


@pytest.fixture(scope="module")
def lighthouse():
    """Lighthouse 12.2.3, installed from its lock (tests/lighthouse/package-lock.json) with Debian's npm."""
    import shutil

    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not installed: run .ci/run (apt-get install nodejs npm)")
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return binary


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_accessibility_is_98_or_more(served, lighthouse, tmp_path, name):
    """Lighthouse's accessibility score on a phone (its default: a mobile screen and a slow connection)."""
    import json

    report = tmp_path / "report.json"
    done = subprocess.run([str(lighthouse), served + LIGHTHOUSE_PAGES[name], "--only-categories=accessibility",
                           "--output=json", f"--output-path={report}", "--quiet",
                           "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                          env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(report.read_text("utf-8"))
    failing = [a["id"] for a in data["audits"].values()
               if a.get("score") is not None and a["score"] < 1
               and a["id"] in {r["id"] for r in data["categories"]["accessibility"]["auditRefs"]}]
    assert data["categories"]["accessibility"]["score"] >= 0.98, failing
