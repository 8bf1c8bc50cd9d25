"""The register: every task by the agency leading it (in each province) and by the place it applies to
(with the units the place was formed from), by period; sorted again by the reader's day in the
browser; and the same deadlines as iCalendar files, read by two maintained parsers."""

from __future__ import annotations

import datetime

import icalendar
import pytest
import vobject

from .sitebuild import built_and_served
from .test_browser import browser  # noqa: F401  (the browser fixture)
from .test_graph import CITY, plan, ward


def task(name, lead, timeline):
    return {"name": name, "lead": [lead], "partners": [], "timeline": timeline}


CITY_TASKS = [task("Tuyên truyền pháp luật", "Sở Tư pháp", "Quý IV/2026"),
              task("Tập huấn hòa giải viên", "SỞ TƯ PHÁP", "Quý II/2027"),
              task("Rà soát đối tượng", "Sở Tư pháp, Sở Y tế", "Từ Quý II/2026 – 2030"),
              task("Tổng kết năm", "Sở Tư pháp chủ trì, phối hợp", "Trước ngày 30/6/2026"),
              task("Kiểm tra, đôn đốc", "Sở Tư pháp", "Thường xuyên"),
              task("Phối hợp với cấp trên", "Sở Tư pháp", "Theo kế hoạch của cấp trên"),
              task("Báo cáo sơ kết", "Sở Tư pháp", "Quý I/2024")]
DEPARTMENT = plan("kh-5-2026-stp-hai-phong", "5/KH-STP", "2026-03-01", "Sở Tư pháp thành phố Hải Phòng", "province",
                  "Hải Phòng")
DEPARTMENT_TASKS = [task("Hỗ trợ người dân", "Sở Tư pháp", "Tháng 12/2026")]
WARD_TASKS = [task("Hỗ trợ người dân tại phường", "Sở Tư pháp", "Tháng 12/2026"),
              task("Niêm yết công khai", "Văn phòng HĐND&UBND", "Cả năm 2026")]
# a ward of Hải Dương before 1 July 2025, part of Phường Lê Thanh Nghị (Hải Phòng) today
OLD_WARD = plan("kh-9-2024-ubnd-phuong-tran-phu-hai-duong", "9/KH-UBND", "2024-03-01",
                "Ủy ban nhân dân phường Trần Phú", "commune", "Hải Dương", "Thành phố Hải Dương", "Phường Trần Phú")
OLD_TASKS = [task("Rà soát người khuyết tật", "Công an phường", "Năm 2025")]
# a ward whose plans gave it more tasks than its page shows (register_pages.INLINE_TASKS)
BUSY_WARD = plan("kh-4-2026-ubnd-phuong-hong-bang-hai-phong", "4/KH-UBND", "2026-02-01",
                 "Ủy ban nhân dân phường Hồng Bàng", "commune", "Hải Phòng", commune="Phường Hồng Bàng")
BUSY_TASKS = [task(f"Việc số {n} của phường", "Công an phường", f"Tháng {n % 12 + 1}/2026") for n in range(101)]
DAY = datetime.date(2026, 11, 30)  # the build's day: calendars hold deadlines from 1/10/2026


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    epoch = int(datetime.datetime(DAY.year, DAY.month, DAY.day, 12, tzinfo=datetime.timezone.utc).timestamp())
    with built_and_served(tmp_path_factory.mktemp("register"),
                          [{**CITY, "tasks": CITY_TASKS}, {**DEPARTMENT, "tasks": DEPARTMENT_TASKS},
                           {**ward(), "tasks": WARD_TASKS}, {**OLD_WARD, "tasks": OLD_TASKS},
                           {**BUSY_WARD, "tasks": BUSY_TASKS}],
                          {"SOURCE_DATE_EPOCH": str(epoch), "SITE_URL": "https://example.org/kehoach/"}) as site:
        yield site


