"""The graph as text for a person at a terminal: `kehoach graph` and `kehoach show`."""

from __future__ import annotations

from collections import Counter

from .graph import Graph
from .model import Node

_KINDS = {"plan": "plan", "external": "external", "ambiguous": "AMBIGUOUS"}
_MAX_LISTED = 12


def describe(node: Node) -> str:
    """One line: "Kế hoạch số 19/KH-UBND, 2023-02-16, Ủy ban nhân dân tỉnh Thái Bình"."""
    parts = [node.label]
    if node.date:
        parts.append(node.date)
    if node.issuer:
        parts.append(node.issuer)
    return ", ".join(parts)


def _line(node: Node) -> str:
    tag = _KINDS[node.kind] + (" (partial)" if node.missing else "")
    return f"{describe(node)}  [{tag} {node.id}]"


def summary(graph: Graph) -> str:
    kinds = Counter(n.kind for n in graph.nodes.values())
    partial = sum(1 for n in graph.nodes.values() if n.missing)
    relations = Counter(e.relation for e in graph.edges)
    resolved = sum(1 for e in graph.edges if graph.nodes[e.target].kind == "plan")
    lines = [(f"{kinds['plan']} plans, {kinds['external']} external documents ({partial} partial), "
             f"{kinds['ambiguous']} ambiguous"),
             (f"{len(graph.edges)} links ({', '.join(f'{n} {r}' for r, n in relations.most_common())}); "
             f"{resolved} resolved to plans of the base")]
    ambiguous = [n for n in graph.nodes.values() if n.kind == "ambiguous"]
    if ambiguous:
        lines.append("\nAmbiguous citations (no link made; candidates listed):")
        for node in sorted(ambiguous, key=lambda n: n.id):
            cited_by = sorted({e.source for e in graph.children(node.id)})
            lines.append(f"  {node.id}: {node.reason}")
            lines.append(f"    cited by {', '.join(cited_by)}")
            lines.append(f"    candidates {', '.join(node.candidates)}")
    return "\n".join(lines)


def _tree(graph: Graph, nid: str, depth: int, path: set[str], out: list[str]) -> None:
    for edge in graph.parents(nid, "basis"):
        target = graph.nodes[edge.target]
        if target.id in path:
            out.append("  " * depth + f"└ {target.id} (cycle: already in this chain)")
            continue
        out.append("  " * depth + f"└ {_line(target)}")
        if target.kind != "ambiguous":
            _tree(graph, target.id, depth + 1, path | {target.id}, out)


def show(graph: Graph, node: Node) -> str:
    out = [_line(node)]
    if node.title:
        out.append(f"  {node.title}")
    if node.file:
        out.append(f"  file: {node.file}")
    if node.area and node.area.unit:
        a = node.area
        issued = ", ".join(u.name for u in (a.commune, a.district, a.province) if u)
        out.append(f"  area as issued: {issued}" + (" (before 1 July 2025)" if a.unit.legacy else ""))
        if a.successor:
            today = a.successor.province.name
            if a.successor.communes and a.successor.communes != (a.unit,):
                names = [c.name for c in a.successor.communes]
                today += ": " + ", ".join(names[:_MAX_LISTED]) + (" …" if len(names) > _MAX_LISTED else "")
            out.append(f"  area today: {today}")
    if node.kind == "ambiguous":
        out.append(f"  why ambiguous: {node.reason}")
        for cid in node.candidates:
            out.append(f"  candidate: {_line(graph.nodes[cid])}")
    if node.missing:
        out.append(f"  not said by the citations: {', '.join(node.missing)}")

    out.append("\nParents (what it implements and cites):")
    parents = graph.parents(node.id)
    out += [f"  {e.relation:<9} {_line(graph.nodes[e.target])}" for e in parents] or ["  none"]

    out.append("\nChain (basis documents, up to the national one):")
    chain: list[str] = []
    _tree(graph, node.id, 1, {node.id}, chain)
    out += chain or ["  none"]

    out.append("\nChildren (documents implementing or citing it):")
    children = graph.children(node.id)
    out += [f"  {e.relation:<9} {_line(graph.nodes[e.source])}" for e in children] or ["  none in the base"]
    deeper = [(n, d) for n, d in graph.descendants(node.id) if d > 1]
    if deeper:
        out.append("  further down the chain:")
        out += [f"    {'  ' * (d - 2)}{_line(n)}" for n, d in deeper]

    coverage = graph.coverage(node.id)
    if coverage:
        out.append("\nCoverage (lower units told to issue their own plan):")
        for c in coverage:
            out.append(f"  {c.units}: {len(c.done)} of {len(c.expected)} have a plan implementing this one")
            for code, plans in c.done.items():
                unit = next(u for u in c.expected if u.code == code)
                out.append(f"    done: {unit.name} ({', '.join(plans)})")
            if c.missing:
                names = [u.name for u in c.missing]
                more = f" … and {len(names) - _MAX_LISTED} more" if len(names) > _MAX_LISTED else ""
                out.append(f"    not yet: {', '.join(names[:_MAX_LISTED])}{more}")
    return "\n".join(out)
