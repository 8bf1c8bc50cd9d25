"""The register: every task of every plan with its period, gathered by the agency that leads it and by
the place it applies to, so that an agency or a commune sees what it must do across all the plans
that name it.

A task's period is its timeline read by `timeline.parse` (the text is kept beside it). Which tasks are
due *now* depends on the reader's day, not the build's: pages carry each task's period and a script
sorts them into due this quarter, upcoming, ongoing and past (docs/assets/nhiem-vu.js). What is written
here is what does not change with the day: each task's period and, for reading without the script,
the period it falls in (`section`): the year of its deadline, "all along" for a task that recurs or
never ends, and "not said" for a timeline that names no time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from .agencies import leads_of
from .graph import Graph, Node
from .graph.places import place_id
from .timeline import Period, parse

NATIONAL = "trung-uong"  # the register's group of plans with no place: ministries, central bodies
ALL_ALONG = "thuong-xuyen"  # the section of tasks that recur or never end
NOT_SAID = "chua-ro"  # the section of tasks whose timeline names no time


@dataclass(frozen=True)
class Due:
    """A task of a plan, where the register lists it."""

    plan: Node
    index: int  # its place among the plan's tasks, from 1: with the plan, what names it for good
    name: str
    timeline: str  # as the plan writes it ("" when it says none)
    period: Period | None
    leads: tuple[tuple[str, str], ...]  # the bodies leading it: (agencies.agency_key, the name a page shows)

    @property
    def deadline(self) -> date | None:
        return self.period.end if self.period else None

    @property
    def section(self) -> str:
        """The period a list without the reader's day shows it in: "2026", ALL_ALONG or NOT_SAID."""
        if self.period is None:
            return NOT_SAID
        if self.period.end is None:
            return ALL_ALONG
        return str(self.period.end.year)

    @property
    def span(self) -> str:
        """Its period as the pages carry it for the script: "start/end", a part empty when not said."""
        if self.period is None:
            return ""
        start, end = self.period.start, self.period.end
        return f"{start.isoformat() if start else ''}/{end.isoformat() if end else ''}"

    @property
    def recurs(self) -> bool:
        return bool(self.period and (self.period.recurs or self.period.ongoing))


def tasks_of(node: Node) -> list[Due]:
    out = []
    for i, t in enumerate((node.meta or {}).get("tasks") or [], 1):
        if not isinstance(t, dict) or not t.get("name"):
            continue
        timeline = (t.get("timeline") or "").strip()
        leads = tuple(dict.fromkeys(leads_of(t)))
        out.append(Due(node, i, t["name"], timeline, parse(timeline) if timeline else None, leads))
    return out


def ordered(tasks: list[Due]) -> list[Due]:
    """By period: deadlines earliest first, then tasks all along, then those with no time said; the
    plan's own order within a day."""
    rank = {ALL_ALONG: 1, NOT_SAID: 2}
    return sorted(tasks, key=lambda d: (rank.get(d.section, 0), d.deadline or date.max, str(d.plan.date or ""),
                                        d.plan.id, d.index))


def sections(tasks: list[Due]) -> list[tuple[str, int, list[tuple[Node, list[Due]]]]]:
    """`tasks` (ordered) by the period they fall in, in that order: (period, how many tasks, the tasks
    by plan, in the order of each plan's first: a plan is named once a period, not once a task)."""
    out: dict[str, dict[str, tuple[Node, list[Due]]]] = {}
    for d in tasks:
        out.setdefault(d.section, {}).setdefault(d.plan.id, (d.plan, []))[1].append(d)
    return [(key, sum(len(ds) for _, ds in plans.values()), list(plans.values())) for key, plans in out.items()]


def province_of(node: Node) -> str:
    """The 2025 province a plan is in today (its place id), or NATIONAL for a plan of no place."""
    area = node.area
    if area is None or area.unit is None:
        return NATIONAL
    if area.successor is not None:
        return place_id(area.successor.province)
    return place_id(area.province) if area.province else NATIONAL


@dataclass
class Register:
    """The tasks of the base by lead agency (agency key → group → tasks, the group a 2025 province or
    NATIONAL) and the agency's names as plans write them, to pick the one its page heads with.

    A commune's plans are in no agency's register: the bodies they name are the commune's own (its
    police, its Youth Union, its civil servant for justice), and "Công an xã" merged over a hundred
    communes would be no one's list. Its tasks are in the commune's register (`place_tasks`)."""

    by_agency: dict[str, dict[str, list[Due]]]
    names: dict[str, dict[str, int]]
    tasks: dict[str, list[Due]]  # plan id → its tasks


def register(graph: Graph, known: dict[str, list[Due]] | None = None) -> Register:
    """`known`: the tasks of plans whose nodes are the same as the last register's (kehoach.site.kept_graph)."""
    by_agency: dict[str, dict[str, list[Due]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    tasks: dict[str, list[Due]] = {}
    known = known or {}
    for node in graph.plans():
        kept = known.get(node.id)
        tasks[node.id] = kept if kept is not None and (not kept or kept[0].plan is node) else tasks_of(node)
        if node.level == "commune":  # its bodies are the commune's own: the commune's register is theirs
            continue
        group = province_of(node)
        for d in tasks[node.id]:
            for key, name in d.leads:
                names[key][name] += 1
                if not by_agency[key][group] or by_agency[key][group][-1] is not d:  # two spellings, one body
                    by_agency[key][group].append(d)
    return Register({k: dict(v) for k, v in by_agency.items()}, {k: dict(v) for k, v in names.items()}, tasks)


def place_tasks(graph: Graph, reg: Register, pid: str) -> list[Due]:
    """The tasks that apply at a 2025 place: those of the plans issued there and by the units it was
    formed from (for a commune, the old communes; for a province, the provinces before 1 July 2025),
    whose work it carries on. A province's register holds the plans issued at province level, not its
    communes'; an old district's plans are in no commune's register (the district is gone, and they
    would be repeated in each of the ten or so communes it became), but in its agencies'."""
    place = graph.place(pid)
    if place is None or place.unit is None or place.unit.legacy:
        return []
    return [d for p in [pid, *place.formed_from] for n in graph.plans_at(p) for d in reg.tasks.get(n.id, [])]


__all__ = ["ALL_ALONG", "Due", "NATIONAL", "NOT_SAID", "Register", "ordered", "place_tasks", "province_of",
           "register", "sections", "tasks_of"]
