"""The controlled vocabulary (`data/vocabulary.yaml`), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .text import fold


@dataclass(frozen=True)
class DocType:
    name: str
    code: str
    symbols: tuple[str, ...]


@dataclass(frozen=True)
class Agency:
    name: str
    abbr: tuple[str, ...]
    code: str
    level: str  # local | province | district | central


@dataclass(frozen=True)
class Law:
    name: str
    number: str | None
    year: int | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """A topic or a beneficiary group."""

    slug: str
    label: str
    phrases: tuple[str, ...]
    min: int = 1


@dataclass(frozen=True)
class Vocabulary:
    doc_types: tuple[DocType, ...]
    agencies: tuple[Agency, ...]
    laws: tuple[Law, ...]
    topics: tuple[Term, ...]
    beneficiaries: tuple[Term, ...]

    def __post_init__(self) -> None:  # look-up tables, built once: these are asked for every citation
        by_name = {fold(d.name): d for d in self.doc_types}
        by_symbol: dict[str, DocType] = {}
        for d in self.doc_types:
            for sym in d.symbols:
                by_symbol.setdefault(sym, d)
        by_abbr: dict[str, Agency] = {}
        for a in self.agencies:
            for abbr in a.abbr:
                by_abbr.setdefault(abbr, a)
        laws = {fold(n): law for law in self.laws for n in (law.name, *law.aliases)}
        topics = {t.slug: t for t in self.topics}
        groups = {t.slug: t for t in self.beneficiaries}
        object.__setattr__(self, "_tables", (by_name, by_symbol, by_abbr, laws, topics, groups))

    def doc_type_by_name(self, name: str) -> DocType | None:
        return self._tables[0].get(fold(name))

    def doc_type_by_symbol(self, symbol: str) -> DocType | None:
        """``"KH-UBND"`` → Kế hoạch; ``"UBND-NC"`` (no type code) → None."""
        return self._tables[1].get(symbol.split("-")[0].split("/")[0])

    def agency_by_abbr(self, abbr: str) -> Agency | None:
        return self._tables[2].get(abbr)

    def law_by_name(self, name: str) -> Law | None:
        return self._tables[3].get(fold(name))

    def topic(self, slug: str) -> Term | None:
        return self._tables[4].get(slug)

    def topic_label(self, slug: str) -> str:
        """``"tro-giup-phap-ly"`` → ``"Trợ giúp pháp lý"``; a slug not in the vocabulary as it is."""
        found = self.topic(slug)
        return found.label if found else slug

    def beneficiary_label(self, slug: str) -> str:
        """``"nguoi-khuyet-tat"`` → ``"Người khuyết tật"``; a slug not in the vocabulary as it is."""
        found = self._tables[5].get(slug)
        return found.label if found else slug


@cache
def vocabulary() -> Vocabulary:
    raw = yaml.safe_load(resources.files("kehoach").joinpath("data/vocabulary.yaml").read_text("utf-8"))
    return Vocabulary(
        doc_types=tuple(DocType(d["name"], d["code"], tuple(d["symbols"])) for d in raw["doc_types"]),
        agencies=tuple(Agency(a["name"], tuple(a["abbr"]), a["code"], a["level"]) for a in raw["agencies"]),
        laws=tuple(Law(x["name"], x["number"], x["year"], tuple(x["aliases"])) for x in raw["laws"]),
        topics=tuple(Term(t["slug"], t["label"], tuple(t["phrases"]), t.get("min", 1)) for t in raw["topics"]),
        beneficiaries=tuple(Term(t["slug"], t["label"], tuple(t["phrases"])) for t in raw["beneficiaries"]),
    )
