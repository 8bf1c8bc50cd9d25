"""What identifies a document: type, number, year and the office that numbered it.

A number never identifies a document alone: "19/KH-UBND" is issued by every province every year.
The office that numbers a document is named by the symbol (KH-**UBND**, QĐ-**TTg**, CT/**TW**);
the unit it governs comes from the words the text writes ("của UBND tỉnh Thái Bình"), read in the
context of the plan that cites it ("UBND tỉnh" in a Thái Bình district plan is UBND tỉnh Thái
Bình). What the text leaves out stays unknown: a key with an unknown part is *partial* and never
resolves to a single document by itself.

Ids follow the plan ids (docs/dinh-danh.md), in the spirit of Akoma Ntoso / legislation.gov.uk
(type, year and number under the issuer):

    qd-977-2022-ttg                      Quyết định 977/QĐ-TTg (2022), Thủ tướng Chính phủ
    kh-19-2023-ubnd-thai-binh            Kế hoạch 19/KH-UBND (2023), UBND tỉnh Thái Bình
    nq-4-2024-hdnd-hai-phong             Nghị quyết 04/2024/NQ-HĐND, HĐND thành phố Hải Phòng
    ct-39-2019-tw                        Chỉ thị 39-CT/TW (2019), Trung ương Đảng
    luat-11-2017-qh                      Luật Trợ giúp pháp lý (11/2017/QH14)
    kh-37-ubnd                           partial: "Kế hoạch 37/KH-UBND", issuer's unit and year unknown
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..bodies import LEVELS_BY_KIND, Phrase, agency_code_of, find_unit, read_phrase
from ..citations import expand_abbreviations, normalize_number, symbol_of
from ..gazetteer import Unit, era_of
from ..ids import issuer_slug
from ..text import bounded, fold, sentence_case, slugify
from ..vocabulary import Agency, vocabulary
from .places import Area

_OFFICE_PREFIX = re.compile(r"^(?:Chủ tịch|Phó Chủ tịch|Thường trực|Ban Thường vụ|Văn phòng)\s+", re.IGNORECASE)
_PARTY = re.compile(r"Ban Bí thư|Bộ Chính trị|Ban Chấp hành Trung ương|Hội nghị .*Trung ương", re.IGNORECASE)
_KINDS_AT_LEVEL = {"tỉnh": "province", "huyện": "district", "quận": "district", "thị xã": "district",
                   "xã": "commune", "phường": "commune", "thị trấn": "commune", "đặc khu": "commune"}


@dataclass(frozen=True)
class Body:
    """The office that numbered a document, and the unit it governs when that is known."""

    code: str  # "ubnd", "stp", "ttg", "tw", "qh"
    name: str  # as shown: "Ủy ban nhân dân tỉnh Thái Bình"
    level: str | None  # central | province | district | commune | None
    unit: Unit | None = None

    @property
    def known(self) -> bool:
        """Known down to the unit (a central body needs none)."""
        return self.level == "central" or self.unit is not None

    @property
    def slug(self) -> str:
        if self.unit is None:
            return self.code
        u = self.unit
        return issuer_slug(self.code, u.kind.lower(), u.short, self.level, u.province, u.district)


QUOC_HOI = Body("qh", "Quốc hội", "central")  # the issuer of laws cited by name


@lru_cache(maxsize=4096)
def numbering_agency(symbol: str | None) -> Agency | None:
    """The office a symbol names: KH-UBND → UBND, QĐ-TTg → TTg, CT/TW → TW, 11/2017/QH14 → QH,
    TTLT-BTP-BCA → the two ministries together."""
    if not symbol:
        return None
    voc = vocabulary()
    parts = [p for p in re.split(r"[-/]", symbol) if p]
    if len(parts) > 1 and voc.doc_type_by_symbol(parts[0]):
        parts = parts[1:]
    found = []
    for part in parts:
        agency = voc.agency_by_abbr(part) or voc.agency_by_abbr(re.sub(r"\d+$", "", part))
        if agency is None:
            break
        found.append(agency)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return Agency(" – ".join(a.name for a in found), (), "-".join(a.code for a in found), found[0].level)


def _unit_at(area: Area | None, kind: str | None) -> Unit | None:
    """The citing plan's own unit of a kind: "tỉnh" → its province, "huyện" → its district."""
    if area is None or kind is None:
        return None
    if kind == "thành phố":  # a province-level city, or a city within a province: only if not both
        cities = [u for u in (area.province, area.district) if u is not None and u.kind == "Thành phố"]
        return cities[0] if len(cities) == 1 else None
    level = _KINDS_AT_LEVEL.get(kind)
    unit = area.at(level)
    return unit if unit is not None and (level == "province" or unit.kind.lower() == kind) else None


