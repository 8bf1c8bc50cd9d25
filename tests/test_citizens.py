"""For citizens: the legal-aid guide and its self-check, the pages per group of beneficiaries, and
"Địa phương của tôi". The browser tests run at a 360 px wide phone screen, and fail on any request that
leaves the site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from kehoach.legalaid import LawFileError, law, parse_law
from kehoach.planfile import read_plan
from kehoach.summary import plain_summary, tasks_for_people

from .conftest import ROOT
from .sitebuild import mkdocs_build, project_with, serving
from .test_browser import CHROMIUM, FLAGS, browser, wait_until  # noqa: F401  (the browser fixture)
from .test_graph import CITY, ward

LAW_FILE = ROOT / "kehoach" / "data" / "tro-giup-phap-ly.yaml"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
WARD_SEED = "kh-2026-ubnd-phuong-le-thanh-nghi-hai-phong-trien-khai-thuc-hien-chinh-sach"
CITY_SEED = "kh-2024-ubnd-hai-phong-thuc-hien-nghi-quyet-so-04"
HUNG_HA = "kh-18-2023-ubnd-huyen-hung-ha-thai-binh"
# (age, facts, the clauses of Article 7 that must come out, and nothing else), composed from the law's text
PROFILES = [
    ("16-18", {"bi-buoc-toi"}, {"5"}),  # a 17-year-old accused
    ("tu-18", {"bi-buoc-toi", "ho-can-ngheo"}, {"6"}),  # an accused adult of a near-poor household
    ("tu-18", {"khuyet-tat", "tro-cap"}, {"7d"}),  # a person with a disability on a monthly social allowance
    ("duoi-16", set(), {"3"}),  # a child
    ("tu-18", {"mua-ban-nguoi"}, {"6a"}),  # a trafficking victim: since 1/7/2025, no financial test (7g repealed)
    ("tu-18", {"hiv", "ho-can-ngheo"}, {"7h"}),
    ("16-18", {"bi-hai", "tro-cap"}, {"7đ"}),  # a 16-year-old victim of a crime, on a monthly allowance
    ("tu-18", {"co-cong", "dan-toc", "ho-ngheo"}, {"1", "2", "4"}),
    ("tu-18", {"cao-tuoi"}, set()),  # old age alone is not enough: financial difficulty is needed
]


# -- the law file --------------------------------------------------------------------------------

@pytest.mark.parametrize("age,facts,clauses", PROFILES)
def test_the_law_file_answers_each_profile(age, facts, clauses):
    assert {c.id for c in law().entitled(facts | {age}, "2026-11-22")} == clauses


def test_the_amendments_apply_from_their_dates():
    before = {c.id for c in law().published("2025-06-30")}
    after = {c.id for c in law().published("2025-07-01")}
    assert "7g" in before and "6a" not in before
    assert "6a" in after and "7g" not in after


def test_a_statement_without_a_known_source_is_refused():
    text = LAW_FILE.read_text("utf-8")
    with pytest.raises(LawFileError, match="unknown source"):
        parse_law(text.replace("sources: [sotuphap-haiduong, nghean-vinh]", "sources: [somewhere]", 1))
    with pytest.raises(LawFileError, match="no sources"):
        parse_law(text.replace("sources: [pbgdpl-5283]\n", "sources: []\n", 1))


class Guide(HTMLParser):
    """The clauses the guide lists (li[data-khoan]: id, the statement in bold, its source marks) and the
    sources at its end (li[id=nguon-…]: their links)."""

    def __init__(self):
        super().__init__()
        self.clauses: dict[str, dict] = {}
        self.sources: dict[str, str] = {}
        self._in: list = []  # what is being read: ("clause", id) / ("strong", id) / ("source", id)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        clause = next((x for x in reversed(self._in) if x[0] == "clause"), None)
        if tag == "li" and "data-khoan" in attrs and "data-when" in attrs:
            self.clauses[attrs["data-khoan"]] = {"text": "", "refs": []}
            self._in.append(("clause", attrs["data-khoan"]))
        elif tag == "li" and attrs.get("id", "").startswith("nguon-"):
            self._in.append(("source", attrs["id"][6:]))
        elif tag == "strong" and clause:
            self._in.append(("strong", clause[1]))
        elif tag == "a" and clause and attrs.get("href", "").startswith("#nguon-"):
            self.clauses[clause[1]]["refs"].append(attrs["href"][7:])
        elif tag == "a" and self._in and self._in[-1][0] == "source" and attrs.get("href", "").startswith("http"):
            self.sources[self._in[-1][1]] = attrs["href"]
        else:
            return
        if tag == "a":
            return
        self._in[-1] = (*self._in[-1], tag)

    def handle_endtag(self, tag):
        if self._in and len(self._in[-1]) == 3 and self._in[-1][2] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1][0] == "strong":
            self.clauses[self._in[-1][1]]["text"] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("citizens")
    proc = mkdocs_build(project_with(tmp, [dict(CITY), ward()]), tmp / "www" / "kehoach")
    assert proc.returncode == 0, proc.stderr
    return tmp


def test_the_guide_lists_only_the_groups_of_the_law_file_each_with_its_sources(site):
    page = (site / "www/kehoach/huong-dan/tro-giup-phap-ly/index.html").read_text("utf-8")
    guide = Guide()
    guide.feed(page)
    raw = {str(c["id"]): c for c in __import__("yaml").safe_load(LAW_FILE.read_text("utf-8"))["clauses"]}
    urls = {s["id"]: s["url"] for s in __import__("yaml").safe_load(LAW_FILE.read_text("utf-8"))["sources"]}
    assert len(guide.clauses) >= 10
    for cid, listed in guide.clauses.items():
        assert cid in raw, f"the guide lists clause {cid}, which the law file does not have"
        entry = raw[cid]
        assert entry.get("verified") and not entry.get("repealed"), cid
        assert " ".join(listed["text"].split()) == " ".join(entry["plain"].split()), cid
        assert listed["refs"] and set(listed["refs"]) == set(entry["sources"]), cid
        for ref in listed["refs"]:
            assert guide.sources[ref] == urls[ref]
    assert "7g" not in guide.clauses and {"6a", "7h", "5"} <= set(guide.clauses)
    # the statements that cannot be checked are not there: the new wording of clause 5 (59/2024/QH15)
    assert "phạm nhân" not in page and "người chấp hành biện pháp xử lý chuyển hướng" not in page


def test_a_page_per_group_of_beneficiaries(site):
    www = site / "www/kehoach"
    page = (www / "doi-tuong/nguoi-khuyet-tat/index.html").read_text("utf-8")
    assert "Thực hiện nhiệm vụ trợ giúp pháp lý năm 2024" in page  # the Bắc Giang plan
    index = (www / "doi-tuong/index.html").read_text("utf-8")
    assert "Người nghiện ma túy" in index and "Trẻ em" in index
    guide = (www / "huong-dan/tro-giup-phap-ly/index.html").read_text("utf-8")
    assert 'href="../../doi-tuong/nguoi-khuyet-tat/"' in guide  # clause 7d leads to its plans


# -- plain summaries -------------------------------------------------------------------------------

def test_a_plans_summary_is_its_purpose_or_what_its_front_matter_says():
    ward_plan = read_plan(next((ROOT / "plans/hai-phong/phuong-le-thanh-nghi").glob("*.md")))
    summary = plain_summary(ward_plan.meta, ward_plan.body)
    assert summary.startswith("Triển khai kịp thời, hiệu quả các nhiệm vụ về trợ giúp pháp lý")
    assert "Nâng cao nhận thức của người dân" in summary and summary.endswith(".") and "Yêu cầu" not in summary
    assert plain_summary({"summary": "Giúp người dân  biết quyền."}, ward_plan.body) == "Giúp người dân biết quyền."
    thanh_hoa = read_plan(ROOT / "plans/thanh-hoa/kh-177-2020-stp-thanh-hoa.md")
    assert plain_summary(thanh_hoa.meta, thanh_hoa.body).startswith("Góp phần hoàn thành các chỉ tiêu giảm nghèo")
    assert len(plain_summary(thanh_hoa.meta, thanh_hoa.body)) <= 321
    tasks = tasks_for_people(ward_plan.meta)
    assert tasks[0] == "Tuyên truyền, nâng cao nhận thức về trợ giúp pháp lý"
    assert "Nâng cao năng lực cán bộ" not in tasks  # work of the administration, not for people
    # an office's duty, whatever words for people it holds
    duties = ["Chủ trì, phối hợp với các Sở, ngành hướng dẫn, hỗ trợ người dân", "Tổng hợp, báo cáo kết quả hỗ trợ",
              "Tập huấn cho cán bộ làm công tác tư vấn", "Tổ chức trợ giúp pháp lý lưu động tại thôn"]
    assert tasks_for_people({"tasks": [{"name": d} for d in duties]}) == ["Tổ chức trợ giúp pháp lý lưu động tại thôn"]


# -- in the browser --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(site):
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run .ci/run (apt-get install chromium)")
    with serving(site / "www") as root:
        yield root + "kehoach/"


def phone(browser, base, js=True):  # noqa: F811
    """A 360 px phone; its console errors and every request that leaves the site are recorded."""
    context = browser.new_context(locale="vi-VN", java_script_enabled=js, **PHONE)
    page = context.new_page()
    errors, away = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: away.append(r.url) if not r.url.startswith(base.rsplit("/kehoach/", 1)[0]) else None)
    return context, page, errors, away


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def answered(page, base, age, facts):
    """The self-check answered for a reader of Hải Phòng of that age with those facts: its result."""
    page.goto(base + "huong-dan/tro-giup-phap-ly/")
    form = page.locator("[data-kh-selfcheck]")
    form.wait_for(state="visible")
    form.locator(f'input[name="tuoi"][value="{age}"]').check()
    for fact in facts:
        form.locator(f'input[name="dieu-kien"][value="{fact}"]').check()
    form.locator("select[name=tinh]").select_option("hai-phong")
    form.get_by_role("button", name="Xem kết quả").click()
    result = page.locator("[data-kh-selfcheck-result]")
    result.locator("h3").first.wait_for()
    return result


@pytest.mark.parametrize("age,facts,clauses", PROFILES)
def test_the_self_check_names_the_clause(served, browser, age, facts, clauses):  # noqa: F811
    context, page, errors, away = phone(browser, served)
    result = answered(page, served, age, facts)
    shown = {x.get_attribute("data-khoan") for x in result.locator("li[data-khoan]").all()}
    assert shown == clauses
    text = result.inner_text()
    assert "Trung tâm Trợ giúp pháp lý nhà nước của Thành phố Hải Phòng" in text
    if clauses:
        assert "Điều 7" in text and "Mang theo giấy tờ gì" in text
        # the city's legal-aid plans in the base, where to ask
        assert result.locator("[data-kh-selfcheck-plans] a").count() >= 1
    else:
        assert result.locator("[data-kh-almost]").get_attribute("data-kh-almost") == "7c"
    assert fits(page) and errors == [] and away == []
    context.close()


PAPERS = [  # (age, facts, the papers shown beyond the request form: financial difficulty, HIV; the "if" line)
    ("duoi-16", set(), set(), False),  # a child: no HIV certificate, no proof of hardship
    ("16-18", {"bi-buoc-toi"}, set(), False),
    ("tu-18", {"bi-buoc-toi", "ho-can-ngheo"}, {"kho-khan-tai-chinh ho-can-ngheo"}, False),
    ("tu-18", {"khuyet-tat", "tro-cap"}, {"kho-khan-tai-chinh ho-can-ngheo"}, False),
    ("tu-18", {"hiv", "ho-can-ngheo"}, {"kho-khan-tai-chinh ho-can-ngheo", "hiv"}, False),
    ("tu-18", {"ho-ngheo", "cao-tuoi"}, set(), False),  # a poor 70-year-old: entitled as poor, no "if"
    ("tu-18", {"cao-tuoi"}, {"kho-khan-tai-chinh ho-can-ngheo"}, True),  # entitled only with hardship
    ("tu-18", {"mua-ban-nguoi"}, set(), False),
]


@pytest.mark.parametrize("age,facts,papers,if_line", PAPERS)
def test_the_self_check_asks_for_the_papers_of_the_reader_only(served, browser, age, facts, papers, if_line):  # noqa: F811
    context, page, errors, away = phone(browser, served)
    result = answered(page, served, age, facts)
    shown = {li.get_attribute("data-for") for li in result.locator("[data-kh-papers] li[data-for]").all()}
    assert shown == papers
    assert result.locator("[data-kh-papers] li").count() == len(papers) + 1  # the request form, always
    text = result.inner_text()
    assert ("(khó khăn về tài chính)" in text) == if_line, text
    if if_line:  # said to the reader, not in the form's first person
        assert "Nếu gia đình bạn là hộ cận nghèo hoặc bạn đang hưởng trợ cấp xã hội hằng tháng" in text, text
    assert " tôi " not in text.lower().replace("tôi có thuộc diện", "")
    # where to ask: the centre, and where its address is found (none is published unchecked)
    assert "Trung tâm Trợ giúp pháp lý nhà nước của Thành phố Hải Phòng" in text
    assert result.get_by_role("link", name="Cổng thông tin của Cục Trợ giúp pháp lý, Bộ Tư pháp").count() == 1
    assert errors == [] and away == []
    context.close()


def test_without_javascript_the_guide_is_a_readable_list(served, browser):  # noqa: F811
    context, page, _, away = phone(browser, served, js=False)
    page.goto(served + "huong-dan/tro-giup-phap-ly/")
    assert page.locator("[data-kh-selfcheck]").is_hidden()
    items = page.locator("[data-kh-clauses] > li")
    assert items.count() == len(law().published())
    assert "Người khuyết tật, nếu có khó khăn về tài chính." in page.locator("article").inner_text()
    assert away == []
    context.close()


def pick(page, base, province, typed, commune):
    page.goto(base + "dia-phuong/")
    page.locator("select[name=tinh]").select_option(province)
    box = page.locator("input[name=xa]")
    box.wait_for(state="visible")
    wait_until(page, "!document.querySelector('input[name=xa]').disabled")
    box.fill(typed)
    page.locator(f'[data-kh-local-choices] button[data-xa="{commune}"]').click()
    page.locator(f'[data-kh-local-commune="{commune}"]').wait_for()


def test_my_ward_shows_its_plan_and_the_citys(served, browser):  # noqa: F811
    context, page, errors, away = phone(browser, served)
    pick(page, served, "hai-phong", "le thanh nghi", "hai-phong/phuong-le-thanh-nghi")
    result = page.locator("[data-kh-local-result]")
    plans = [x.get_attribute("data-plan") for x in result.locator("[data-plan]").all()]
    assert WARD_SEED in plans and CITY_SEED in plans and CITY["id"] in plans
    assert plans.index(CITY["id"]) < plans.index(CITY_SEED)  # newest first: 2026 before 2024
    text = result.inner_text()
    assert "Triển khai kịp thời, hiệu quả các nhiệm vụ về trợ giúp pháp lý" in text  # its purpose, in plain words
    assert "Tuyên truyền, nâng cao nhận thức về trợ giúp pháp lý" in text  # what it does for people
    assert page.url.endswith("dia-phuong/?xa=hai-phong%2Fphuong-le-thanh-nghi")
    # the address is the page: opened anew, it shows the same
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.locator('[data-kh-local-commune="hai-phong/phuong-le-thanh-nghi"]').wait_for()
    assert [x.get_attribute("data-plan") for x in result.locator("[data-plan]").all()] == plans
    page.locator(f'[data-plan="{WARD_SEED}"] a').click()
    page.wait_for_url(served + f"ke-hoach/{WARD_SEED}/")
    assert fits(page) and errors == [] and away == []
    context.close()


def test_a_communes_own_id_is_enough_when_one_province_has_it(served, browser):  # noqa: F811
    """The README's address, dia-phuong/?xa=phuong-le-thanh-nghi: no province needed where the name is
    the only one of its kind; where several provinces have it, the page says which."""
    context, page, errors, away = phone(browser, served)
    page.goto(served + "dia-phuong/?xa=phuong-le-thanh-nghi")
    page.locator('[data-kh-local-commune="hai-phong/phuong-le-thanh-nghi"]').wait_for()
    assert page.locator("select[name=tinh]").input_value() == "hai-phong"
    assert WARD_SEED in [x.get_attribute("data-plan") for x in page.locator("[data-kh-local-result] [data-plan]").all()]
    # the ward's draft is dated by its year only; the plan it implements gives the day it comes after
    facts = page.locator(f'[data-plan="{WARD_SEED}"] .kh-local-facts').inner_text()
    assert facts.startswith("Dự thảo · ") and "năm 2026, sau ngày 30/03/2026" in facts, facts
    page.goto(served + "dia-phuong/?xa=xa-tan-an")
    wait_until(page, "document.querySelector('[data-kh-local-meta]').textContent.includes('xã, phường mang tên này')")
    meta = page.locator("[data-kh-local-meta]").inner_text()
    assert "Thành phố Hải Phòng" in meta and "Tỉnh Nghệ An" in meta, meta
    assert errors == [] and away == []
    context.close()


def test_the_commune_that_holds_old_hung_ha_town_shows_the_districts_plan(served, browser):  # noqa: F811
    context, page, errors, away = phone(browser, served)
    pick(page, served, "hung-yen", "hung ha", "hung-yen/xa-hung-ha")
    result = page.locator("[data-kh-local-result]")
    assert result.locator(f'[data-plan="{HUNG_HA}"]').count() == 1
    text = result.inner_text()
    assert "Thị trấn Hưng Hà (Huyện Hưng Hà)" in text  # what it was formed from
    assert "Huyện Hưng Hà (trước 1/7/2025)" in text  # the plan's unit as issued
    national = result.locator("[data-kh-local-national]").inner_text()
    assert "977/QĐ-TTg" in national  # the national decision the chain implements
    assert re.search(r"\d+ kế hoạch áp dụng ở đây", text)
    assert fits(page) and errors == [] and away == []
    context.close()
