"""A plan's status and its relations to later documents: what the importer reads a plan to say it does
to a document it cites (thay thế, sửa đổi, bổ sung, bãi bỏ), the graph's edges, both sides on the pages,
and "đang thực hiện" / "hết thời hạn" told against the reader's day in Chromium."""

from __future__ import annotations

import datetime

import pytest

from kehoach.citations import find_citations, own_relations
from kehoach.graph import build_graph, plan_info
from kehoach.importer import parse_document
from kehoach.status import until

from .sitebuild import built_and_served
from .test_browser import browser  # noqa: F401  (the browser fixture)
from .test_graph import plan
from .test_import_shapes import DISTRICT_PLAN


def test_what_a_text_says_it_does_to_what_it_cites():
    text = ("Kế hoạch này thay thế Kế hoạch số 45/KH-UBND ngày 10/3/2024 của UBND tỉnh. Căn cứ Nghị định số "
            "123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ sửa đổi, bổ sung Nghị định số 30/2020/NĐ-CP; bãi bỏ "
            "Kế hoạch số 7/KH-UBND ngày 2/1/2023 của UBND tỉnh; sửa đổi, bổ sung một số nội dung của Kế hoạch "
            "số 9/KH-UBND ngày 5/1/2025 của UBND tỉnh. Thực hiện Kế hoạch số 19/KH-UBND ngày 16/02/2024.")
    found = own_relations(text, find_citations(text))
    assert found == {("n", "45/kh-ubnd"): "replaces", ("n", "7/kh-ubnd"): "repeals", ("n", "9/kh-ubnd"): "amends"}
    # Nghị định 123 amends Nghị định 30, not the plan; a plan that implements another does nothing to it


def test_the_importer_writes_the_relation_into_the_front_matter(tmp_path):
    text = DISTRICT_PLAN.replace(
        "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:",
        "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n\nKế hoạch này thay thế Kế hoạch số 12/KH-UBND "
        "ngày 10/01/2023 của Ủy ban nhân dân huyện Hưng Hà.")
    source = tmp_path / "kh-25.txt"
    source.write_text(text, "utf-8")
    refs = parse_document(source).meta["references"]
    replaced = [r for r in refs if r["number"] == "12/KH-UBND"]
    assert replaced and replaced[0]["relation"] == "replaces"
    assert all("relation" not in r for r in refs if r["number"] != "12/KH-UBND")


def _ref(text, number, date, relation):
    return {"text": text, "doc_type": "Kế hoạch", "number": number, "date": date,
            "issuer": "Ủy ban nhân dân thành phố Hải Phòng", "relation": relation}


OLD = {**plan("kh-5-2024-ubnd-hai-phong", "5/KH-UBND", "2024-02-01", "Ủy ban nhân dân thành phố Hải Phòng",
              "province", "Hải Phòng"), "title": "Trợ giúp pháp lý năm 2024"}
AMENDED = {**plan("kh-6-2024-ubnd-hai-phong", "6/KH-UBND", "2024-03-01", "Ủy ban nhân dân thành phố Hải Phòng",
                  "province", "Hải Phòng"), "title": "Phổ biến pháp luật giai đoạn 2024-2030"}
REPEALED = {**plan("kh-7-2024-ubnd-hai-phong", "7/KH-UBND", "2024-04-01", "Ủy ban nhân dân thành phố Hải Phòng",
                   "province", "Hải Phòng"), "title": "Hòa giải ở cơ sở năm 2024"}
NEW = {**plan("kh-2-2025-ubnd-hai-phong", "2/KH-UBND", "2025-01-15", "Ủy ban nhân dân thành phố Hải Phòng",
              "province", "Hải Phòng"), "title": "Trợ giúp pháp lý năm 2025",
       "references": [_ref("Kế hoạch số 5/KH-UBND ngày 01/02/2024 của UBND thành phố", "5/KH-UBND", "2024-02-01",
                           "replaces"),
                      _ref("Kế hoạch số 6/KH-UBND ngày 01/3/2024 của UBND thành phố", "6/KH-UBND", "2024-03-01",
                           "amends"),
                      _ref("Kế hoạch số 7/KH-UBND ngày 01/4/2024 của UBND thành phố", "7/KH-UBND", "2024-04-01",
                           "repeals")]}


def test_each_relation_is_an_edge_and_a_status():
    graph = build_graph([plan_info(m, f"plans/{m['id']}.md") for m in (OLD, AMENDED, REPEALED, NEW)])
    edges = {(e.source, e.target): e.relation for e in graph.edges}
    assert edges == {(NEW["id"], OLD["id"]): "replaces", (NEW["id"], AMENDED["id"]): "amends",
                     (NEW["id"], REPEALED["id"]): "repeals"}
    assert [graph.nodes[m["id"]].status for m in (OLD, AMENDED, REPEALED, NEW)] == [
        "Được thay thế", "Được sửa đổi, bổ sung", "Bị bãi bỏ", None]


