"""Issuing bodies as written: "Sở Tư pháp tỉnh Bắc Giang", "UBND HUYỆN HƯNG HÀ", "Phòng Tư pháp".

A phrase is read into the agency (from the vocabulary, or "Sở/Phòng/Trung tâm…" as written) and
the unit it governs (kind and name, as written); `find_unit` then looks the unit up in the
gazetteer. The importer uses this for the plan's own issuer, the citation graph for the issuers
of the documents a plan cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .gazetteer import LEGACY, Unit, gazetteer
from .text import fold, slugify
from .vocabulary import Agency, vocabulary

UNIT_KINDS = [  # folded prefix → unit kind as written in a name
    ("thanh pho", "thành phố"), ("tp.", "thành phố"), ("tp ", "thành phố"), ("thi tran", "thị trấn"),
    ("thi xa", "thị xã"), ("dac khu", "đặc khu"), ("tinh", "tỉnh"), ("huyen", "huyện"), ("quan", "quận"),
    ("phuong", "phường"), ("xa", "xã"), ("p.", "phường"), ("q.", "quận"), ("tt.", "thị trấn"), ("x.", "xã"),
]
LEVELS_BY_KIND = {
    "tỉnh": ["province"], "thành phố": ["province", "district"], "huyện": ["district"], "quận": ["district"],
    "thị xã": ["district"], "xã": ["commune"], "phường": ["commune"], "thị trấn": ["commune"],
    "đặc khu": ["commune"], None: ["province", "district", "commune"],
}


def agency_code_of(name: str) -> str:
    """The code of an agency not in the vocabulary: the initials of its name ("Ban Chỉ đạo" → "bcd")."""
    return "".join(w[0] for w in slugify(name).split("-") if w != "va")  # "và": Phòng GD&ĐT is pgddt


@dataclass
class Phrase:
    agency: Agency | None
    agency_text: str  # as written, for agencies not in the vocabulary
    kind: str | None = None
    name: str | None = None


def split_unit(text: str) -> tuple[str | None, str | None]:
    text = text.strip(" ,.;:")
    if not text:
        return None, None
    folded = fold(text)
    for prefix, kind in UNIT_KINDS:
        if folded.startswith(prefix) and (len(folded) == len(prefix) or not folded[len(prefix)].isalnum()
                                          or prefix.endswith((".", " "))):
            rest = text[len(prefix):].strip(" .")
            return kind, rest or None
    return None, text


@cache
def _agency_names() -> list[tuple[str, Agency]]:
    """(folded name or abbreviation, agency), longest first."""
    names = [(fold(n), a) for a in vocabulary().agencies for n in (a.name, *a.abbr)]
    return sorted(names, key=lambda c: len(c[0]), reverse=True)


OFFICE_KINDS = ("sở", "phòng", "trung tâm", "ban", "chi cục", "cục", "tổ", "hội đồng", "văn phòng", "đoàn", "ủy ban")
_OFFICE_KIND = re.compile(rf"({'|'.join(fold(k) for k in OFFICE_KINDS)})\s+")
_KEEP_UPPER = {"TW", "UBND", "HĐND", "MTTQ", "VN", "CNTT", "TGPL", "PBGDPL", "ATGT"}


def office_case(name: str) -> str:
    """An office's name written in capitals, as Nghị định 30/2020 (Phụ lục II) writes it in text: the
    kind and the first word of what it does capitalised, abbreviations kept. "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    → "Phòng Giáo dục và Đào tạo", "TỔ CÔNG TÁC LIÊN NGÀNH TW" → "Tổ Công tác liên ngành TW"."""
    if name != name.upper():
        return name
    name = re.sub(r"(?<=\w{3})\s*&\s*(?=\w{3})", " VÀ ", name)  # "GIÁO DỤC&ĐÀO TẠO"; "GD&ĐT" stays
    words = name.split()
    folded = fold(name)
    kind = next((k for k in sorted(OFFICE_KINDS, key=len, reverse=True) if folded.startswith(fold(k) + " ")), "")
    after_kind = len(kind.split()) if kind else 1
    out = []
    for i, w in enumerate(words):
        if w in _KEEP_UPPER or "&" in w or "-" in w and len(w) <= 12:
            out.append(w)
            continue
        low = w.lower()
        first = i == 0 or i == after_kind or (i > 0 and words[i - 1].lower() in ("và", "-", "–"))
        out.append(low[:1].upper() + low[1:] if first else low)
    return " ".join(out).replace("việt nam", "Việt Nam").replace("Việt nam", "Việt Nam")


def agency_at(text: str) -> tuple[Agency | None, str, str] | None:
    """The agency a phrase starts with, its text as written, and the rest of the phrase."""
    folded = fold(text)
    for written, agency in _agency_names():
        if folded.startswith(written) and (len(folded) == len(written) or not folded[len(written)].isalnum()):
            return agency, text[: len(written)], text[len(written):]
    m = _OFFICE_KIND.match(folded)  # folded: OCR's "TỎ" is a "TỔ"; fold keeps an NFC text's length
    if m:  # an agency not in the vocabulary: its name runs to the unit type, if any
        rest = text[m.end():]
        unit = re.search(r"(?i)\s(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s", " " + rest + " ")
        name_end = m.end() + (unit.start() if unit else len(rest))
        return None, text[:name_end].strip(), text[name_end:]
    return None


def read_phrase(text: str) -> Phrase | None:
    found = agency_at(text.strip())
    if not found:
        return None
    agency, written, rest = found
    kind, name = split_unit(rest)
    return Phrase(agency, written, kind, name)



def choose_unit(units: list[Unit], provinces: list[str], what: str, notes: list[str]) -> Unit | None:
    distinct = {(u.era, u.code): u for u in units}
    if len(distinct) == 1:
        return units[0]
    if not distinct:
        return None
    for province in provinces:  # most named province first
        within = [u for u in distinct.values() if u.province == province]
        if len({(u.era, u.code) for u in within}) == 1:
            notes.append(f"{what}: several units have this name; chose the one in {province}, named in the text")
            return within[0]
    listed = ", ".join(sorted(f"{u.name} ({u.province})" for u in distinct.values())[:6])
    notes.append(f"{what}: ambiguous, candidates {listed}; province left empty")
    return None


def find_unit(kind: str | None, name: str, levels: list[str], era: str | None, provinces: list[str],
               notes: list[str]) -> Unit | None:
    g = gazetteer()
    kinds = {"thành phố": "Thành phố", "tỉnh": "Tỉnh", "huyện": "Huyện", "quận": "Quận", "thị xã": "Thị xã",
             "xã": "Xã", "phường": "Phường", "thị trấn": "Thị trấn", "đặc khu": "Đặc khu"}
    for level in levels:
        level_era = LEGACY if level == "district" else era
        units = g.find(name, level, level_era, kind=kinds.get(kind) if level != "province" else None)
        if level == "province" and kind in ("tỉnh", "thành phố"):  # "thành phố Sơn La" is not tỉnh Sơn La
            units = [u for u in units if u.kind == kinds[kind]]
        exact = [u for u in units if name.lower() in (u.short.lower(), u.name.lower())]
        if exact and len(exact) < len(units):  # "Ba Đình" written with its accents is not "Ba Dinh"
            units = exact
        if units:
            return choose_unit(units, provinces, f"{kind or ''} {name}".strip(), notes)
    return None
