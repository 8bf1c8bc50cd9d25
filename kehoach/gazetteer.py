"""Administrative units of Việt Nam, before and after 1 July 2025, from `vietnamadminunits`.

Two eras: ``legacy`` (63 provinces, districts, wards — the units a plan issued before
1 July 2025 names) and ``2025`` (34 provinces, 3,321 communes, no districts). Names are matched
the way people type them: with or without diacritics, with or without the unit type
("huyện Hưng Hà", "Hung Hà", "Hưng Hà"). This module only answers look-ups; deciding which
unit a plan means is the importer's job.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import io
import json
import os
import pickle
import re
import sys
from collections import defaultdict
from dataclasses import astuple, dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

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
    short: str  # without the type: "Hưng Hà"; "Kỳ Anh (Thị xã)" where a huyện of one province has the name too
    kind: str  # "Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã", "Xã", "Phường", "Thị trấn", "Đặc khu"
    level: str  # province | district | commune
    code: str
    era: str
    province: str  # short name of the province the unit is in (itself for a province)
    province_code: str
    district: str | None = None  # short name of the district (legacy communes)
    district_code: str | None = None
    key: str = ""  # the package's key for the unit within its parent: "huyenhungha", "xaquangtrung"
    province_key: str = ""
    district_key: str = ""
    lat: float | None = None  # 2025 units: where on the map (the package's coordinates)
    lon: float | None = None

    @property
    def legacy(self) -> bool:
        return self.era == LEGACY

    def __hash__(self) -> int:
        # by what identifies it (equal units have the same): the 15 fields' hash was most of looking a
        # unit up (place ids, successors), ~0.8 s of each build at 10,000 plans
        return hash((self.era, self.code))


@dataclass(frozen=True)
class Successor:
    """What a unit is part of today: its 2025 province and the 2025 communes covering it."""

    province: Unit
    communes: tuple[Unit, ...] = ()


class Gazetteer:
    """Look-ups over both eras, keyed by folded names."""

    def __init__(self, legacy_rows: list[dict], current_rows: list[dict], conversion: dict | None = None):
        self._index: dict[tuple[str, str, str], list[Unit]] = defaultdict(list)
        self.units: dict[tuple[str, str], Unit] = {}  # (era, code) → unit
        self._children: dict[tuple[str, str], list[Unit]] = defaultdict(list)
        for row in legacy_rows:
            self._add_legacy(row)
        for row in current_rows:
            self._add_current(row)
        self._successors: dict[str, tuple[Unit, ...]] = {}  # legacy commune/district code → 2025 communes
        self._province_successor: dict[str, Unit] = {}  # legacy province code → 2025 province
        self._predecessors: dict[tuple[str, str], list[Unit]] = defaultdict(list)  # 2025 unit → legacy units
        if conversion:
            self._add_conversion(conversion)

    # -- building -------------------------------------------------------------------------------

    def _put(self, unit: Unit, names: list[str]) -> None:
        if (unit.era, unit.code) in self.units:
            return
        self.units[(unit.era, unit.code)] = unit
        if unit.level != "province":
            parent = unit.district_code if unit.level == "commune" and unit.legacy else unit.province_code
            self._children[(unit.era, parent)].append(unit)
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
                        "province", r["provinceCode"], LEGACY, r["provinceShort"], r["provinceCode"],
                        key=r["provinceKey"], province_key=r["provinceKey"])
        self._put(province, [r["province"], r["provinceShort"], *self._keywords(r["provinceKeywords"])])
        district = Unit(r["district"], r["districtShort"], r["districtType"], "district", r["districtCode"],
                        LEGACY, r["provinceShort"], r["provinceCode"], key=r["districtKey"],
                        province_key=r["provinceKey"])
        self._put(district, [r["district"], r["districtShort"], plain_name(r["districtShort"]),
                             *self._keywords(r["districtKeywords"])])
        if r["ward"]:
            commune = Unit(r["ward"], r["wardShort"], r["wardType"], "commune", r["wardCode"], LEGACY,
                           r["provinceShort"], r["provinceCode"], r["districtShort"], r["districtCode"],
                           key=r["wardKey"], province_key=r["provinceKey"], district_key=r["districtKey"])
            self._put(commune, [r["ward"], r["wardShort"], plain_name(r["wardShort"]), *self._keywords(r["wardKeywords"])])

    def _add_current(self, r: dict) -> None:
        province = Unit(r["province"], r["provinceShort"], self._kind(r["province"], r["provinceShort"]),
                        "province", r["provinceCode"], CURRENT, r["provinceShort"], r["provinceCode"],
                        key=r["provinceKey"], province_key=r["provinceKey"], lat=r.get("provinceLat"),
                        lon=r.get("provinceLon"))
        self._put(province, [r["province"], r["provinceShort"], *self._keywords(r["provinceKeywords"])])
        commune = Unit(r["ward"], r["wardShort"], r["wardType"], "commune", r["wardCode"], CURRENT,
                       r["provinceShort"], r["provinceCode"], key=r["wardKey"], province_key=r["provinceKey"],
                       lat=r.get("wardLat"), lon=r.get("wardLon"))
        self._put(commune, [r["ward"], r["wardShort"], *self._keywords(r["wardKeywords"])])

    def _add_conversion(self, conversion: dict) -> None:
        """The package's 2025 conversion tables: legacy province → 2025 province, and legacy
        commune ("province_district_ward" keys) → the 2025 commune(s) it became part of."""
        by_key = {(u.era, u.province_key, u.district_key, u.key): u for u in self.units.values()}
        legacy_district = {(u.province_key, u.key): u for u in self.units.values() if u.legacy and u.level == "district"}
        for new_key, old_keys in conversion["DICT_PROVINCE"].items():
            new = by_key.get((CURRENT, new_key, "", new_key))
            for old_key in old_keys:
                old = by_key.get((LEGACY, old_key, "", old_key))
                if new and old:
                    self._province_successor[old.code] = new
                    self._predecessors[(CURRENT, new.code)].append(old)

        def link(old_composite: str, new: Unit) -> None:
            province_key, district_key, ward_key = old_composite.split("_")
            old = (by_key.get((LEGACY, province_key, district_key, ward_key)) if ward_key
                   else legacy_district.get((province_key, district_key)))  # island districts have no wards
            if old is None:
                return
            self._successors[old.code] = self._successors.get(old.code, ()) + (new,)
            self._predecessors[(CURRENT, new.code)].append(old)

        for new_province, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for new_ward, olds in wards.items():
                new = by_key.get((CURRENT, new_province, "", new_ward))
                for old in olds if new else []:
                    link(old, new)
        for new_province, olds in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, parts in olds.items():
                for part in parts:
                    new = by_key.get((CURRENT, new_province, "", part["newWardKey"]))
                    if new:
                        link(old, new)

    # -- hierarchy and succession ---------------------------------------------------------------

    def unit(self, era: str, code: str) -> Unit | None:
        return self.units.get((era, code))

    def children(self, unit: Unit) -> list[Unit]:
        """Districts of a legacy province, communes of a legacy district or of a 2025 province."""
        return list(self._children.get((unit.era, unit.code), []))

    def parent(self, unit: Unit) -> Unit | None:
        if unit.level == "province":
            return None
        if unit.level == "commune" and unit.legacy:
            return self.units.get((LEGACY, unit.district_code))
        return self.units.get((unit.era, unit.province_code))

    def successor(self, unit: Unit) -> Successor:
        """The 2025 province and communes a unit is part of today (a 2025 unit is its own)."""
        if not unit.legacy:
            province = self.units[(CURRENT, unit.province_code)]
            return Successor(province, (unit,) if unit.level == "commune" else ())
        province = self._province_successor[unit.province_code]
        if unit.level == "province":
            return Successor(province)
        communes: dict[str, Unit] = {}
        for part in [unit] if unit.level == "commune" else self.children(unit) or [unit]:
            for new in self._successors.get(part.code, ()):
                communes[new.code] = new
        return Successor(province, tuple(sorted(communes.values(), key=lambda u: u.code)))

    def predecessors(self, unit: Unit) -> list[Unit]:
        """The legacy provinces (or communes, districts without communes) a 2025 unit was formed from."""
        return list(self._predecessors.get((unit.era, unit.code), []))

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


def plain_name(short: str) -> str:
    """A short name as documents write it: the package tells apart two units of one name in a province
    with their kind ("Kỳ Anh (Thị xã)", "Kỳ Anh (Huyện)"); "thị xã Kỳ Anh" is found by its kind."""
    return re.sub(r"\s*\([^)]*\)$", "", short)


def cache_file() -> Path:
    """Where the gazetteer is kept ready between processes: a file of this code, this Python and this
    version of `vietnamadminunits` (a change to any is another file)."""
    h = hashlib.blake2b(digest_size=8)
    for module in (__file__, Path(__file__).with_name("text.py")):  # text.py: how names are folded into keys
        h.update(Path(module).read_bytes())
    h.update(f"{sys.version}\0{metadata.version('vietnamadminunits')}".encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "kehoach" / f"gazetteer-{h.hexdigest()}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process: from the file a process before kept (`cache_file`:
    0.1 s), else from the `vietnamadminunits` database (0.7 s), then kept there."""
    path = cache_file()
    gc.disable()  # ~100,000 objects at once: the collector would go through them over and over
    try:
        with open(path, "rb") as f:
            kept = pickle.load(f)
        if isinstance(kept, Gazetteer):
            return kept
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    finally:
        gc.enable()
    made = _from_database()
    try:
        from .planfile import write_atomic  # noqa: PLC0415 (the importer's module: loaded late, as needed)
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {}  # the units themselves, not by their code (_reduce_unit)
        pickler.dump(made)
        write_atomic(path, out.getvalue())
    except OSError:  # a home that cannot be written: read from the database every time
        pass
    return made