def test_a_plans_period_ends_when_its_tasks_or_title_say():
    assert until({"title": "Trợ giúp pháp lý năm 2024", "tasks": [{"timeline": "Quý II/2024"}]}) == "2024-12-31"
    assert until({"title": "Chương trình giai đoạn 2021-2030 trên địa bàn huyện năm 2021"}) == "2021-12-31"
    assert until({"title": "Đề án đến năm 2030", "tasks": [{"timeline": "Thường xuyên"}]}) == "2030-12-31"
    assert until({"title": "Kế hoạch", "tasks": [{"timeline": "trước ngày 30/6/2026"}]}) == "2026-06-30"
    assert until({"title": "Kế hoạch", "tasks": [{"timeline": "Hằng năm"}]}) is None


# a decree cited with what it does to the law it details: "guides", shown on both documents' pages
GUIDED = plan("kh-1-2025-ubnd-hai-phong", "1/KH-UBND", "2025-01-10", "Ủy ban nhân dân thành phố Hải Phòng", "province",
              "Hải Phòng", basis=["Nghị định số 144/2017/NĐ-CP ngày 15/12/2017 của Chính phủ quy định chi tiết một số "
                                  "điều của Luật Trợ giúp pháp lý năm 2017"])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with built_and_served(tmp_path_factory.mktemp("status"), [OLD, AMENDED, REPEALED, NEW, GUIDED]) as site:
        yield site


def card(site, pid) -> str:
    html = (site / f"ke-hoach/{pid}/index.html").read_text("utf-8")
    return html[html.index('<table class="kh-card">'):html.index("</table>")]


def test_both_sides_of_each_relation_are_shown(served):
    _, site = served
    new = card(site, NEW["id"])
    for label, number in (("Thay thế", "5/KH-UBND"), ("Sửa đổi, bổ sung", "6/KH-UBND"), ("Bãi bỏ", "7/KH-UBND")):
        assert f"<th>{label}</th><td><a href=\"../kh-{number.split('/')[0]}-2024-ubnd-hai-phong/\">Kế hoạch số {number}</a>" in new
    for old, label, status in ((OLD, "Được thay thế bởi", "Được thay thế"),
                               (AMENDED, "Được sửa đổi, bổ sung bởi", "Được sửa đổi, bổ sung"),
                               (REPEALED, "Bị bãi bỏ bởi", "Bị bãi bỏ")):
        shown = card(site, old["id"])
        assert f"<th>Tình trạng</th><td><strong>{status}</strong></td>" in shown
        assert f'<th>{label}</th><td><a href="../{NEW["id"]}/">Kế hoạch số 2/KH-UBND</a>' in shown
    # in lists, and in the diagram beside the plan
    year = (site / "nam/2024/index.html").read_text("utf-8")
    assert "(5/KH-UBND) <strong>(được thay thế)</strong>" in year and "(7/KH-UBND) <strong>(bị bãi bỏ)</strong>" in year
    page = (site / f"ke-hoach/{OLD['id']}/index.html").read_text("utf-8")
    assert 'title="Được thay thế bởi: Kế hoạch số 2/KH-UBND"' in page
    # a document guiding another, from the words of the citation, on both documents' cards
    decree = (site / "van-ban/nd-144-2017-cp/index.html").read_text("utf-8")
    law = (site / "van-ban/luat-11-2017-qh/index.html").read_text("utf-8")
    assert '<th>Hướng dẫn</th><td><a href="../luat-11-2017-qh/">Luật Trợ giúp pháp lý</a>' in decree
    assert '<th>Được hướng dẫn bởi</th><td><a href="../nd-144-2017-cp/">Nghị định số 144/2017/NĐ-CP</a>' in law
    assert "<th>Tình trạng</th>" not in law  # guided, not changed


@pytest.mark.parametrize("day,state", [(datetime.datetime(2025, 6, 1, 9), "Đang thực hiện"),
                                       (datetime.datetime(2026, 1, 2, 9), "Hết thời hạn")])
def test_in_force_or_over_is_the_readers_day(served, browser, day, state):  # noqa: F811
    base, _ = served
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.clock.set_fixed_time(day)
    page.goto(base + f"ke-hoach/{NEW['id']}/")
    cell = page.locator("[data-kh-until]")
    cell.wait_for()
    assert cell.inner_text() == f"{state} (thời hạn đến 31/12/2025)"
    context.close()
