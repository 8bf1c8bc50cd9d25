"""What the build makes of each plan alone, from its front matter and text: made where the plan is
read (planfile.read_plans' `derive`: in the reading processes, beside each other) and kept with it in
the plans memo, so that a build after one plan changed makes it again for that plan only.

At 10,000 plans: the plan's place, issuer and key (graph.plan_info) took ~0.4 s of the main process
each build, the digest of its Markdown ~0.3 s, the digest of its node in the graph (all but the status
the graph gives it) ~0.3 s; citizens' summaries were already made so. The citations
its front matter makes (resolve.plan_mentions, ~0.8 s) are found by the build, once per plan read
(`mentions_of`): `serve`, which keeps its plans in memory, finds them again for a changed plan only."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..graph import plan_info
from ..graph.resolve import Mention, PlanInfo, plan_mentions, plan_node
from ..planfile import PlanFile
from ..summary import plan_summaries
from .fingerprint import Fingerprints
from .fulltext import body_digest


@dataclass
class Alone:
    summaries: tuple[str, list[str]]  # summary.plan_summaries
    info: PlanInfo  # graph.plan_info, without the front matter (the plan's own, given back by `info_of`)
    mentions: list[Mention] | None  # resolve.plan_mentions, once the build found them (`mentions_of`)
    body_digest: str  # fulltext.body_digest: part of the key of the plan's text in the converter's cache
    node_print: str  # the digest of its node in the graph but the node's status (Fingerprints.plan_node)


def made_alone(plan: PlanFile) -> Alone:
    info = plan_info(plan.meta, str(plan.path))
    # the front matter is the plan's: sent between processes and kept in the memo once, with the plan.
    # The citations are not found here (`mentions_of`): sent and kept pickled, reading them back cost
    # about what finding them does, and their words no longer shared the front matter's strings (the
    # build held each citation's text twice: +25 MB at 10,000 plans)
    return Alone(plan_summaries(plan), replace(info, meta=None), None, body_digest(plan.body),
                 Fingerprints().plan_node(plan_node(info)))


def alone(plan: PlanFile) -> Alone:
    """The plan's Alone: as read (`derived`), or made now."""
    return plan.derived if isinstance(plan.derived, Alone) else made_alone(plan)


def info_of(plan: PlanFile, made: Alone) -> PlanInfo:
    return replace(made.info, meta=plan.meta)


def mentions_of(info: PlanInfo, made: Alone) -> list[Mention]:
    """The citations of the plan (`info`, from info_of): found once per Alone, then kept in it (`serve`
    keeps its plans, and their Alone, in memory: a rebuild finds only the changed plan's)."""
    if made.mentions is None:
        made.mentions = plan_mentions(info)
    return made.mentions


__all__ = ["Alone", "alone", "info_of", "made_alone", "mentions_of"]