def _provinces(area: Area | None) -> list[str]:
    return [area.province.short] if area and area.province else []


@lru_cache(maxsize=16384)
def _read_written(written: str) -> tuple[Phrase | None, str, bool]:
    """The issuer as written → (agency and unit phrase, an office prefix like "Chủ tịch ", is it a
    Party body)."""
    plain = expand_abbreviations(written)
    m = _OFFICE_PREFIX.match(plain)
    prefix = m.group(0) if m else ""  # "Chủ tịch UBND tỉnh": the UBND's numbering
    return read_phrase(plain[len(prefix):]), prefix, bool(_PARTY.search(plain))


@lru_cache(maxsize=16384)
def _find_unit(kind: str | None, name: str, levels: tuple[str, ...], era: str | None,
               provinces: tuple[str, ...]) -> Unit | None:
    return find_unit(kind, name, list(levels), era, list(provinces), [])


def cited_body(written: str | None, symbol: str | None, date: str | None, context: Area | None) -> Body | None:
    """The body that issued a cited document, from what the citation writes and the context.

    `written` is the issuer as the citation gives it ("Sở Tư pháp", "UBND tỉnh Thái Bình");
    `context` is the area of the plan that cites it."""
    office = numbering_agency(symbol)
    phrase, prefix, party = _read_written(written) if written else (None, "", False)
    if office is None and phrase is None and party:
        office = vocabulary().agency_by_abbr("TW")
    agency = office or (phrase.agency if phrase else None)
    if agency is None and phrase is None:
        return None
    if agency is not None and agency.level == "central":
        name = sentence_case(written) if written and not office else agency.name
        if written and party and agency.code == "tw":
            name = written
        return Body(agency.code, name, "central")
    code = agency.code if agency else agency_code_of(phrase.agency_text)
    agency_name = phrase.agency.name if phrase and phrase.agency else (
        sentence_case(phrase.agency_text) if phrase else agency.name)
    if phrase is None:  # nothing written: the symbol tells the office, not its unit
        return Body(code, agency_name, agency.level if agency.level != "local" else None)
    level = agency.level if agency and agency.level in ("province", "district") else None
    era = era_of(date) or (context.era if context else None)
    unit = None
    if phrase.name:
        levels = [level] if level else LEVELS_BY_KIND.get(phrase.kind, LEVELS_BY_KIND[None])
        unit = _find_unit(phrase.kind, phrase.name, tuple(levels), era, tuple(_provinces(context)))
    elif phrase.kind:
        unit = _unit_at(context, phrase.kind)
    elif level == "province" and context:  # "của Sở Tư pháp" in a plan of that province
        unit = context.province
    elif level == "district" and context:
        unit = context.district
    if unit is None:
        written_unit = " ".join(x for x in (phrase.kind, phrase.name) if x)
        return Body(code, f"{prefix}{agency_name} {written_unit}".strip(), level)
    return Body(code, f"{prefix}{agency_name} {unit.kind.lower()} {unit.short}", level or unit.level, unit)


def plan_body(meta: dict, area: Area) -> Body:
    """The body that issued a plan of the base, from its front matter and its area."""
    issuer = meta.get("issuer") or {}
    name = issuer.get("name") or ""
    level = issuer.get("level")
    office = numbering_agency(meta.get("symbol"))
    phrase = read_phrase(name) if name else None
    agency = office or (phrase.agency if phrase else None)
    code = agency.code if agency else agency_code_of(phrase.agency_text if phrase else name or "cq")
    if level == "central":
        return Body(code, name, "central")
    return Body(code, name, level, area.at(level) or area.unit)


