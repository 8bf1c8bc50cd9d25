"""The importer on documents composed in the shapes real plans come in (not only the seeds)."""

from __future__ import annotations

import unicodedata

import docx
import pytest

from kehoach.importer import ReadError, parse_document

from .conftest import SEEDS

DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN HƯNG HÀ

Số:  25 /KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Hưng Hà, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Tuyên truyền, phổ biến pháp luật
năm 2024

Căn cứ Luật Phổ biến, giáo dục pháp luật năm 2012;

Căn cứ Quyết định số 488/QĐ-TTg , ngày 12/3/2024 của Thủ tướng Chính phủ về việc tăng cường tuyên truyền;

Căn cứ Kế hoạch số 19/KH-UBND ngày 16/02/2024 của UBND tỉnh Thái Bình;

Ủy ban nhân dân huyện ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Nâng cao hiểu biết pháp luật của người dân.

a) Đối với cán bộ

- Nắm vững quy định mới;
+ tham gia tập huấn;

II - NỘI DUNG

1.1. Tuyên truyền trực tiếp

- Tổ chức hội nghị tại các xã, thị trấn cho các

ngành, đoàn thể.

Cơ quan chủ trì: Phòng Tư pháp.

Cơ quan phối hợp: Phòng Văn hóa và Thông tin; Công an huyện.

Thời gian thực hiện: Quý II/2024.

Nơi nhận:
- UBND tỉnh;
- Sở Tư pháp;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def test_two_column_header_block_and_can_cu_preamble(write_doc):
    r = write_doc(DISTRICT_PLAN)
    m = r.meta
    assert (m["number"], m["symbol"], m["date"], m["place"]) == ("25/KH-UBND", "KH-UBND", "2024-03-05", "Hưng Hà")
    assert m["title"] == "Tuyên truyền, phổ biến pháp luật năm 2024"
    assert m["issuer"] == {"name": "Ủy ban nhân dân huyện Hưng Hà", "level": "district"}
    assert m["area"] == {"province": "Thái Bình", "district": "Hưng Hà", "commune": None}
    assert m["id"] == "kh-25-2024-ubnd-huyen-hung-ha-thai-binh"
    assert [(b["doc_type"], b["number"], b["date"], b["issuer"]) for b in m["basis"]] == [
        ("Luật", None, "2012", None),
        ("Quyết định", "488/QĐ-TTg", "2024-03-12", "Thủ tướng Chính phủ"),  # comma before the date
        ("Kế hoạch", "19/KH-UBND", "2024-02-16", "Ủy ban nhân dân tỉnh Thái Bình"),
    ]
    assert m["basis"][0]["text"] == "Luật Phổ biến, giáo dục pháp luật năm 2012"
    assert m["signer"] == {"name": "Nguyễn Văn An", "title": "Chủ tịch", "authority": "TM. Ủy ban nhân dân"}
    assert m["recipients"] == ["UBND tỉnh", "Sở Tư pháp", "Lưu: VT"]
    assert m["tasks"] == [{"name": "Tuyên truyền trực tiếp", "lead": ["Phòng Tư pháp"],
                           "partners": ["Phòng Văn hóa và Thông tin", "Công an huyện"], "timeline": "Quý II/2024"}]
    body = r.body
    assert body.startswith("Căn cứ Luật Phổ biến, giáo dục pháp luật năm 2012;")
    for line in ("## I. MỤC ĐÍCH, YÊU CẦU", "### 1. Mục đích", "#### a) Đối với cán bộ", "## II - NỘI DUNG",
                 "#### 1.1. Tuyên truyền trực tiếp", "- Nắm vững quy định mới;", "    - tham gia tập huấn;"):
        assert f"\n{line}\n" in f"\n{body}\n", line
    assert "cho các ngành, đoàn thể." in body  # page break joined
    for gone in ("CỘNG HÒA", "Độc lập", "Nơi nhận", "Nguyễn Văn An", "Số:"):
        assert gone not in body


