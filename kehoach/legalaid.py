"""Who is entitled to free legal aid: Article 7 of Luật Trợ giúp pháp lý 2017 as amended, read from
`data/tro-giup-phap-ly.yaml`, the one file that holds the guide's legal statements and their sources.

`entitled(facts)` answers the self-check in Python as docs/assets/tu-kiem-tra.js does in the browser:
each clause names the facts it needs (all of them); `kho-khan-tai-chinh` (financial difficulty) is
derived from the facts that prove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

import yaml


class LawFileError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    kind: str  # official | press
    title: str
    url: str
    checks: str
    date: str | None = None


@dataclass(frozen=True)
class Clause:
    id: str  # "1" … "6a", "7a" … "7h"
    text: str  # the law's wording
    plain: str  # the same in plain words
    sources: tuple[str, ...]
    when: tuple[str, ...] = ()
    beneficiary: str | None = None
    in_force: str | None = None
    repealed: str | None = None
    note: str | None = None
    verified: bool = False

    @property
    def label(self) -> str:
        """ "khoản 6a", "điểm d khoản 7" """
        if self.id[0] == "7" and len(self.id) > 1:
            return f"điểm {self.id[1:]} khoản 7"
        return f"khoản {self.id}"

    def in_force_on(self, day: str) -> bool:
        return (self.in_force or "") <= day and not (self.repealed and self.repealed <= day)


@dataclass(frozen=True)
class Law:
    raw: dict
    clauses: tuple[Clause, ...]
    sources: dict[str, Source]
    facts: tuple[tuple[str, str], ...]  # (id, question)
    ages: tuple[tuple[str, str], ...]
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def published(self, day: str | None = None) -> list[Clause]:
        """The clauses the guide lists: verified and in force on `day` (today by default)."""
        day = day or date.today().isoformat()
        return [c for c in self.clauses if c.verified and c.in_force_on(day)]

    def entitled(self, facts: set[str], day: str | None = None) -> list[Clause]:
        facts = set(facts)
        for name, any_of in self.derived.items():
            if facts & set(any_of):
                facts.add(name)
        return [c for c in self.published(day) if c.when and set(c.when) <= facts]


def _check(raw: dict) -> None:
    """Every statement names its sources, every source is listed, every fact is asked."""
    sources = {s["id"] for s in raw["sources"]}
    facts = {f["id"] for f in raw["facts"]} | {a["id"] for a in raw["ages"]} | set(raw.get("derived", {}))
    for s in raw["sources"]:
        for key in ("publisher", "kind", "title", "url", "checks"):
            if not s.get(key):
                raise LawFileError(f"source {s.get('id')}: no {key}")
        if s["kind"] not in ("official", "press") or not s["url"].startswith(("https://", "http://")):
            raise LawFileError(f"source {s['id']}: kind must be official or press, url http(s)")
    named = [(f"clause {c['id']}", c.get("sources")) for c in raw["clauses"]]
    named += [(f"amendment {m['id']}", m.get("sources")) for m in raw["amendments"]]
    named += [("law", raw["law"].get("sources")), ("where", raw["where"].get("sources")),
              ("directory", raw["directory"].get("sources"))]
    named += [(f"centre {c.get('province')}", c.get("sources")) for c in raw.get("centres") or []]
    for c in raw.get("centres") or []:
        for key in ("province", "name", "address", "phone"):
            if not c.get(key):
                raise LawFileError(f"centre {c.get('province')}: no {key}")
    named += [(f"derived {k}", v.get("sources")) for k, v in raw.get("derived", {}).items()]
    named += [(f"documents {k}", v) for k, v in raw["documents"].items() if k.endswith("sources")]
    for what, refs in named:
        if not refs:
            raise LawFileError(f"{what}: no sources")
        for ref in refs:
            if ref not in sources:
                raise LawFileError(f"{what}: unknown source {ref}")
    for c in raw["clauses"]:
        for f in c.get("when") or []:
            if f not in facts:
                raise LawFileError(f"clause {c['id']}: unknown fact {f}")


def parse_law(text: str) -> Law:
    raw = yaml.safe_load(text)
    _check(raw)
    clauses = tuple(Clause(id=str(c["id"]), text=c["text"], plain=c["plain"], sources=tuple(c["sources"]),
                           when=tuple(c.get("when") or ()), beneficiary=c.get("beneficiary"),
                           in_force=c.get("in_force"), repealed=c.get("repealed"), note=c.get("note"),
                           verified=bool(c.get("verified")))
                    for c in raw["clauses"])
    sources = {s["id"]: Source(s["id"], s["publisher"], s["kind"], s["title"], s["url"], s["checks"], s.get("date"))
               for s in raw["sources"]}
    return Law(raw, clauses, sources, tuple((f["id"], f["ask"]) for f in raw["facts"]),
               tuple((a["id"], a["ask"]) for a in raw["ages"]),
               {k: tuple(v["any"]) for k, v in (raw.get("derived") or {}).items()})


@cache
def law() -> Law:
    return parse_law(resources.files("kehoach").joinpath("data/tro-giup-phap-ly.yaml").read_text("utf-8"))


__all__ = ["Clause", "Law", "LawFileError", "Source", "law", "parse_law"]
