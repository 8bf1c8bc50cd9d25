"""The documents search finds: every plan (with its full text), every document known by citation,
and every area. Each record carries what a result shows (title, number, issuer, area, date) and the
words it is found by."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown import markdown as render_markdown

from ..gazetteer import plain_name
from ..graph import Graph, Node
from ..site import paths
from ..site.html import date, esc
from ..site.spool import Spooled
from ..text import fold


@dataclass
class SearchRecord:
    url: str  # the page, relative to the site root: "ke-hoach/kh-18-2023-ubnd-huyen-hung-ha-thai-binh/"
    title: str
    kind: str  # plan | document | place | page (generated: the guide, a group's plans) | help (docs/)
    meta: dict[str, str] = field(default_factory=dict)  # number, issuer, area, date: shown with a result
    html: str | Spooled = ""  # sanitised HTML of the text found (a plan's full text, kept on disk: site.spool)
    # what the record is found by whole, not word by word: the number it bears ("#19/kh-ubnd"),
    # the name of the place it is ("@hung ha"), of the page it is ("=nguoi khuyet tat")
    keys: list[str] = field(default_factory=list)
    local: str = ""  # a place's "Địa phương của tôi" page, relative to the site root
    weight: int = 31  # of the record among those found by the same key: a place's by its plans (0–31)


# a document's own number, folded: "19/kh-ubnd", "04/2024/nq-hdnd", "39-ct/tw", "589/kh-bca-c04"
_BEARS = re.compile(r"^0*(\d+)[a-z]?(?:/\d{4})?[/-](.+)$")


def number_keys(number: str) -> list[str]:
    """The keys a document bearing `number` is found by, however it is typed: the number alone, and
    with each longer run of its symbol: "19/KH-UBND" → #19, #19/kh, #19/kh-ubnd. The year of a
    normative number is a word of the record, not of the key: "04/2024/NQ-HĐND" → #4/nq-hdnd;
    "11/2017/QH14" → #11/qh, #11/qh-14."""
    m = _BEARS.match(fold(number or "").strip())
    if not m:
        return []
    # letters and digits apart, as a query's are: "QH14" → qh, 14; "C04" → c, 04
    parts = re.findall(r"[a-z]+|[0-9]+", m.group(2))
    n = m.group(1)
    return [f"#{n}"] + [f"#{n}/" + "-".join(parts[:i]) for i in range(1, len(parts) + 1)]


@lru_cache(maxsize=1 << 16)  # the same few thousand places' names, over and over: 0.7 s at 10,000 plans
def _name(name: str) -> str:
    return " ".join(re.findall(r"\w+", fold(plain_name(name))))


def place_keys(*names: str) -> list[str]:
    """A place, by any run of a query's words: "Huyện Hưng Hà", "Hưng Hà" → @huyen hung ha, @hung ha."""
    return list(dict.fromkeys("@" + _name(n) for n in names if n))


def page_keys(*names: str) -> list[str]:
    """A page, by a whole query: "Người khuyết tật" → =nguoi khuyet tat; "Tìm kiếm: cách làm" → =tim kiem
    cach lam."""
    return list(dict.fromkeys("=" + _name(n) for n in names if n))


def _area(node: Node) -> str:
    a = node.area
    if a is None or a.unit is None:
        return ""
    names = [u.name for u in (a.commune, a.district, a.province) if u]
    if a.unit.legacy and a.successor:
        names.append(f"nay thuộc {a.successor.province.name}")
    return ", ".join(names)


def page_record(url: str, markdown: str) -> SearchRecord:
    """A hand-written page (the contributors' pages: file format, ids, performance, search): its title
    is its first heading; its words are those of its Markdown source (front matter left out). Its
    examples name places and numbers, so it comes after the documents a query finds as well, unless
    the query names it ("mã định danh")."""
    if markdown.startswith("---\n") and "\n---\n" in markdown[4:]:
        markdown = markdown[4:].split("\n---\n", 1)[1]
    title = next((line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("# ")), url)
    body = "\n".join(line for line in markdown.splitlines() if not line.startswith("# "))
    # rendered, so that what is found and shown is the text, not its syntax (`**mã định danh**`); the
    # index keeps only the words and a plain excerpt
    return SearchRecord(url, title, "help", {}, render_markdown(body, extensions=["tables"]),
                        page_keys(title, title.split(":")[0]))


def search_records(graph: Graph, fulltexts: dict[str, str | Spooled], pages: list[tuple[str, str]] = (),
                   generated: list[SearchRecord] = ()) -> list[SearchRecord]:
    """`fulltexts`: plan id → sanitised HTML of its full text; `pages`: (url, Markdown source) of the
    hand-written pages; `generated`: records of the generated pages searched as pages (the guide)."""
    out = [page_record(url, text) for url, text in pages] + list(generated)
    for node in graph.plans():
        meta = {"number": node.number or "", "issuer": ((node.meta or {}).get("issuer") or {}).get("name") or "",
                "area": _area(node), "date": date(node.date), "type": node.doc_type or ""}
        out.append(SearchRecord(paths.url(paths.plan(node.id)), node.title or node.id, "plan",
                                {k: v for k, v in meta.items() if v}, fulltexts.get(node.id, ""),
                                number_keys(node.number)))
    for node in graph.nodes.values():
        if node.kind == "plan":
            continue
        meta = {"number": node.number or "", "issuer": node.issuer or "", "date": date(node.date),
                "type": node.doc_type or ""}
        text = "".join(f"<p>{esc(t)}</p>" for t in node.texts[:5])
        out.append(SearchRecord(paths.url(paths.document(node.id)), node.title or node.label, "document",
                                {k: v for k, v in meta.items() if v}, text, number_keys(node.number)))
    for pid in graph.places():
        place = graph.place(pid)
        if not pid or place is None or place.unit is None:
            continue
        unit = place.unit
        where = unit.province if unit.level != "province" else ""
        era = "trước 1/7/2025" if unit.legacy else ""
        meta = {"area": ", ".join(x for x in (where, era) if x)}
        count = graph.count_under(pid)
        local = ""
        if not unit.legacy:  # "Địa phương của tôi" knows the units of today: a province, or a commune in it
            query = f"?tinh={pid}" if unit.level == "province" else f"?xa={pid}"
            local = paths.url(paths.LOCAL) + query
        out.append(SearchRecord(paths.url(paths.place(pid)), unit.name, "place", {k: v for k, v in meta.items() if v},
                                f"<p>Kế hoạch của {esc(unit.name)}: {count} kế hoạch.</p>",
                                place_keys(unit.name, unit.short), local, min(31, count)))
    return out

