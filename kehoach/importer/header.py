"""The document's head: issuer lines, "Số: …", "place, ngày … tháng … năm …", the type heading, the title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..citations import UPPER, normalize_number, parse_date
from ..text import fold
from ..vocabulary import vocabulary
from .readers import Block

# "Số:", and what OCR makes of it ("Só:", "Sô:"): an S, one letter whose folded form is o, then : or .
_NUMBER_LINE = re.compile(r"^(?:Số\s*[:.]?|S[óòỏõọôồốổỗộơờớởỡợo]\s*[:.])\s*(?P<rest>.*)$", re.IGNORECASE)
# a symbol after a number that cannot be read (written by hand on a scan): "⁄⁄2⁄2 /KH-UBND"
_SYMBOL_AFTER_JUNK = re.compile(rf"/\s*(?P<sym>[{UPPER}][\w&/-]*)$")
_NUMBER = re.compile(rf"^(?P<n>\d{{1,6}}[a-z]?)?\s*(?P<y>/\s*\d{{4}}\s*)?(?P<sep>[/-])\s*(?P<sym>[{UPPER}][\w&/-]*)$")
# a day or month left blank, or written by hand and unreadable on a scan ("ngày Ê tháng 5", "ngày(2"), is
# unknown: a day is read only where it is written clean, never guessed from what OCR made of it
_UNREAD = r"[^\s]{0,4}"
_PLACE_DATE = re.compile(
    rf"^(?P<place>[^,]{{1,80}}?)\s*,\s*ngày\s*(?:(?P<d>\d{{1,2}})|{_UNREAD})\s*tháng\s*(?:(?P<m>\d{{1,2}})|{_UNREAD})"
    r"\s*năm\s*(?P<y>\d{4})?\s*\.?$", re.IGNORECASE)
_PLACE_DATE_NUMERIC = re.compile(
    r"^(?P<place>[^,]{1,80}?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})\s*\.?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\W_]+$")
_ATTACHED_TO = re.compile(r"^\(\s*(?:Ban hành\s+)?kèm theo\b.*\)\.?$", re.IGNORECASE)


def is_motto(line: str) -> bool:
    f = fold(line)
    return "cong hoa xa hoi chu nghia viet nam" in f or ("doc lap" in f and "hanh phuc" in f)


def doc_type_heading(line: str) -> str | None:
    """``"KẾ HOẠCH"`` → ``"Kế hoạch"``: a line that is a document type written in capitals; also as OCR
    reads it with one letter wrong ("KÉẺ HOẠCH")."""
    bare = line.strip(" #*").strip()
    if not bare or bare != bare.upper() or not any(c.isalpha() for c in bare):
        return None
    found = vocabulary().doc_type_by_name(re.sub(r"\s+", " ", bare))
    if found:
        return found.name
    return _near_type(fold(re.sub(r"[^\w\s]", "", bare)).strip())


@lru_cache(maxsize=4096)
def _near_type(folded: str) -> str | None:
    if not 6 <= len(folded) <= 30:
        return None
    for t in vocabulary().doc_types:
        name = fold(t.name)
        if len(name) >= 6 and abs(len(name) - len(folded)) <= 1 and _one_edit(name, folded):
            return t.name
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether b is a with at most one letter changed, added or dropped."""
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@dataclass
class NumberLine:
    number: str | None
    symbol: str


def parse_number_line(line: str) -> NumberLine | None:
    m = _NUMBER_LINE.match(line)
    if not m:
        return None
    rest = re.sub(r"[.…_]+(?=\s*/)", "", m.group("rest")).strip()  # "Số: ..../KH-UBND" = blank number
    rest = re.sub(r"\s*([/-])\s*", r"\1", rest)  # "12 /KH- PGD&ĐT": spaces a typist or a PDF put in
    n = _NUMBER.match(rest)
    if not n:
        junk = _SYMBOL_AFTER_JUNK.search(rest)
        if junk and len(rest) - len(junk.group(0)) <= 8:  # a few unreadable marks, then the symbol
            return NumberLine(None, junk.group("sym"))
        return None
    symbol = n.group("sym")
    if not n.group("n"):
        return NumberLine(None, symbol)
    return NumberLine(normalize_number(f"{n.group('n')}{n.group('y') or ''}{n.group('sep')}{symbol}"), symbol)


@dataclass
class PlaceDate:
    place: str
    date: str | None


def parse_place_date(line: str) -> PlaceDate | None:
    clean = re.sub(r"[.…_]{2,}", " ", line)  # "ngày ... tháng ... năm 2024"
    m = _PLACE_DATE.match(clean) or _PLACE_DATE_NUMERIC.match(clean)
    if not m:
        return None
    return PlaceDate(m.group("place").strip(), parse_date(m.group("d"), m.group("m"), m.group("y")))


