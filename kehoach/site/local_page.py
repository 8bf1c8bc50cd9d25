""""Địa phương của tôi" (dia-phuong/): pick a province, then a ward or commune (2025 units), and see
everything that applies there as one page: the commune's own plans, those of the units it was formed
from (old communes, old district), the province's (and the provinces it was formed from), and the
national documents they implement, newest first, each in plain words.

The page is one HTML form; docs/assets/dia-phuong.js reads, when a province is picked, its file
(`dia-phuong/<province>.json`), and when a commune is picked, the files of the places it holds plans from
(`dia-phuong/<place id>.json`). The address keeps the commune
(``dia-phuong/?xa=hai-phong/phuong-le-thanh-nghi``): sharing it shares the page.

A province's file:

    name       "Thành phố Hải Phòng"
    communes   [[place id, name, [the places whose files hold its plans: itself and the old communes
                and districts it was formed from, those with plans], what it was formed from]…]
    at, names, plans   as in a place's file, for the province and the provinces before
                1 July 2025 it was formed from

A place's file:

    at         {place id: [plan ids]}
    names      {place id: name}
    plans      {id: {t, n, o, i, s, k, c}}  title, number, ISO date, issuer, summary, tasks for people,
               ids of the national documents it implements

and `dia-phuong/van-ban.json`, the national documents: {id: {t, l, o, i, u}} subject, label, ISO date,
issuer, URL.
"""

from __future__ import annotations


from ..gazetteer import CURRENT, Unit, gazetteer
from ..graph import Graph, Node, place_id
from ..graph.places import parent_place_id
from ..text import fold
from . import paths
from .api import json_bytes
from .page import Page
from .render import render

NATIONAL = "van-ban"  # dia-phuong/van-ban.json: the national documents the plans implement


def _entry(graph: Graph, n: Node, summaries: dict[str, tuple[str, list[str]]], docs: dict[str, dict]) -> dict:
    central = [m for m, _ in graph.ancestors(n.id) if m.level == "central" and m.kind != "ambiguous"]
    for m in central:
        docs[m.id] = {"t": m.title if m.title and m.title != m.label else "", "l": m.label, "o": str(m.date or ""),
                      "i": m.issuer or "", "u": paths.url_rel(paths.LOCAL, paths.plan(m.id) if m.kind == "plan"
                                                              else paths.document(m.id))}
    summary, tasks = summaries.get(n.id, ("", []))
    entry = {"t": n.title or n.id, "n": n.number or "", "o": str(n.date or ""),
             "i": ((n.meta or {}).get("issuer") or {}).get("name") or "", "s": summary, "k": tasks,
             "c": [m.id for m in central]}
    if (n.meta or {}).get("draft"):
        entry["d"] = 1
    if len(entry["o"]) < 10:  # dated by its year or month only: the text says it is later than what it cites
        cited = [str(graph.nodes[e.target].date) for e in graph.parents(n.id) if graph.nodes[e.target].date]
        latest = max((d for d in cited if len(d) == 10 and d.startswith(entry["o"])), default="")
        if latest:
            entry["a"] = latest
    return entry


def _plans_of(graph: Graph, places: list[str], summaries, docs: dict[str, dict]) -> dict:
    """The plans issued at `places`, and the national documents they implement."""
    at = {x: graph.plans_at(x) for x in places}
    plans = {n.id: _entry(graph, n, summaries, docs) for nodes in at.values() for n in nodes}
    at = {x: [n.id for n in nodes] for x, nodes in at.items() if nodes}
    return {"at": at, "names": {x: graph.place(x).name for x in at}, "plans": plans}


