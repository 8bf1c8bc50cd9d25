"""The catalogue behind the lookup page (Tra cứu): one small entry per plan or cited document, with
what the page filters on (province as issued and today, level, year, type, topics) and a lunr index
of titles, numbers and issuing bodies, built here with lunr.py and loaded as it is by lunr.js.

Words are folded by a pipeline function registered under the same name, "kehoachFold", here and
in docs/assets/tra-cuu.js ("Đăng ký" → "dang ky"), in place of lunr's English stemmer and stop words.

Files (under `tra-cuu/` in the site):
    index.json          {"parts": P, "docs": N, "tables": {...}, "types": {"ke hoach": "kh", …}}
    danh-muc-<p>.json   [[url, kind, number, title, issuer, date, level, province today, province as
                         issued, type, [topics]], ...]: table values are indexes into "tables"
    lunr-<p>.json       the serialised lunr index of that part; refs are positions in the part

The catalogue is split into parts of at most PART documents, each with its own index, so that no
file grows with the base: the page loads them side by side and answers from each as it comes.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path

from lunr import get_default_builder, lunr
from lunr.pipeline import Pipeline

from ..graph import Graph
from ..planfile import write_atomic
from ..site import paths
from ..site.api import json_text
from ..site.html import date as show_date
from ..site.lookup_page import provinces_of
from .termindex import doc_type_words, fold, write_json

DIRECTORY = "tra-cuu"
FOLD = "kehoachFold"
PART = 4000  # documents per part: ~0.5 MB gzipped with its index


# "Ủy ban nhân dân huyện Hưng Hà" → "Ủy ban nhân dân": the body, without its unit (the title and the
# filters carry the place); the index stays small enough for one download
_UNIT = re.compile(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\b.*$", re.IGNORECASE)


def agency(issuer: str) -> str:
    return _UNIT.sub("", issuer or "")


def _fold_token(token, i=None, tokens=None):
    return token.update(lambda s, metadata=None: fold(s))


Pipeline.register_function(_fold_token, FOLD)


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


def _index(docs: list[list]) -> dict:
    builder = get_default_builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.pipeline.add(_fold_token)
    builder.search_pipeline.add(_fold_token)
    index = lunr(ref="id", fields=[{"field_name": "title"}, {"field_name": "number", "boost": 5},
                                   {"field_name": "issuer"}],
                 documents=[{"id": str(i), "title": d[3], "number": d[2], "issuer": agency(d[4])}
                            for i, d in enumerate(docs)],
                 builder=builder)
    return index.serialize()


def build(graph: Graph, out: Path, made: tuple[dict, list[list]] | None = None, cache: Path | None = None) -> dict:
    """Write the catalogue of `graph` under `out` (the site's tra-cuu/); returns its figures. `made`:
    its `entries(graph)`, when the caller has them already. `cache`: a file keeping each part's lunr
    index between builds, by what the part holds (making one takes a second)."""
    tables, docs = made or entries(graph)
    parts = [docs[i:i + PART] for i in range(0, len(docs), PART)] or [[]]
    write_json(out / "index.json", {"parts": len(parts), "docs": len(docs), "tables": tables,
                                    "types": doc_type_words()})
    kept = _load(cache) if cache else {}
    indexes = {}
    for n, part in enumerate(parts):
        text = json_text(part)
        write_atomic(out / f"danh-muc-{n}.json", text)
        key = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        indexes[key] = kept.get(key) or json_text(_index(part))
        write_atomic(out / f"lunr-{n}.json", indexes[key])
    if cache and indexes != kept:
        write_atomic(cache, pickle.dumps(indexes, protocol=pickle.HIGHEST_PROTOCOL))
    return {"docs": len(docs), "parts": len(parts)}


def _load(cache: Path) -> dict[str, str]:
    try:
        with open(cache, "rb") as f:
            kept = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}
