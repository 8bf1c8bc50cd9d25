"""The relevance set: queries typed as civil servants and citizens type them, each with the pages an
answer must put first, derived from the plans of a site (the seeds, a generated corpus or both), and
how to measure a site against it in a real browser (recall@1 and mean reciprocal rank).

Used by tests/test_search_relevance.py (seeds and 300 generated plans, typed into the header box) and
by `make bench` (10,000 generated plans). The queries come from the corpus, not from the index: a
plan's number in the forms people type it, a national document's number, a place's name with and
without its type word and diacritics, a group of people, and phrases of the seeds' titles."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kehoach.graph import build_graph, plan_info
from kehoach.graph.graph import GRAPH_KEYS
from kehoach.planfile import PlanFile, iter_plan_paths, read_plans
from kehoach.site import paths
from kehoach.text import fold
from kehoach.vocabulary import vocabulary


@dataclass(frozen=True)
class Case:
    query: str
    expected: tuple[str, ...]  # URLs (relative to the site root) any of which is a right first answer
    kind: str  # number | document | place | group | phrase


SEED_PHRASES = [  # the seeds' own plans, by words of their titles and places
    ("cai nghien ma tuy hai phong", "ke-hoach/kh-2024-ubnd-hai-phong-thuc-hien-nghi-quyet-so-04/"),
    ("tiếp cận pháp luật hưng hà", "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/"),
    ('"giảm nghèo nhanh và bền vững"', "ke-hoach/kh-177-2020-stp-thanh-hoa/"),
    ("nhiem vu tro giup phap ly bac giang", "ke-hoach/kh-2024-stp-bac-giang-thuc-hien-nhiem-vu-tro-giup/"),
    ("ai được trợ giúp pháp lý miễn phí", "huong-dan/tro-giup-phap-ly/"),
    ("chinh sach tro giup phap ly le thanh nghi",
     "ke-hoach/kh-2026-ubnd-phuong-le-thanh-nghi-hai-phong-trien-khai-thuc-hien-chinh-sach/"),
]


def _load(plans_dir: Path):
    """The plans' front matter (what the graph reads, and the beneficiaries), read on every core: at
    100,000 plans, reading whole files one by one took minutes and 9 GB."""
    metas = [m for m in read_plans(iter_plan_paths(plans_dir), GRAPH_KEYS | {"beneficiaries"})
             if isinstance(m, PlanFile)]
    return metas, build_graph([plan_info(m.meta, str(m.path)) for m in metas])


def cases(plans_dir: Path, per_kind: int = 6) -> list[Case]:
    metas, graph = _load(plans_dir)
    out: list[Case] = []
    plans = sorted(graph.plans(), key=lambda n: n.id)

    # a plan's number, with the words that tell it from others of the same number: its place and year
    def unit_of(node) -> str | None:
        area = node.area
        return area.unit.short if area and area.unit else None

    # the loosest form typed ("kế hoạch số 15 Hòa Bình") must name one plan: one of its number, type and place
    def loose(n) -> tuple:
        return fold(n.number).split("/")[0], n.doc_type, fold(unit_of(n) or "")

    seen = Counter(loose(n) for n in plans if n.number)
    picked = [n for n in plans if n.number and "/" in n.number and unit_of(n) and n.date and seen[loose(n)] == 1]
    step = max(1, len(picked) // per_kind)
    for node in picked[::step][:per_kind]:
        url = paths.url(paths.plan(node.id))
        digits, symbol = node.number.split("/", 1)
        unit, year = unit_of(node), str(node.date)[:4]
        kind_name = (node.doc_type or "Kế hoạch").lower()
        for q in (f"{node.number} {fold(unit)} {year}", f"{digits} {' '.join(symbol.lower().split('-'))} {fold(unit)}",
                  f"{kind_name} số {digits} {unit}", f"{digits}/{symbol.split('-')[0]} {fold(unit)} {year}"):
            out.append(Case(q, (url,), "number"))

    # a national document's number, as its own page answers it (not a plan citing it)
    documents = sorted((n for n in graph.nodes.values() if n.kind != "plan" and n.number and len(graph.children(n.id)) > 1),
                       key=lambda n: (-len(graph.children(n.id)), n.id))
    for node in documents[:3]:
        url = paths.url(paths.document(node.id))
        out += [Case(node.number, (url,), "document"), Case(fold(node.number), (url,), "document"),
                Case(f"{fold(node.doc_type or '')} {node.number.split('/')[0]}", (url,), "document")]

    # a place by its name: without diacritics, and with its type word and diacritics
    names = Counter(fold(graph.place(p).unit.short) for p in graph.places() if p and graph.place(p) and graph.place(p).unit)
    places = [p for p in sorted(graph.places()) if p and paths.has_own_page(p) and graph.place(p)
              and graph.place(p).unit and names[fold(graph.place(p).unit.short)] == 1]
    step = max(1, len(places) // per_kind)
    for pid in places[::step][:per_kind]:
        unit = graph.place(pid).unit
        url = paths.url(paths.place(pid))
        out += [Case(fold(unit.short), (url,), "place"), Case(unit.name, (url,), "place")]

    # a group of people: its page of plans (or the topic of the same name, where there is one)
    groups = Counter(g for m in metas for g in m.meta.get("beneficiaries") or [])
    for slug, _ in groups.most_common(3):
        label = vocabulary().beneficiary_label(slug)
        out.append(Case(fold(label), (paths.url(paths.beneficiary(slug)), paths.url(paths.topic(slug))), "group"))

    ids = {n.id for n in plans}
    for q, url in SEED_PHRASES:
        if url.startswith("huong-dan/") or url.split("/")[1] in ids:
            out.append(Case(q, (url,), "phrase"))
    return out


SEARCH = """async ([q, limit]) => {
    const ts = await import(new URL('assets/timkiem.js', document.baseURI).href);
    const found = await ts.search(q, {base: new URL('./', document.baseURI).href, limit});
    return found.results.map(r => r.url);
}"""


def ranks(page, base: str, all_cases: list[Case], typing: bool = True, limit: int = 10) -> list[int | None]:
    """The rank (1…) of the first right answer of each case, None when not among the first `limit`.
    `typing`: each query is typed into the header's box as a person types it; else asked of the
    site's script directly (faster, for the benchmark's many runs)."""
    out = []
    if typing:
        page.keyboard.press("/")
    for case in all_cases:
        if typing:
            box = page.locator("[data-kh-query]")
            box.fill("")
            box.press_sequentially(case.query, delay=5)
            deadline = time.monotonic() + 10
            while page.evaluate("q => document.querySelector('[data-kh-results]').dataset.query !== q", case.query):
                if time.monotonic() > deadline:
                    raise AssertionError(f"no answer to {case.query!r}")
                page.wait_for_timeout(20)
            urls = page.locator("[data-kh-results] a").evaluate_all("links => links.map(a => a.href)")[:limit]
        else:
            urls = page.evaluate(SEARCH, [case.query, limit])
        got = [u[len(base):] if u.startswith(base) else u for u in urls]
        out.append(next((i + 1 for i, u in enumerate(got) if u in case.expected), None))
    return out


def figures(all_cases: list[Case], found: list[int | None]) -> dict:
    n = len(all_cases)
    return {"queries": n, "recall_at_1": round(sum(1 for r in found if r == 1) / n, 3),
            "mrr": round(sum(1 / r for r in found if r) / n, 3),
            "misses": [f"{c.query!r} ({c.kind}): rank {r}" for c, r in zip(all_cases, found) if r != 1]}