def test_department_header_and_lists_of_citations(write_doc):
    r = write_doc("""UBND TỈNH BẮC GIANG
SỞ TƯ PHÁP
Số: 12/KH-STP

Bắc Giang, ngày 10 tháng 01 năm 2025

KẾ HOẠCH
Triển khai công tác năm 2025

Thực hiện Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư, Chỉ thị số 32-CT/TW của Ban Bí thư và Công văn số 1120/UBND-NC ngày 3/4/2024 của UBND tỉnh, Thông báo số 523/TB-UBND ngày 2/5/2024 của UBND tỉnh, Sở Tư pháp xây dựng Kế hoạch như sau:

I. NỘI DUNG

Tổ chức tập huấn theo Luật Trợ giúp pháp lý.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
(Đã ký)

Trần Thị Bình
""")
    m = r.meta
    assert m["issuer"] == {"name": "Sở Tư pháp tỉnh Bắc Giang", "level": "province",
                           "parent": "Ủy ban nhân dân tỉnh Bắc Giang"}
    assert m["area"]["province"] == "Bắc Giang" and m["id"] == "kh-12-2025-stp-bac-giang"
    assert "UBND TỈNH BẮC GIANG" not in r.body and "SỞ TƯ PHÁP" not in r.body
    assert [(b["doc_type"], b["number"], b["date"], b["issuer"]) for b in m["basis"]] == [
        ("Kết luận", "80-KL/TW", "2020-06-20", "Ban Bí thư"),
        ("Chỉ thị", "32-CT/TW", None, "Ban Bí thư"),
        ("Công văn", "1120/UBND-NC", "2024-04-03", "Ủy ban nhân dân tỉnh"),
        ("Thông báo", "523/TB-UBND", "2024-05-02", "Ủy ban nhân dân tỉnh"),
    ]
    assert [x["text"] for x in m["references"]] == ["Luật Trợ giúp pháp lý"]
    assert m["signer"] == {"name": "Trần Thị Bình", "title": "Phó Giám đốc", "authority": "KT. Giám đốc"}


WARD_HEADER = """ỦY BAN NHÂN DÂN
PHƯỜNG VIỆT HƯNG

Số: **7** /KH-UBND

Việt Hưng, ngày 15 tháng 01 năm 2026

**KẾ HOẠCH**

**Trợ giúp pháp lý cho người khuyết tật
năm 2026**

"""


def test_ward_header_without_province_is_inferred_from_citations(write_doc):
    r = write_doc(WARD_HEADER + "Thực hiện Kế hoạch số 5/KH-UBND ngày 10/01/2026 của UBND thành phố Hà Nội, "
                  "Ủy ban nhân dân phường Việt Hưng ban hành Kế hoạch như sau:\n\nI. NỘI DUNG\n\nHỗ trợ người khuyết tật.\n")
    m = r.meta
    assert m["number"] == "7/KH-UBND" and m["title"] == "Trợ giúp pháp lý cho người khuyết tật năm 2026"
    assert m["area"] == {"province": "Hà Nội", "district": None, "commune": "Phường Việt Hưng"}
    assert m["issuer"] == {"name": "Ủy ban nhân dân phường Việt Hưng", "level": "commune"}
    assert any("Hà Nội, named in the text" in n for n in r.notes)


def test_ambiguous_ward_is_left_empty_and_said(write_doc):
    r = write_doc(WARD_HEADER + "I. NỘI DUNG\n\nHỗ trợ người khuyết tật.\n")
    assert r.meta["area"]["province"] is None
    assert "area.province" in r.missing
    assert any("ambiguous" in n and "Quảng Ninh" in n and "Hà Nội" in n for n in r.notes)


