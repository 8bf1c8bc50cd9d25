"""The catalogue behind the lookup page (Tra cứu): one small entry per plan or cited document, with
what the page filters on (province as issued and today, level, year, type, topics) and what its words
are looked for in (number, title, issuing body), by docs/assets/tra-cuu.js.

The page fetches only what a lookup needs, whatever the size of the base (at 100,000 plans the whole
catalogue is ~3 MB gzipped; a lookup reads a few hundred KB of it at most):

    index.json          {"parts": P, "part": PART, "docs": N, "shards": S, "tables": {...}, "types": {"ke hoach": "kh", …},
                         "counts": [per part: {"provinces": {i: n}, "levels": …, "types": …, "topics": …,
                         "years": {"2023": n}}]}: how many documents of each part have each value, so
                         that a filter reads only the parts holding it, and a single filter is counted
                         without reading any
    danh-muc-<p>.json   [[url, kind, number, title, issuer, date, level, province today, province as
                         issued, type, [topics]], ...]: newest first, part after part, PART a part;
                         table values are indexes into "tables"
    tu-<c>.json         {word: [parts]}: the parts whose numbers, titles or issuers hold a word, for
                         the words beginning with c (a-z, 0-9; "_" for any other): words typed read
                         one or two of these, then only the parts holding every word
    so-<s>.json         {"docs": [[...entry, [cites]], ...], "citers": {i: n}}: the documents whose
                         number is n (s = fnv1a("#n") % S), each with the documents citing it (the
                         CITERS newest; "citers": how many in all, where more), `cites` being the
                         positions in this file of the ones it cites: a number typed reads one file

It carries no index of text of its own: a lunr index of the same words (lunr.py, loaded by lunr.js)
was 73% of the catalogue's bytes, for what a scan of a part's words in the browser answers in
milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from ..graph import Graph
from ..site import paths
from ..site.html import date as show_date
from ..site.lookup_page import provinces_of
from ..text import fold
from .records import number_keys
from .termindex import doc_type_words, fnv1a, write_json

DIRECTORY = "tra-cuu"
PART = 4000  # documents per part: ~0.1 MB gzipped
CITERS = 500  # citing documents kept with a number, newest first (the page said "500 first" before)
SHARD_DOCS = 250  # documents a number file holds on average: ~7 KB gzipped (the numbers most documents bear, 1 to 20, one a file)
_SPLIT = re.compile(r"[\W_]+")


class _Tables:
    def __init__(self):
        self.values: dict[str, list[str]] = {}
        self._at: dict[str, dict[str, int]] = {}

    def of(self, table: str, value: str | None) -> int:
        if not value:
            return -1
        at = self._at.setdefault(table, {})
        if value not in at:
            at[value] = len(at)
            self.values.setdefault(table, []).append(value)
        return at[value]


def entries(graph: Graph) -> tuple[dict, list[list]]:
    """The catalogue's tables and entries, newest first; each entry ends with the positions (in this
    list) of the documents it cites."""
    tables = _Tables()
    nodes = sorted(graph.nodes.values(), key=lambda n: (n.kind != "plan", n.id))
    nodes.sort(key=lambda n: str(n.date or ""), reverse=True)  # stable: plans, then by id, within a day
    at = {n.id: i for i, n in enumerate(nodes)}
    cites: dict[str, set[int]] = defaultdict(set)  # what each document cites: itself, or in its text
    for e in graph.edges:
        if e.target in at:
            for citing in {e.source, e.stated_in} - {e.target}:
                cites[citing].add(at[e.target])
    docs = []
    for node in nodes:
        page = paths.plan(node.id) if node.kind == "plan" else paths.document(node.id)
        today = issued = None
        level = node.level
        issuer = node.issuer
        topics = []
        if node.kind == "plan":
            area = node.area
            if area and area.unit:
                level = area.unit.level
                today, issued = provinces_of(node)
            issuer = ((node.meta or {}).get("issuer") or {}).get("name") or issuer
            topics = [tables.of("topics", t) for t in (node.meta or {}).get("topics") or []]
        docs.append([paths.url(page), node.kind, node.number or "", node.title or node.label, issuer or "",
                     show_date(node.date), tables.of("levels", level), tables.of("provinces", today),
                     tables.of("provinces", issued), tables.of("types", node.doc_type), topics, sorted(cites.get(node.id, ()))])
    return tables.values, docs


def _counts(part: list[list]) -> dict:
    out = {"provinces": Counter(), "levels": Counter(), "types": Counter(), "topics": Counter(), "years": Counter()}
    for doc in part:
        _, _, _, _, _, date, level, today, issued, type_, topics = doc[:11]
        out["provinces"].update({today, issued} - {-1})
        if level >= 0:
            out["levels"][level] += 1
        if type_ >= 0:
            out["types"][type_] += 1
        out["topics"].update(set(topics))
        if date:
            out["years"][date[-4:]] += 1
    return {facet: dict(sorted(c.items())) for facet, c in out.items()}


def words_of(doc: list) -> set[str]:
    """The words a document is looked up by: of its number, title and issuing body, folded."""
    return {w for w in _SPLIT.split(fold(f"{doc[2]} {doc[3]} {doc[4]}")) if w}


def word_file(word: str) -> str:
    """The file of tu-<c>.json a word is in."""
    c = word[0]
    return c if "a" <= c <= "z" or "0" <= c <= "9" else "_"


def shard_of(number: str, shards: int) -> int | None:
    keys = number_keys(number)
    return fnv1a(keys[0]) % shards if keys else None


def _shards(docs: list[list], shard_docs: int) -> tuple[int, list[dict]]:
    citers: dict[int, list[int]] = defaultdict(list)  # document → those citing it, newest first
    for i, doc in enumerate(docs):
        for c in doc[11]:
            citers[c].append(i)
    bearing = [i for i, doc in enumerate(docs) if number_keys(doc[2])]
    size = sum(1 + min(len(citers[i]), CITERS) for i in bearing)
    shards = 1
    while size / shards > shard_docs:
        shards *= 2
    home = {i: shard_of(docs[i][2], shards) for i in bearing}  # the file of each number's documents
    held: list[dict[int, None]] = [{} for _ in range(shards)]
    for i, s in home.items():
        held[s][i] = None
        held[s].update(dict.fromkeys(citers[i][:CITERS]))
    out = []
    for s, members in enumerate(held):
        order = sorted(members)
        local = {i: n for n, i in enumerate(order)}
        out.append({"docs": [docs[i][:11] + [[local[c] for c in docs[i][11] if c in local]] for i in order],
                    "citers": {str(local[i]): len(citers[i]) for i in order
                               if home.get(i) == s and len(citers[i]) > CITERS}})
    return shards, out


def build(graph: Graph | None, out: Path, made: tuple[dict, list[list]] | None = None, part: int = PART,
          shard_docs: int = SHARD_DOCS) -> dict:
    """Write the catalogue of `graph` under `out` (the site's tra-cuu/); returns its figures. `made`:
    its `entries(graph)`, when the caller has them already; `part`, `shard_docs`: documents a part
    holds, and a number's file on average."""
    tables, docs = made or entries(graph)
    parts = [docs[i:i + part] for i in range(0, len(docs), part)] or [[]]
    words: dict[str, set[int]] = defaultdict(set)
    for p, docs_of_part in enumerate(parts):
        for doc in docs_of_part:
            for w in words_of(doc):
                words[w].add(p)
    files: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for w in sorted(words):
        files[word_file(w)][w] = sorted(words[w])
    shards, numbers = _shards(docs, shard_docs)
    write_json(out / "index.json", {"parts": len(parts), "part": part, "docs": len(docs), "shards": shards, "tables": tables,
                                    "types": doc_type_words(), "words": sorted(files),
                                    "counts": [_counts(held) for held in parts]})
    for n, held in enumerate(parts):
        write_json(out / f"danh-muc-{n}.json", [doc[:11] for doc in held])
    for c, held in files.items():
        write_json(out / f"tu-{c}.json", held)
    for s, held in enumerate(numbers):
        write_json(out / f"so-{s}.json", held)
    return {"docs": len(docs), "parts": len(parts), "shards": shards}
