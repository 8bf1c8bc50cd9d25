"""What the build makes of each plan alone, from its front matter and text: made where the plan is
read (planfile.read_plans' `derive`: in the reading processes, beside each other) and kept with it in
the plans memo, so that a build after one plan changed makes it again for that plan only.

At 10,000 plans: the plan's place, issuer and key (graph.plan_info) and the citations its front matter
makes (resolve.plan_mentions) took ~1.2 s of the main process each build, the digest of its Markdown
~0.3 s; citizens' summaries were already made so."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..graph import plan_info
from ..graph.resolve import Mention, PlanInfo, plan_mentions
from ..planfile import PlanFile
from ..summary import plan_summaries
from .fulltext import body_digest


@dataclass
class Alone:
    summaries: tuple[str, list[str]]  # summary.plan_summaries
    info: PlanInfo  # graph.plan_info, without the front matter (the plan's own, given back by `info_of`)
    mentions: list[Mention]  # resolve.plan_mentions
    body_digest: str  # fulltext.body_digest: part of the key of the plan's text in the converter's cache


def made_alone(plan: PlanFile) -> Alone:
    info = plan_info(plan.meta, str(plan.path))
    mentions = plan_mentions(info)
    # the front matter is the plan's: sent between processes and kept in the memo once, with the plan
    return Alone(plan_summaries(plan), replace(info, meta=None), mentions, body_digest(plan.body))


def alone(plan: PlanFile) -> Alone:
    """The plan's Alone: as read (`derived`), or made now."""
    return plan.derived if isinstance(plan.derived, Alone) else made_alone(plan)


def info_of(plan: PlanFile, made: Alone) -> PlanInfo:
    return replace(made.info, meta=plan.meta)


__all__ = ["Alone", "alone", "info_of", "made_alone"]
