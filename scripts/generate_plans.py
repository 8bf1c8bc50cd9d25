"""Generate a synthetic plans directory for benchmarks: real units from the gazetteer, plans that
implement their parent unit's plan, which implements a national decision; both eras.

    .venv/bin/python scripts/generate_plans.py --count 10000 --out /tmp/plans

Every generated plan has `synthetic: true` and is never committed to plans/. The front matter
(tasks, recipients, citations) is as large as a real plan's, taken from the Hưng Hà seed plan.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kehoach.gazetteer import Unit, gazetteer
from kehoach.ids import issuer_slug
from kehoach.planfile import dump_plan, read_plan, write_atomic
from kehoach.text import slugify

TEMPLATE = ROOT / "plans" / "thai-binh" / "hung-ha" / "kh-18-2023-ubnd-huyen-hung-ha-thai-binh.md"
NATIONAL = [
    ("Quyết định số 977/QĐ-TTg ngày 11/8/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Tăng cường năng lực "
    "tiếp cận pháp luật của người dân”"),
    ("Quyết định số 1190/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt Chương trình trợ giúp người "
    "khuyết tật giai đoạn 2021-2030"),
    "Nghị quyết số 04/2024/NQ-HĐND ngày 19/7/2024 của Hội đồng nhân dân thành phố Hải Phòng",
]


def _record(text: str, doc_type: str, number: str, date: str, issuer: str | None) -> dict:
    return {"text": text, "doc_type": doc_type, "number": number, "date": date, "issuer": issuer}


class Generator:
    def __init__(self):
        template = read_plan(TEMPLATE)
        self.meta, self.body = template.meta, template.body
        self.g = gazetteer()

    def plan(self, unit: Unit, number: int, year: str, parent: tuple[dict, Unit] | None, national: str) -> dict:
        meta = copy.deepcopy(self.meta)
        level = unit.level
        kind = unit.kind.lower()
        date = f"{year}-03-{1 + number % 28:02d}"
        name = f"Ủy ban nhân dân {kind} {unit.short}"
        district = unit.district if unit.level == "commune" and unit.legacy else None
        slug = issuer_slug("ubnd", kind, unit.short, level, unit.province, district)
        meta.update({
            "id": f"kh-{number}-{year}-{slug}", "number": f"{number}/KH-UBND", "symbol": "KH-UBND",
            "title": f"Triển khai thực hiện Đề án “Tăng cường năng lực tiếp cận pháp luật của người dân” "
                     f"trên địa bàn {kind} {unit.short} năm {year}",
            "date": date, "place": unit.short, "issuer": {"name": name, "level": level},
            "area": {"province": unit.province,
                     "district": unit.short if level == "district" else district,
                     "commune": unit.name if level == "commune" else None},
            "synthetic": True,
        })
        nat = NATIONAL[0] if national == "977" else NATIONAL[1]
        basis = [_record(nat, "Quyết định", nat.split("số ")[1].split(" ")[0], "2022-08-11" if national == "977"
                         else "2020-08-05", "Thủ tướng Chính phủ")]
        if parent:  # "… của UBND huyện": the unit is read from the citing plan's context
            above, above_unit = parent
            said = above_unit.kind.lower()
            if said == "thành phố":  # in a city within a city, "thành phố" alone would be ambiguous
                said += f" {above_unit.short}"
            y, m, d = above["date"].split("-")
            text = f"Kế hoạch số {above['number']} ngày {d}/{m}/{y} của UBND {said} triển khai thực hiện Đề án"
            basis.append(_record(text, "Kế hoạch", above["number"], above["date"], f"Ủy ban nhân dân {said}"))
        meta["basis"] = basis
        if level != "commune":
            meta["coverage"] = [{"units": "Ủy ban nhân dân các xã, phường, thị trấn", "level": "commune",
                                 "kinds": [], "text": "Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện."}]
        else:
            meta["coverage"] = []
        meta.pop("source", None)
        return meta

    def generate(self, count: int):
        """Plans, parents first: provinces and districts of both eras, then communes round-robin."""
        g = self.g
        legacy = sorted((u for u in g.units.values() if u.legacy and u.level == "province"), key=lambda u: u.code)
        current = sorted((u for u in g.units.values() if not u.legacy and u.level == "province"),
                         key=lambda u: u.code)
        numbers = itertools.count(1)
        made = 0
        heads: list[tuple[tuple[dict, Unit], list[Unit]]] = []  # (plan, unit), lower units without a plan
        for province in legacy + current:
            if made >= count:
                return
            year = "2023" if province.legacy else "2026"
            p = self.plan(province, next(numbers), year, None, "977" if province.legacy else "1190")
            made += 1
            yield p
            if province.legacy:
                for district in g.children(province):
                    if made >= count:
                        return
                    d = self.plan(district, next(numbers), year, (p, province), "977")
                    made += 1
                    yield d
                    heads.append(((d, district), g.children(district)))
            else:
                heads.append(((p, province), g.children(province)))
        while made < count and any(units for _, units in heads):
            for parent, units in heads:
                if units and made < count:
                    unit = units.pop(0)
                    year = "2023" if unit.legacy else "2026"
                    made += 1
                    yield self.plan(unit, next(numbers), year, parent, "977" if unit.legacy else "1190")


def write(count: int, out: Path) -> int:
    gen = Generator()
    n = 0
    for meta in gen.generate(count):
        area = meta["area"]
        parts = [slugify(x) for x in (area["province"], area["district"]) if x]
        write_atomic(out.joinpath(*parts, f"{meta['id']}.md"), dump_plan(meta, gen.body))
        n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    print(f"wrote {write(args.count, args.out)} plans under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
