"""Nodes and edges of the citation graph.

Node kinds:
- ``plan``: a plan of the base (a file in plans/).
- ``external``: a document known only by citation, with what the citations say of it, merged
  across every plan that cites it. ``partial`` when the citations leave its issuer's unit or its
  year unknown (then ``missing`` says which).
- ``ambiguous``: a citation that fits more than one document, or fits one only on the parts it
  gives; ``candidates`` lists them and no link is made to any.

Edge relations: ``basis`` (the plan says it implements / is based on the document: căn cứ, thực
hiện, triển khai) and ``reference`` (cited elsewhere). The relation kinds of vbpl.vn's "Lược đồ"
are reserved for the nested citations that state them: ``amends`` (sửa đổi, bổ sung), ``replaces``
(thay thế), ``guides`` (hướng dẫn, quy định chi tiết); and for what a plan says it does to a document
it cites (its front matter's `references[].relation`, read by the importer): ``replaces``, ``amends``,
``repeals`` (bãi bỏ).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .places import Area

RELATIONS = ("basis", "reference", "amends", "replaces", "repeals", "guides")
# a document's status once another did this to it, the strongest first
STATUS = (("repeals", "Bị bãi bỏ"), ("replaces", "Được thay thế"), ("amends", "Được sửa đổi, bổ sung"))


@dataclass
class Node:
    id: str
    kind: str  # plan | external | ambiguous
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None  # a plan's title; for other nodes the subject the citations give
    level: str | None = None  # the issuer's level: central | province | district | commune
    file: str | None = None  # plans: the path as given
    area: Area | None = None  # plans
    candidates: list[str] = field(default_factory=list)  # ambiguous
    reason: str | None = None  # ambiguous: why no single document could be chosen
    missing: list[str] = field(default_factory=list)  # partial external: "year", "issuer"
    texts: list[str] = field(default_factory=list)  # every distinct way citations wrote it
    coverage: list[dict] = field(default_factory=list)  # plans: instructions to lower units
    meta: dict | None = field(default=None, repr=False)  # plans: the front matter
    status: str | None = None  # what a later document did to it: "Bị bãi bỏ", "Được thay thế", … (STATUS)
    _dates: Counter = field(default_factory=Counter, repr=False)
    _issuers: Counter = field(default_factory=Counter, repr=False)

    @property
    def label(self) -> str:
        """ "Kế hoạch số 19/KH-UBND" / "Luật Trợ giúp pháp lý"."""
        if self.doc_type in ("Luật", "Bộ luật") and self.title and self.title.startswith(self.doc_type):
            return self.title  # "Luật Trợ giúp pháp lý"
        if self.number:
            return f"{self.doc_type or 'Văn bản'} số {self.number}"
        if self.kind != "plan" and self.texts:
            return self.texts[0]
        return f"{self.doc_type or 'Văn bản'} {self.title or ''}".strip()

    def absorb(self, text: str, doc_type: str | None, number: str | None, date: str | None,
               issuer: str | None, subject: str | None) -> None:
        """Merge what one more citation says of this document."""
        if text not in self.texts:
            self.texts.append(text)
        self.doc_type = self.doc_type or doc_type
        self.number = self.number or number
        if date:
            self._dates[date] += 1
            self.date = max(self._dates, key=lambda d: (len(d), self._dates[d]))  # fullest, then most said
        if issuer:
            self._issuers[issuer] += 1
            self.issuer = max(self._issuers, key=lambda i: (self._issuers[i], len(i)))
        if subject and len(subject) > len(self.title or ""):
            self.title = subject

    def record(self) -> dict:
        out: dict = {"id": self.id, "kind": self.kind, "doc_type": self.doc_type, "number": self.number,
                     "date": self.date, "issuer": self.issuer, "title": self.title}
        if self.kind == "plan":
            out["file"] = self.file
            out["level"] = self.level
            out["area"] = self.area.record() if self.area else None
        else:
            out["texts"] = self.texts
        if self.kind == "external":
            out["partial"] = bool(self.missing)
            out["missing"] = self.missing
        if self.kind == "ambiguous":
            out["candidates"] = self.candidates
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Edge:
    source: str  # "from": the citing document
    target: str  # "to"
    relation: str
    number: str | None
    text: str
    stated_in: str  # the plan whose text states the link (differs from `source` for nested citations)

    def record(self) -> dict:
        out = {"from": self.source, "to": self.target, "relation": self.relation, "number": self.number,
               "text": self.text}
        if self.stated_in != self.source:
            out["stated_in"] = self.stated_in
        return out