def test_city_within_a_province_is_not_the_province_of_the_same_name(write_doc):
    # "THÀNH PHỐ SƠN LA" is the city (a district-level unit) of tỉnh Sơn La, not the province
    text = (DISTRICT_PLAN.replace("HUYỆN HƯNG HÀ", "THÀNH PHỐ SƠN LA").replace("Hưng Hà, ngày", "Sơn La, ngày")
            .replace("UBND tỉnh Thái Bình", "UBND tỉnh Sơn La").replace("Ủy ban nhân dân huyện ban hành",
                                                                        "Ủy ban nhân dân thành phố ban hành"))
    m = write_doc(text).meta
    assert m["issuer"] == {"name": "Ủy ban nhân dân thành phố Sơn La", "level": "district"}
    assert m["area"] == {"province": "Sơn La", "district": "Sơn La", "commune": None}
    assert m["id"] == "kh-25-2024-ubnd-thanh-pho-son-la-son-la"


def test_nfd_crlf_bold_and_name_without_diacritics(write_doc):
    text = DISTRICT_PLAN.replace("Hưng Hà, ngày", "Hung Hà, ngày").replace("HUYỆN HƯNG HÀ", "HUYEN HUNG HA")
    text = unicodedata.normalize("NFD", text).replace("\n", "\r\n").replace("Số:  25", "Số: **25**")
    r = write_doc(text)
    m = r.meta
    assert m["number"] == "25/KH-UBND" and m["place"] == "Hung Hà"
    assert m["issuer"]["name"] == "Ủy ban nhân dân huyện Hưng Hà"
    assert unicodedata.is_normalized("NFC", r.text()) and "\r" not in r.text() and "**" not in r.text()


def test_blank_number_and_date_party_documents(write_doc):
    r = write_doc("""ỦY BAN NHÂN DÂN
TỈNH THÁI BÌNH
Số: ..../KH-UBND

Thái Bình, ngày ... tháng ... năm 2025

KẾ HOẠCH
Thực hiện Nghị quyết của Trung ương

Thực hiện Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục xây dựng Nhà nước pháp quyền; Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh Thái Bình, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. NỘI DUNG

Tuyên truyền.
""")
    m = r.meta
    assert (m["number"], m["symbol"], m["date"]) == (None, "KH-UBND", "2025")
    assert m["issuer"] == {"name": "Ủy ban nhân dân tỉnh Thái Bình", "level": "province"}
    assert m["basis"][0]["number"] == "27-NQ/TW"
    assert m["basis"][0]["issuer"] == "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XIII"
    assert m["basis"][1]["number"] == "19/KH-UBND"
    assert "number" in r.missing and any("left blank" in n for n in r.notes)
    assert m["id"].startswith("kh-2025-ubnd-thai-binh-")


def test_acting_signer_and_appendix_after_signature(write_doc):
    r = write_doc("""Số: 3/KH-UBND

Hưng Hà, ngày 2 tháng 2 năm 2024

KẾ HOẠCH
Kiểm tra

Ủy ban nhân dân huyện Hưng Hà ban hành kế hoạch như sau:

I. NỘI DUNG

Kiểm tra các xã.

Q. CHỦ TỊCH

Lê Văn Cường

PHỤ LỤC
Danh sách các xã được kiểm tra
""")
    m = r.meta
    assert m["signer"] == {"name": "Lê Văn Cường", "title": None, "authority": "Q. Chủ tịch"}
    assert "PHỤ LỤC" in r.body and "Danh sách các xã được kiểm tra" in r.body
    assert m["issuer"]["name"] == "Ủy ban nhân dân huyện Hưng Hà"  # from the plan's own statement


def test_unknown_unit_is_null_with_a_note(write_doc):
    r = write_doc("ỦY BAN NHÂN DÂN\nXÃ KHÔNG CÓ THẬT\nSố: 1/KH-UBND\n\nKẾ HOẠCH\nThử\n\nI. NỘI DUNG\n\nMột.\n")
    assert r.meta["area"] == {"province": None, "district": None, "commune": None}
    assert any("no unit of the gazetteer" in n for n in r.notes)


