"""Property tests: on any text the importer never crashes, and never drops a word of a non-blank
source line from its output (front matter values + body)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.importer import ReadError, parse_document
from kehoach.text import fold, tokens

# Label words the format turns into structure ("Số: 18/KH-UBND" → number, "Nơi nhận:" → recipients,
# "(Đã ký)" → nothing): the only words allowed to vanish.
LABELS = {"số", "ngày", "tháng", "năm", "nơi", "nhận", "đã", "ký"}

STRUCTURE = [
    "KẾ HOẠCH", "ỦY BAN NHÂN DÂN", "HUYỆN HƯNG HÀ", "UBND TỈNH BẮC GIANG", "SỞ TƯ PHÁP", "Số: 12/KH-UBND",
    "Số: /KH-STP", "Hưng Hà, ngày 21 tháng 02 năm 2023", "Hải Phòng, ngày tháng năm 2024", "I. MỤC ĐÍCH",
    "II - NỘI DUNG", "1. Tuyên truyền", "1.1. Tập huấn", "a) Đối với xã", "- mục một;", "+ mục con;",
    "Căn cứ Luật Trợ giúp pháp lý năm 2017;", "Thực hiện Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh Thái Bình,",
    "Cơ quan chủ trì: Phòng Tư pháp.", "Thời gian thực hiện: Quý II.", "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An", "PHỤ LỤC", "| a | b |", "---", "",
]

word = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịúùủũụýỳ"
                        "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789", min_size=1, max_size=8)
free_line = st.lists(st.one_of(word, st.sampled_from(list(".,;:-+*#|/()“”>_"))), min_size=1, max_size=12).map(" ".join)
line = st.one_of(free_line, st.sampled_from(STRUCTURE))


def output_tokens(imported) -> set[str]:
    values: list[str] = []

    def walk(v) -> None:
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif v is not None:
            values.append(str(v))

    walk(imported.meta)
    return {_norm(t) for t in tokens(" ".join(values) + " " + imported.body)}


# The format writes abbreviations in full and restores diacritics from the gazetteer
# ("UBND HUYEN HUNG HA" → "Ủy ban nhân dân huyện Hưng Hà"): words are compared folded, and an
# abbreviation counts as kept when its expansion is there.
EXPANSIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "tp": "thanh pho"}


def _norm(token: str) -> str:
    return (token.lstrip("0") or "0") if token.isdigit() else fold(token)


def _kept(token: str, have: set[str]) -> bool:
    t = _norm(token)
    return t in have or (t in EXPANSIONS and all(w in have for w in EXPANSIONS[t].split()))


def _import(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "doc.txt")
        path.write_text(text, "utf-8")
        return parse_document(path)


head_line = st.sampled_from(["ỦY BAN NHÂN DÂN", "HUYỆN HƯNG HÀ", "UBND TỈNH BẮC GIANG", "SỞ TƯ PHÁP",
                             "Số: 12/KH-UBND", "Số: /KH-STP", "Hưng Hà, ngày 21 tháng 02 năm 2023",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
MOTTO = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}


@st.composite
def documents(draw):
    """A plan head (some header lines, a type heading, a title), then any mix of structure and text."""
    head = draw(st.lists(head_line, max_size=5))
    title = draw(free_line)
    rest = draw(st.lists(line, min_size=1, max_size=40))
    blank = draw(st.lists(st.booleans(), min_size=len(rest), max_size=len(rest)))
    lines = head + ["", "KẾ HOẠCH", title, ""]
    for text, gap in zip(rest, blank):
        lines += [text, ""] if gap else [text]
    return lines


def assert_nothing_lost(lines: list[str]) -> None:
    imported = _import("\n".join(lines))
    have = output_tokens(imported)
    for source_line in lines:
        if source_line in MOTTO:
            continue  # the national motto heads every document; the format drops it
        for t in tokens(source_line):
            if t not in LABELS:
                assert _kept(t, have), f"lost {t!r} of line {source_line!r}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_no_word_of_the_source_is_lost(lines):
    assert_nothing_lost(lines)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_never_crashes_on_any_text(text):
    try:
        imported = _import(text)
    except ReadError:
        return
    assert isinstance(imported.body, str) and imported.meta["source"]["sha256"]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", imported.meta["id"])


SEED_TEXTS = {p.name: p.read_text("utf-8").split("\n") for p in sorted((Path(__file__).parent / "fixtures/seeds").glob("*.txt"))}


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(sorted(SEED_TEXTS)), where=st.floats(0.1, 0.9),
       inserted=st.sampled_from(["Nơi nhận:", "Nơi nhận: Sở Tư pháp", "Nơi nhận hồ sơ: Bộ phận một cửa UBND xã"]))
def test_a_noi_nhan_line_in_the_middle_stays_in_the_text(name, where, inserted):
    """"Nơi nhận" that is not the document's foot (a lone label in the text, a sentence starting so)
    is text: it stays in the body, and the foot's recipients are the same as without it."""
    lines = SEED_TEXTS[name]
    start = next(i for i, x in enumerate(lines) if x.startswith(("I.", "I -", "1.", "Căn cứ", "Thực hiện")))
    foot = next(i for i, x in enumerate(lines) if x.startswith("Nơi nhận"))
    at = start + 2 + int(where * (foot - start - 6))
    before = _import("\n".join(lines))
    after = _import("\n".join(lines[:at] + ["", inserted, ""] + lines[at:]))
    assert fold(inserted) in fold(after.body)
    assert after.meta["recipients"] == before.meta["recipients"]