def article(site, path) -> str:
    html = (site / path / "index.html").read_text("utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_an_agency_has_a_register_in_each_province_read_by_period_without_script(served):
    _, site = served
    agency = article(site, "co-quan/so-tu-phap")
    assert '<a href="hai-phong/">Thành phố Hải Phòng</a>: 8 nhiệm vụ' in agency  # every spelling, both plans
    # (not the ward's: a commune's bodies are its own, its tasks are in the commune's register)
    page = article(site, "co-quan/so-tu-phap/hai-phong")
    assert ">Sở Tư pháp – Thành phố Hải Phòng</h1>" in page and "8 nhiệm vụ trong 2 kế hoạch" in page
    headings = [h.split(">", 1)[1] for h in page.split("<h2 ")[1:]]
    assert [h[:h.index(" (")] for h in headings] == ["Hạn trong năm 2024", "Hạn trong năm 2026", "Hạn trong năm 2027",
                                                     "Hạn trong năm 2030", "Thường xuyên, định kỳ", "Chưa rõ thời hạn"]
    # in a year, the earliest deadline first; each task with its plan, its timeline as written, its period
    in_2026 = page[page.index('id="han-2026"'):page.index('id="han-2027"')]
    assert in_2026.index("Tổng kết năm") < in_2026.index("Tuyên truyền pháp luật") < in_2026.index("Hỗ trợ người dân")
    # under its plan, named once a period
    assert ('<li class="kh-reg-plan"><a href="../../../ke-hoach/kh-12-2026-ubnd-hai-phong/">12/KH-UBND</a>'
            ' (Thành phố Hải Phòng):<ul>'
            '<li data-kh-p="/2026-06-30">Tổng kết năm — <b>Trước ngày 30/6/2026</b></li>'
            '<li data-kh-p="2026-10-01/2026-12-31">Tuyên truyền pháp luật — <b>Quý IV/2026</b></li></ul></li>') in page
    assert "Hỗ trợ người dân tại phường" not in page
    assert '<li data-kh-p="/2026-06-30">' in page and '<li data-kh-p="/" data-kh-r>' in page and '<li data-kh-p="">' in page
    # the plan page's lead links to the agency's register where the plan is
    city = article(site, f"ke-hoach/{CITY['id']}")
    assert '<a href="../../co-quan/so-tu-phap/hai-phong/">Sở Tư pháp</a>, <a href="../../co-quan/so-y-te/hai-phong/">Sở Y tế</a>' in city
    assert "Chủ trì: Sở Tư pháp<br>" in article(site, f"ke-hoach/{ward()['id']}")  # no register of its own


def test_a_place_has_a_register_with_the_units_it_was_formed_from(served):
    """A commune's register is a section of its page, with the tasks of the old communes it was formed
    from; a province's is a page of its own, of the plans issued at province level."""
    _, site = served
    register = article(site, "dia-ban/hai-phong/phuong-le-thanh-nghi")
    assert '<a href="#nhiem-vu">Nhiệm vụ theo thời hạn (3)</a>' in register  # a section of its page
    assert '<h3 id="han-2025">' in register and '<a href="lich.ics" type="text/calendar">' in register
    assert "Hỗ trợ người dân tại phường" in register and "Niêm yết công khai" in register
    assert "Rà soát người khuyết tật" in register and "(Phường Trần Phú)" in register  # the old ward's, before 2025
    assert "Tuyên truyền pháp luật" not in register  # the city's tasks are the city's register
    assert "— Chủ trì: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân</li>" in register
    assert '<a href="nhiem-vu/">Nhiệm vụ theo thời hạn</a>: 8 nhiệm vụ' in article(site, "dia-ban/hai-phong")
    city = article(site, "dia-ban/hai-phong/nhiem-vu")  # a province's is a page of its own
    assert "Tuyên truyền pháp luật" in city and "Hỗ trợ người dân —" in city and "tại phường" not in city
    # and a commune's too, past the tasks its page shows: its page stays small, whatever the years add
    busy = article(site, "dia-ban/hai-phong/phuong-hong-bang")
    assert '<a href="nhiem-vu/">Nhiệm vụ theo thời hạn</a>: 101 nhiệm vụ' in busy and "Việc số" not in busy
    own = article(site, "dia-ban/hai-phong/phuong-hong-bang/nhiem-vu")
    assert "101 nhiệm vụ trong 1 kế hoạch của Phường Hồng Bàng (cả của các đơn vị trước" in own
    assert own.count("Việc số") == 101 and (site / "dia-ban/hai-phong/phuong-hong-bang/nhiem-vu/lich.ics").exists()


def events(path):
    """The calendar's events, read by icalendar and by vobject, which must agree."""
    data = path.read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    parsed = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]), str(e.get("URL", ""))) for e in cal.walk("VEVENT")}
    other = vobject.readOne(data.decode("utf-8"))
    assert {e.uid.value: (e.dtstart.value, e.summary.value, e.url.value) for e in other.vevent_list} == parsed
    return cal, parsed


def test_each_register_has_a_calendar_of_its_deadlines(served):
    _, site = served
    cal, found = events(site / "co-quan/so-tu-phap/hai-phong/lich.ics")
    assert str(cal["X-WR-CALNAME"]) == "Sở Tư pháp – Thành phố Hải Phòng"
    # deadlines from 1/10/2026 (the build's quarter) on, one all-day event each; none for tasks all along
    # or without a time, none for those before
    assert sorted(v[:2] for v in found.values()) == [
        (datetime.date(2026, 12, 31), "Hạn: Hỗ trợ người dân"), (datetime.date(2026, 12, 31), "Hạn: Tuyên truyền pháp luật"),
        (datetime.date(2027, 6, 30), "Hạn: Tập huấn hòa giải viên"), (datetime.date(2030, 12, 31), "Hạn: Rà soát đối tượng")]
    assert found[f"{CITY['id']}.1@example.org"][2] == f"https://example.org/kehoach/ke-hoach/{CITY['id']}/"
    _, ward_events = events(site / "dia-ban/hai-phong/phuong-le-thanh-nghi/lich.ics")
    assert sorted(v[1] for v in ward_events.values()) == ["Hạn: Hỗ trợ người dân tại phường", "Hạn: Niêm yết công khai"]
    # the same task is the same event in every calendar that holds it
    _, city_events = events(site / "dia-ban/hai-phong/nhiem-vu/lich.ics")
    uid = f"{DEPARTMENT['id']}.1@example.org"
    assert found[uid] == city_events[uid]