@dataclass
class Head:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    date: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    title: str | None = None
    leftover: list[Block] = field(default_factory=list)  # head lines not understood: kept in the body
    body_start: int = 0  # index of the first block after the head


def _is_issuer_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and line == line.upper() and len(line) <= 80


def _starts_title(block: Block) -> bool:
    return bool(block.first) and block.table is None


def parse_head(blocks: list[Block]) -> Head:
    head = Head()
    heading_at = None
    for i, block in enumerate(blocks[:25]):
        if block.table is None and block.lines and doc_type_heading(block.first):
            heading_at = i
            break
    # Without a type heading, the head is the leading run of blocks made only of head lines.
    end = heading_at if heading_at is not None else 0
    if heading_at is None:
        while end < len(blocks) and _head_block(blocks[end]):
            end += 1
    # the issuer is written above the number, or beside it in the header table: an uppercase line after
    # that table is someone else's (the receiving office's "ĐẾN" stamp over a scan: "UBND TỈNH LÂM ĐỒNG")
    after_table = False
    for block in blocks[:end]:
        unknown = [line for line in _head_parts(block.flat_lines()) if not _take_head_line(head, line, not after_table)]
        if unknown:
            head.leftover.append(Block(unknown))
        after_table = after_table or block.table is not None and _head_block(block)
    if heading_at is None:
        head.body_start = end
        return head

    heading = blocks[heading_at]
    head.doc_type = doc_type_heading(heading.first)
    title_lines = heading.lines[1:]
    i = heading_at + 1
    if not title_lines and i < len(blocks) and _starts_title(blocks[i]):
        title_lines = list(blocks[i].lines)
        i += 1
    # A title broken by a page or paragraph break goes on in lower case.
    while title_lines and i < len(blocks) and blocks[i].table is None and blocks[i].first[:1].islower() \
            and not re.match(r"^[a-zđ]\)", blocks[i].first):
        title_lines += blocks[i].lines
        i += 1
    while i < len(blocks) and blocks[i].table is None and all(_SEPARATOR.match(x) for x in blocks[i].lines):
        i += 1
    lines = [x for x in title_lines if not _SEPARATOR.match(x)]
    attached = [x for x in lines if _ATTACHED_TO.match(x)]  # "(Ban hành kèm theo Quyết định số …)": not the title
    if attached:
        head.leftover.append(Block(attached))
        lines = [x for x in lines if x not in attached]
    head.title = " ".join(" ".join(lines).split()) or None
    head.body_start = i
    return head


_MOTTO_START = re.compile(r"cong\s+hoa\s+xa\s+hoi|doc\s+lap\s*[-–—]")  # on the folded line (same length)
_PLACE_BEFORE_DATE = re.compile(r"(?:[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]+\s+){0,3}[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]+\s*,\s*ngày", re.UNICODE)


def _head_parts(lines: list[str]) -> list[str]:
    """Header lines whose two columns ran together (a scan read line by line): the issuer and the motto
    ("BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), the number and the place and date."""
    out: list[str] = []
    for line in lines:
        m = _MOTTO_START.search(fold(line))
        if m and m.start() > 0 and not is_motto(line[:m.start()]):
            out += [line[:m.start()].strip(), line[m.start():].strip()]
            continue
        d = _PLACE_BEFORE_DATE.search(line)
        if d and d.start() > 0 and _NUMBER_LINE.match(line) and parse_place_date(line[d.start():]):
            out += [line[:d.start()].strip(), line[d.start():].strip()]
            continue
        out.append(line)
    return out


def _head_block(block: Block) -> bool:
    """A block of head lines only; or the header table (issuer, number, date beside the motto)."""
    if block.table is not None:
        kinds = {_head_line_kind(x) for x in block.flat_lines()}
        return bool(kinds & {"number", "date"})
    return all(_head_line_kind(x) for x in block.lines)


def _head_line_kind(line: str) -> str | None:
    if is_motto(line) or _SEPARATOR.match(line):
        return "drop"
    if parse_number_line(line):
        return "number"
    if parse_place_date(line):
        return "date"
    if _is_issuer_line(line):
        return "issuer"
    return None


def _take_head_line(head: Head, line: str, issuers: bool = True) -> bool:
    """Store a head line in `head`; False when it is not a head line (or a second one of a kind, or an
    issuer line where `issuers` is false)."""
    kind = _head_line_kind(line)
    if kind == "issuer" and (not issuers or head.symbol is not None):
        return False  # the issuer stands above the number (Nghị định 30/2020, Phụ lục I); below it, a stamp
    if kind == "number" and head.symbol is None:
        parsed = parse_number_line(line)
        head.number, head.symbol = parsed.number, parsed.symbol
    elif kind == "date" and head.place is None:
        parsed = parse_place_date(line)
        head.place, head.date = parsed.place, parsed.date
    elif kind == "issuer":
        head.issuer_lines.append(line)
    else:
        return kind == "drop"
    return True
