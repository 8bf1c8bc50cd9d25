"""`kehoach validate`: every plan against the schema and the rules, as `file:line: message`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema

from .citations import parse_date
from .gazetteer import LEGACY, era_of, gazetteer
from .planfile import PlanError, PlanFile, iter_plan_paths, read_plan
from .vocabulary import vocabulary


@dataclass
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@cache
def schema() -> dict:
    return json.loads(resources.files("kehoach").joinpath("data/plan.schema.json").read_text("utf-8"))


def _dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "front matter"


def _schema_problems(plan: PlanFile) -> list[Problem]:
    problems = []
    validator = jsonschema.Draft202012Validator(schema())
    for err in sorted(validator.iter_errors(plan.meta), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(err.absolute_path)
        if err.validator == "required":
            missing = re.search(r"'([^']+)' is a required property", err.message)
            name = missing.group(1) if missing else "?"
            message = f"missing key '{_dotted(path + (name,))}'"
        elif err.validator == "additionalProperties":
            extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
            for name in extra:
                problems.append(Problem(str(plan.path), plan.line_of(path + (name,)),
                                        f"unknown key '{_dotted(path + (name,))}' (see docs/dinh-dang.md)"))
            continue
        else:
            message = f"{_dotted(path)}: {err.message}"
        problems.append(Problem(str(plan.path), plan.line_of(path), message))
    return problems


def _date_ok(value) -> bool:
    """False only for a well-shaped date that does not exist (2023-02-30); the schema checks the shape."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return True
    year, month, day = (value.split("-") + [None, None])[:3]
    return parse_date(day, month, year) is not None


def _rule_problems(plan: PlanFile) -> list[Problem]:
    meta, path = plan.meta, str(plan.path)
    out: list[Problem] = []

    def add(keys: tuple, message: str, severity: str = "error") -> None:
        out.append(Problem(path, plan.line_of(keys), message, severity))

    if not _date_ok(meta.get("date")):
        add(("date",), f"date: {meta['date']} is not a real date")
    for section in ("basis", "references"):
        for i, c in enumerate(meta.get(section) or []):
            if isinstance(c, dict) and not _date_ok(c.get("date")):
                add((section, i, "date"), f"{section}[{i}].date: {c['date']} is not a real date")
    number, symbol = meta.get("number"), meta.get("symbol")
    if isinstance(number, str) and isinstance(symbol, str) and not (
            number.endswith(("/" + symbol, "-" + symbol))):
        add(("number",), f"number {number} does not end with the symbol {symbol}")
    issuer, area = meta.get("issuer"), meta.get("area")
    if isinstance(issuer, dict) and isinstance(area, dict):
        level = issuer.get("level")
        need = {"central": (), "province": ("province",), "district": ("province", "district"),
                "commune": ("province", "commune")}.get(level)
        forbid = {"central": ("province", "district", "commune"), "province": ("district", "commune"),
                  "district": ("commune",), "commune": ()}.get(level, ())
        for k in need or ():
            if not area.get(k):
                add(("area", k), f"area.{k} is empty but issuer.level is {level}", "warning")
        for k in forbid:
            if area.get(k):
                add(("area", k), f"area.{k} is set but issuer.level is {level}")
        out += _gazetteer_problems(plan, area)
    voc = vocabulary()
    for key, terms in (("topics", voc.topics), ("beneficiaries", voc.beneficiaries)):
        known = {t.slug for t in terms}
        for i, slug in enumerate(meta.get(key) or []):
            if isinstance(slug, str) and slug not in known:
                add((key, i), f"{key}: '{slug}' is not in kehoach/data/vocabulary.yaml")
    if isinstance(meta.get("id"), str) and plan.path.stem != meta["id"]:
        add(("id",), f"file name {plan.path.name} does not match id {meta['id']}", "warning")
    if not plan.body.strip():
        out.append(Problem(path, plan.body_line, "the plan has no text", "warning"))
    return out


def _gazetteer_problems(plan: PlanFile, area: dict) -> list[Problem]:
    out = []
    era = era_of(plan.meta.get("date") if isinstance(plan.meta.get("date"), str) else None)
    g = gazetteer()
    province = area.get("province")
    if isinstance(province, str) and not g.find(province, "province", era):
        out.append(Problem(str(plan.path), plan.line_of(("area", "province")),
                           f"area.province '{province}' is not a province {_era_words(era)} in the gazetteer"))
        return out
    district = area.get("district")
    if isinstance(district, str) and not g.find(district, "district", LEGACY, province=province):
        out.append(Problem(str(plan.path), plan.line_of(("area", "district")),
                           f"area.district '{district}' is not a district of {province} in the gazetteer"))
    commune = area.get("commune")
    if isinstance(commune, str) and not g.find(commune, "commune", era, province=province):
        out.append(Problem(str(plan.path), plan.line_of(("area", "commune")),
                           f"area.commune '{commune}' is not a commune of {province} {_era_words(era)} in the gazetteer"))
    return out


def _era_words(era: str | None) -> str:
    return {"legacy": "before 1 July 2025", "2025": "since 1 July 2025"}.get(era or "", "")


def validate(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, tuple[str, int]] = {}
    paths = iter_plan_paths(root)
    if not paths:
        return [Problem(str(root), 0, "no plan files (*.md) found")]
    for p in paths:
        try:
            plan = read_plan(p)
        except PlanError as err:
            problems.append(Problem(err.path, err.line, err.message))
            continue
        problems += sorted(_schema_problems(plan) + _rule_problems(plan), key=lambda x: x.line)
        pid = plan.meta.get("id")
        if isinstance(pid, str):
            if pid in ids:
                other, line = ids[pid]
                problems.append(Problem(str(p), plan.line_of(("id",)), f"id '{pid}' is also used by {other}:{line}"))
            else:
                ids[pid] = (str(p), plan.line_of(("id",)))
    return problems
