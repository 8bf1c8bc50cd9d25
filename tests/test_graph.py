"""The citation graph: resolution, ambiguity, chains, areas as issued and today, coverage.

Plans are composed here as a maintainer would write them; citations are recorded by the same
find step the importer uses, so each test reads like the sentence a real plan would contain.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from kehoach.citations import find_citations
from kehoach.graph import build_graph, load_graph, plan_info
from kehoach.planfile import dump_plan, write_atomic

from .conftest import BIN, ROOT


def cite(text: str) -> dict:
    found = find_citations(text)
    assert found, f"no citation found in {text!r}"
    return found[0].record()


def plan(pid, number, date, issuer, level, province, district=None, commune=None, basis=(), references=(),
         coverage=(), doc_type="Kế hoạch"):
    symbol = number.split("/", 1)[1] if number else "KH-UBND"
    return {"id": pid, "doc_type": doc_type, "number": number, "symbol": symbol, "title": f"Kế hoạch {pid}",
            "date": date, "issuer": {"name": issuer, "level": level},
            "area": {"province": province, "district": district, "commune": commune},
            "signer": {"name": None, "title": None, "authority": None},
            "basis": [cite(t) for t in basis], "references": [cite(t) for t in references],
            "recipients": [], "coverage": list(coverage), "source": {"file": f"{pid}.txt", "sha256": None}}


def graph_of(*metas):
    return build_graph([plan_info(m, f"plans/{m['id']}.md") for m in metas])


# A chain in the legacy era: Thủ tướng → tỉnh Thái Bình → huyện Hưng Hà → thị trấn Hưng Hà
PROVINCE = plan("kh-19-2023-ubnd-thai-binh", "19/KH-UBND", "2023-02-16", "Ủy ban nhân dân tỉnh Thái Bình",
                "province", "Thái Bình",
                basis=["Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ phê duyệt Đề án"])
DISTRICT = plan("kh-18-2023-ubnd-huyen-hung-ha-thai-binh", "18/KH-UBND", "2023-02-21",
                "Ủy ban nhân dân huyện Hưng Hà", "district", "Thái Bình", "Hưng Hà",
                basis=["Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ phê duyệt Đề án",
                       "Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh triển khai thực hiện Đề án"],
                coverage=[{"units": "Ủy ban nhân dân xã, thị trấn", "level": "commune", "kinds": ["Xã", "Thị trấn"],
                           "text": "Căn cứ Kế hoạch này, ban hành Kế hoạch triển khai thực hiện Đề án tại địa phương"}])
TOWN = plan("kh-5-2023-ubnd-thi-tran-hung-ha-hung-ha-thai-binh", "5/KH-UBND", "2023-03-01",
            "Ủy ban nhân dân thị trấn Hưng Hà", "commune", "Thái Bình", "Hưng Hà", "Thị trấn Hưng Hà",
            basis=["Kế hoạch số 18/KH-UBND ngày 21/02/2023 của UBND huyện Hưng Hà triển khai Đề án"])

# The 2025 era: thành phố Hải Phòng and one of its wards
CITY = plan("kh-12-2026-ubnd-hai-phong", "12/KH-UBND", "2026-01-10", "Ủy ban nhân dân thành phố Hải Phòng",
            "province", "Hải Phòng")


def ward(*basis, pid="kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong"):
    return plan(pid, "3/KH-UBND", "2026-02-01", "Ủy ban nhân dân phường Lê Thanh Nghị", "commune", "Hải Phòng",
                commune="Phường Lê Thanh Nghị", basis=basis)


def targets(graph, pid, relation="basis"):
    return [graph.nodes[e.target] for e in graph.parents(pid, relation)]


# -- resolution ---------------------------------------------------------------------------------

def test_ward_plan_resolves_to_its_city_plan_read_in_context():
    g = graph_of(CITY, ward("Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố về trợ giúp pháp lý"))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert (parent.kind, parent.id) == ("plan", "kh-12-2026-ubnd-hai-phong")
    assert [e.source for e in g.children("kh-12-2026-ubnd-hai-phong")] == ["kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong"]


def test_year_said_after_the_number_is_enough():
    g = graph_of(CITY, ward("Kế hoạch số 12/KH-UBND năm 2026 của UBND thành phố Hải Phòng"))
    assert targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")[0].id == "kh-12-2026-ubnd-hai-phong"


@pytest.mark.parametrize("citation, expected_id", [
    # the same number, another year
    ("Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND thành phố Hải Phòng", "kh-12-2025-ubnd-hai-phong"),
    # the same number and year, another province
    ("Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh Hưng Yên", "kh-12-2026-ubnd-hung-yen"),
    # the same number and year, another office of the same city
    ("Kế hoạch số 12/KH-STP ngày 10/01/2026 của Sở Tư pháp", "kh-12-2026-stp-hai-phong"),
])
def test_same_number_from_another_office_or_year_does_not_resolve(citation, expected_id):
    g = graph_of(CITY, ward(citation))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert (parent.kind, parent.id) == ("external", expected_id)
    assert g.children("kh-12-2026-ubnd-hai-phong") == []


def test_conflicting_date_is_ambiguous_not_a_link():
    g = graph_of(CITY, ward("Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND thành phố Hải Phòng"))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert parent.kind == "ambiguous" and parent.candidates == ["kh-12-2026-ubnd-hai-phong"]
    assert "2026-01-10" in parent.reason


def test_citation_without_issuer_or_date_is_ambiguous_between_candidates():
    other = plan("kh-12-2026-ubnd-hung-yen", "12/KH-UBND", "2026-01-05", "Ủy ban nhân dân tỉnh Hưng Yên",
                 "province", "Hưng Yên")
    g = graph_of(CITY, other, ward("Kế hoạch số 12/KH-UBND về trợ giúp pháp lý"))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert parent.kind == "ambiguous"
    assert parent.candidates == ["kh-12-2026-ubnd-hai-phong", "kh-12-2026-ubnd-hung-yen"]
    assert g.children("kh-12-2026-ubnd-hai-phong") == [] and g.children("kh-12-2026-ubnd-hung-yen") == []


def test_citation_without_year_fitting_one_plan_is_still_not_a_link():
    # "19/KH-UBND của UBND tỉnh Thái Bình" exists every year: one candidate in the base is not proof
    g = graph_of(PROVINCE, plan("kh-2-2024-ubnd-huyen-hung-ha-thai-binh", "2/KH-UBND", "2024-01-05",
                                "Ủy ban nhân dân huyện Hưng Hà", "district", "Thái Bình", "Hưng Hà",
                                basis=["Kế hoạch số 19/KH-UBND của UBND tỉnh Thái Bình"]))
    [parent] = targets(g, "kh-2-2024-ubnd-huyen-hung-ha-thai-binh")
    assert parent.kind == "ambiguous" and parent.candidates == ["kh-19-2023-ubnd-thai-binh"]
    assert "năm ban hành" in parent.reason


def test_partial_citation_with_no_candidate_is_a_partial_external():
    g = graph_of(ward("Kế hoạch 37/KH-UBND về giảm nghèo"))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert (parent.kind, parent.id, parent.missing) == ("external", "kh-37-ubnd", ["year", "issuer"])


def test_thanh_pho_in_a_city_within_a_city_is_not_guessed():
    # a ward of thành phố Thủy Nguyên (itself in thành phố Hải Phòng): "UBND thành phố" could be either
    district_city = plan("kh-7-2024-ubnd-thanh-pho-thuy-nguyen-hai-phong", "7/KH-UBND", "2024-01-05",
                         "Ủy ban nhân dân thành phố Thủy Nguyên", "district", "Hải Phòng", "Thủy Nguyên")
    ward_plan = plan("kh-2-2024-ubnd-phuong-luu-kiem-thuy-nguyen-hai-phong", "2/KH-UBND", "2024-02-01",
                     "Ủy ban nhân dân phường Lưu Kiếm", "commune", "Hải Phòng", "Thủy Nguyên", "Phường Lưu Kiếm",
                     basis=["Kế hoạch số 7/KH-UBND ngày 05/01/2024 của UBND thành phố về trợ giúp pháp lý"])
    g = graph_of(district_city, ward_plan)
    [parent] = targets(g, ward_plan["id"])
    assert parent.kind == "ambiguous" and parent.candidates == [district_city["id"]]
    named = dict(ward_plan, basis=[cite("Kế hoạch số 7/KH-UBND ngày 05/01/2024 của UBND thành phố Thủy Nguyên")])
    assert targets(graph_of(district_city, named), ward_plan["id"])[0].id == district_city["id"]


def test_same_external_document_cited_by_several_plans_is_one_node():
    g = graph_of(PROVINCE, DISTRICT, TOWN)
    nodes = [n for n in g.nodes.values() if n.number == "977/QĐ-TTg"]
    assert [n.id for n in nodes] == ["qd-977-2022-ttg"]
    assert nodes[0].issuer == "Thủ tướng Chính phủ" and nodes[0].date == "2022-08-11"
    assert nodes[0].title == "phê duyệt Đề án"
    assert sorted(e.source for e in g.children("qd-977-2022-ttg")) == [DISTRICT["id"], PROVINCE["id"]]


@pytest.mark.parametrize("citation, expected_id, issuer", [
    ("Quyết định số 753/QĐ-TTg ngày 03/6/2020 phê duyệt", "qd-753-2020-ttg", "Thủ tướng Chính phủ"),
    ("Nghị định số 144/2017/NĐ-CP quy định chi tiết Luật Trợ giúp pháp lý", "nd-144-2017-cp", "Chính phủ"),
    ("Thông tư số 12/2018/TT-BTP hướng dẫn", "tt-12-2018-btp", "Bộ Tư pháp"),
    ("Chỉ thị số 39-CT/TW ngày 01/11/2019 về công tác người khuyết tật", "ct-39-2019-tw", "Trung ương Đảng"),
    ("Luật Trợ giúp pháp lý năm 2017", "luat-11-2017-qh", "Quốc hội"),
    ("Luật TGPL", "luat-11-2017-qh", "Quốc hội"),
])
def test_central_issuers_are_read_from_the_number(citation, expected_id, issuer):
    g = graph_of(ward(citation))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert (parent.kind, parent.id, parent.issuer, parent.level) == ("external", expected_id, issuer, "central")


def test_hdnd_and_so_are_read_in_the_citing_plans_province():
    g = graph_of(ward("Nghị quyết số 04/2024/NQ-HĐND ngày 19/7/2024 của Hội đồng nhân dân thành phố quy định",
                      "Kế hoạch số 1409/KH-STP ngày 30/03/2026 của Sở Tư pháp về trợ giúp pháp lý"))
    assert [(n.id, n.issuer) for n in targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")] == [
        ("nq-4-2024-hdnd-hai-phong", "Hội đồng nhân dân thành phố Hải Phòng"),
        ("kh-1409-2026-stp-hai-phong", "Sở Tư pháp thành phố Hải Phòng")]


def test_nested_citation_gives_the_external_documents_own_basis():
    g = graph_of(ward("Quyết định số 5101/QĐ-UBND ngày 30/12/2016 của Chủ tịch UBND tỉnh Thanh Hóa ban hành Kế "
                      "hoạch thực hiện Quyết định số 32/2016/QĐ-TTg ngày 08/8/2016 của Thủ tướng Chính phủ"))
    [outer] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert outer.id == "qd-5101-2016-ubnd-thanh-hoa"
    assert [n.id for n in targets(g, outer.id)] == ["qd-32-2016-ttg"]


# -- chains -------------------------------------------------------------------------------------

def test_chain_commune_district_province_national():
    g = graph_of(PROVINCE, DISTRICT, TOWN)
    chain = [(n.id, d) for n, d in g.ancestors(TOWN["id"])]
    assert chain == [(DISTRICT["id"], 1), ("qd-977-2022-ttg", 2), (PROVINCE["id"], 2)]  # in the order written
    assert [n.id for n in g.roots(TOWN["id"])] == ["qd-977-2022-ttg"]
    assert {n.id for n, _ in g.descendants("qd-977-2022-ttg")} == {PROVINCE["id"], DISTRICT["id"], TOWN["id"]}
    assert [(n.id, d) for n, d in g.descendants(PROVINCE["id"])] == [(DISTRICT["id"], 1), (TOWN["id"], 2)]


def test_cycles_end_without_looping():
    a = plan("kh-1-2024-ubnd-hai-phong", "1/KH-UBND", "2024-01-02", "Ủy ban nhân dân thành phố Hải Phòng",
             "province", "Hải Phòng", basis=["Kế hoạch số 2/KH-UBND ngày 03/01/2024 của UBND thành phố Hải Phòng"])
    b = plan("kh-2-2024-ubnd-hai-phong", "2/KH-UBND", "2024-01-03", "Ủy ban nhân dân thành phố Hải Phòng",
             "province", "Hải Phòng", basis=["Kế hoạch số 1/KH-UBND ngày 02/01/2024 của UBND thành phố Hải Phòng"])
    g = graph_of(a, b)
    assert [(n.id, d) for n, d in g.ancestors(a["id"])] == [(b["id"], 1)]
    assert [(n.id, d) for n, d in g.descendants(a["id"])] == [(b["id"], 1)]
    assert g.roots(a["id"]) == []


# -- areas --------------------------------------------------------------------------------------

def test_pre_2025_district_plan_is_found_under_its_old_and_new_units():
    g = graph_of(PROVINCE, DISTRICT, TOWN, CITY)
    area = g.node(DISTRICT["id"]).area
    assert (area.province.name, area.province.code, area.district.name, area.district.code) == (
        "Tỉnh Thái Bình", "34", "Huyện Hưng Hà", "339")
    assert area.successor.province.name == "Tỉnh Hưng Yên"
    assert "Xã Hưng Hà" in [c.name for c in area.successor.communes]
    for place in ("truoc-2025/thai-binh", "truoc-2025/thai-binh/huyen-hung-ha", "hung-yen", "hung-yen/xa-hung-ha"):
        assert DISTRICT["id"] in [n.id for n in g.plans_under(place)], place
    assert [n.id for n in g.plans_at("truoc-2025/thai-binh/huyen-hung-ha")] == [DISTRICT["id"]]
    assert g.plans_under("hai-phong") == [g.node(CITY["id"])]
    assert "truoc-2025/thai-binh/huyen-hung-ha" in g.subplaces("truoc-2025/thai-binh")


def test_merged_units_are_linked_both_ways():
    g = graph_of(DISTRICT)
    assert g.place("truoc-2025/thai-binh").today == ["hung-yen"]
    assert sorted(g.place("hung-yen").formed_from) == ["truoc-2025/hung-yen", "truoc-2025/thai-binh"]
    hung_ha = g.place("truoc-2025/thai-binh/huyen-hung-ha")
    assert (hung_ha.name, hung_ha.parent) == ("Huyện Hưng Hà", "truoc-2025/thai-binh")
    assert "hung-yen/xa-hung-ha" in hung_ha.today
    town = g.place("truoc-2025/thai-binh/huyen-hung-ha/thi-tran-hung-ha")
    assert town.today == ["hung-yen/xa-hung-ha"]
    assert town.id in g.place("hung-yen/xa-hung-ha").formed_from
    assert g.place("").name == "Việt Nam" and g.place("khong-co") is None


# -- coverage -----------------------------------------------------------------------------------

def test_coverage_counts_the_lower_units_that_implemented_the_plan():
    g = graph_of(PROVINCE, DISTRICT, TOWN)
    [c] = g.coverage(DISTRICT["id"])
    assert c.level == "commune" and len(c.expected) == 33  # the communes and towns of Hưng Hà
    assert {u.kind for u in c.expected} == {"Xã", "Thị trấn"}
    town = next(u for u in c.expected if u.name == "Thị trấn Hưng Hà")
    assert c.done == {town.code: [TOWN["id"]]}
    assert len(c.missing) == 32 and town not in c.missing


# -- the seeds and the command ------------------------------------------------------------------

def run(*args):
    return subprocess.run([str(BIN / "kehoach"), *map(str, args)], capture_output=True, text=True, cwd=ROOT)


def test_graph_json_on_the_seeds():
    proc = run("graph", "plans", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    nodes = {n["id"]: n for n in data["nodes"]}
    plans = [n for n in data["nodes"] if n["kind"] == "plan"]
    assert len(plans) == 5 and all(n["file"].startswith("plans/") for n in plans)
    hai_phong = [n["id"] for n in plans if n["area"]["successor"]["province"]["place"] == "hai-phong"]
    assert len(hai_phong) == 2
    hung_ha = nodes["kh-18-2023-ubnd-huyen-hung-ha-thai-binh"]["area"]
    assert hung_ha["province"]["place"] == "truoc-2025/thai-binh" and hung_ha["province"]["name"] == "Tỉnh Thái Bình"
    assert hung_ha["successor"]["province"]["place"] == "hung-yen"
    assert [n["id"] for n in data["nodes"] if n["number"] == "977/QĐ-TTg"] == ["qd-977-2022-ttg"]
    assert nodes["kh-1409-2026-stp-hai-phong"]["kind"] == "external"  # "của Sở Tư pháp" in a Hải Phòng ward
    for e in data["edges"]:
        assert set(e) >= {"from", "to", "relation", "number", "text"} and e["to"] in nodes and e["from"] in nodes
    assert {e["relation"] for e in data["edges"]} <= {"basis", "reference", "amends", "replaces", "guides"}


def test_show_prints_parents_chain_children_and_coverage(tmp_path):
    for meta in (PROVINCE, DISTRICT, TOWN):
        write_atomic(tmp_path / f"{meta['id']}.md", dump_plan(meta, "Nội dung."))
    proc = run("show", DISTRICT["id"], "--plans", tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "area as issued: Huyện Hưng Hà, Tỉnh Thái Bình" in out and "area today: Tỉnh Hưng Yên" in out
    assert "[plan kh-19-2023-ubnd-thai-binh]" in out.split("Chain")[0]  # a parent
    assert "└ Quyết định số 977/QĐ-TTg" in out.split("Chain")[1]
    assert "[plan kh-5-2023-ubnd-thi-tran-hung-ha-hung-ha-thai-binh]" in out.split("Children")[1]
    assert "1 of 33 have a plan" in out
    by_file = run("show", tmp_path / f"{TOWN['id']}.md", "--plans", tmp_path)
    assert by_file.returncode == 0 and by_file.stdout.startswith("Kế hoạch số 5/KH-UBND")
    assert run("show", "khong-co", "--plans", tmp_path).returncode == 2


def test_broken_plan_stops_the_graph_naming_file_and_line(tmp_path):
    write_atomic(tmp_path / "a.md", dump_plan(CITY, "x"))
    (tmp_path / "b.md").write_text("---\nid: b\ntitle: [unclosed\n---\n", "utf-8")
    proc = run("graph", tmp_path, "--json")
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"{tmp_path / 'b.md'}:3:" in proc.stderr


def test_load_graph_reads_a_directory(tmp_path):
    for meta in (CITY, ward("Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND thành phố")):
        write_atomic(tmp_path / "hai-phong" / f"{meta['id']}.md", dump_plan(meta, "Nội dung."))
    g, errors = load_graph(tmp_path)
    assert errors == [] and len(g.plans()) == 2
    assert g.find(str(tmp_path / "hai-phong" / "kh-12-2026-ubnd-hai-phong.md")).id == "kh-12-2026-ubnd-hai-phong"
    assert len(g.edges) == 1 and g.edges[0].relation == "basis"


def test_a_citation_that_may_mean_many_documents_lists_twenty_and_counts_the_rest():
    """In a national base "Kế hoạch số 12/KH-UBND" may be any of hundreds: its page names the first 20
    and says how many more there are, where to find them (the numbers' list), at a bounded weight."""
    import re as re_

    from kehoach.gazetteer import gazetteer
    from kehoach.site import paths
    from kehoach.site.document_page import CANDIDATES_SHOWN, document_page

    provinces = sorted(u.short for u in gazetteer().units.values() if u.level == "province" and not u.legacy)[:30]
    issuers = [plan(f"kh-12-2026-ubnd-{i}", "12/KH-UBND", "2026-01-05", f"Ủy ban nhân dân tỉnh {name}", "province", name)
               for i, name in enumerate(provinces)]
    g = graph_of(*issuers, ward("Kế hoạch số 12/KH-UBND về trợ giúp pháp lý"))
    [parent] = targets(g, "kh-3-2026-ubnd-phuong-le-thanh-nghi-hai-phong")
    assert parent.kind == "ambiguous" and len(parent.candidates) == 30
    html = document_page(g, parent)[paths.document(parent.id)].text()
    listed = set(re_.findall(r"kh-12-2026-ubnd-\d+", html))
    assert len(listed) == CANDIDATES_SHOWN == 20, listed
    assert "và 10 văn bản khác cùng số" in html and 'href="../../so-hieu/"' in html
