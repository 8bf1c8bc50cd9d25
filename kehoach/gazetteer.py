"""Administrative units of Việt Nam, before and after 1 July 2025, from `vietnamadminunits`.

Two eras: ``legacy`` (63 provinces, districts, wards — the units a plan issued before
1 July 2025 names) and ``2025`` (34 provinces, 3,321 communes, no districts). Names are matched
the way people type them: with or without diacritics, with or without the unit type
("huyện Hưng Hà", "Hung Hà", "Hưng Hà"). This module only answers look-ups; deciding which
unit a plan means is the importer's job.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from .text import key

LEGACY = "legacy"
CURRENT = "2025"
REFORM_DATE = "2025-07-01"


def era_of(date: str | None) -> str | None:
    """The era in force on an ISO date (or year / year-month); None when it cannot be told."""
    if not date:
        return None
    if date >= REFORM_DATE:
        return CURRENT
    if len(date) == 4 and date == REFORM_DATE[:4] or len(date) == 7 and date == REFORM_DATE[:7]:
        return None  # "2025" or "2025-07": either side of the reform
    return LEGACY


@dataclass(frozen=True)
class Unit:
    name: str  # full official name: "Huyện Hưng Hà", "Thành phố Hải Phòng", "Phường Lê Thanh Nghị"
    short: str  # without the type: "Hưng Hà"
    kind: str  # "Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn", "Đặc khu"
    level: str  # province | district | commune
    code: str
    era: str
    province: str  # short name of the province the unit is in (itself for a province)
    province_code: str
    district: str | None = None  # short name of the district (legacy communes)
    district_code: str | None = None


class Gazetteer:
    """Look-ups over both eras, keyed by folded names."""

    def __init__(self, legacy_rows: list[dict], current_rows: list[dict]):
        self._index: dict[tuple[str, str, str], list[Unit]] = defaultdict(list)
        self.units: dict[tuple[str, str], Unit] = {}  # (era, code) → unit
        for row in legacy_rows:
            self._add_legacy(row)
        for row in current_rows:
            self._add_current(row)

    # -- building -------------------------------------------------------------------------------

    def _put(self, unit: Unit, names: list[str]) -> None:
        if (unit.era, unit.code) in self.units:
            return
        self.units[(unit.era, unit.code)] = unit
        for k in {key(n) for n in names if n}:
            self._index[(unit.era, unit.level, k)].append(unit)

    @staticmethod
    def _keywords(raw: str | None) -> list[str]:
        return json.loads(raw) if raw else []

    @staticmethod
    def _kind(full: str, short: str) -> str:
        return full[: len(full) - len(short)].strip() if full.endswith(short) else ""

    def _add_legacy(self, r: dict) -> None:
        province = Unit(r["province"], r["provinceShort"], self._kind(r["province"], r["provinceShort"]),
                        "province", r["provinceCode"], LEGACY, r["provinceShort"], r["provinceCode"])
        self._put(province, [r["province"], r["provinceShort"], *self._keywords(r["provinceKeywords"])])
        district = Unit(r["district"], r["districtShort"], r["districtType"], "district", r["districtCode"],
                        LEGACY, r["provinceShort"], r["provinceCode"])
        self._put(district, [r["district"], r["districtShort"], *self._keywords(r["districtKeywords"])])
        if r["ward"]:
            commune = Unit(r["ward"], r["wardShort"], r["wardType"], "commune", r["wardCode"], LEGACY,
                           r["provinceShort"], r["provinceCode"], r["districtShort"], r["districtCode"])
            self._put(commune, [r["ward"], r["wardShort"], *self._keywords(r["wardKeywords"])])

    def _add_current(self, r: dict) -> None:
        province = Unit(r["province"], r["provinceShort"], self._kind(r["province"], r["provinceShort"]),
                        "province", r["provinceCode"], CURRENT, r["provinceShort"], r["provinceCode"])
        self._put(province, [r["province"], r["provinceShort"], *self._keywords(r["provinceKeywords"])])
        commune = Unit(r["ward"], r["wardShort"], r["wardType"], "commune", r["wardCode"], CURRENT,
                       r["provinceShort"], r["provinceCode"])
        self._put(commune, [r["ward"], r["wardShort"], *self._keywords(r["wardKeywords"])])

    # -- look-ups -------------------------------------------------------------------------------

    def find(self, name: str, level: str, era: str | None = None, *, province: str | None = None,
             district: str | None = None, kind: str | None = None) -> list[Unit]:
        """Units of `level` called `name` (folded match), optionally within a province/district.

        `era` None searches both eras. `kind` ("Huyện", "Phường"…) narrows by unit type.
        """
        eras = [era] if era else [LEGACY, CURRENT]
        found: list[Unit] = []
        for e in eras:
            for unit in self._index.get((e, level, key(name)), []):
                if province and key(unit.province) != key(province):
                    continue
                if district and (unit.district is None or key(unit.district) != key(district)):
                    continue
                if kind and key(unit.kind) != key(kind):
                    continue
                if unit not in found:
                    found.append(unit)
        return found

    def province(self, name: str, era: str | None = None) -> Unit | None:
        units = self.find(name, "province", era)
        return units[0] if len(units) >= 1 and len({u.short for u in units}) == 1 else None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process from the `vietnamadminunits` database."""
    from vietnamadminunits.database import get_data  # imported late: the package loads ~0.5 s

    legacy = get_data(["province", "provinceShort", "provinceCode", "provinceKeywords",
                       "district", "districtShort", "districtType", "districtCode", "districtKeywords",
                       "ward", "wardShort", "wardType", "wardCode", "wardKeywords"], "admin_units_legacy")
    current = get_data(["province", "provinceShort", "provinceCode", "provinceKeywords",
                        "ward", "wardShort", "wardType", "wardCode", "wardKeywords"], "admin_units")
    return Gazetteer(legacy, current)
