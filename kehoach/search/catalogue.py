"""The catalogue behind the lookup page (Tra cứu): one small entry per plan or cited document, with
what the page filters on (province as issued and today, level, year, type, topics) and what its words
are looked for in (number, title, issuing body), by docs/assets/tra-cuu.js.

Files (under `tra-cuu/` in the site):
    index.json          {"parts": P, "docs": N, "tables": {...}, "types": {"ke hoach": "kh", …}}
    danh-muc-<p>.json   [[url, kind, number, title, issuer, date, level, province today, province as
                         issued, type, [topics]], ...]: table values are indexes into "tables"

The catalogue is split into parts of at most PART documents, so that no file grows with the base: the
page loads them side by side and answers from each as it comes. It carries no index of its own: a lunr
index of the same words (lunr.py, loaded by lunr.js) was 73% of the catalogue's bytes (0.32 of 0.44 MB
gzipped a part), for what a scan of a part's words in the browser answers in milliseconds.
"""

from __future__ import annotations

from pathlib import Path

from ..graph import Graph
from ..site import paths
from ..site.html import date as show_date
from ..site.lookup_page import provinces_of
from .termindex import doc_type_words, write_json

DIRECTORY = "tra-cuu"
PART = 4000  # documents per part: ~0.12 MB gzipped


class _Tables:
    def __init__(self):
        self.values: dict[str, list[str]] = {}

    def of(self, table: str, value: str | None) -> int:
        if not value:
            return -1
        values = self.values.setdefault(table, [])
        try:
            return values.index(value)
        except ValueError:
            values.append(value)
            return len(values) - 1


def entries(graph: Graph) -> tuple[dict, list[list]]:
    tables = _Tables()
    docs = []
    for node in sorted(graph.nodes.values(), key=lambda n: (n.kind != "plan", n.id)):
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
                     tables.of("provinces", issued), tables.of("types", node.doc_type), topics])
    return tables.values, docs


def build(graph: Graph, out: Path, made: tuple[dict, list[list]] | None = None) -> dict:
    """Write the catalogue of `graph` under `out` (the site's tra-cuu/); returns its figures. `made`:
    its `entries(graph)`, when the caller has them already."""
    tables, docs = made or entries(graph)
    parts = [docs[i:i + PART] for i in range(0, len(docs), PART)] or [[]]
    write_json(out / "index.json", {"parts": len(parts), "docs": len(docs), "tables": tables,
                                    "types": doc_type_words()})
    for n, part in enumerate(parts):
        write_json(out / f"danh-muc-{n}.json", part)
    return {"docs": len(docs), "parts": len(parts)}
