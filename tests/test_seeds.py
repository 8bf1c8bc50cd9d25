"""The five seed plans: the importer's output, plus the reviewed hand corrections, is exactly
what is committed in plans/; and each field is what a careful reading of the source says."""

from __future__ import annotations

import pytest
import yaml

from kehoach.importer import apply_corrections, parse_document
from kehoach.planfile import read_plan

from .conftest import FIXTURES, ROOT, SEEDS

REVIEW = yaml.safe_load((FIXTURES / "seed_review.yaml").read_text("utf-8"))
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def committed(source_name: str):
    for path in (ROOT / "plans").rglob("*.md"):
        plan = read_plan(path)
        if plan.meta["source"]["file"] == source_name:
            return path, plan
    raise AssertionError(f"no plan in plans/ for {source_name}")


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_import_plus_review_equals_committed_plan(seed):
    imported = parse_document(seed)
    meta = apply_corrections(imported.meta, REVIEW.get(seed.name, []))
    path, plan = committed(seed.name)
    assert path.relative_to(ROOT / "plans") == imported.relpath
    assert meta == plan.meta
    assert imported.body.strip() == plan.body.strip()


def seed(name_prefix: str):
    return parse_document(next(p for p in SEED_FILES if p.name.startswith(name_prefix)))


def test_ward_plan_le_thanh_nghi():
    m = seed("000").meta
    assert (m["doc_type"], m["number"], m["symbol"], m["date"]) == ("Kế hoạch", None, "KH-UBND", "2026")
    assert m["title"].startswith("Triển khai thực hiện chính sách trợ giúp pháp lý thuộc Chương trình")
    assert m["title"].endswith("đến năm 2030 trên địa bàn phường")
    assert m["issuer"] == {"name": "Ủy ban nhân dân phường Lê Thanh Nghị", "level": "commune"}
    # the header omits the city: inferred from the 2025 gazetteer (Lê Thanh Nghị is only in Hải Phòng)
    assert m["area"] == {"province": "Hải Phòng", "district": None, "commune": "Phường Lê Thanh Nghị"}
    assert m["signer"] == {"name": "Hoàng Minh Đức", "title": "Phó Chủ tịch",
                           "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch"}
    assert [(b["number"], b["date"], b["issuer"]) for b in m["basis"]] == [("1409/KH-STP", "2026-03-30", "Sở Tư pháp")]
    assert m["references"] == []
    assert m["recipients"][0] == "Sở Tư pháp" and m["recipients"][-1] == "Lưu: VT" and len(m["recipients"]) == 7
    assert "nguoi-nghien-ma-tuy" in m["beneficiaries"] and "nguoi-sau-cai-nghien" in m["beneficiaries"]
    assert m["tasks"][0] == {"name": "Tuyên truyền, nâng cao nhận thức về trợ giúp pháp lý",
                             "lead": ["Văn phòng HĐND&UBND"],
                             "partners": ["Công an phường, UBMTTQVN phường và các thành viên"],
                             "timeline": "Từ Quý II/2026 – 2030"}


def test_bac_giang_department_plan():
    m = seed("001").meta
    assert (m["number"], m["symbol"], m["date"], m["place"]) == (None, "KH-STP", "2024-02", "Bắc Giang")
    assert m["title"] == "Thực hiện nhiệm vụ trợ giúp pháp lý năm 2024"
    assert m["issuer"] == {"name": "Sở Tư pháp tỉnh Bắc Giang", "level": "province"}
    assert m["area"] == {"province": "Bắc Giang", "district": None, "commune": None}
    assert m["signer"] == {"name": "Đỗ Xuân Vang", "title": "Phó Giám đốc", "authority": "KT. Giám đốc"}
    assert m["basis"] == []  # "Thực hiện chương trình công tác năm 2024": no document named
    numbers = [r["number"] for r in m["references"]]
    assert numbers == ["1190/QĐ-TTg", "39-CT/TW", "753/QĐ-TTg", "5803/KH-UBND", "37/KH-UBND", None]
    ct = m["references"][1]
    assert ct["issuer"] == "Ban Bí thư Trung ương Đảng khóa XII" and ct["date"] == "2019-11-01"
    assert ct["text"].endswith("đối với công tác người khuyết tật")
    assert m["references"][4]["date"] is None and m["references"][4]["issuer"] is None
    assert m["references"][5]["text"] == "Luật TGPL"
    assert m["recipients"][-1] == "Lưu VT, TGPL"


