"""The page of a document known only by citation (external), or of a citation that may mean several
documents (ambiguous): what is known, what it implements, who cites it and how."""

from __future__ import annotations

from collections import defaultdict

from ..graph import Graph, Node
from ..status import grouped_relations
from . import paths
from .coverage_map import coverage_map
from .html import RELATIONS
from .lines import by_date
from .page import Page, paginated

MISSING = {"year": "năm ban hành", "issuer": "cơ quan ban hành"}
# documents an ambiguous citation may mean, listed on its page: "Kế hoạch số 20/KH-UBND năm 2023" may be
# any of hundreds in a national base (at 100,000 plans, 255 KB pages); the rest are on the numbers' list
CANDIDATES_SHOWN = 20


def document_page(graph: Graph, node: Node) -> dict[str, Page]:
    here = paths.document(node.id)
    trail = [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", paths.DOCUMENTS), (node.label, None)]
    by_relation: dict[str, list[Node]] = defaultdict(list)
    for e in graph.children(node.id):
        by_relation[e.relation].append(graph.nodes[e.source])
    counts = [(RELATIONS[r], len(by_relation[r])) for r in RELATIONS if by_relation.get(r)]
    entries = [(r, n) for r in RELATIONS for n in by_date(by_relation.get(r, []))]  # grouped, newest first
    return paginated("document.html", here, node.label, f"{node.label} {node.issuer or ''} — {node.title or ''}", trail,
                     entries, node=node, candidates=[graph.nodes[c] for c in (node.candidates or [])[:CANDIDATES_SHOWN]],
                     more_candidates=max(0, len(node.candidates or []) - CANDIDATES_SHOWN),
                     missing=[MISSING[m] for m in node.missing or []] if node.kind != "ambiguous" else [],
                     parents=[graph.nodes[e.target] for e in graph.parents(node.id)], counts=counts,
                     relations=RELATIONS, related=grouped_relations(graph, node), coverage=coverage_map(graph, node))
