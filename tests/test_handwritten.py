"""A scan's number and day, written by hand at signing: the gaps OCR leaves are found and read again
(importer.handwriting), and a number the scan does not give may come from the file's name
(importer.filename), each said in the record's notes for the maintainer's review."""

from __future__ import annotations

import pytest

from kehoach.importer import parse_document
from kehoach.importer.filename import number_from_name
from kehoach.importer.handwriting import _fill, _gap
from kehoach.importer.layout import Page, Word, lines_of

from .test_real_plans import REAL


def page_of(*cells: str) -> Page:
    """One line of words, each cell's words 30 px wide, 10 px apart."""
    words, x = [], 100.0
    for word in " ".join(cells).split(" "):
        words.append(Word(word, x, x + 30 * len(word) / 3, 300, 340))
        x += 30 * len(word) / 3 + 10
    return Page(2480, 3508, words)


def text(page: Page) -> str:
    return " | ".join(line.text for line in lines_of(page))


@pytest.mark.parametrize("line, field, digits, after", [
    ("Só:#Ó6` /KH-TCTLNTW-C04", "number", "996", "Số: 996 /KH-TCTLNTW-C04"),
    ("Số: ⁄⁄2⁄2 /KH-UBND", "number", None, "Số: /KH-UBND"),
    ("56:6” «. 4B0 /KH- _ UBND", "number", None, "Số: /KH- UBND"),
    ("Hà Nội, ngàyđ$tháng năm 2026", "day", "24", "Hà Nội, ngày 24 tháng năm 2026"),
    ("Hà Giang, ngày Ê tháng 5 năm 2019", "day", None, "Hà Giang, ngày tháng 5 năm 2019"),
    ("ngày 12 tháng 8# năm 2019", "month", "3", "ngày 12 tháng 3 năm 2019"),
])
def test_a_gap_is_found_and_filled(line, field, digits, after):
    page = page_of(line)
    gap = _gap(page, field)
    assert gap is not None
    _fill(page, gap, digits)
    assert text(page) == after


@pytest.mark.parametrize("line, field", [
    ("Số: 21 /KH-PGD&ĐT", "number"),  # typed, read already
    ("Số:12 /KH- PGD&ĐT", "number"),
    ("Hiệp Hòa, ngày 07 tháng10 năm 2020", "day"),
    ("Hiệp Hòa, ngày 07 tháng 10 năm 2020", "month"),
    ("Thực hiện Kế hoạch số 19/KH-UBND", "number"),  # not the header's number line
])
def test_what_is_read_already_is_no_gap(line, field):
    assert _gap(page_of(line), field) is None


@pytest.mark.parametrize("name, symbol, places, number", [
    # the names offices and portals gave the real scans
    ("996KH-TCTLNTW-C04.pdf", "KH-TCTLNTW-C04", [], "996"),
    ("212_kh_bgddt.pdf", "KH-BGDĐT", [], "212"),
    ("KE HOACH 152. KH-UBND PHAN LUONG HỌC SINH 5.2019.pdf", "KH-UBND", ["Hà Giang"], "152"),
    ("Ke_hoach_150_KH-UBND_de_an_day_Tin_hoc_2017-2020__dinh_huong_2025_3b93b2b6e7.pdf", "KH-UBND",
     ["Bắc Giang", "Hiệp Hòa"], "150"),
    ("ubnd-hiephoa-150-tin-hoc.pdf", "KH-UBND", ["Bắc Giang", "Hiệp Hòa"], "150"),
    ("150_KH-UBND.pdf", "KH-UBND", [], "150"),
    # nothing to take
    ("1_589.signed.pdf", "KH-BCA-C04", [], None),  # 589 stands beside nothing of the symbol
    ("17_ubnd-hiephoa-tin-hoc.pdf", "KH-UBND", ["Hiệp Hòa"], None),  # a list's ordinal
    ("Tờ trình 124 Kế hoạch thi đua.pdf", "KH-UBND", ["Lâm Đồng"], None),
    ("KH-UBND 2026.pdf", "KH-UBND", [], None),  # a year
    ("12 KH-UBND 13 UBND.pdf", "KH-UBND", [], None),  # two: which is it?
])
def test_a_number_from_the_files_name(name, symbol, places, number):
    assert number_from_name(name, symbol, places) == number


@pytest.mark.skipif(not REAL.is_dir(), reason=f"the real plan files are not here ({REAL})")
def test_a_clear_handwritten_number_is_read_and_said():
    """02: "Số: 996" and "ngày 24" in firm strokes (its month "02" runs into "năm" and is not read)."""
    r = parse_document(REAL / "02_tctlntw-996-kiem-soat-tien-chat.pdf")
    assert r.meta["number"] == "996/KH-TCTLNTW-C04"
    assert "number 996: read from handwriting on the scan; check it against the original" in r.notes
    assert "day 24: read from handwriting on the scan; check it against the original" in r.notes


@pytest.mark.skipif(not REAL.is_dir(), reason=f"the real plan files are not here ({REAL})")
def test_a_number_from_the_name_is_said():
    r = parse_document(REAL / "05_ubnd-hagiang-152-phan-luong-hs.pdf")
    assert r.meta["number"] == "152/KH-UBND"
    assert any(n.startswith("number: 152, from the file's name") for n in r.notes), r.notes
