"""Find the documents a text cites: "Kế hoạch số 19/KH-UBND ngày 16/02/2023 của UBND tỉnh Thái Bình…".

This is the *find* step only (as in eyecite: find → resolve → annotate). It reads what the text
says — type, number, date, issuer, subject — and never guesses what the text leaves out: an
issuer that is not written stays None here; resolving it from context is the graph's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as _date
from functools import cache, lru_cache

from .text import fold
from .vocabulary import vocabulary

UPPER = "A-ZĐĂÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
_SEGMENT = rf"[{UPPER}][A-Za-zĐđ0-9&]*"
# 19/KH-UBND · 04/2024/NQ-HĐND · 39-CT/TW · 1120/UBND-NC · "18 /KH-UBND" (stray space)
NUMBER = rf"\d{{1,6}}[a-z]?(?:\s*/\s*\d{{4}})?(?:\s*/\s*|-){_SEGMENT}(?:[-/][{UPPER}0-9][A-Za-zĐđ0-9&]*)*"
DATE = (r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})")

_DATE_AFTER = re.compile(rf"\s*,?\s*(?:ban hành\s+)?ngày\s+(?:{DATE})")
_YEAR_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?(?:trong\s+)?năm\s+(?P<y>\d{4})\b")  # "19/KH-UBND năm 2023"
_OF = re.compile(r"\s*,?\s*của\s+")
_UNIT_TYPES = r"tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu"
_PLACE = re.compile(rf"(?: +(?:{_UNIT_TYPES}))?(?: +(?:[{UPPER}]\w*|\d+)(?![\w/]))*")
_TERM = re.compile(r",\s+(?=Ủy ban nhân dân\b|UBND\b)|;|\.(?=\s|$)|\(|\n|\s[–-]\s")
# "… ban hành Kế hoạch thực hiện Quyết định số 32/2016/QĐ-TTg …": the next citation is part of
# this one's subject. After "… được Thủ tướng Chính phủ phê duyệt tại", it is another document.
_NESTING = re.compile(r"(?:thực hiện|triển khai|thi hành|hướng dẫn|sửa đổi|bổ sung|thay thế|quy định chi tiết)"
                      r"(?:\s+(?:một số điều của|các|của))?\s*$")
_APPROVED_AT = re.compile(r"\s+được\s+[^,;]{0,80}?\s(?:phê duyệt|ban hành)(?:\s+tại)?$")
_SUBJECT_LEAD = re.compile(r"^[\s,:]*(?:về việc|về)?\s*")
_TRAILING_WORDS = {"và", "tại", "theo", "của", "với", "được", "các", "cho", "về", "là"}
_LAW_EXCLUDED_NEXT = {"sư", "gia"}  # "Luật sư", "Luật gia" are professions, not laws


def parse_date(day: str | None, month: str | None, year: str | None) -> str | None:
    """ISO date, year-month or year from parts as written; None if the parts are not a real date."""
    try:
        if year and month and day:
            return _date(int(year), int(month), int(day)).isoformat()
        if year and month:
            _date(int(year), int(month), 1)
            return f"{int(year):04d}-{int(month):02d}"
        if year:
            _date(int(year), 1, 1)
            return f"{int(year):04d}"
    except ValueError:
        return None
    return None


def date_from_match(m: re.Match) -> str | None:
    g = m.groupdict()
    return parse_date(g.get("d") or g.get("d2"), g.get("m") or g.get("m2"), g.get("y") or g.get("y2"))


def normalize_number(number: str) -> str:
    """``"18 /KH-UBND"`` → ``"18/KH-UBND"``."""
    return re.sub(r"\s+", "", number)


@lru_cache(maxsize=1 << 16)
def symbol_of(number: str) -> str:
    """The symbol of a number: ``"04/2024/NQ-HĐND"`` → ``"NQ-HĐND"``, ``"39-CT/TW"`` → ``"CT/TW"``."""
    m = re.match(r"\d+[a-z]?(?:/\d{4})?[/-](.+)", normalize_number(number))
    return m.group(1) if m else number


@dataclass
class Citation:
    text: str
    doc_type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    subject: str | None = field(default=None, compare=False)  # the words after number, date and issuer

    def record(self) -> dict:
        """The front-matter shape: ``{text, doc_type, number, date, issuer}``."""
        return {"text": self.text, "doc_type": self.doc_type, "number": self.number,
                "date": self.date, "issuer": self.issuer}

    def dedup_key(self) -> tuple:
        if self.number:
            return ("n", self.number.casefold())
        law = vocabulary().law_by_name(self.name_part())
        return ("l", fold(law.name if law else self.name_part()))

    def name_part(self) -> str:
        """For a law cited by name: its name without the year."""
        return re.sub(r"\s+(?:năm\s+)?\d{4}$", "", self.text)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, list[str], list[str]]:
    voc = vocabulary()
    types = sorted({d.name for d in voc.doc_types} | {"Văn bản"}, key=len, reverse=True)
    type_alt = "|".join(re.escape(t) for t in types)
    numbered = re.compile(rf"(?<!\w)(?P<type>(?i:{type_alt}))(?:\s+(?i:số))?\s*:?\s*(?P<num>{NUMBER})(?![\w/])")
    law = re.compile(r"(?<!\w)(?:Bộ luật|Luật)\s+(?=\w)")
    law_names = sorted((n for x in voc.laws for n in (x.name, *x.aliases)), key=len, reverse=True)
    central = sorted({a.name for a in voc.agencies if a.level == "central"}
                     | {"Ban Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương Đảng"}, key=len, reverse=True)
    return numbered, law, law_names, central


def expand_abbreviations(name: str) -> str:
    """``"UBND tỉnh Thái Bình"`` → ``"Ủy ban nhân dân tỉnh Thái Bình"``."""
    name = re.sub(r"\bUBND\b", "Ủy ban nhân dân", name)
    name = re.sub(r"\bHĐND\b", "Hội đồng nhân dân", name)
    return re.sub(r"\bTP\.?(?=\s)", "thành phố", name)


def _local_body(text: str, pos: int) -> int | None:
    """End of a local body's name at `pos` ("Sở Tư pháp", "UBND", "Chủ tịch UBND"), or None."""
    m = re.compile(r"(?:Chủ tịch\s+|Thường trực\s+|Ban Thường vụ\s+)?"
                   r"(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy)"
                   ).match(text, pos)
    if m:
        return m.end()
    for agency in vocabulary().agencies:
        if agency.level in ("province", "district") and text.startswith(agency.name, pos):
            return pos + len(agency.name)
    m = re.compile(rf"(?:Sở|Phòng|Trung tâm|Ban)\s+[{UPPER}]\w*(?:\s+\w+)?").match(text, pos)
    return m.end() if m else None