def _docx(path):
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nHUYỆN HƯNG HÀ"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 40/KH-UBND"
    head.cell(1, 1).text = "Hưng Hà, ngày 20 tháng 5 năm 2024"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Trợ giúp pháp lý lưu động năm 2024")
    d.add_paragraph("Thực hiện Kế hoạch số 55/KH-STP ngày 02/4/2024 của Sở Tư pháp tỉnh Thái Bình, "
                    "Ủy ban nhân dân huyện Hưng Hà ban hành Kế hoạch như sau:")
    d.add_paragraph("I. NHIỆM VỤ CỤ THỂ")
    tasks = d.add_table(rows=3, cols=5)
    for i, h in enumerate(["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]):
        tasks.cell(0, i).text = h
    for i, v in enumerate(["1", "Trợ giúp pháp lý lưu động tại xã", "Phòng Tư pháp", "UBND các xã", "Quý III"]):
        tasks.cell(1, i).text = v
    for i, v in enumerate(["2", "Tuyên truyền về quyền | nghĩa vụ", "Trung tâm TGPL", "Công an huyện", "Cả năm"]):
        tasks.cell(2, i).text = v
    d.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph("Phòng Tư pháp theo dõi, tổng hợp.")
    foot = d.add_table(rows=1, cols=2)
    foot.cell(0, 0).text = "Nơi nhận:\n- Sở Tư pháp;\n- Lưu: VT."
    foot.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nPhạm Thị Dung"
    d.save(str(path))


def test_docx_with_header_task_and_signature_tables(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    _docx(path)
    r = parse_document(path)
    m = r.meta
    assert (m["number"], m["date"], m["title"]) == ("40/KH-UBND", "2024-05-20", "Trợ giúp pháp lý lưu động năm 2024")
    assert m["issuer"] == {"name": "Ủy ban nhân dân huyện Hưng Hà", "level": "district"}
    assert m["basis"][0]["issuer"] == "Sở Tư pháp tỉnh Thái Bình"
    assert m["tasks"] == [
        {"name": "Trợ giúp pháp lý lưu động tại xã", "lead": ["Phòng Tư pháp"], "partners": ["UBND các xã"],
         "timeline": "Quý III"},
        {"name": "Tuyên truyền về quyền | nghĩa vụ", "lead": ["Trung tâm TGPL"], "partners": ["Công an huyện"],
         "timeline": "Cả năm"},
    ]
    assert "| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |" in r.body
    assert "| 2 | Tuyên truyền về quyền \\| nghĩa vụ |" in r.body
    assert m["recipients"] == ["Sở Tư pháp", "Lưu: VT"]
    assert m["signer"] == {"name": "Phạm Thị Dung", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}
    assert "CỘNG HÒA" not in r.body and "Phạm Thị Dung" not in r.body


def test_markdown_source_with_table(write_doc):
    r = write_doc("# KẾ HOẠCH\n\nKiểm tra năm 2024\n\nSố: 9/KH-UBND\n\n## I. NỘI DUNG\n\n"
                  "| Việc | Chủ trì |\n|---|---|\n| Kiểm tra | Phòng Tư pháp |\n", name="plan.md")
    assert "| Việc | Chủ trì |\n|---|---|\n| Kiểm tra | Phòng Tư pháp |" in r.body


@pytest.mark.parametrize("name,data,message", [
    ("bad.docx", b"not a zip file", "not a readable .docx"),
    ("latin.txt", "KẾ HOẠCH\n".encode("utf-8") + b"Ti\xeau \xf0\xe8\n", "line 2: not UTF-8"),
    ("notes.txt", "Ghi chú họp tổ\n\nKhông phải kế hoạch.".encode(), "does not look like a plan"),
    ("plan.pdf", b"%PDF-1.4", "not a readable PDF"),
    ("plan.doc", b"\xd0\xcf\x11\xe0 not really", "not a readable .doc"),
    ("plan.odt", b"PK", "unsupported file type .odt"),
])
def test_unreadable_inputs_raise_clear_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        parse_document(path)


@pytest.mark.parametrize("cited,doc_type,number,issuer", [
    ("Công điện số 12/CĐ-TTg ngày 05/3/2025 của Thủ tướng Chính phủ", "Công điện", "12/CĐ-TTg", "Thủ tướng Chính phủ"),
    ("Phương án số 3/PA-UBND ngày 02/01/2024 của UBND tỉnh", "Phương án", "3/PA-UBND", "Ủy ban nhân dân tỉnh"),
    ("Tờ trình số 238/TTr-CAT-PV11 ngày 29/9/2025", "Tờ trình", "238/TTr-CAT-PV11", None),
    ("Quy chế số 2/QC-UBND ngày 03/3/2023", "Quy chế", "2/QC-UBND", None),
    ("Kế hoạch số 16/KH-MTTQ-BTT ngày 18/11/2025", "Kế hoạch", "16/KH-MTTQ-BTT", None),
    ("Kế hoạch số 05-KH/ĐU ngày 01/02/2025 của Đảng ủy xã", "Kế hoạch", "05-KH/ĐU", "Đảng ủy xã"),
    ("Hướng dẫn số 36-HD/BTCTW ngày 05/6/2025", "Hướng dẫn", "36-HD/BTCTW", None),
    ("Văn bản hợp nhất số 03/VBHN-BGDĐT ngày 03/5/2019 của Bộ GD&ĐT", "Văn bản hợp nhất", "03/VBHN-BGDĐT", "Bộ GD&ĐT"),
])
def test_every_document_type_of_decree_30_is_a_citation(write_doc, cited, doc_type, number, issuer):
    """Phụ lục III of Nghị định 30/2020/NĐ-CP: Công điện, Phương án, Tờ trình, Quy chế…; Party documents;
    symbols of three parts."""
    r = write_doc(f"KẾ HOẠCH\nThử\n\nCăn cứ {cited};\n\nI. NỘI DUNG\n\nViệc một.\n")
    basis = r.meta["basis"]
    assert [(b["doc_type"], b["number"]) for b in basis] == [(doc_type, number)], basis
    if issuer:
        assert basis[0]["issuer"] == issuer


def test_a_decision_issuing_a_plan_is_one_record_of_the_plan(tmp_path):
    """"Quyết định ban hành Kế hoạch": the plan, identified by the decision's number, date and issuer;
    the decision's preamble under `decision`, the plan's in `basis`; the "(Ban hành kèm theo Quyết định
    số …)" line is neither the title nor a citation. (Composed as offices write them: no real file of
    this shape was at hand.)"""
    from .conftest import FIXTURES

    r = parse_document(FIXTURES / "quyet-dinh-ban-hanh-ke-hoach.txt")
    m = r.meta
    assert (m["doc_type"], m["number"], m["date"]) == ("Kế hoạch", "123/QĐ-UBND", "2024-03-05")
    assert m["title"] == "Thực hiện công tác trợ giúp pháp lý năm 2024"
    assert (m["issuer"]["name"], m["area"]["province"]) == ("Ủy ban nhân dân tỉnh Bắc Giang", "Bắc Giang")
    assert [b["number"] for b in m["basis"]] == ["10/KH-STP"]
    decision = m["decision"]
    assert (decision["doc_type"], decision["number"]) == ("Quyết định", "123/QĐ-UBND")
    assert [b["doc_type"] for b in decision["basis"]] == ["Luật", "Luật", "Tờ trình"]
    assert all(c["number"] != "123/QĐ-UBND" for c in m["basis"] + m["references"])
    assert m["signer"]["name"] == "Nguyễn Văn An" and "Điều 1. Ban hành kèm theo" in r.body
    assert "(Ban hành kèm theo Quyết định số 123/QĐ-UBND" in r.body  # kept as text
    from kehoach.graph import build_graph, plan_info

    cited_by = {**m, "id": "kh-1-2024-stp-bac-giang", "number": "1/KH-STP", "symbol": "KH-STP", "decision": None,
                "issuer": {"name": "Sở Tư pháp tỉnh Bắc Giang", "level": "province"},
                "basis": [{"text": "Quyết định số 123/QĐ-UBND ngày 05/3/2024 của UBND tỉnh Bắc Giang",
                           "doc_type": "Quyết định", "number": "123/QĐ-UBND", "date": "2024-03-05",
                           "issuer": "Ủy ban nhân dân tỉnh Bắc Giang"}]}
    del cited_by["decision"]
    graph = build_graph([plan_info(m, "a.md"), plan_info(cited_by, "b.md")])
    assert [e.target for e in graph.parents("kh-1-2024-stp-bac-giang")] == [m["id"]]  # the decision is the plan


def test_what_follows_the_signature_is_text_not_sections_citations_or_tasks(write_doc):
    """An outline for reports ("đề cương báo cáo"), an appendix, a page the uploader added: kept in the
    text, never the plan's tasks or citations."""
    tail = ("\nPHỤ LỤC II\nĐỀ CƯƠNG BÁO CÁO\n\nI. KẾT QUẢ THỰC HIỆN\n\n1. Công tác phòng cháy chữa cháy\n\n"
            "Cơ quan chủ trì: Phòng Kinh tế.\n\nThời gian thực hiện: Quý IV/2024.\n\n"
            "Báo cáo theo Quyết định số 99/QĐ-UBND ngày 01/01/2024 của UBND tỉnh.\n")
    plain = write_doc(DISTRICT_PLAN, name="a.txt").meta
    r = write_doc(DISTRICT_PLAN + tail, name="b.txt")
    assert "ĐỀ CƯƠNG BÁO CÁO" in r.body and "phòng cháy chữa cháy" in r.body
    assert r.meta["tasks"] == plain["tasks"] and r.meta["references"] == plain["references"]
    assert all("99/QĐ-UBND" != c["number"] for c in r.meta["basis"] + r.meta["references"])
    assert r.meta["signer"]["name"] == "Nguyễn Văn An"


def test_marks_that_are_not_text_are_taken_out(write_doc):
    """A drafting copy's "DỰ THẢO" box, the digital signature's stamp and a copy certification are not
    the plan's text; the draft mark makes it a draft."""
    stamped = DISTRICT_PLAN.replace("KẾ HOẠCH\n", "DỰ THẢO\n\nKẾ HOẠCH\n", 1) + (
        "\nKý bởi: Ủy ban nhân dân huyện Hưng Hà\nThời gian ký: 2024-03-05T16:24:01+07:00\n\nSAO Y\n")
    r = write_doc(stamped)
    assert r.meta["draft"] is True and any("DỰ THẢO" in n for n in r.notes)
    for mark in ("DỰ THẢO", "Thời gian ký", "Ký bởi", "SAO Y"):
        assert mark not in r.body, mark
    assert "draft" not in write_doc(DISTRICT_PLAN, name="issued.txt").meta  # numbered and dated: issued


PORTAL_SHAPES = {
    "a line per visual line, no blank lines": lambda t: "\n".join(x for x in t.split("\n") if x.strip()),
    "heading and title joined by the copy": lambda t: t.replace("KẾ HOẠCH\n", "KẾ HOẠCH", 1),
    "| remnants of table cells": lambda t: "\n".join(f"| {x} |" if i < 12 and x.strip() else x
                                                     for i, x in enumerate(t.split("\n"))),
    "all of them": lambda t: "\n".join(f"| {x} |" if i < 12 else x for i, x in enumerate(
        x for x in t.replace("KẾ HOẠCH\n", "KẾ HOẠCH", 1).split("\n") if x.strip())),
}


@pytest.mark.parametrize("shape", PORTAL_SHAPES)
@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_text_copied_from_a_legal_portal_reads_as_the_word_export(tmp_path, seed, shape):
    def fields(meta: dict) -> dict:
        return {k: meta[k] for k in ("doc_type", "number", "symbol", "title", "date", "area")} | {
            "level": meta["issuer"]["level"], "basis": [b["number"] for b in meta["basis"]]}

    text = (SEEDS / seed).read_text("utf-8")
    copied = tmp_path / seed
    copied.write_text(PORTAL_SHAPES[shape](text), "utf-8")
    assert fields(parse_document(copied).meta) == fields(parse_document(SEEDS / seed).meta)


ISSUERS = [
    ("UBND THỊ XÃ KỲ ANH\nPHÒNG TƯ PHÁP", "15/KH-PTP", "Kỳ Anh, ngày 10 tháng 3 năm 2024",
     ("Phòng Tư pháp thị xã Kỳ Anh", "district"), ("Hà Tĩnh", "Kỳ Anh (Thị xã)", None)),
    ("ỦY BAN NHÂN DÂN\nĐẶC KHU PHÚ QUỐC", "3/KH-UBND", "Phú Quốc, ngày 10 tháng 8 năm 2025",
     ("Ủy ban nhân dân đặc khu Phú Quốc", "commune"), ("An Giang", None, "Đặc khu Phú Quốc")),
    ("HĐND TỈNH NGHỆ AN", "12/KH-HĐND", "Nghệ An, ngày 10 tháng 3 năm 2024",
     ("Hội đồng nhân dân tỉnh Nghệ An", "province"), ("Nghệ An", None, None)),
    ("ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY XÃ QUẢNG PHÚ", "05-KH/ĐU", "Quảng Phú, ngày 10 tháng 3 năm 2024",
     ("Đảng ủy xã Quảng Phú", "commune"), ("Thanh Hóa", "Thọ Xuân", "Xã Quảng Phú")),
    ("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC", "16/KH-MTTQ-BTT", "Lương Minh, ngày 18 tháng 11 năm 2025",
     ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh", "commune"), ("Quảng Ninh", None, "Xã Lương Minh")),
    ("BỘ CÔNG AN\nTỔ CÔNG TÁC LIÊN NGÀNH TW", "996/KH-TCTLNTW-C04", "Hà Nội, ngày 24 tháng 02 năm 2026",
     ("Tổ Công tác liên ngành TW", "central"), (None, None, None)),
    ("UBND HUYỆN HIỆP HÒA\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "21/KH-PGD&ĐT", "Hiệp Hòa, ngày 12 tháng 10 năm 2020",
     ("Phòng Giáo dục và Đào tạo huyện Hiệp Hòa", "district"), ("Bắc Giang", "Hiệp Hòa", None)),
]


@pytest.mark.parametrize("header,number,dated,issuer,area", ISSUERS)
def test_issuers_beyond_ubnd_and_so(write_doc, header, number, dated, issuer, area):
    """HĐND, a Phòng under a district (names in capitals), đặc khu, Đảng ủy, Ủy ban MTTQ and its Ban
    Thường trực, a body under a ministry: level and area from the gazetteer, never a literal None."""
    r = write_doc(f"{header}\n\nSố: {number}\n\n{dated}\n\nKẾ HOẠCH\nThực hiện nhiệm vụ năm nay\n\n"
                  "I. MỤC ĐÍCH\n\nThực hiện tốt nhiệm vụ.\n")
    m = r.meta
    assert m["number"] == number
    assert m["issuer"]["level"] == issuer[1]
    if issuer[0]:
        assert m["issuer"]["name"] == issuer[0]
    assert (m["area"]["province"], m["area"]["district"], m["area"]["commune"]) == area
    assert "None" not in str(m["issuer"]) and not any("None" in n for n in r.notes)


def test_a_page_saved_from_a_legal_portal(tmp_path):
    """.html as saved from a portal: the header table, centred heading and title, the signature table;
    scripts, styles, navigation and footer are not the plan's text. (Composed in the markup portals use.)"""
    from .conftest import FIXTURES

    r = parse_document(FIXTURES / "trang-cong-thong-tin.html")
    m = r.meta
    assert (m["number"], m["date"], m["issuer"]["name"], m["area"]["district"]) == (
        "18/KH-UBND", "2023-02-21", "Ủy ban nhân dân huyện Hưng Hà", "Hưng Hà")
    assert m["title"].startswith("Triển khai thực hiện Đề án") and m["source"]["format"] == "html"
    assert [b["number"] for b in m["basis"]] == ["19/KH-UBND"]
    assert (m["signer"]["name"], m["recipients"]) == ("Đinh Bá Khải", ["UBND tỉnh", "Lưu: VT"])
    assert "pháp luật & kỹ năng" in r.body
    for gone in ("var x", "Trang chủ | Văn bản", "Cổng thông tin"):
        assert gone not in r.body
