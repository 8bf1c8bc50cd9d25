"""The legal-aid guide (huong-dan/tro-giup-phap-ly/): who is entitled to free legal aid, what to bring,
where to ask, and a self-check ("Tôi có thuộc diện…?").

Every legal statement comes from kehoach/data/tro-giup-phap-ly.yaml with its sources (kehoach.legalaid);
nothing here states law of its own. The page is a readable list without JavaScript; the self-check form
is shown and answered by docs/assets/tu-kiem-tra.js from the `data-when` of each clause on the page.
"""

from __future__ import annotations

from collections import defaultdict

from ..graph import Graph, Node, place_id
from ..legalaid import law
from ..text import fold
from ..vocabulary import vocabulary
from . import paths
from .lines import by_date
from .local_page import current_provinces
from .page import Page
from .render import render
from .units import made_or_kept

TOPIC = "tro-giup-phap-ly"
PLANS_PER_PROVINCE = 5


def legal_aid_plans(graph: Graph, reuse=None) -> dict[str, list[Node]]:
    """Plans about legal aid by province today, mobile legal aid (lưu động) first, then newest. `reuse`
    (units.Reuse): whether a plan is about mobile legal aid, kept from the last build while its node is
    the same."""
    by_province: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        today = n.area.places_today() if n.area else []  # the 2025 province first, for units of both eras
        if TOPIC in ((n.meta or {}).get("topics") or []) and today:
            by_province[today[0]].append(n)

    def mobile(n: Node) -> bool:
        tasks = (n.meta or {}).get("tasks") or []
        return any("luu dong" in fold(str(t.get("name") or "")) for t in tasks if isinstance(t, dict)) \
            or "luu dong" in fold(n.title or "")

    def first(n: Node) -> bool:  # listed first
        return made_or_kept(reuse, "guide:mobile", n.id, (("node", n.id),), lambda: mobile(n))
    return {k: sorted(by_date(v), key=lambda n: not first(n))[:PLANS_PER_PROVINCE] for k, v in by_province.items()}


def guide_page(graph: Graph, reuse=None) -> dict[str, Page]:
    law_ = law()
    plans = legal_aid_plans(graph, reuse)
    html = render("guide.html", paths.GUIDE, raw=law_.raw, clauses=law_.published(), ages=law_.ages, facts=law_.facts,
                  derived=law_.raw["derived"]["kho-khan-tai-chinh"], docs=law_.raw["documents"],
                  repealed=[c for c in law_.clauses if c.verified and c.repealed],
                  with_plans={b for n in graph.plans() for b in (n.meta or {}).get("beneficiaries") or []},
                  beneficiary_label=vocabulary().beneficiary_label,
                  provinces=[(place_id(u), u.name) for u in current_provinces()],
                  plans=[(place_id(u), u.name, plans[place_id(u)]) for u in current_provinces() if place_id(u) in plans],
                  centres=[c for c in law_.raw.get("centres") or [] if c.get("verified")],
                  sources=law_.sources, order={r: i for i, r in enumerate(law_.sources, 1)})
    return {paths.GUIDE: Page("Trợ giúp pháp lý miễn phí: ai được giúp, hỏi ở đâu", html,
                              "Ai được trợ giúp pháp lý miễn phí theo Luật Trợ giúp pháp lý, mang giấy tờ gì, hỏi ở đâu.",
                              searchable=True,
                              search_names=("Trợ giúp pháp lý", "Trợ giúp pháp lý miễn phí"))}


__all__ = ["guide_page", "legal_aid_plans"]