def parse_issuer(text: str, pos: int) -> tuple[str, int] | None:
    """The issuer written at `pos` (just after "của"), as written, and where it ends."""
    _, _, _, central = _patterns()
    end = None
    m = re.compile(r"Hội nghị lần thứ \w+ Ban Chấp hành Trung ương(?: Đảng)?").match(text, pos)
    if m:
        end = m.end()
    if end is None:
        for name in central:
            if text.startswith(name, pos) and not re.match(r"\w", text[pos + len(name):pos + len(name) + 1]):
                end = pos + len(name)
                break
    if end is None:
        # "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", "Bộ LĐ-TB&XH"
        m = re.compile(rf"(?:Bộ trưởng\s+)?Bộ\s+[{UPPER}][\w&-]*(?:\s+(?:[{UPPER}][\w&-]*|và|-|–))*").match(text, pos)
        end = m.end() if m else None
    if end is not None:
        k = re.compile(r"\s+khóa\s+[IVXLC]+\b").match(text, end)
        end = k.end() if k else end
    else:
        end = _local_body(text, pos)
        if end is None:
            return None
        place = _PLACE.match(text, end)
        end = place.end() if place else end
    issuer = text[pos:end].rstrip(" ,.")
    return (issuer, pos + len(issuer)) if issuer else None


def _subject_end(text: str, pos: int, limit: int) -> int:
    if re.compile(r"\s*(?:và|hoặc)\s").match(text, pos):  # "… của Thủ tướng Chính phủ và các …"
        return pos
    m = _TERM.search(text, pos, limit)
    end = m.start() if m else limit
    if end - pos > 400:  # no delimiter in sight: stop at a word boundary
        end = text.rfind(" ", pos, pos + 400)
        end = pos + 400 if end <= pos else end
    # drop connectives left dangling before the next citation ("… phê duyệt tại")
    words = text[pos:end].rstrip(" ,:").split(" ")
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    return pos + len(" ".join(words).rstrip(" ,:"))


def _find_laws(text: str) -> list[Citation]:
    _, law_re, law_names, _ = _patterns()
    found = []
    for m in law_re.finditer(text):
        start, after = m.start(), m.end()
        end = None
        head = fold(text[start:start + 120])
        for name in law_names:
            folded = fold(name)
            if head.startswith(folded) and not re.match(r"\w", head[len(folded):len(folded) + 1]):
                end = start + len(name)
                break
        if end is None:
            words = text[after:].split(" ", 1)
            if not words[0][:1].isupper() or fold(words[0]).strip(",.;") in _LAW_EXCLUDED_NEXT:
                continue
            stop = re.compile(r"[,;.:()“”\"\n]|\s(?:và|của|năm|số|theo|về|để|trong|tại|đã|được)\s").search(text, after)
            end = stop.start() if stop else len(text)
            if len(text[after:end].split()) > 8:
                continue
        year = re.compile(r"\s+(?:năm\s+)?(\d{4})\b").match(text, end)
        date = None
        if year:
            date, end = parse_date(None, None, year.group(1)), year.end()
        number = None
        num = re.compile(rf"\s+số\s+({NUMBER})").match(text, end)
        if num:
            number, end = normalize_number(num.group(1)), num.end()
        kind = "Bộ luật" if text.startswith("Bộ luật", start) else "Luật"
        found.append(Citation(text[start:end].strip(), kind, number, date, None, start, end))
    return found


