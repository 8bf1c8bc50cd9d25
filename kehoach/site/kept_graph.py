"""The graph of the last build of a process (`mkdocs serve`), made again only around the plans that
changed.

After one plan's title changed, a rebuild resolved every citation of the base again (at 10,000 plans
~0.6 s) and digested again every part of the graph the page units read (units._Values, ~0.5 s), to
find them as they were. Resolution reads of a plan only its id, its document key, its file, its area,
its date and the citations its front matter makes (resolve.Resolver, Graph's indexes): while no plan
was added or removed and each changed plan reads the same there as before, every edge, every other
node and every index of the graph are the last build's; only the changed plans' nodes are made again
(resolve.plan_node, Graph.with_plans). The digests of the graph's parts and of its nodes are then the
last build's, but for those nodes. Anything else (a plan added, a citation, a date, a place changed;
many plans changed at once) builds the graph anew."""

from __future__ import annotations

from dataclasses import dataclass

from ..graph import Graph, build_graph
from ..graph.resolve import PlanInfo, plan_node
from ..register import Due
from .alone import Alone, mentions_of

GRAPH = "graph"  # where build_site keeps its KeptGraph in the store of its `reuse`
AT_MOST = 64  # more plans changed than this: the graph is built (comparing them would cost about as much)


@dataclass
class KeptGraph:
    graph: Graph
    each: dict[str, Alone]  # what the graph was made from: each plan's Alone (alone.py)…
    metas: dict[str, dict]  # …and front matter
    parts: dict[tuple, str]  # the digests of its parts the units read (units._Values), by part
    nodes: dict[str, str]  # the digests of its nodes (Fingerprints), by id
    tasks: dict[str, list[Due]]  # the tasks of each plan (register.Register.tasks)


def graph_of(infos: list[PlanInfo], each: dict[str, Alone], kept: KeptGraph | None) -> tuple[Graph, set[str] | None]:
    """The graph of the plans `infos` (alone.info_of; `each`: their Alone by id), and the ids of the plans
    whose nodes were made again in `kept`'s graph; None: built anew."""
    changed = _changed(infos, each, kept)
    if changed is None:
        return build_graph(infos, {i.id: mentions_of(i, each[i.id]) for i in infos}), None
    return kept.graph.with_plans({i.id: plan_node(i) for i in infos if i.id in changed}), changed


def _changed(infos: list[PlanInfo], each: dict[str, Alone], kept: KeptGraph | None) -> set[str] | None:
    if kept is None or len(infos) != len(kept.each):
        return None
    changed: set[str] = set()
    for info in infos:
        before = kept.each.get(info.id)
        if before is None:
            return None  # a plan added (and, as many are there, one removed)
        if before is each[info.id] and kept.metas[info.id] is info.meta:
            continue  # the plan as read then: the memo's own objects
        changed.add(info.id)
        if len(changed) > AT_MOST or not _resolves_alike(before, kept.metas[info.id], info, each[info.id]):
            return None
    return changed


def _resolves_alike(before: Alone, meta: dict, info: PlanInfo, now: Alone) -> bool:
    """Whether the resolver reads the plan now (`info`, `now`) as it read it then (`before`, `meta`): the
    same id, file, area, issuer and document key (PlanInfo but its front matter), date and citations."""
    return before.info == now.info and meta.get("date") == info.meta.get("date") \
        and before.mentions is not None and before.mentions == mentions_of(info, now)


__all__ = ["GRAPH", "KeptGraph", "graph_of"]