def _place_file(graph: Graph, x: str, summaries, docs: dict[str, dict], reuse=None) -> bytes:
    """The file of the plans issued at place `x`; the national documents they implement into `docs`.
    `reuse` (units.Reuse): kept from the last build while all it is made of is the same: the plans at
    `x`, their nodes, the edges out of them and the nodes they lead to, their chains of documents
    above, their summaries."""
    if reuse is None:
        return json_bytes(_plans_of(graph, [x], summaries, docs))
    reads: list[tuple] = [("at", x)]
    said = []
    for n in graph.plans_at(x):
        reads += [("node", n.id), ("out", n.id), ("up", n.id)]
        reads += [("node", m.id) for m, _ in graph.ancestors(n.id)]
        reads += [("node", e.target) for e in graph.parents(n.id)]
        said.append(repr(summaries.get(n.id)))

    def make() -> tuple[bytes, list[tuple[str, dict]]]:
        found: dict[str, dict] = {}
        return json_bytes(_plans_of(graph, [x], summaries, found)), list(found.items())
    data, found = reuse("local", x, tuple(reads), make, "\n".join(said))
    for nid, doc in found:  # as _entry puts them: the first place a document is met keeps its order
        docs[nid] = doc
    return data


def local_files(graph: Graph, summaries: dict[str, tuple[str, list[str]]], reuse=None) -> dict[str, bytes]:
    """A file per 2025 province (its communes, and the plans of the province and of the provinces it was
    formed from) and one per place below it with plans (those plans): choosing a commune fetches the
    province's file and the few files of the commune and the units it was formed from, never the plans
    of the whole province (at 10,000 plans, a province's would be up to 1 MB). `reuse` (units.Reuse):
    the file of a place below a province kept from the last build while made of the same (_place_file)."""
    g = gazetteer()
    files: dict[str, dict | bytes] = {}
    docs: dict[str, dict] = {}  # the national documents, once for all: every place's plans implement the same few
    # ?xa=phuong-le-thanh-nghi, without the province: the provinces that have a commune of that slug
    by_name: dict[str, list[str]] = {}
    for province in current_provinces():
        provinces = [place_id(province)] + [place_id(u) for u in g.predecessors(province)]
        communes = []
        for commune in g.children(province):
            olds = g.predecessors(commune)
            earlier: list[str] = []
            for old in olds:
                for x in (place_id(old), parent_place_id(place_id(old))):
                    if x and x not in earlier and x not in provinces and graph.plans_at(x):
                        earlier.append(x)
            formed = ", ".join(f"{o.name} ({(g.parent(o) or o).name})" if o.level == "commune" else o.name for o in olds)
            cid = place_id(commune)
            by_name.setdefault(cid.rsplit("/", 1)[-1], []).append(provinces[0])
            communes.append([cid, commune.name, ([cid] if graph.plans_at(cid) else []) + earlier, formed])
            for x in communes[-1][2]:
                if paths.local_data(x) not in files:
                    files[paths.local_data(x)] = _place_file(graph, x, summaries, docs, reuse)
        files[paths.local_data(place_id(province))] = {"name": province.name, "communes": communes,
                                                       **_plans_of(graph, provinces, summaries, docs)}
    files[paths.local_data(NATIONAL)] = docs
    files[paths.COMMUNE_NAMES] = by_name
    return {path: data if isinstance(data, bytes) else json_bytes(data) for path, data in files.items()}


def current_provinces() -> list[Unit]:
    """The 34 provinces and cities from 1 July 2025, in alphabetical order of their names."""
    units = [u for u in gazetteer().units.values() if u.era == CURRENT and u.level == "province"]
    return sorted(units, key=lambda u: fold(u.short))


def local_page(graph: Graph) -> dict[str, Page]:
    html = render("local.html", paths.LOCAL, provinces=[(place_id(u), u.name) for u in current_provinces()])
    return {paths.LOCAL: Page("Địa phương của tôi", html,
                              "Mọi kế hoạch áp dụng ở xã, phường của bạn: của xã, huyện cũ, tỉnh và trung ương.",
                              searchable=True, search_names=("Địa phương của tôi", "Địa phương"))}


__all__ = ["current_provinces", "local_files", "local_page"]