def _unit_by_code(era: str, code: str) -> Unit:
    unit = gazetteer().unit(era, code)
    if unit is None:
        raise pickle.UnpicklingError(f"no unit {era}/{code} in the gazetteer")
    return unit


def _reduce_unit(unit: Unit):
    """A unit of the gazetteer is pickled by its era and code, and unpickled as the gazetteer's own:
    each plan's place and issuer hold units (15 fields each), sent from the processes that read the
    plans and kept in the plans memo; by value, every plan read back held copies of its own. A unit the
    gazetteer does not hold goes by value."""
    if gazetteer().units.get((unit.era, unit.code)) is unit:
        return _unit_by_code, (unit.era, unit.code)
    return Unit, astuple(unit)


copyreg.pickle(Unit, _reduce_unit)


def _from_database() -> Gazetteer:
    from vietnamadminunits.database import (
        get_data,  # imported late: the package loads ~0.5 s
    )

    legacy = get_data(["province", "provinceShort", "provinceCode", "provinceKeywords", "provinceKey",
                       "district", "districtShort", "districtType", "districtCode", "districtKeywords",
                       "districtKey", "ward", "wardShort", "wardType", "wardCode", "wardKeywords", "wardKey"],
                      "admin_units_legacy")
    current = get_data(["province", "provinceShort", "provinceCode", "provinceKeywords", "provinceKey", "provinceLat",
                        "provinceLon", "ward", "wardShort", "wardType", "wardCode", "wardKeywords", "wardKey", "wardLat",
                        "wardLon"], "admin_units")
    conversion = json.loads(resources.files("vietnamadminunits").joinpath("data/converter_2025.json").read_text("utf-8"))
    return Gazetteer(legacy, current, conversion)
