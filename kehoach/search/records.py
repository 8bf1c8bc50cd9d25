"""The documents search finds: every plan (with its full text), every document known by citation,
and every area. Each record carries what a result shows (title, number, issuer, area, date) and the
words it is found by."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..graph import Graph, Node
from ..site import paths
from ..site.html import date, esc


@dataclass
class SearchRecord:
    url: str  # the page, relative to the site root: "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/"
    title: str
    kind: str  # plan | document | place
    meta: dict[str, str] = field(default_factory=dict)  # number, issuer, area, date: shown with a result
    html: str = ""  # sanitised HTML of the text found (a plan's full text)


def _area(node: Node) -> str:
    a = node.area
    if a is None or a.unit is None:
        return ""
    names = [u.name for u in (a.commune, a.district, a.province) if u]
    if a.unit.legacy and a.successor:
        names.append(f"nay thuộc {a.successor.province.name}")
    return ", ".join(names)


def page_record(url: str, markdown: str) -> SearchRecord:
    """A hand-written page (the legal-aid guide, the contributors' pages): its title is its first
    heading; its words are those of its Markdown source (front matter left out)."""
    if markdown.startswith("---\n") and "\n---\n" in markdown[4:]:
        markdown = markdown[4:].split("\n---\n", 1)[1]
    title = next((line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("# ")), url)
    text = "".join(f"<p>{esc(line)}</p>" for line in markdown.splitlines() if line.strip() and not line.startswith("# "))
    return SearchRecord(url, title, "page", {}, text)


def search_records(graph: Graph, fulltexts: dict[str, str], pages: list[tuple[str, str]] = (),
                   generated: list[SearchRecord] = ()) -> list[SearchRecord]:
    """`fulltexts`: plan id → sanitised HTML of its full text; `pages`: (url, Markdown source) of the
    hand-written pages; `generated`: records of the generated pages searched as pages (the guide)."""
    out = [page_record(url, text) for url, text in pages] + list(generated)
    for node in graph.plans():
        meta = {"number": node.number or "", "issuer": ((node.meta or {}).get("issuer") or {}).get("name") or "",
                "area": _area(node), "date": date(node.date), "type": node.doc_type or ""}
        out.append(SearchRecord(paths.url(paths.plan(node.id)), node.title or node.id, "plan",
                                {k: v for k, v in meta.items() if v}, fulltexts.get(node.id, "")))
    for node in graph.nodes.values():
        if node.kind == "plan":
            continue
        meta = {"number": node.number or "", "issuer": node.issuer or "", "date": date(node.date),
                "type": node.doc_type or ""}
        text = "".join(f"<p>{esc(t)}</p>" for t in node.texts[:5])
        out.append(SearchRecord(paths.url(paths.document(node.id)), node.title or node.label, "document",
                                {k: v for k, v in meta.items() if v}, text))
    for pid in graph.places():
        place = graph.place(pid)
        if not pid or place is None or place.unit is None:
            continue
        unit = place.unit
        where = unit.province if unit.level != "province" else ""
        era = "trước 1/7/2025" if unit.legacy else ""
        meta = {"area": ", ".join(x for x in (where, era) if x)}
        out.append(SearchRecord(paths.url(paths.place(pid)), unit.name, "place", {k: v for k, v in meta.items() if v},
                                f"<p>Kế hoạch của {esc(unit.name)}: {graph.count_under(pid)} kế hoạch.</p>"))
    return out

