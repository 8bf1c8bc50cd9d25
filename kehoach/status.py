"""Whether a plan still applies: what later documents did to it (thay thế, sửa đổi, bổ sung, bãi bỏ:
the graph's edges of those relations, read from what those documents say; the node's `status`), and
until when it runs.

"Now" is the reader's: a page carries the day the plan's period ends (`until`), and the site's script
says "đang thực hiện" or "hết thời hạn" in the browser, so a page never goes stale between builds."""

from __future__ import annotations

import re
from datetime import date

from .graph import Graph, Node
from .text import fold
from .timeline import parse

# what a document does to another, as the first says it and as the second is told it
DOES = {"replaces": "Thay thế", "amends": "Sửa đổi, bổ sung", "repeals": "Bãi bỏ", "guides": "Hướng dẫn"}
DONE = {"replaces": "Được thay thế bởi", "amends": "Được sửa đổi, bổ sung bởi", "repeals": "Bị bãi bỏ bởi",
        "guides": "Được hướng dẫn bởi"}  # guiding a document changes nothing of its status (model.STATUS)
_TITLE_YEAR = re.compile(r"(?:giai doan|den nam)\s+(?:(?:19|20)\d\d\s*[-–]\s*)?((?:19|20)\d\d)|\bnam\s+((?:19|20)\d\d)\b")


def relations(graph: Graph, node: Node) -> tuple[list[tuple[str, Node]], list[tuple[str, Node]]]:
    """(what this document does to others, what others did to it): (label, document) each."""
    does = [(DOES[e.relation], graph.nodes[e.target]) for e in graph.parents(node.id) if e.relation in DOES]
    done = [(DONE[e.relation], graph.nodes[e.source]) for e in graph.children(node.id) if e.relation in DONE]
    return does, done


def grouped_relations(graph: Graph, node: Node) -> list[tuple[str, list[Node]]]:
    """`relations`, both sides, as rows of a card: (label, the documents) each, in the order of DOES, DONE."""
    does, done = relations(graph, node)
    rows: dict[str, list[Node]] = {}
    for label, other in does + done:
        rows.setdefault(label, []).append(other)
    order = list(DOES.values()) + list(DONE.values())
    return sorted(rows.items(), key=lambda r: order.index(r[0]))


def until(meta: dict) -> str | None:
    """The last day of a plan's period (ISO): the latest end among its tasks' timelines and the year its
    title names (its own, "… năm 2024", before a programme's, "giai đoạn 2021-2030", "đến năm 2030");
    None when neither says."""
    ends = [p.end for t in meta.get("tasks") or [] if isinstance(t, dict)
            for p in [parse(t.get("timeline"))] if p and p.end and not p.recurs]
    found = _TITLE_YEAR.findall(fold(str(meta.get("title") or "")))
    own = [int(b) for a, b in found if b]  # "… năm 2021": a plan for that year, within a longer programme
    span = [int(a) for a, b in found if a]  # "giai đoạn 2021-2030", "đến năm 2030"
    if own or span:
        ends.append(date(own[-1] if own else max(span), 12, 31))
    return max(ends).isoformat() if ends else None


__all__ = ["DOES", "DONE", "grouped_relations", "relations", "until"]
