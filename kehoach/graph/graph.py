"""The citation graph of a plans directory: load once, then ask.

    graph = load_graph(Path("plans"))
    graph.node("kh-18-2023-ubnd-huyen-hung-ha-thai-binh")
    graph.parents(id) / graph.children(id)        edges out of / into a node
    graph.ancestors(id) / graph.descendants(id)   the basis chain up / the plans implementing it, any depth
    graph.plans_under("hung-yen")                 plans of an area, as issued or through its successor
    graph.coverage(id)                            which lower units have implemented a plan
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..gazetteer import Unit, gazetteer
from ..planfile import PlanError, iter_plan_paths, read_plans
from .identity import doc_key, plan_body
from .model import STATUS, Edge, Node
from .places import NATION, Place, parent_place_id, place, place_id, plan_area
from .resolve import Mention, PlanInfo, Resolver, plan_mentions


@dataclass
class Coverage:
    """An instruction to lower units, and which of them have a plan implementing this one."""

    units: str  # as written
    level: str
    text: str
    expected: list[Unit]
    done: dict[str, list[str]]  # unit code → plan ids
    missing: list[Unit]

    def record(self) -> dict:
        return {"units": self.units, "level": self.level, "text": self.text, "expected": len(self.expected),
                "done": [{"unit": u.name, "code": u.code, "plans": self.done[u.code]}
                         for u in self.expected if u.code in self.done],
                "missing": [{"unit": u.name, "code": u.code} for u in self.missing]}


def _status(incoming: list[Edge]) -> str | None:
    """What the documents citing a node did to it, the strongest first (STATUS); None when nothing."""
    done = {e.relation for e in incoming}
    return next((label for relation, label in STATUS if relation in done), None)


class Graph:
    def __init__(self, nodes: dict[str, Node], edges: list[Edge]):
        self.nodes = nodes
        self.edges = edges
        self._out: dict[str, list[Edge]] = defaultdict(list)
        self._in: dict[str, list[Edge]] = defaultdict(list)
        for e in edges:
            self._out[e.source].append(e)
            self._in[e.target].append(e)
        for nid, incoming in self._in.items():
            nodes[nid].status = _status(incoming)
        self._ancestors: dict[str, list[tuple[str, int]]] = {}
        self._descendants: dict[str, list[tuple[str, int]]] = {}
        self._files = {n.file: n.id for n in nodes.values() if n.file}
        # place id → plans there as issued (exactly / anywhere below) and through their successor
        self._at: dict[str, list[str]] = defaultdict(list)
        self._under: dict[str, set[str]] = defaultdict(set)
        for node in self.plans():
            area = node.area
            if area is None or area.unit is None:
                continue
            self._at[place_id(area.unit)].append(node.id)
            for pid in area.places_as_issued() + area.places_today():
                while pid is not None:
                    self._under[pid].add(node.id)
                    pid = parent_place_id(pid)
        self._sub: dict[str, list[str]] = defaultdict(list)  # place id → places just below it with plans
        for pid in sorted(self._under):
            up = parent_place_id(pid)
            if up is not None:
                self._sub[up].append(pid)

    def with_plans(self, fresh: Mapping[str, Node]) -> Graph:
        """This graph with the plan nodes `fresh` (resolve.plan_node, no status yet) in place of its own of
        the same ids: the edges, every other node and every index are this graph's (the caller knows the
        plans read the same to resolution: kehoach.site.kept_graph). Nothing of this graph is changed."""
        if any(nid not in self.nodes or self.nodes[nid].kind != "plan" for nid in fresh):
            raise ValueError("with_plans: only plans of the graph can be made again")
        graph = object.__new__(Graph)
        graph.nodes = {**self.nodes, **fresh}  # the same order: every id is there already
        graph.edges, graph._out, graph._in = self.edges, self._out, self._in
        for nid, node in fresh.items():
            node.status = _status(self._in.get(nid, ()))
        # walks and places are of ids, by the edges and the plans' areas: the same
        graph._ancestors, graph._descendants = dict(self._ancestors), dict(self._descendants)
        graph._files, graph._at, graph._under, graph._sub = self._files, self._at, self._under, self._sub
        return graph

    # -- nodes and neighbours -------------------------------------------------------------------

    def node(self, nid: str) -> Node | None:
        return self.nodes.get(nid)

    def find(self, id_or_file: str) -> Node | None:
        """A node by id, or a plan by its file path (as given, or resolved)."""
        if id_or_file in self.nodes:
            return self.nodes[id_or_file]
        if id_or_file in self._files:
            return self.nodes[self._files[id_or_file]]
        wanted = Path(id_or_file).resolve()
        return next((self.nodes[nid] for f, nid in self._files.items() if Path(f).resolve() == wanted), None)

    def plans(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "plan"]

    def parents(self, nid: str, relation: str | None = None) -> list[Edge]:
        """Edges out of a node: what it cites (basis first, in the order written)."""
        edges = self._out.get(nid, [])
        return [e for e in edges if relation is None or e.relation == relation]

    def children(self, nid: str, relation: str | None = None) -> list[Edge]:
        """Edges into a node: who cites it."""
        edges = self._in.get(nid, [])
        return [e for e in edges if relation is None or e.relation == relation]

    # -- chains ---------------------------------------------------------------------------------

    def _walk(self, start: str, step) -> list[tuple[str, int]]:
        seen, order, queue = {start}, [], deque([(start, 0)])
        while queue:  # breadth first: nearest first; a cycle ends where it meets a node seen
            nid, depth = queue.popleft()
            for nxt in step(nid):
                if nxt not in seen:
                    seen.add(nxt)
                    order.append((nxt, depth + 1))
                    queue.append((nxt, depth + 1))
        return order

    def ancestors(self, nid: str) -> list[tuple[Node, int]]:
        """The basis chain: every document this one implements, directly or through others, with
        its distance; nearest first. Ambiguous nodes end a chain (nothing is known beyond them)."""
        if nid not in self._ancestors:
            self._ancestors[nid] = self._walk(nid, lambda n: [e.target for e in self._out.get(n, ())
                                                              if e.relation == "basis"
                                                              and self.nodes[n].kind != "ambiguous"])
        return [(self.nodes[a], d) for a, d in self._ancestors[nid]]

    def descendants(self, nid: str) -> list[tuple[Node, int]]:
        """Every document implementing this one, directly or through others; nearest first."""
        if nid not in self._descendants:
            self._descendants[nid] = self._walk(nid, lambda n: [e.source for e in self._in.get(n, ())
                                                                if e.relation == "basis"])
        return [(self.nodes[a], d) for a, d in self._descendants[nid]]

    def roots(self, nid: str) -> list[Node]:
        """The top of the chain: ancestors that implement nothing further known."""
        return [n for n, _ in self.ancestors(nid) if not self.parents(n.id, "basis")]

    # -- areas ----------------------------------------------------------------------------------

    def plans_at(self, pid: str) -> list[Node]:
        """Plans issued at exactly this unit."""
        return [self.nodes[i] for i in sorted(self._at.get(pid, []))]

    def plans_under(self, pid: str = NATION) -> list[Node]:
        """Plans of this unit or below it, as issued, or whose unit is now part of it."""
        return [self.nodes[i] for i in sorted(self._under.get(pid, ()))]

    def count_under(self, pid: str = NATION) -> int:
        """How many plans `plans_under(pid)` holds."""
        return len(self._under.get(pid, ()))

    def place(self, pid: str) -> Place | None:
        """The unit of a place id, what it is part of today or what it was formed from."""
        return place(pid)

    def places(self) -> list[str]:
        """Every place id that has plans under it."""
        return sorted(self._under)

    def has_plans(self, pid: str) -> bool:
        """Whether there are plans at the place or under it (without sorting every place, as places() does)."""
        return pid in self._under

    def subplaces(self, pid: str) -> list[str]:
        """The places just below `pid` that have plans."""
        return list(self._sub.get(pid, ()))

    # -- coverage -------------------------------------------------------------------------------

    def coverage(self, nid: str) -> list[Coverage]:
        node = self.nodes.get(nid)
        if node is None or node.area is None or node.area.unit is None:
            return []
        g = gazetteer()
        unit = node.area.unit
        implementing = [n for n, _ in self.descendants(nid) if n.kind == "plan" and n.area and n.area.unit]
        out = []
        for order in node.coverage:
            level, kinds = order.get("level"), {k.lower() for k in order.get("kinds") or []}
            if unit.level == "province" and level == "commune" and unit.legacy:
                expected = [c for d in g.children(unit) for c in g.children(d)]
            elif unit.level in ("province", "district") and level != unit.level:
                expected = g.children(unit)
            else:
                continue  # a commune has no lower units; a level not below the plan's is not an order
            expected = [u for u in expected if u.level == level and (not kinds or u.kind.lower() in kinds)]
            codes = {u.code for u in expected}
            done: dict[str, list[str]] = defaultdict(list)
            for plan in implementing:
                there = plan.area.unit
                hits = {there.code} if there.era == unit.era else {p.code for p in g.predecessors(there)}
                for code in hits & codes:
                    done[code].append(plan.id)
            out.append(Coverage(order.get("units", ""), level, order.get("text", ""), expected, dict(done),
                                [u for u in expected if u.code not in done]))
        return out

    # -- export ---------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"nodes": [n.record() for n in sorted(self.nodes.values(), key=lambda n: (n.kind != "plan", n.id))],
                "edges": [e.record() for e in self.edges]}


def plan_info(meta: dict, file: str) -> PlanInfo:
    area = plan_area(meta.get("area"), meta.get("date") if isinstance(meta.get("date"), str) else None)
    body = plan_body(meta, area)
    # a plan issued with a decision is cited by the decision's number: "Quyết định số 123/QĐ-UBND"
    decision = meta.get("decision") if isinstance(meta.get("decision"), dict) else {}
    key = doc_key(decision.get("doc_type") or meta.get("doc_type"), meta.get("number"), meta.get("date"), body)
    return PlanInfo(str(meta.get("id") or Path(file).stem), file, meta, area, body, key)


def build_graph(plans: list[PlanInfo], mentions: Mapping[str, list[Mention]] | None = None) -> Graph:
    """`mentions`: each plan's citations (plan_mentions), where the caller has them already (a build
    keeps them with each plan it read: kehoach.site.alone); the others are found here."""
    plans = sorted(plans, key=lambda p: p.id)
    resolver = Resolver(plans)
    known = mentions or {}
    resolver.run([m for p in plans for m in (known[p.id] if p.id in known else plan_mentions(p))])
    return Graph(resolver.nodes, resolver.edges)


GRAPH_KEYS = frozenset({"id", "doc_type", "number", "symbol", "title", "date", "issuer", "area", "basis",
                        "references", "coverage"})


def load_graph(root: Path) -> tuple[Graph, list[PlanError]]:
    """Read every plan under `root` (paths kept as given) and build the graph. Plans that cannot
    be read are returned as errors, naming file and line; the graph holds the others."""
    infos, errors = [], []
    for plan in read_plans(iter_plan_paths(root), GRAPH_KEYS):
        if isinstance(plan, PlanError):
            errors.append(plan)
        else:
            infos.append(plan_info(plan.meta, str(plan.path)))
    return build_graph(infos), errors
