"""Who issued the plan and which territory that body governs, as on the issue date.

Evidence, strongest first: the header lines ("UBND TỈNH BẮC GIANG / SỞ TƯ PHÁP"), the plan's
own statement ("Ủy ban nhân dân huyện Hưng Hà ban hành Kế hoạch…"), the symbol (KH-STP → Sở Tư
pháp), the place in the date line ("Hung Hà, ngày…"). Unit names are matched in the gazetteer of
the era the plan was issued in, with or without diacritics. When a name is ambiguous (the same
commune name in several provinces), the provinces the text names decide; when they cannot, the
field stays null and a note says why — never a silent guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..bodies import LEVELS_BY_KIND, Phrase, agency_code_of, find_unit, office_case, read_phrase, split_unit
from ..citations import UPPER
from ..gazetteer import CURRENT, LEGACY, Unit, era_of, gazetteer, plain_name
from ..text import fold
from ..vocabulary import Agency, vocabulary

_LOCAL = {"ubnd", "hdnd"}
_STATEMENT_VERB = re.compile(r"\s(?:ban hành|xây dựng|triển khai|xây dựng và ban hành)\s+(?:Kế hoạch|kế hoạch|"
                             r"Chương trình|chương trình)")
# "tỉnh Thái Bình", and in a header's capitals "ĐẢNG BỘ TỈNH THANH HÓA"
_PROVINCE_MENTION = re.compile(rf"(?:tỉnh|thành phố|TP\.?|TỈNH|THÀNH PHỐ)\s+([{UPPER}]\w*(?:\s+[{UPPER}]\w*){{0,3}})")


@dataclass
class Issuer:
    name: str | None = None
    level: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    agency_code: str | None = None
    unit: Unit | None = None
    notes: list[str] = field(default_factory=list)
    header_lines_used: set[int] = field(default_factory=set)

    parent: str | None = None  # the body above the issuer in the header: "Ủy ban nhân dân tỉnh Bắc Giang"

    def record(self) -> dict:
        record = {"name": self.name, "level": self.level}
        if self.parent:
            record["parent"] = self.parent
        return record

    def area(self) -> dict:
        return {"province": self.province, "district": self.district, "commune": self.commune}


def from_header(lines: list[str]) -> tuple[Phrase | None, tuple[str | None, str | None], set[int]]:
    """The issuing body and its unit from header lines, the parent unit if any, and which
    lines were read (the others are not the issuer's and go to the body)."""
    phrases = [read_phrase(line) for line in lines]
    last = max((i for i, p in enumerate(phrases) if p), default=None)
    if last is None:
        return None, (None, None), set()
    phrase = phrases[last]
    used = {last}
    parent: tuple[str | None, str | None] = (None, None)
    for i, (line, p) in enumerate(zip(lines[:last], phrases[:last])):
        if p and (p.kind or p.name):
            parent = (p.kind, p.name)
        elif p is None:  # a unit on a line of its own: "ỦY BAN MTTQ VIỆT NAM" / "XÃ LƯƠNG MINH" / "BAN THƯỜNG TRỰC"
            kind, name = split_unit(line)
            if kind and name:
                parent = (kind, name)
                used.add(i)
    if not (phrase.kind or phrase.name):
        if last + 1 < len(lines):  # "ỦY BAN NHÂN DÂN" / "HUYỆN HƯNG HÀ"
            phrase.kind, phrase.name = split_unit(lines[last + 1])
            used.add(last + 1)
        elif parent != (None, None) and phrase.agency and phrase.agency.level != "local":
            phrase.kind, phrase.name = parent  # "UBND TỈNH BẮC GIANG" / "SỞ TƯ PHÁP"
    return phrase, parent, used


def parent_body(lines: list[str], issuer_line: int, era: str | None) -> tuple[str | None, set[int]]:
    """The governing body named above the issuer ("UBND TỈNH BẮC GIANG" above "SỞ TƯ PHÁP"), in
    full words, and the lines it was read from."""
    names, used = [], set()
    for i, line in enumerate(lines[:issuer_line]):
        p = read_phrase(line)
        if p is None:
            continue
        agency = p.agency.name if p.agency else office_case(p.agency_text)
        unit = None
        if p.name:
            levels = LEVELS_BY_KIND.get(p.kind, LEVELS_BY_KIND[None])
            unit = find_unit(p.kind, p.name, levels, era, [], [])
        where = f"{unit.kind.lower()} {plain_name(unit.short)}" if unit else " ".join(x for x in (p.kind, p.name and p.name.title()) if x)
        names.append(f"{agency} {where}".strip())
        used.add(i)
    return (", ".join(names) or None), used


def from_statement(text: str) -> Phrase | None:
    """ "…, Ủy ban nhân dân huyện Hưng Hà ban hành Kế hoạch…" → that body."""
    for m in _STATEMENT_VERB.finditer(text):
        before = re.split(r"[,;.:()\n]", text[: m.start()])[-1].strip()
        for start in [0] + [x.start() + 1 for x in re.finditer(r"\s", before)]:
            phrase = read_phrase(before[start:])
            if phrase:
                return phrase
    return None


def from_symbol(symbol: str | None) -> Agency | None:
    if not symbol or "-" not in symbol:
        return None
    return vocabulary().agency_by_abbr(symbol.split("-", 1)[1].split("/")[0])


def from_place(place: str | None) -> tuple[str | None, str | None]:
    return split_unit(place) if place else (None, None)


def context_provinces(text: str, era: str | None) -> list[str]:
    """Provinces the text names ("tỉnh Thái Bình", "thành phố Hải Phòng"), most named first."""
    g = gazetteer()
    counts: Counter[str] = Counter()
    for m in _PROVINCE_MENTION.finditer(text):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            unit = g.province(" ".join(words[:n]), era)
            if unit:
                counts[unit.short] += 1
                break
    return [name for name, _ in counts.most_common()]


def level_of_office(text: str | None, era: str | None) -> str:
    """The level of an office the vocabulary does not know, from its kind: a Sở is a province's, a Phòng a
    district's (a commune's since 1 July 2025); else a province's."""
    words = fold(text or "")
    if words.startswith("phong "):
        return "commune" if era == CURRENT else "district"
    return "province"


def infer_issuer(header_lines: list[str], statement_text: str, symbol: str | None, place: str | None,
                 date: str | None, context_text: str) -> Issuer:
    result = Issuer()
    notes = result.notes
    era = era_of(date)
    header, parent, result.header_lines_used = from_header(header_lines)
    above = next((p.agency for p in map(read_phrase, header_lines[:min(result.header_lines_used, default=0)])
                  if p and p.agency), None)  # a known body named above the issuer
    if header is not None:
        issuer_line = min(result.header_lines_used)
        result.parent, parent_lines = parent_body(header_lines, issuer_line, era)
        result.header_lines_used |= parent_lines
    statement = from_statement(statement_text)
    by_symbol = from_symbol(symbol)

    chosen = header or statement
    agency = chosen.agency if chosen else by_symbol
    agency_text = chosen.agency_text if chosen else (by_symbol.name if by_symbol else None)
    if chosen is None and by_symbol:
        notes.append(f"issuer: {by_symbol.name}, read from the symbol {symbol}")
    if agency is None and agency_text is None:
        notes.append("issuer: not found (no header, no 'X ban hành Kế hoạch' statement, symbol unknown)")
        return result

    # Candidate units, best first: the one written with the issuer, then the place of issue.
    candidates: list[tuple[str | None, str | None]] = []
    for phrase in (header, statement):
        if phrase and (phrase.kind or phrase.name):
            candidates.append((phrase.kind, phrase.name))
    place_kind, place_name = from_place(place)
    kind_hint = next((k for k, _ in candidates if k), None)
    if place_name:
        candidates.append((place_kind or kind_hint, place_name))
    if parent != (None, None):
        candidates.append(parent)

    provinces = context_provinces("\n".join(header_lines) + "\n" + context_text, era)
    if parent[1]:
        p = gazetteer().province(parent[1], era)
        provinces = ([p.short] if p else []) + provinces

    # the unit named above the issuer governs it: "UBND HUYỆN HIỆP HÒA" / "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" is a
    # district's office, "ỦY BAN MTTQ … XÃ LƯƠNG MINH" / "BAN THƯỜNG TRỰC" a commune's body
    parent_unit = None
    if parent[1]:
        parent_unit = find_unit(parent[0], parent[1], LEVELS_BY_KIND.get(parent[0], LEVELS_BY_KIND[None]), era,
                                provinces, [])
    if agency is not None:
        level = agency.level
    elif parent_unit is not None:
        level = parent_unit.level
        candidates.insert(0, parent)
    elif above is not None and above.level == "central":  # "BỘ CÔNG AN" / "TỔ CÔNG TÁC LIÊN NGÀNH TW"
        level = "central"
    else:
        level = level_of_office(agency_text, era)
    if level == "central":
        result.name, result.level = (agency.name if agency else office_case(agency_text)), "central"
        if agency is None and above is not None:
            result.parent = above.name
        result.agency_code = agency.code if agency else agency_code_of(result.name)
        return result
    levels_for = {"province": ["province"], "district": ["district"]}
    unit = None
    for kind, name in candidates:
        if not name:
            continue
        levels = levels_for.get(level) or LEVELS_BY_KIND.get(kind, LEVELS_BY_KIND[None])
        unit = find_unit(kind, name, levels, era, provinces, notes)
        if unit:
            break
    if unit is None and level in ("province",) and provinces:
        unit = gazetteer().province(provinces[0], era)
        if unit:
            notes.append(f"area: province {unit.short} taken from the provinces the text names")

    agency_name = agency.name if agency else office_case(agency_text or "")
    if agency is None and above is not None and above.code not in ("ubnd", "hdnd"):
        agency_name = f"{agency_name} {above.name}"  # "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam" (xã …)
    result.agency_code = agency.code if agency else agency_code_of(agency_name)
    if unit is None:
        written = next((" ".join(x for x in (k, n) if x) for k, n in candidates if n), None)
        result.name = f"{agency_name} {written}" if written else agency_name
        if level != "local":
            result.level = level
        else:  # "xã X" not in the gazetteer is still a commune; "thành phố X" could be either level
            levels = LEVELS_BY_KIND.get(kind_hint) if kind_hint else None
            result.level = levels[0] if levels and len(levels) == 1 else None
        notes.append(f"area: no unit of the gazetteer matches {written or 'the text'}; area left empty")
        return result

    result.unit = unit
    result.level = unit.level if level == "local" else level
    result.name = f"{agency_name} {unit.kind.lower()} {plain_name(unit.short)}".strip()
    result.province = unit.province
    if unit.level == "district":
        result.district = unit.short
    elif unit.level == "commune":
        result.district, result.commune = unit.district, unit.name
    if era is None and unit.level != "province":
        notes.append(f"area: issue date unknown; {unit.name} matched in the {unit.era} units")
    if era == CURRENT and unit.era == LEGACY and unit.level == "district":
        notes.append(f"area: {unit.name} is a district, but districts ended on 1 July 2025")
    return result
