"""Lead agencies as pages name them: one name and one page per body, however plans write it."""

from __future__ import annotations

import pytest

from kehoach.agencies import agencies_in, agency_key, agency_name, canonical

from .sitebuild import mkdocs_build, project_with
from .test_graph import CITY, ward


@pytest.mark.parametrize("written,name", [
    # capitals only where the name has them; the places it names keep theirs
    ("THÀNH ĐOÀN HẢI PHÒNG", "Thành đoàn Hải Phòng"),
    ("UBND HUYỆN HƯNG HÀ", "Ủy ban nhân dân huyện Hưng Hà"),
    ("CÔNG AN TỈNH BÀ RỊA - VŨNG TÀU", "Công an tỉnh Bà Rịa - Vũng Tàu"),
    ("Thành Đoàn Hải Phòng", "Thành Đoàn Hải Phòng"),  # written in running case: kept as written
    # abbreviations spelled out as the vocabulary says; "&" read as "và"
    ("Văn phòng HĐND&UBND", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ("UBND xã", "Ủy ban nhân dân xã"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    # the vocabulary's own writing of a body it knows
    ("Ủy ban Mặt trận tổ quốc Việt Nam phường", "Ủy ban Mặt trận Tổ quốc Việt Nam phường"),
    # no task words after the name
    ("Ủy ban Mặt trận Tổ quốc Việt Nam huyện, các tổ chức thành viên của Mặt trận chỉ đạo, thực hiện",
     "Ủy ban Mặt trận Tổ quốc Việt Nam huyện, các tổ chức thành viên của Mặt trận"),
    ("Sở Tư pháp chủ trì, phối hợp", "Sở Tư pháp"),
    ("Phòng Tài chính – Kế hoạch huyện", "Phòng Tài chính - Kế hoạch huyện"),
])
def test_an_agency_is_named_as_a_page_shows_it(written, name):
    assert agency_name(written) == name


def test_the_ways_of_writing_one_body_share_one_key():
    assert agency_key("Phòng Lao động, Thương binh và Xã hội") == agency_key("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") \
        == agency_key("Phòng Lao động – Thương binh và Xã hội") == "phong-lao-dong-thuong-binh-va-xa-hoi"
    assert agency_key("Văn phòng HĐND&UBND") == agency_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân")
    assert agency_key("Sở Tư pháp") != agency_key("Phòng Tư pháp")
    # the name a page heads with: the most used, then the one with a proper name's capitals
    assert canonical({"Thành đoàn hải phòng": 1, "Thành đoàn Hải Phòng": 1}) == "Thành đoàn Hải Phòng"
    assert canonical({"Thành Đoàn Hải Phòng": 3, "Thành đoàn Hải Phòng": 1}) == "Thành Đoàn Hải Phòng"


@pytest.mark.parametrize("written,bodies", [
    ("Phòng Tài chính – Kế hoạch, Ủy ban nhân dân xã, thị trấn", ["Phòng Tài chính - Kế hoạch", "Ủy ban nhân dân xã, thị trấn"]),
    ("PHÒNG TƯ PHÁP, UBND CÁC XÃ", ["Phòng Tư pháp", "Ủy ban nhân dân các xã"]),
    ("Sở Tư pháp và Sở Y tế", ["Sở Tư pháp", "Sở Y tế"]),
    ("Ủy ban nhân dân xã, thị trấn", ["Ủy ban nhân dân xã, thị trấn"]),
    ("Các phòng, ban, ngành, đoàn thể của huyện", ["Các phòng, ban, ngành, đoàn thể của huyện"]),
    ("Phòng Văn hóa và Thông tin", ["Phòng Văn hóa và Thông tin"]),
])
def test_a_lead_naming_several_bodies_is_split_into_them(written, bodies):
    assert [agency_name(x) for x in agencies_in(written)] == bodies


def test_an_agency_page_lists_its_tasks_by_period_with_plan_and_timeline(tmp_path):
    tasks = [{"name": "Tuyên truyền về trợ giúp pháp lý", "lead": ["THÀNH ĐOÀN HẢI PHÒNG"], "partners": [],
              "timeline": "Quý II/2026"},
             {"name": "Tập huấn cho đoàn viên", "lead": ["Thành đoàn Hải Phòng, Sở Tư pháp"], "partners": [],
              "timeline": "Hằng năm"}]
    project = project_with(tmp_path, [{**CITY, "tasks": tasks}, {**ward(), "tasks": [
        {"name": "Phối hợp tổ chức ngày pháp luật", "lead": ["Thành đoàn Hải Phòng chủ trì, phối hợp"],
         "partners": [], "timeline": None}]}], seeds=False)
    proc = mkdocs_build(project, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    agencies = sorted(p.name for p in (tmp_path / "site/co-quan").iterdir() if p.is_dir())
    assert agencies == ["so-tu-phap", "thanh-doan-hai-phong"]
    page = (tmp_path / "site/co-quan/thanh-doan-hai-phong/index.html").read_text("utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "<h1" in article and ">Thành đoàn Hải Phòng</h1>" in article  # every spelling, one name
    assert '<a href="hai-phong/">Thành phố Hải Phòng</a>: 2 nhiệm vụ' in article
    page = (tmp_path / "site/co-quan/thanh-doan-hai-phong/hai-phong/index.html").read_text("utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "2 nhiệm vụ trong 1 kế hoạch" in article
    assert '>12/KH-UBND</a> (Thành phố Hải Phòng):<ul><li data-kh-p="2026-04-01/2026-06-30">Tuyên truyền về trợ giúp pháp lý — <b>Quý II/2026</b>' in article
    # by period: a deadline, then all along
    assert article.index("Tuyên truyền về") < article.index("Tập huấn cho đoàn viên")
    # the ward's task is the ward's: in its register, its lead not a link
    assert "Phối hợp tổ chức" not in article
    assert "Phối hợp tổ chức ngày pháp luật" in (tmp_path / "site/dia-ban/hai-phong/phuong-le-thanh-nghi/index.html").read_text("utf-8")
    plan = (tmp_path / f"site/ke-hoach/{CITY['id']}/index.html").read_text("utf-8")
    assert '<a href="../../co-quan/thanh-doan-hai-phong/hai-phong/">Thành đoàn Hải Phòng</a>, ' \
           '<a href="../../co-quan/so-tu-phap/hai-phong/">Sở Tư pháp</a>' in plan