def number_lead(number: str | None) -> str | None:
    """ "04/2024/NQ-HĐND" → "4"; "19a/KH-UBND" → "19a"."""
    m = re.match(r"0*(\d+[a-z]?)", normalize_number(number)) if number else None
    return m.group(1) if m else None


def number_year(number: str | None) -> str | None:
    m = re.match(r"\d+[a-z]?/(\d{4})/", normalize_number(number)) if number else None
    return m.group(1) if m else None


@dataclass(frozen=True)
class DocKey:
    """The identity of a document as far as it is known."""

    type: str  # code: "kh", "qd", "luat"
    number: str | None  # "19" (leading zeros dropped)
    symbol: str | None  # folded: "kh-ubnd"
    year: str | None
    body: str | None  # slug of a known body: "ubnd-thai-binh", "ttg"
    agency: str | None  # the office's code when its unit is unknown: "ubnd"
    name: str | None = None  # a document known by name only: "luat-tro-giup-phap-ly"

    @property
    def complete(self) -> bool:
        if self.number is None:
            return self.name is not None
        return self.year is not None and self.body is not None

    @property
    def id(self) -> str:
        """The document's id: its page's file name, so bounded in length (a citation's words are free text)."""
        if self.number is None:
            return bounded("-".join(p for p in (self.name, self.year) if p))
        return bounded("-".join(p for p in (self.type, self.number, self.year, self.body or self.agency) if p))

    def admits(self, other: DocKey) -> bool:
        """Whether `other` (a complete key) could be the document this partial key describes."""
        if (self.type, self.number, self.symbol) != (other.type, other.number, other.symbol) or self.number is None:
            return False
        if self.year and self.year != other.year:
            return False
        if self.body:
            return self.body == other.body
        return self.agency is None or other.body is not None and (other.body == self.agency
                                                                  or other.body.startswith(self.agency + "-"))


@lru_cache(maxsize=4096)
def type_code(doc_type: str | None, symbol: str | None) -> str:
    voc = vocabulary()
    found = (voc.doc_type_by_name(doc_type) if doc_type else None) or (
        voc.doc_type_by_symbol(symbol) if symbol else None)
    return found.code if found else slugify(doc_type or "vb")


@lru_cache(maxsize=65536)
def _number_parts(number: str) -> tuple[str | None, str, str | None, str | None]:
    """lead, symbol, folded symbol, year of a number."""
    number = normalize_number(number)
    symbol = symbol_of(number)
    return number_lead(number), symbol, fold(symbol), number_year(number)


def doc_key(doc_type: str | None, number: str | None, date: str | None, body: Body | None,
            name: str | None = None) -> DocKey:
    lead, symbol, folded, year = _number_parts(number) if number else (None, None, None, None)
    year = year or (date[:4] if date else None)
    return DocKey(type_code(doc_type, symbol), lead, folded, year,
                  body.slug if body and body.known else None, body.code if body and not body.known else None,
                  slugify(name) if name and not number else None)


@lru_cache(maxsize=16384)
def law_key(text: str, doc_type: str | None, number: str | None, date: str | None,
            cited_on: str | None) -> tuple[DocKey, str, str | None]:
    """A law cited by name: the vocabulary's law of that name, when it was in force on the date of
    the citing plan; else a key by name (and the year, if written). Also its name and number."""
    voc = vocabulary()
    name = re.sub(r"\s+(?:năm\s+)?\d{4}$", "", text)
    law = voc.law_by_name(name)
    year = date[:4] if date else None
    if law and law.number and (year is None or str(law.year) == year) and (
            cited_on is None or cited_on[:4] >= str(law.year)):
        number = law.number
    proper = law.name if law else name
    if number:
        return doc_key(doc_type or "Luật", number, date, QUOC_HOI), proper, number
    return doc_key(doc_type or "Luật", None, date, QUOC_HOI, name=proper), proper, None

