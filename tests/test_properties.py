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


# the new readers: words placed on a page (a PDF's text layer or OCR), and antiword's text of a .doc
from kehoach.importer.doc import antiword_blocks  # noqa: E402
from kehoach.importer.layout import Page, Word, page_blocks  # noqa: E402


def _block_words(blocks) -> list[str]:
    return sorted(t for b in blocks for line in b.flat_lines() for t in tokens(line))


@st.composite
def placed_pages(draw):
    """Lines of words on A4 pages: indented or not, some in two columns far apart, some centred."""
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        page, y = Page(595.0, 842.0), 60.0
        for text in draw(st.lists(free_line, min_size=1, max_size=25)):
            x = draw(st.sampled_from([72.0, 100.0, 250.0]))
            column = draw(st.booleans())
            for i, w in enumerate(text.split()):
                x0 = x + (300.0 if column and i == 1 else 0.0)
                page.words.append(Word(w, x0, x0 + 6.0 * len(w), y, y + 13.0))
                x = x0 + 6.0 * len(w) + 3.5
            y += draw(st.sampled_from([15.0, 16.0, 30.0]))
        pages.append(page)
    return pages


@settings(max_examples=200, deadline=None)
@given(placed_pages())
def test_layout_keeps_every_word_of_every_line(pages):
    """No word of a placed line is lost, whatever the columns, indents and gaps; only a line that is a
    page number alone at the top or foot of a page may go."""
    words = sorted(t for p in pages for w in p.words for t in tokens(w.text))
    got = _block_words(page_blocks(pages))
    missing = [w for w in set(words) if words.count(w) > got.count(w)]
    assert all(m.isdigit() for m in missing), missing


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(free_line, free_line.map(lambda x: "|" + x.replace(" ", " | ") + "|"), st.just("")),
                max_size=30))
def test_antiword_text_keeps_every_word(lines):
    words = sorted(t for line in lines for t in tokens(line))
    assert _block_words(antiword_blocks("\n".join(lines))) == words


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "kh-1", "kh-10", "kh-2"]),
                          st.one_of(st.none(), st.sampled_from(["2024", "2024-03", "2024-03-01", "2023-12-31", ""]),
                                    st.dates().map(lambda d: d))), max_size=30))
def test_plans_newest_first_are_ordered_by_date_then_id_both_descending(pairs):
    """site.lines.by_date sorts in two stable passes: the order of one sort by (date as text, id)."""
    from kehoach.graph.model import Node
    from kehoach.site.lines import by_date
    nodes = [Node(nid, "plan", date=d) for nid, d in pairs]
    assert [id(n) for n in by_date(nodes)] == \
        [id(n) for n in sorted(nodes, key=lambda n: (str(n.date or ""), n.id), reverse=True)]
