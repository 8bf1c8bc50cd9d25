"""The number and the day an office fills in by hand at signing ("Số: 589 /KH-BCA-C04",
"Hà Nội, ngày 02 tháng 10 năm 2025"), read again from a scan.

Tesseract's Vietnamese model reads print; on the first page of a scan it turns a handwritten number
into marks ("Só:#Ó6`", "ngàyđ$tháng"). Where the gap between "Số:" and the symbol, between "ngày"
and "tháng", or between "tháng" and "năm" holds no plain number, that gap alone is rendered again (poppler's pdftoppm crops at the
OCR's resolution) and read as one line of digits. A reading is kept only when Tesseract is confident
of it (CONFIDENT); otherwise the gap is left as OCR read it and the field stays blank. Ink that is
clear (a number stamp, firm strokes) passes; flowing handwriting mostly does not, and a blank beats a
wrong number. Every field of a scan is marked for review anyway, and a re-read one is named."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import tesseract
from .layout import Line, Page, Word, lines_of

CONFIDENT = 75  # Tesseract's word confidence, 0–100
HEAD_LINES = 14  # the number and the date stand in the first lines of the first page

# "Số:" as OCR reads it: an S (or 5, $), up to two marks, a colon: "Số:", "Só:", "56:"
_SO = re.compile(r"^[S5$][^\s:/]{0,2}:")
_SO_WORD = re.compile(r"^[S5$][ốoóòôồổỗộơõỏọ6]$", re.IGNORECASE)  # "Số" without its colon
_SYMBOL = re.compile(r"/\s*-?[A-ZĐ]")
_NGAY = re.compile(r"ngày|ngay", re.IGNORECASE)
_THANG = re.compile(r"tháng|thang", re.IGNORECASE)
_NAM = re.compile(r"năm|nam", re.IGNORECASE)
_PLAIN = {"number": re.compile(r"\d{1,5}"), "day": re.compile(r"\d{1,2}"), "month": re.compile(r"\d{1,2}")}
_RANGE = {"day": 31, "month": 12}


@dataclass
class Gap:
    field: str  # number | day | month
    line: Line
    x0: float
    x1: float
    first: int  # words[first:last] of the line are replaced by: head, the digits, tail
    last: int
    head: str
    tail: str


def _char_width(line: Line) -> float:
    """The width of a printed character on the line, from its words of letters."""
    widths = sorted((w.x1 - w.x0) / len(w.text) for w in line.words if len(w.text) >= 3 and w.text.isalpha())
    return widths[len(widths) // 2] if widths else (line.bottom - line.top) / 2


def _start(word: Word, index: int, cw: float) -> float:
    """Where the gap after word.text[:index] starts: OCR's box of a word sometimes takes in the ink
    after it ('ngày' and the handwritten day), so no later than `index` printed characters in."""
    return min(word.x0 + (word.x1 - word.x0) * index / len(word.text), word.x0 + index * cw)


def _end(word: Word, index: int, cw: float) -> float:
    """Where the gap before word.text[index:] ends; its box may take in the ink before it."""
    return max(word.x0 + (word.x1 - word.x0) * index / len(word.text), word.x1 - (len(word.text) - index) * cw)


def _number_gap(line: Line) -> Gap | None:
    words = line.words
    w0, cw = words[0], _char_width(line)
    m = _SO.match(w0.text) or _SO_WORD.match(w0.text)
    if not m:
        return None
    start, head, rest = _start(w0, m.end(), cw), w0.text[:m.end()], w0.text[m.end():]
    if _SYMBOL.search(rest):
        return None
    between = [rest]
    for j, word in enumerate(words[1:], 1):
        s = _SYMBOL.search(word.text)
        if s:
            between.append(word.text[:s.start()])
            if _PLAIN["number"].fullmatch("".join(between).strip(" .…_")):
                return None  # read already
            return Gap("number", line, start, _end(word, s.start(), cw), 0, j + 1, head, word.text[s.start():])
        between.append(word.text)
    return None


def _date_gap(line: Line, field: str, opener: re.Pattern, closer: re.Pattern) -> Gap | None:
    """The gap after "ngày" (the day) or after "tháng" (the month), up to the next word of the date."""
    words, cw = line.words, _char_width(line)
    for i, word in enumerate(words):
        n = opener.search(word.text)
        if not n:
            continue
        between = []
        for j in range(i, min(i + 4, len(words))):
            w = words[j]
            offset = n.end() if j == i else 0
            t = closer.search(w.text, offset)
            between.append(w.text[offset:t.start() if t else None])
            if t:
                if _PLAIN[field].fullmatch("".join(between).strip(" .…_")):
                    return None  # read already
                return Gap(field, line, _start(word, n.end(), cw), _end(w, t.start(), cw), i, j + 1,
                           word.text[:n.end()], w.text[t.start():])
        return None
    return None


_FIND = {"number": _number_gap,
         "day": lambda line: _date_gap(line, "day", _NGAY, _THANG),
         "month": lambda line: _date_gap(line, "month", _THANG, _NAM)}


def _render(pdf: Path, page_no: int, box: tuple[int, int, int, int], dpi: int, out: Path) -> bool:
    x, y, w, h = box
    done = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page_no), "-l", str(page_no), "-gray",
                           "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-singlefile", str(pdf),
                           str(out.with_suffix(""))], capture_output=True, check=False, timeout=120)
    return done.returncode == 0 and out.exists()


def _digits(image: Path) -> tuple[str, float]:
    """The most confident reading of an image as one line (and as one word) of digits."""
    best = ("", -1.0)
    for psm in ("7", "8"):
        rows = tesseract.words(tesseract.tsv_rows(image, ["--psm", psm, "-c", "tessedit_char_whitelist=0123456789"],
                                                  timeout=60)[0])
        if len(rows) == 1:  # two words where one number stands: not a reading
            text, conf = rows[0]["text"].strip(), float(rows[0]["conf"])
            if conf > best[1]:
                best = (text, conf)
    return best


def _plausible(field: str, digits: str) -> bool:
    if not _PLAIN[field].fullmatch(digits) or digits.startswith("0") and field == "number":
        return False
    return field not in _RANGE or 1 <= int(digits) <= _RANGE[field]


def _gap(page: Page, field: str) -> Gap | None:
    for line in lines_of(page)[:HEAD_LINES]:
        gap = _FIND[field](line)
        if gap:
            return gap
    return None


def _fill(page: Page, gap: Gap, digits: str | None) -> None:
    """The gap's words replaced by the text before it, the digits read (if any), and the text after
    it; what OCR made of the ink is dropped, and so are marks without a letter or digit that it
    scattered into the symbol ("/KH- _ UBND"). "56:" before a number is "Số:": the place says so."""
    words = gap.line.words
    first, last = words[gap.first], words[gap.last - 1]
    head = "Số:" if gap.field == "number" else gap.head
    new = [Word(head, first.x0, gap.x0, first.top, first.bottom)]
    if digits:
        new.append(Word(digits, gap.x0, gap.x1, first.top, first.bottom))
    if gap.tail:
        new.append(Word(gap.tail, gap.x1, last.x1, last.top, last.bottom))
    replaced = {id(w) for w in words[gap.first:gap.last]}
    if gap.field == "number":
        for word in words[gap.last:]:
            if any(c.isalnum() for c in word.text):
                break
            replaced.add(id(word))
    page.words = [w for w in page.words if id(w) not in replaced] + new


def reread(pdf: Path, page_no: int, page: Page, dpi: int) -> list[str]:
    """Fill the handwritten number, day and month into `page` (its words, at `dpi`) where Tesseract
    reads them confidently; what was filled, for the maintainer's review."""
    filled = []
    with tempfile.TemporaryDirectory() as tmp:
        for field in _FIND:  # one after the other: the day's "tháng" opens the month's gap
            gap = _gap(page, field)
            if gap is None:
                continue
            height = max(w.bottom - w.top for w in gap.line.words)
            digits = None
            if gap.x1 - gap.x0 >= height * 0.5:  # else no room for a number: left blank (a draft)
                top, bottom = max(gap.line.top - 0.6 * height, 0), gap.line.bottom + 0.3 * height
                box = (int(gap.x0), int(top), int(gap.x1 - gap.x0), int(bottom - top))
                image = Path(tmp) / f"{field}.pgm"
                if _render(pdf, page_no, box, dpi, image):
                    read, conf = _digits(image)
                    if conf >= CONFIDENT and _plausible(field, read):
                        digits = read
                        filled.append(f"{field} {digits}")
            _fill(page, gap, digits)
    return filled
