"""`kehoach validate`: every plan against the schema and the rules, as `file:line: message`.

The site's build runs the same checks (`load`) before it makes any page, and stops on any error.
Every check is written for hostile input: a value of any type at any key gives a message, never an
exception; the schema is checked first with fastjsonschema (compiled, ~10× faster than jsonschema),
and only a plan it refuses is checked again with jsonschema for every error and its path."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import fastjsonschema
import jsonschema

from .citations import parse_date
from .gazetteer import LEGACY, era_of, gazetteer
from .planfile import PlanError, PlanFile, PlanMemo, iter_plan_paths, read_plans
from .vocabulary import vocabulary

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the id scheme (docs/dinh-danh.md), matched whole
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass
class Problem:
    path: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command: an annotation on the file and line of a
        pull request's diff (`::error file=…,line=…,title=…::message`)."""
        def prop(value: str) -> str:
            return _escape(value).replace(":", "%3A").replace(",", "%2C")

        where = f"file={prop(self.path)}" + (f",line={self.line}" if self.line > 0 else "")
        return f"::{self.severity} {where},title=kehoach validate::{_escape(self.message)}"


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@cache
def schema() -> dict:
    return json.loads(resources.files("kehoach").joinpath("data/plan.schema.json").read_text("utf-8"))


def _dotted(path: tuple) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "front matter"


@cache
def _fast():
    return fastjsonschema.compile(schema())


@cache
def _full() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def _keys_problems(plan: PlanFile) -> list[Problem]:
    """Keys that are not text (``1: x``, ``true: y``) anywhere in the front matter: the schema names
    keys as text, and JSON has no other kind."""
    out, todo = [], [((), plan.meta)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if not isinstance(k, str):
                    out.append(Problem(str(plan.path), plan.line_of(path), f"{_dotted(path)}: key {k!r} is not text"))
                else:
                    todo.append((path + (k,), v))
        elif isinstance(value, list):
            todo += [(path + (i,), v) for i, v in enumerate(value)]
    return out


def _schema_problems(plan: PlanFile) -> list[Problem]:
    try:
        _fast()(plan.meta)
        return []
    except Exception:  # noqa: BLE001 -- JsonSchemaException, or a TypeError on keys that are not text
        pass
    odd = _keys_problems(plan)
    if odd:
        return odd
    problems = []
    validator = _full()
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
    """False for a string that is not a whole ISO date that exists (2023-02-30; "2023-02-21\\n",
    which the schema's pattern lets through); other types are the schema's to refuse."""
    if not isinstance(value, str):
        return True
    if not DATE.fullmatch(value):
        return False
    year, month, day = (value.split("-") + [None, None])[:3]
    return parse_date(day, month, year) is not None


def _rule_problems(plan: PlanFile) -> list[Problem]:
    meta, path = plan.meta, str(plan.path)
    out: list[Problem] = []

    def add(keys: tuple, message: str, severity: str = "error") -> None:
        out.append(Problem(path, plan.line_of(keys), message, severity))

    def items(key: str) -> list:
        value = meta.get(key)
        return value if isinstance(value, list) else []

    pid = meta.get("id")
    if isinstance(pid, str) and not ID.fullmatch(pid):
        add(("id",), f"id {pid!r} is not of the id scheme: lowercase ASCII letters, digits and single hyphens")
    if not _date_ok(meta.get("date")):
        add(("date",), f"date: {meta['date']} is not a real date")
    for section in ("basis", "references"):
        for i, c in enumerate(items(section)):
            if isinstance(c, dict) and not _date_ok(c.get("date")):
                add((section, i, "date"), f"{section}[{i}].date: {c['date']} is not a real date")
    number, symbol = meta.get("number"), meta.get("symbol")
    if isinstance(number, str) and isinstance(symbol, str) and not (
            number.endswith(("/" + symbol, "-" + symbol))):
        add(("number",), f"number {number} does not end with the symbol {symbol}")
    issuer, area = meta.get("issuer"), meta.get("area")
    if isinstance(issuer, dict) and isinstance(area, dict):
        level = issuer.get("level")
        level = level if isinstance(level, str) else None
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
        for i, slug in enumerate(items(key)):
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
    if not isinstance(province, str):
        return out
    if not g.find(province, "province", era):
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


def check(plan: PlanFile) -> list[Problem]:
    """Every problem of one plan (read with its composed front matter, for lines), by line."""
    try:
        problems = _schema_problems(plan) + _rule_problems(plan)
    except Exception as err:  # noqa: BLE001 -- a check that fails must still name the file, never crash a build
        problems = [Problem(str(plan.path), 1, f"could not be checked ({type(err).__name__}: {err}); "
                                               "please report this with the file")]
    return sorted(problems, key=lambda x: x.line)


def load(root: Path, memo: PlanMemo | None = None, derive: Callable[[PlanFile], object] | None = None,
         pack_from: int | None = None) -> tuple[list[PlanFile], list[Problem]]:
    """Every plan under `root` that could be read, and every problem of every file (each plan's, and
    ids used by two files). The build uses the plans only when no problem is an error. `derive`: as
    planfile.read_plans (what the build makes of each plan alone, made where it is read). `pack_from`:
    with at least this many plan files, each body is held Packed (planfile.read_plans' `pack`)."""
    paths = iter_plan_paths(root, memo.folders if memo is not None else None) if root.exists() else []
    if not paths:
        return [], []
    base = root if root.is_dir() else root.parent
    # what every check needs, made once here: the worker processes that read the plans start as copies
    # of this one (the gazetteer alone takes ~1 s to load)
    _fast(), gazetteer(), vocabulary()
    plans: list[PlanFile] = []
    problems: list[Problem] = []
    ids: dict[str, tuple[str, int]] = {}
    pack = pack_from is not None and len(paths) >= pack_from
    for r in read_plans(paths, memo=memo, check=check, root=base, derive=derive, pack=pack):
        if isinstance(r, PlanError):
            problems.append(Problem(r.path, r.line, r.message))
            continue
        plans.append(r)
        problems += r.problems
        pid = r.meta.get("id")
        if isinstance(pid, str):
            if pid in ids:
                other, line = ids[pid]
                problems.append(Problem(str(r.path), r.id_line, f"id '{pid}' is also used by {other}:{line}"))
            else:
                ids[pid] = (str(r.path), r.id_line)
    return plans, problems


def validate(root: Path) -> list[Problem]:
    plans, problems = load(root)
    if not plans and not problems:
        return [Problem(str(root), 0, "no plan files (*.md) found")]
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