def find_citations(text: str) -> list[Citation]:
    """Every document cited in `text`, in order of appearance (not deduplicated).

    A citation never runs across a line end: each line (paragraph) is read on its own.
    """
    citations: list[Citation] = []
    offset = 0
    for line in text.split("\n"):
        for c in _find_in_line(line):
            c.start, c.end = c.start + offset, c.end + offset
            citations.append(c)
        offset += len(line) + 1
    return citations


def _find_in_line(text: str) -> list[Citation]:
    numbered, _, _, _ = _patterns()
    voc = vocabulary()
    laws = _find_laws(text)
    heads = [m for m in numbered.finditer(text)]
    laws = [law for law in laws if not any(m.start() <= law.start < m.end() for m in heads)]
    starts = sorted([m.start() for m in heads] + [law.start for law in laws])
    citations: list[Citation] = []
    for m in heads:
        start, end = m.start(), m.end()
        number = normalize_number(m.group("num"))
        written_type = voc.doc_type_by_name(m.group("type"))
        by_symbol = voc.doc_type_by_symbol(symbol_of(number))
        if written_type:
            doc_type = written_type.name
        else:  # "văn bản số 1120/UBND-NC": the symbol tells the type, else it is a Công văn
            doc_type = by_symbol.name if by_symbol else "Công văn"
        date = None
        d = _DATE_AFTER.match(text, end)
        if d:
            date, end = date_from_match(d), d.end()
        else:  # the year alone, when the text says it right after the number
            y = _YEAR_AFTER.match(text, end)
            if y:
                date, end = parse_date(None, None, y.group("y")), y.end()
        issuer = None
        o = _OF.match(text, end)
        if o:
            parsed = parse_issuer(text, o.end())
            if parsed:
                issuer, end = expand_abbreviations(parsed[0]), parsed[1]
        limit = next((s for s in starts if s > start and not _NESTING.search(text, 0, s)), len(text))
        head_end, end = end, max(end, _subject_end(text, end, limit))
        cited = _APPROVED_AT.sub("", " ".join(text[start:end].split()))
        subject = _SUBJECT_LEAD.sub("", _APPROVED_AT.sub("", " ".join(text[head_end:end].split())))
        citations.append(Citation(cited, doc_type, number, date, issuer, start, end, subject or None))
    for law in laws:
        limit = next((s for s in starts if s > law.start), len(text))
        law.end = min(law.end, limit)
        citations.append(law)
    citations.sort(key=lambda c: c.start)
    return citations


# what a document says it does to one it cites, in the words just before the citation
OWN_RELATIONS = [
    (re.compile(r"(?:thay thế)\s*(?:cho\s*)?$", re.IGNORECASE), "replaces"),
    (re.compile(r"(?:sửa đổi|bổ sung)(?:\s*,?\s*(?:bổ sung|sửa đổi))?(?:\s+(?:một số|các)\s+(?:nội dung|điều|điểm|mục)"
                r"(?:\s+(?:của|tại))?)?\s*$", re.IGNORECASE), "amends"),
    (re.compile(r"(?:bãi bỏ|hủy bỏ|huỷ bỏ)\s*$", re.IGNORECASE), "repeals"),
]
_CLAUSE_END = re.compile(r"[.;:\n]")


def own_relations(text: str, citations: list[Citation]) -> dict[tuple, str]:
    """The documents `text` says it replaces, amends or repeals ("Kế hoạch này thay thế Kế hoạch số
    12/KH-UBND…"), by citation key (`dedup_key`). `citations`: those found in `text`, with positions.
    Words that follow another citation in the same clause are that document's ("Nghị định số
    123/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 30/2020/NĐ-CP": 123 amends 30, not the plan)."""
    out: dict[tuple, str] = {}
    ordered = sorted(citations, key=lambda c: c.start)
    for i, c in enumerate(ordered):
        before = text[max(0, c.start - 60):c.start]
        clause = _CLAUSE_END.split(before)[-1]
        clause_start = c.start - len(clause)
        if any(p.end >= clause_start for p in ordered[:i]):  # after another citation in the clause, or within one
            continue
        relation = next((rel for pattern, rel in OWN_RELATIONS if pattern.search(clause)), None)
        if relation:
            out.setdefault(c.dedup_key(), relation)
    return out


def merge_citations(citations: list[Citation]) -> list[Citation]:
    """One citation per document, in order of first mention, keeping the fullest description."""
    merged: dict[tuple, Citation] = {}
    for c in citations:
        k = c.dedup_key()
        if k not in merged:
            merged[k] = Citation(c.text, c.doc_type, c.number, c.date, c.issuer, c.start, c.end)
            continue
        seen = merged[k]
        if len(c.text) > len(seen.text) and (c.date or not seen.date) and (c.issuer or not seen.issuer):
            seen.text = c.text
        seen.date = seen.date or c.date
        seen.issuer = seen.issuer or c.issuer
    return list(merged.values())
