"""Resolve step: each citation a plan makes → the plan it names, an external document, or an
"ambiguous" node listing the documents it could be.

Rules (false links are worse than missing ones):
- A citation resolves to a plan only when type, number, symbol, issuer and year all agree; when
  both sides give a full date, the dates must agree too.
- A citation whose issuer's unit or year is unknown (the text does not say it) never resolves by
  itself: if plans or identified documents fit what it does say, it becomes an ambiguous node
  listing them; if none does, a partial external node.
- Two documents with the same number from different issuers or years are different nodes.
- The same external document cited by several plans is one node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..citations import Citation, find_citations, normalize_number, symbol_of
from .identity import QUOC_HOI, Body, DocKey, cited_body, doc_key, law_key
from .model import STATUS, Edge, Node
from .places import Area

_NESTED_RELATION = [  # the words before a nested citation → the relation of the outer document to it
    (re.compile(r"(?:sửa đổi|bổ sung)[^,;]{0,40}$"), "amends"),
    (re.compile(r"(?:thay thế)[^,;]{0,40}$"), "replaces"),
    (re.compile(r"(?:hướng dẫn|quy định chi tiết)[^,;]{0,40}$"), "guides"),
    (re.compile(r"(?:thực hiện|triển khai|thi hành|căn cứ)[^,;]{0,40}$"), "basis"),
]


@dataclass
class PlanInfo:
    """A plan of the base, with what the graph needs to know of it."""

    id: str
    file: str
    meta: dict
    area: Area
    body: Body
    key: DocKey


@dataclass
class Mention:
    """One citation of a document, read in the context of the plan that makes it."""

    source: str  # the citing node
    stated_in: str  # the plan whose text makes the citation
    relation: str
    key: DocKey
    text: str
    doc_type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    level: str | None = None  # the issuer's level, when known
    nested: tuple[Citation, ...] = ()
    context: Area | None = None


@lru_cache(maxsize=65536)
def _split(text: str, number: str | None) -> tuple[str | None, tuple[Citation, ...]]:
    """The subject of the citation whose text this is, and the citations nested in it (cached: many
    plans cite the same words)."""
    found = find_citations(text)
    if not found:
        return None, ()
    wanted = normalize_number(number).casefold() if number else None
    head = next((c for c in found if c.number and c.number.casefold() == wanted), found[0])
    return head.subject, tuple(c for c in found if c is not head and c.start > head.start)


def _relation_before(text: str, start: int) -> str:
    before = text[:start]
    return next((rel for pattern, rel in _NESTED_RELATION if pattern.search(before)), "reference")


def _mention(source: str, stated_in: str, relation: str, text: str, doc_type: str | None, number: str | None,
             date: str | None, issuer: str | None, context: Area | None, cited_on: str | None,
             nested: bool) -> Mention:
    subject, inner = _split(text, number) if nested else (None, ())
    if doc_type in ("Luật", "Bộ luật") and not number:  # a law by name: the name is its subject
        key, subject, number = law_key(text, doc_type, None, date, cited_on[:4] if cited_on else None)
        body: Body | None = QUOC_HOI
    else:
        body = cited_body(issuer, symbol_of(number) if number else None, date, context)
        key = doc_key(doc_type, number, date, body, name=None if number else text)
    return Mention(source, stated_in, relation, key, text, doc_type, number, date,
                   body.name if body and body.known else issuer, subject, body.level if body else None,
                   inner, context)


OWN = tuple(relation for relation, _ in STATUS)  # what a plan may say it does to a document it cites


def plan_mentions(plan: PlanInfo) -> list[Mention]:
    out = []
    cited_on = plan.meta.get("date") if isinstance(plan.meta.get("date"), str) else None
    for relation, field_name in (("basis", "basis"), ("reference", "references")):
        for record in plan.meta.get(field_name) or []:
            if not isinstance(record, dict) or not record.get("text"):
                continue
            said = record.get("relation") if record.get("relation") in OWN else relation  # thay thế, sửa đổi, bãi bỏ
            out.append(_mention(plan.id, plan.id, said, str(record["text"]), record.get("doc_type"),
                                record.get("number"), record.get("date"), record.get("issuer"), plan.area,
                                cited_on, nested=True))
    return out


def _nested_mentions(outer: Mention, source: str) -> list[Mention]:
    return [_mention(source, outer.stated_in, _relation_before(outer.text, c.start), c.text, c.doc_type, c.number,
                     c.date, c.issuer, outer.context, outer.date, nested=False) for c in outer.nested]


_MISSING_NAMES = {"year": "năm ban hành", "issuer": "cơ quan ban hành"}


class Resolver:
    def __init__(self, plans: list[PlanInfo]):
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self._by_key: dict[tuple, str] = {}  # (kind, key, extra) → node id
        self._plans_by_key: dict[DocKey, list[PlanInfo]] = defaultdict(list)
        # complete documents by (type, number, symbol), and by those with "year"/"body" and its value
        self._complete_by_number: dict[tuple, list[tuple[DocKey, str]]] = defaultdict(list)
        self._admitted: dict[DocKey, tuple[int, list[str]]] = {}  # _candidates
        for plan in plans:
            self.nodes[plan.id] = plan_node(plan)
            if plan.key.number is not None and plan.key.complete:
                self._plans_by_key[plan.key].append(plan)
                self._complete(plan.key, plan.id)
        self._order: list[tuple] = []  # for each edge, where its citation is written

    # -- nodes ----------------------------------------------------------------------------------

    def _new_id(self, wanted: str) -> str:
        nid, n = wanted, 1
        while nid in self.nodes:
            n += 1
            nid = f"{wanted}-{n}"
        return nid

    def _node(self, kind: str, key: DocKey, extra: str = "") -> Node:
        k = (kind, key, extra)
        if k not in self._by_key:
            node = Node(self._new_id(key.id), kind)
            self.nodes[node.id] = node
            self._by_key[k] = node.id
            if kind == "external" and key.complete and key.number is not None:
                self._complete(key, node.id)
        return self.nodes[self._by_key[k]]

    # -- resolution -----------------------------------------------------------------------------

    def _target(self, m: Mention) -> Node:
        key = m.key
        if key.complete:
            plans = self._plans_by_key.get(key, []) if key.number is not None else []
            if len(plans) == 1:
                plan = plans[0]
                theirs = plan.meta.get("date")
                if m.date and isinstance(theirs, str) and len(m.date) == 10 and len(theirs) == 10 \
                        and m.date != theirs:
                    node = self._node("ambiguous", key, "date:" + m.date)
                    node.candidates = [plan.id]
                    node.reason = f"ngày ban hành {m.date} khác ngày của văn bản cùng số hiệu ({theirs})"
                    return node
                return self.nodes[plan.id]
            if len(plans) > 1:
                node = self._node("ambiguous", key)
                node.candidates = sorted(p.id for p in plans)
                node.reason = "nhiều văn bản trong cơ sở dữ liệu có cùng số hiệu, cơ quan và năm"
                return node
            return self._node("external", key)
        candidates = self._candidates(key)
        missing = [name for name, unknown in (("year", key.year is None), ("issuer", key.body is None))
                   if unknown and key.number is not None]
        if candidates:
            node = self._node("ambiguous", key)
            node.candidates = candidates
            node.reason = "trích dẫn không ghi " + " và ".join(_MISSING_NAMES[x] for x in missing)
            return node
        node = self._node("external", key)
        node.missing = missing
        return node

    def _complete(self, key: DocKey, nid: str) -> None:
        """A complete document of a number: for the partial citations it may fit (_candidates)."""
        parts = (key.type, key.number, key.symbol)
        for where in (parts, parts + ("year", key.year), parts + ("body", key.body)):
            self._complete_by_number[where].append((key, nid))

    def _candidates(self, key: DocKey) -> list[str]:
        """The complete documents a partial citation fits: kept by key while no document it could be was
        added (many citations give the same parts: "Kế hoạch số 19/KH-UBND")."""
        # only those of the same number issued by its body, or in its year, when it gives one (a number
        # is shared by the documents of every office and year: at 10,000 plans, 0.5 s of each build)
        parts = (key.type, key.number, key.symbol)
        found = self._complete_by_number.get(parts + ("body", key.body) if key.body else
                                             parts + ("year", key.year) if key.year else parts, [])
        kept = self._admitted.get(key)
        if kept is None or kept[0] != len(found):  # documents are only ever added
            kept = self._admitted[key] = (len(found), sorted({nid for other, nid in found if key.admits(other)}))
        return list(kept[1])

    def _link(self, m: Mention, target: Node, order: tuple) -> None:
        if target.id == m.source:
            return  # a plan naming its own number
        if target.kind != "plan":
            target.absorb(m.text, m.doc_type, m.number, m.date, m.issuer, m.subject)
            target.level = target.level or m.level
        self.edges.append(Edge(m.source, target.id, m.relation, m.number, m.text, m.stated_in))
        self._order.append(order)

    def run(self, mentions: list[Mention]) -> None:
        """Complete citations first (they define the external documents), then partial ones."""
        later: list[tuple[Mention, tuple]] = [(m, (i,)) for i, m in enumerate(mentions) if not m.key.complete]
        for i, m in enumerate(mentions):
            if m.key.complete:
                self._resolve(m, (i,), later)
        done = 0
        while done < len(later):
            self._resolve(*later[done], later)
            done += 1
        unique: dict[tuple, Edge] = {}
        # in the order the plans write them; one edge per pair and relation, the first statement kept
        for _, e in sorted(zip(self._order, self.edges, strict=True), key=lambda pair: pair[0]):
            unique.setdefault((e.source, e.target, e.relation), e)
        self.edges = list(unique.values())

    def _resolve(self, m: Mention, order: tuple, later: list[tuple[Mention, tuple]]) -> None:
        target = self._target(m)
        self._link(m, target, order)
        if target.kind == "external":  # what the citation says the document itself implements
            for j, nested in enumerate(_nested_mentions(m, target.id)):
                if nested.key.complete:
                    self._resolve(nested, (*order, j), later)
                else:
                    later.append((nested, (*order, j)))


def plan_node(plan: PlanInfo) -> Node:
    """A plan's node as the graph holds it, all but its `status` (what later documents did to it: Graph
    sets it from the edges into it). Made of the plan alone: nothing else writes to it."""
    meta = plan.meta
    issuer = meta.get("issuer") or {}
    node = Node(plan.id, "plan", meta.get("doc_type"), meta.get("number"), meta.get("date"), issuer.get("name"),
                meta.get("title"), issuer.get("level"), plan.file, plan.area, meta=meta)
    node.coverage = [c for c in meta.get("coverage") or [] if isinstance(c, dict)]
    return node