def test_thanh_hoa_department_plan():
    m = seed("002").meta
    assert (m["number"], m["symbol"], m["date"]) == ("177/KH-STP", "KH-STP", "2020-04-23")
    assert m["issuer"] == {"name": "Sở Tư pháp tỉnh Thanh Hóa", "level": "province"}
    assert [(b["number"], b["date"], b["issuer"]) for b in m["basis"]] == [
        ("25/KH-UBND", "2020-01-22", "Ủy ban nhân dân tỉnh Thanh Hóa")]
    refs = {r["number"]: r for r in m["references"]}
    assert refs["32/2016/QĐ-TTg"]["issuer"] == "Thủ tướng Chính phủ"
    assert "Quyết định số 32/2016/QĐ-TTg" in refs["5101/QĐ-UBND"]["text"]  # nested: part of its subject
    assert refs[None]["text"] == "Luật trợ giúp pháp lý 2017" and refs[None]["date"] == "2017"
    assert m["signer"]["name"] == "Hoàng Văn Truyền"


def test_hung_ha_district_plan():
    imported = seed("003")
    m = imported.meta
    assert (m["number"], m["date"], m["place"]) == ("18/KH-UBND", "2023-02-21", "Hung Hà")
    assert m["issuer"] == {"name": "Ủy ban nhân dân huyện Hưng Hà", "level": "district"}
    assert m["area"] == {"province": "Thái Bình", "district": "Hưng Hà", "commune": None}
    assert [b["number"] for b in m["basis"]] == ["977/QĐ-TTg", "19/KH-UBND"]
    assert m["basis"][1]["issuer"] == "Ủy ban nhân dân tỉnh Thái Bình"
    assert [r["number"] for r in m["references"]] == [None, "80-KL/TW", "32-CT/TW", "27-NQ/TW", None]
    assert m["references"][0]["text"] == "Luật Phổ biến, giáo dục pháp luật"
    assert m["signer"] == {"name": "Đinh Bá Khải", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}
    # sentences split by page breaks are joined again
    assert "hỗ trợ người dân giải quyết kịp thời" in imported.body
    assert "\n## IV. TỔ CHỨC THỰC HIỆN\n" in imported.body and "\n### 6. Ủy ban nhân dân xã, thị trấn\n" in imported.body


def test_hai_phong_city_plan():
    imported = seed("004")
    m = imported.meta
    assert m["title"] == ("Thực hiện Nghị quyết số 04/2024/NQ-HĐND ngày 19/7/2024 của Hội đồng nhân dân thành phố "
                          "quy định một số chính sách hỗ trợ cho công tác cai nghiện ma túy tại các cơ sở cai nghiện "
                          "ma túy công lập trên địa bàn thành phố Hải Phòng")
    assert m["issuer"] == {"name": "Ủy ban nhân dân thành phố Hải Phòng", "level": "province"}
    assert (m["number"], m["date"]) == (None, "2024")
    assert [(b["number"], b["date"]) for b in m["basis"]] == [("04/2024/NQ-HĐND", "2024-07-19")]
    assert m["recipients"][8] == "Các Cơ sở cai nghiện MT (giao Sở LĐTBXH gửi)"
    assert m["recipients"][10] == "Phòng: VX, TCNS, TH, NC&KTGS"
    assert m["signer"]["name"] == "Lê Khắc Nam"
    assert "các cấp, các ngành, các địa phương" in imported.body
    assert {"Công an thành phố", "Sở Y tế"} <= {t["lead"][0] for t in m["tasks"]}


def test_no_generated_plan_in_the_repository():
    """`kehoach synth` output is for benchmarks only; plans/ holds real plans."""
    from kehoach.planfile import iter_plan_paths, read_plan

    assert all(read_plan(p).meta.get("synthetic") is not True for p in iter_plan_paths(ROOT / "plans"))
