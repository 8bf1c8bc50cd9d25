"""The site, as plain data: every generated page (source path → Markdown) and file (path → text),
from a plans directory. Engine-agnostic: the MkDocs hook (hooks/kehoach_site.py) only hands these
to MkDocs; another engine could take them as they are."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..graph import Graph, build_graph, plan_info
from ..planfile import PlanError, PlanFile, iter_plan_paths, read_plans
from . import paths
from .pages import (agency_pages, document_page, documents_index, home_page, place_page, places_index, plan_page,
                    topic_pages, year_pages)
from .sanitize import compact, sanitize

__all__ = ["Site", "SiteError", "build_site", "compact", "sanitize"]


class SiteError(Exception):
    def __init__(self, errors: list[PlanError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Site:
    graph: Graph
    pages: dict[str, str] = field(default_factory=dict)  # "ke-hoach/<id>.md" → Markdown
    files: dict[str, str] = field(default_factory=dict)  # "api/plans.json" → content


def build_site(plans_dir: Path) -> Site:
    """All pages and files of the site. Raises SiteError naming file and line of broken plans."""
    results = read_plans(iter_plan_paths(plans_dir)) if plans_dir.exists() else []
    errors = [r for r in results if isinstance(r, PlanError)]
    if errors:
        raise SiteError(errors)
    plans: list[PlanFile] = [r for r in results if isinstance(r, PlanFile)]
    first: dict[str, PlanFile] = {}
    for p in plans:  # two files with one id would make one page of two plans
        pid = str(p.meta.get("id") or p.path.stem)
        if pid in first:
            errors.append(PlanError(p.path, 2, f"id {pid} is also the id of {first[pid].path}"))
        first.setdefault(pid, p)
    if errors:
        raise SiteError(errors)
    graph = build_graph([plan_info(p.meta, str(p.path)) for p in plans])
    site = Site(graph)
    bodies = {str(p.meta.get("id") or p.path.stem): p for p in plans}
    for node in graph.plans():
        plan = bodies[node.id]
        site.pages[paths.plan(node.id)] = plan_page(graph, node, plan.body)
        site.files[paths.plan_file(node.id)] = plan.path.read_text("utf-8")
        record = {"id": node.id, "url": paths.url(paths.plan(node.id)), **plan.meta,
                  "links": [e.record() for e in graph.parents(node.id)]}
        site.files[paths.plan_json(node.id)] = json.dumps(record, ensure_ascii=False, indent=1)
    for node in graph.nodes.values():
        if node.kind != "plan":
            site.pages[paths.document(node.id)] = document_page(graph, node)
    for pid in graph.places():
        site.pages[paths.place(pid)] = place_page(graph, pid) if pid else places_index(graph)
    if paths.PLACES not in site.pages:
        site.pages[paths.PLACES] = places_index(graph)
    site.pages.update(topic_pages(graph))
    site.pages.update(agency_pages(graph))
    site.pages.update(year_pages(graph))
    site.pages[paths.DOCUMENTS] = documents_index(graph)
    site.pages[paths.HOME] = home_page(graph)
    site.files["api/plans.json"] = json.dumps(plans_api(graph), ensure_ascii=False)
    site.files["api/graph.json"] = json.dumps(graph.to_json(), ensure_ascii=False)
    return site


def plans_api(graph: Graph) -> list[dict]:
    out = []
    for n in sorted(graph.plans(), key=lambda n: n.id):
        out.append({"id": n.id, "url": paths.url(paths.plan(n.id)), "number": n.number, "title": n.title,
                    "date": n.date, "issuer": n.issuer,
                    "area": n.area.record() if n.area else None,
                    "basis": [e.target for e in graph.parents(n.id, "basis")]})
    return out