@pytest.mark.parametrize("day,groups", [
    (datetime.datetime(2026, 11, 30, 9), {
        "den-han": ["Tuyên truyền pháp luật", "Hỗ trợ người dân"], "sap-toi": ["Tập huấn hòa giải viên"],
        "dang-thuc-hien": ["Rà soát đối tượng", "Kiểm tra, đôn đốc"], "da-qua": ["Tổng kết năm", "Báo cáo sơ kết"],
        "chua-ro": ["Phối hợp với cấp trên"]}),
    (datetime.datetime(2027, 5, 2, 9), {
        "den-han": ["Tập huấn hòa giải viên"], "dang-thuc-hien": ["Rà soát đối tượng", "Kiểm tra, đôn đốc"],
        "da-qua": ["Hỗ trợ người dân", "Tuyên truyền pháp luật", "Tổng kết năm", "Báo cáo sơ kết"],
        "chua-ro": ["Phối hợp với cấp trên"]}),
])
def test_the_register_is_grouped_by_the_readers_day(served, browser, day, groups):  # noqa: F811
    base, _ = served
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.clock.set_fixed_time(day)
    page.goto(base + "co-quan/so-tu-phap/hai-phong/")
    page.locator("[data-kh-register][data-kh-sorted]").wait_for()
    shown = {}
    for h in page.locator("[data-kh-register] h2").all():
        key = h.get_attribute("id")
        shown[key] = [li.split(" — ")[0]
                      for li in h.locator("xpath=following-sibling::ul[1]//li[@data-kh-p]").all_inner_texts()]
    assert shown == groups
    # a plan is named once a group, though its tasks there came from two periods (2030, all along)
    assert page.locator("h2#dang-thuc-hien + ul > li.kh-reg-plan").all_inner_texts()[0].count("12/KH-UBND") == 1
    assert page.locator("h2#dang-thuc-hien + ul > li.kh-reg-plan").count() == 1
    quarter = "IV/2026" if day.year == 2026 else "II/2027"
    assert page.locator("h2#den-han").inner_text().startswith(f"Đến hạn quý này (quý {quarter})")
    context.close()


def test_a_communes_register_is_grouped_on_its_page(served, browser):  # noqa: F811
    base, _ = served
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime(2026, 11, 30, 9))
    page.goto(base + "dia-ban/hai-phong/phuong-le-thanh-nghi/")
    page.locator("[data-kh-register][data-kh-sorted]").wait_for()
    due = page.locator("h3#den-han + ul")
    assert due.locator("li.kh-reg-plan > a").all_inner_texts() == ["3/KH-UBND"]  # its plan, named once
    assert [t.split(" — ")[0] for t in due.locator("li[data-kh-p]").all_inner_texts()] == [
        "Hỗ trợ người dân tại phường", "Niêm yết công khai"]
    assert page.locator("h3#da-qua + ul li[data-kh-p]").all_inner_texts()[0].startswith("Rà soát người khuyết tật")
    context.close()


def test_calendars_are_kept_between_builds_and_a_broken_cache_is_made_again(tmp_path):
    from kehoach.register import register
    from kehoach.site.calendars import Calendars

    from .test_graph import graph_of

    reg = register(graph_of({**CITY, "tasks": CITY_TASKS}))
    tasks = reg.by_agency["so-tu-phap"]["hai-phong"]
    cache = tmp_path / "calendars.pickle"
    first = Calendars("https://example.org/", DAY, cache)
    made = first.calendar("Sở Tư pháp", "co-quan/so-tu-phap/hai-phong.md", tasks)
    first.save()
    again = Calendars("https://example.org/", DAY, cache)
    assert len(again._kept) == 1 + 3  # the head, and the three deadlines from the build's quarter on
    assert again.calendar("Sở Tư pháp", "co-quan/so-tu-phap/hai-phong.md", tasks) == made
    cache.write_bytes(b"not a pickle")
    assert Calendars("https://example.org/", DAY, cache).calendar("Sở Tư pháp", "co-quan/so-tu-phap/hai-phong.md",
                                                                  tasks) == made
    assert len(icalendar.Calendar.from_ical(made).walk("VEVENT")) == 3
