"""Where a plan sits: its unit as issued (with the official codes) and what that unit is today.

Place ids name administrative units the way the site's addresses will:

    hai-phong                                   Thành phố Hải Phòng (2025)
    hai-phong/phuong-le-thanh-nghi              Phường Lê Thanh Nghị (2025)
    truoc-2025/thai-binh                        Tỉnh Thái Bình, before 1 July 2025
    truoc-2025/thai-binh/huyen-hung-ha          Huyện Hưng Hà
    truoc-2025/thai-binh/huyen-hung-ha/xa-...   a commune of Hưng Hà

Units come from the gazetteer (`vietnamadminunits`), never from a hand-made list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..gazetteer import CURRENT, LEGACY, Successor, Unit, era_of, gazetteer
from ..text import slugify

NATION = ""  # the place id of the whole country
LEGACY_PREFIX = "truoc-2025"


@lru_cache(maxsize=None)
def place_id(unit: Unit) -> str:
    g = gazetteer()
    parts = []
    u: Unit | None = unit
    while u is not None:
        parts.append(slugify(u.short if u.level == "province" else u.name))
        u = g.parent(u)
    if unit.legacy:
        parts.append(LEGACY_PREFIX)
    return "/".join(reversed(parts))


def parent_place_id(pid: str) -> str | None:
    if pid == NATION:
        return None
    head, _, _ = pid.rpartition("/")
    return NATION if head in ("", LEGACY_PREFIX) else head


@dataclass(frozen=True)
class Place:
    """An administrative unit as a place of the hierarchy, linked both ways across the reform."""

    id: str
    unit: Unit | None  # None for the whole country

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else "Việt Nam"

    @property
    def parent(self) -> str | None:
        return parent_place_id(self.id)

    @property
    def today(self) -> list[str]:
        """For a unit before the reform: the 2025 province and communes it is part of now."""
        if self.unit is None or not self.unit.legacy:
            return []
        successor = gazetteer().successor(self.unit)
        if self.unit.level == "province":
            return [place_id(successor.province)]
        return [place_id(c) for c in successor.communes]

    @property
    def formed_from(self) -> list[str]:
        """For a 2025 unit: the units before the reform it was formed from."""
        if self.unit is None or self.unit.legacy:
            return []
        return [place_id(u) for u in gazetteer().predecessors(self.unit)]


@cache
def _units_by_place() -> dict[str, Unit]:
    return {place_id(u): u for u in gazetteer().units.values()}


def place(pid: str) -> Place | None:
    """The place of an id ("" is the whole country); None if no unit has this id."""
    if pid == NATION:
        return Place(NATION, None)
    unit = _units_by_place().get(pid)
    return Place(pid, unit) if unit else None


def unit_record(unit: Unit | None) -> dict | None:
    if unit is None:
        return None
    return {"name": unit.name, "code": unit.code, "place": place_id(unit)}


@dataclass(frozen=True)
class Area:
    """A plan's area as issued, and today."""

    era: str | None
    province: Unit | None = None
    district: Unit | None = None
    commune: Unit | None = None
    successor: Successor | None = None

    @property
    def unit(self) -> Unit | None:
        """The most specific unit: the commune, else the district, else the province."""
        return self.commune or self.district or self.province

    def at(self, level: str | None) -> Unit | None:
        """The plan's unit at a level: "province", "district" or "commune"."""
        return {"province": self.province, "district": self.district, "commune": self.commune}.get(level or "")

    def places_as_issued(self) -> list[str]:
        return [place_id(u) for u in (self.province, self.district, self.commune) if u]

    def places_today(self) -> list[str]:
        if self.successor is None:
            return []
        return [place_id(self.successor.province)] + [place_id(c) for c in self.successor.communes]

    def record(self) -> dict:
        successor = None
        if self.successor:
            successor = {"province": unit_record(self.successor.province),
                         "communes": [unit_record(c) for c in self.successor.communes]}
        return {"era": self.era, "province": unit_record(self.province), "district": unit_record(self.district),
                "commune": unit_record(self.commune), "successor": successor}


def _one(units: list[Unit]) -> Unit | None:
    return units[0] if len({(u.era, u.code) for u in units}) == 1 else None


def plan_area(area: dict | None, date: str | None) -> Area:
    area = area or {}
    names = tuple(area.get(k) if isinstance(area.get(k), str) else None for k in ("province", "district", "commune"))
    return _area(names, era_of(date))


@lru_cache(maxsize=65536)
def _area(names: tuple[str | None, str | None, str | None], era: str | None) -> Area:
    """Look up a plan's `area` (names as written in the front matter) in the gazetteer.

    The era is the one in force on the plan's date; a plan dated only "2025" is matched in
    whichever era has its units (districts exist only before the reform)."""
    area = dict(zip(("province", "district", "commune"), names, strict=True))
    if era is None:
        era = LEGACY if area.get("district") else None
    g = gazetteer()
    found: Area | None = None
    for e in [era] if era else [CURRENT, LEGACY]:
        province = g.province(area["province"], e) if area.get("province") else None
        if province is None:
            continue
        district = commune = None
        if area.get("district") and e == LEGACY:
            district = _one(g.find(area["district"], "district", LEGACY, province=province.short))
        if area.get("commune"):
            commune = _one(g.find(area["commune"], "commune", e, province=province.short,
                                  district=district.short if district else None))
            if commune and commune.legacy and district is None:
                district = g.parent(commune)
        found = Area(e, province, district, commune)
        if not area.get("commune") or commune:
            break
    if found is None:
        return Area(era)
    unit = found.unit
    return Area(found.era, found.province, found.district, found.commune, g.successor(unit) if unit else None)

