"""The pages of the site, as Markdown, from the graph. Plain Python: the MkDocs hook only hands
these strings to MkDocs. Every value from a plan is escaped here (`markup.text`), and the HTML
MkDocs renders is sanitised again afterwards (`sanitize`)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import yaml

from ..bodies import agency_at
from ..citations import find_citations, normalize_number
from ..gazetteer import gazetteer
from ..graph import Graph, Node, place_id
from ..text import sentence_case, slugify
from ..vocabulary import vocabulary
from . import paths
from .markup import RELATIONS, crumbs, date, link, text
from .svg import neighbourhood, page_of

LIST_LIMIT = 200  # entries on a list page before it points to search and the area pages
ERA_NOTE = "trước 1/7/2025"


def front(title: str, description: str | None = None, **extra) -> str:
    meta = {"title": " ".join(str(title).split())}
    if description:
        meta["description"] = " ".join(str(description).split())[:300]
    meta.update(extra)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6) + "---\n\n"


def shorten(value, limit: int) -> str:
    value = " ".join(str(value or "").split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"


def by_date(nodes) -> list[Node]:
    return sorted(nodes, key=lambda n: (str(n.date or ""), n.id), reverse=True)


def plan_line(node: Node, here: str, with_place: bool = True) -> str:
    where = ""
    if with_place and node.area and node.area.unit:
        where = f" — {text(node.area.unit.name)}" + (f", {text(node.area.province.name)}"
                                                      if node.area.unit.level != "province" else "")
    when = f", {date(node.date)}" if node.date else ""
    number = f" ({text(node.number)})" if node.number else ""
    return f"- {link(node.title or node.id, here, paths.plan(node.id))}{number}{where}{when}"


def doc_line(graph: Graph, node: Node, here: str, subject: bool = True) -> str:
    if node.kind == "plan":
        return plan_line(node, here)
    parts = [link(node.label, here, paths.document(node.id))]
    if node.date:
        parts.append(f"ngày {date(node.date)}")
    if node.issuer:
        parts.append(f"của {text(node.issuer)}")
    line = " ".join(parts)
    if subject and node.title and node.label != node.title:
        line += f" — {text(node.title)}"
    if node.kind == "ambiguous":
        line += " *(chưa xác định được văn bản)*"
    return f"- {line}"


def capped(lines: list[str], total: int, more: str) -> list[str]:
    if total > LIST_LIMIT:
        return lines[:LIST_LIMIT] + ["", f"*… và {total - LIST_LIMIT} mục nữa. {more}*"]
    return lines


# -- places -------------------------------------------------------------------------------------

def place_trail(graph: Graph, pid: str) -> list[tuple[str, str | None]]:
    trail = []
    while pid:
        p = graph.place(pid)
        name = p.name if p else pid
        if p and p.unit and p.unit.legacy and p.unit.level == "province":
            name += f" ({ERA_NOTE})"
        trail.append((name, paths.place(pid)))
        pid = p.parent if p else ""
    return [("Trang chủ", paths.HOME), ("Địa bàn", paths.PLACES)] + list(reversed(trail))


def area_links(graph: Graph, node: Node, here: str) -> tuple[str, str]:
    """(as issued, today) for a plan's card."""
    a = node.area
    if a is None or a.unit is None:
        return "", ""
    issued = ", ".join(link(u.name, here, paths.place(place_id(u))) for u in (a.commune, a.district, a.province) if u)
    if a.unit.legacy:
        issued += f" ({ERA_NOTE})"
    today = ""
    if a.successor and a.unit.legacy:
        s = a.successor
        today = link(s.province.name, here, paths.place(place_id(s.province)))
        communes = [link(c.name, here, paths.place(place_id(c))) for c in s.communes]
        if communes and a.unit.level != "province":
            today += ": " + ", ".join(communes)
    return issued, today


# -- plan page ----------------------------------------------------------------------------------

def _cited_link_map(graph: Graph, node: Node) -> dict[str, str]:
    """number (folded) → page of the document it resolves to, for linking citations in the text."""
    out = {}
    for e in graph.parents(node.id):
        if e.number:
            out[normalize_number(e.number).casefold()] = page_of(graph.nodes[e.target])
    return out


def link_citations(body: str, graph: Graph, node: Node, here: str) -> str:
    """The full text with each citation's "Kế hoạch số 19/KH-UBND" linked to the document's page."""
    targets = _cited_link_map(graph, node)
    if not targets:
        return body
    out, last = [], 0
    for c in find_citations(body):
        if not c.number or c.number.casefold() not in targets:
            continue
        head = re.search(re.escape(c.number.split("/")[0]) + r"\s*/?[^\s,;.)]*", body[c.start:c.end])
        end = c.start + head.end() if head else c.end
        span = body[c.start:end]
        line_start = body.rfind("\n", 0, c.start) + 1
        if "[" in span or "]" in span or body[line_start:c.start].count("`") % 2 or body.startswith("    ", line_start):
            continue  # never inside code or an existing link
        out.append(body[last:c.start])
        out.append(f"[{span}]({paths.rel(here, targets[c.number.casefold()])})")
        last = end
    out.append(body[last:])
    return "".join(out)


def basis_tree(graph: Graph, nid: str, here: str, depth: int, seen: frozenset[str], out: list[str]) -> None:
    for e in graph.parents(nid, "basis"):
        target = graph.nodes[e.target]
        indent = "    " * depth
        if target.id in seen:
            continue
        out.append(indent + doc_line(graph, target, here))
        if target.kind != "ambiguous" and depth < 6:
            basis_tree(graph, target.id, here, depth + 1, seen | {target.id}, out)


def plan_page(graph: Graph, node: Node, body: str) -> str:
    here = paths.plan(node.id)
    meta = node.meta or {}
    issuer = meta.get("issuer") or {}
    signer = meta.get("signer") or {}
    title = node.title or node.id
    heading = f"{node.doc_type or 'Văn bản'} số {node.number}" if node.number else f"{node.doc_type or 'Văn bản'} (không ghi số)"
    trail = place_trail(graph, node.area.places_as_issued()[-1]) if node.area and node.area.unit else [
        ("Trang chủ", paths.HOME)]
    issued, today = area_links(graph, node, here)
    # no table of contents beside a plan: the page stays light on a phone (the headings keep their anchors)
    out = [front(f"{heading}: {title}", f"{heading} ngày {date(node.date)} của {issuer.get('name') or ''}: {title}",
                 hide=["toc"]),
           crumbs(here, trail + [(heading, None)]), "", f"# {text(title)}", ""]
    rows = [("Số, ký hiệu", text(node.number or f"(không ghi số)/{meta.get('symbol') or ''}")),
            ("Loại văn bản", text(node.doc_type)), ("Ngày ban hành", text(date(node.date))),
            ("Cơ quan ban hành", text(issuer.get("name"))),
            ("Người ký", text(", ".join(x for x in (signer.get("authority"),
                                                    " ".join(y for y in (signer.get("title"), signer.get("name")) if y))
                                     if x))),
            ("Địa bàn khi ban hành", issued), ("Địa bàn ngày nay", today),
            ("Chủ đề", ", ".join(link(t.label, here, paths.topic(t.slug)) for t in _terms(meta.get("topics"), "topics")))]
    out += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows if v] + [""]
    if meta.get("summary"):
        out += [f"> {text(meta['summary'])}", ""]

    out += ["## Căn cứ, thực hiện", ""]
    basis = graph.parents(node.id, "basis")
    out += [doc_line(graph, graph.nodes[e.target], here) for e in basis] or ["Kế hoạch không nêu văn bản căn cứ."]
    chain: list[str] = []
    basis_tree(graph, node.id, here, 0, frozenset({node.id}), chain)
    if any(line.startswith("    ") for line in chain):
        out += ["", "### Chuỗi văn bản đến cấp trung ương", ""] + chain
    out.append("")

    out += ["## Văn bản thực hiện", ""]
    children = [graph.nodes[e.source] for e in graph.children(node.id, "basis") if graph.nodes[e.source].kind == "plan"]
    if children:
        groups: dict[str, list[Node]] = defaultdict(list)
        for child in children:
            groups[child.area.unit.name if child.area and child.area.unit else "Chưa rõ địa bàn"].append(child)
        for name in sorted(groups):
            out += [f"**{text(name)}**", ""] + [plan_line(c, here, with_place=False) for c in by_date(groups[name])] + [""]
    else:
        out += ["Chưa có kế hoạch nào trong cơ sở dữ liệu thực hiện kế hoạch này.", ""]
    deeper = [n for n, d in graph.descendants(node.id) if d > 1 and n.kind == "plan"]
    if deeper:
        out += [f"Ở các cấp dưới nữa: {len(deeper)} kế hoạch thực hiện các kế hoạch trên.", ""]

    for c in graph.coverage(node.id):
        out += [f"### Đơn vị cấp dưới được giao: {text(c.units)}", "",
                f"{len(c.done)} trên {len(c.expected)} đơn vị đã có kế hoạch thực hiện trong cơ sở dữ liệu.", ""]
        for unit in c.expected:
            if unit.code in c.done:
                plans = ", ".join(link(graph.nodes[p].number or graph.nodes[p].title, here, paths.plan(p))
                                  for p in c.done[unit.code])
                out.append(f"- ✓ {text(unit.name)}: {plans}")
        if c.missing:
            out += ["", f"Chưa có: {', '.join(text(u.name) for u in c.missing)}."]
        out.append("")

    picture = neighbourhood(graph, node, here)
    if picture:
        out += ["## Sơ đồ liên kết", "", picture, ""]

    refs = graph.parents(node.id, "reference")
    if refs:
        out += ["## Văn bản khác được nhắc đến", ""] + [doc_line(graph, graph.nodes[e.target], here, subject=False)
                                                      for e in refs] + [""]

    tasks = [t for t in meta.get("tasks") or [] if isinstance(t, dict)]
    if tasks:
        out += ["## Nhiệm vụ", "", "| Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |", "|---|---|---|---|"]
        for t in tasks:
            leads = ", ".join(link(name, here, paths.agency(agency_slug(name))) for name in t.get("lead") or [])
            out.append(f"| {text(shorten(t.get('name'), 80))} | {leads} | {text(shorten(', '.join(t.get('partners') or []), 50))} "
                       f"| {text(t.get('timeline'))} |")
        out.append("")

    out += ["## Toàn văn", "", link_citations(body, graph, node, here).strip(), ""]
    recipients = [r for r in meta.get("recipients") or [] if r]
    if recipients:
        out += ["## Nơi nhận", ""] + [f"- {text(r)}" for r in recipients] + [""]
    out += ["## Tải về", "", f"- {link('Tệp kế hoạch (Markdown, YAML)', here, paths.plan_file(node.id))}",
            f"- {link('Dữ liệu JSON', here, paths.plan_json(node.id))}", ""]
    return "\n".join(out)


def _terms(slugs, kind: str):
    table = {t.slug: t for t in (vocabulary().topics if kind == "topics" else vocabulary().beneficiaries)}
    return [table[s] for s in slugs or [] if s in table]


# -- documents known by citation ----------------------------------------------------------------

def document_page(graph: Graph, node: Node) -> str:
    here = paths.document(node.id)
    kind = "Văn bản chưa xác định được" if node.kind == "ambiguous" else "Văn bản được trích dẫn"
    out = [front(node.label, f"{node.label} {node.issuer or ''} — {node.title or ''}"),
           crumbs(here, [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", paths.DOCUMENTS), (node.label, None)]),
           "", f"# {text(node.label)}", ""]
    rows = [("Loại văn bản", text(node.doc_type)), ("Số, ký hiệu", text(node.number)),
            ("Ngày ban hành", text(date(node.date))), ("Cơ quan ban hành", text(node.issuer)),
            ("Trích yếu", text(node.title))]
    out += ["| | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows if v] + [""]
    if node.kind == "ambiguous":
        out += [f"!!! warning \"{kind}\"", f"    Trích dẫn này có thể chỉ nhiều văn bản ({text(node.reason)}). "
                "Hệ thống không tự chọn; các văn bản có thể là:", ""]
        out += ["    " + doc_line(graph, graph.nodes[c], here) for c in node.candidates] + [""]
    else:
        note = "Văn bản này chưa có trong cơ sở dữ liệu; thông tin dưới đây lấy từ các kế hoạch trích dẫn nó."
        if node.missing:
            names = {"year": "năm ban hành", "issuer": "cơ quan ban hành"}
            note += f" Các trích dẫn không ghi {' và '.join(names[m] for m in node.missing)}."
        out += [note, ""]
    parents = graph.parents(node.id)
    if parents:
        out += ["## Văn bản này thực hiện", ""] + [doc_line(graph, graph.nodes[e.target], here) for e in parents] + [""]
    out += ["## Các văn bản trích dẫn", ""]
    by_relation: dict[str, list[Node]] = defaultdict(list)
    for e in graph.children(node.id):
        by_relation[e.relation].append(graph.nodes[e.source])
    for relation in ("basis", "reference", "amends", "replaces", "guides"):
        nodes = by_date(by_relation.get(relation, []))
        if nodes:
            lines = [doc_line(graph, n, here) for n in nodes]
            out += [f"**{text(RELATIONS[relation]).capitalize()}** ({len(nodes)})", ""] + capped(
                lines, len(lines), "Xem thêm theo địa bàn.") + [""]
    out += ["## Cách trích dẫn", ""] + [f"- {text(t)}" for t in node.texts[:10]] + [""]
    return "\n".join(out)


# -- places -------------------------------------------------------------------------------------

def place_page(graph: Graph, pid: str) -> str:
    here = paths.place(pid)
    place = graph.place(pid)
    name = place.name if place else pid
    legacy = bool(place and place.unit and place.unit.legacy)
    title = f"{name} ({ERA_NOTE})" if legacy and place.unit.level == "province" else name
    if place and place.unit and place.unit.level != "province":
        parent = graph.place(place.parent)
        title = f"{name}, {parent.unit.name if parent and parent.unit.level == 'province' else parent.name}" \
            if parent else name
    under = graph.plans_under(pid)
    out = [front(title, f"Kế hoạch của {name}: {len(under)} kế hoạch."),
           crumbs(here, place_trail(graph, pid)[:-1] + [(name, None)]), "", f"# {text(title)}", ""]
    if place and place.today:
        province = gazetteer().successor(place.unit).province
        targets = link(province.name, here, paths.place(place_id(province)))
        if place.unit.level != "province":
            targets += ": " + ", ".join(link(graph.place(t).name, here, paths.place(t)) for t in place.today
                                        if graph.place(t))
        out += ["!!! info \"Đơn vị hành chính trước 1/7/2025\"", f"    Ngày nay thuộc {targets}.", ""]
    if place and place.formed_from:
        sources = [t for t in place.formed_from if t in set(graph.places())]
        names = ", ".join(link(graph.place(t).name + f" ({ERA_NOTE})", here, paths.place(t)) for t in sources)
        if names:
            out += [f"Được hình thành từ (có kế hoạch trong cơ sở dữ liệu): {names}.", ""]
    at = by_date(graph.plans_at(pid))
    if at:
        out += ["## Kế hoạch ban hành tại đây", ""] + capped([plan_line(n, here, False) for n in at], len(at),
                                                              "Dùng tìm kiếm để lọc.") + [""]
    subs = graph.subplaces(pid)
    if subs:
        out += ["## Đơn vị có kế hoạch", ""]
        for sub in subs:
            p = graph.place(sub)
            label = p.name if p else sub
            if p and p.unit and p.unit.legacy and (place is None or place.unit is None or not place.unit.legacy):
                label += f" ({ERA_NOTE})"
            out.append(f"- {link(label, here, paths.place(sub))}: {len(graph.plans_under(sub))} kế hoạch")
        out.append("")
    earlier = [n for n in under if n.area and n.area.unit and n.area.unit.legacy and place and place.unit
               and not place.unit.legacy]
    if earlier and place.unit.level == "commune":
        out += [f"## Kế hoạch ban hành {ERA_NOTE} trên địa bàn này", ""] + [plan_line(n, here) for n in by_date(earlier)] + [""]
    if not at and not subs and not earlier:
        out += ["Chưa có kế hoạch nào trong cơ sở dữ liệu.", ""]
    return "\n".join(out)


def places_index(graph: Graph) -> str:
    here = paths.PLACES
    out = [front("Kế hoạch theo địa bàn", "Kế hoạch của các tỉnh, thành phố, huyện, xã, phường."),
           crumbs(here, [("Trang chủ", paths.HOME), ("Địa bàn", None)]), "", "# Kế hoạch theo địa bàn", "",
           "Chọn tỉnh, thành phố. Kế hoạch ban hành trước 1/7/2025 được xếp theo đơn vị hành chính lúc ban hành "
           "và cả theo đơn vị ngày nay.", ""]
    out += province_list(graph, here)
    return "\n".join(out)


def province_list(graph: Graph, here: str) -> list[str]:
    current = [p for p in graph.subplaces("") if not p.startswith("truoc-2025/")]
    legacy = [p for p in graph.subplaces("") if p.startswith("truoc-2025/")]
    out = ["## 34 tỉnh, thành phố (từ 1/7/2025)", ""]
    out += [f"- {link(graph.place(p).name, here, paths.place(p))}: {len(graph.plans_under(p))} kế hoạch"
            for p in current] or ["Chưa có kế hoạch."]
    if legacy:
        out += ["", f"## Tỉnh, thành phố {ERA_NOTE}", ""]
        out += [f"- {link(graph.place(p).name, here, paths.place(p))}: {len(graph.plans_under(p))} kế hoạch"
                for p in legacy]
    return out + [""]


# -- topics, agencies, years, documents index ---------------------------------------------------

def agency_slug(name: str) -> str:
    found = agency_at(name.strip())
    if found and found[0] is not None and not found[2].strip(" ,.;"):
        return slugify(found[0].name)
    return slugify(name, max_words=5) or "khac"


def list_page(here: str, title: str, description: str, crumb: str, index: tuple[str, str] | None,
              intro: str, nodes: list[Node]) -> str:
    trail = [("Trang chủ", paths.HOME)] + ([index] if index else []) + [(crumb, None)]
    lines = [plan_line(n, here) for n in by_date(nodes)]
    return "\n".join([front(title, description), crumbs(here, trail), "", f"# {text(title)}", "", intro, ""]
                     + capped(lines, len(lines), "Dùng tìm kiếm hoặc trang địa bàn để xem thêm.") + [""])


def topic_pages(graph: Graph) -> dict[str, str]:
    by_topic: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        for t in (n.meta or {}).get("topics") or []:
            by_topic[t].append(n)
    out = {}
    terms = {t.slug: t for t in vocabulary().topics}
    for slug, nodes in by_topic.items():
        label = terms[slug].label if slug in terms else slug
        here = paths.topic(slugify(slug))
        out[here] = list_page(here, f"Chủ đề: {label}", f"Các kế hoạch về {label}.", label,
                              ("Chủ đề", paths.TOPICS), f"{len(nodes)} kế hoạch về {text(label.lower())}.", nodes)
    lines = [f"- {link(terms[s].label if s in terms else s, paths.TOPICS, paths.topic(slugify(s)))}: "
             f"{len(by_topic[s])} kế hoạch" for s in sorted(by_topic, key=lambda s: -len(by_topic[s]))]
    out[paths.TOPICS] = "\n".join([front("Kế hoạch theo chủ đề", "Các chủ đề của kế hoạch."),
                                   crumbs(paths.TOPICS, [("Trang chủ", paths.HOME), ("Chủ đề", None)]), "",
                                   "# Kế hoạch theo chủ đề", ""] + (lines or ["Chưa có chủ đề."]) + [""])
    return out


def agency_pages(graph: Graph) -> dict[str, str]:
    plans_of: dict[str, list[Node]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for n in graph.plans():
        seen = set()
        for t in (n.meta or {}).get("tasks") or []:
            for lead in (t.get("lead") or []) if isinstance(t, dict) else []:
                slug = agency_slug(lead)
                names[slug][sentence_case(lead)] += 1
                if slug not in seen:
                    seen.add(slug)
                    plans_of[slug].append(n)
    out = {}
    for slug, nodes in plans_of.items():
        name = names[slug].most_common(1)[0][0]
        here = paths.agency(slug)
        out[here] = list_page(here, name, f"Các kế hoạch giao nhiệm vụ chủ trì cho {name}.", name,
                              ("Cơ quan", paths.AGENCIES),
                              f"Các kế hoạch giao {text(name)} chủ trì thực hiện nhiệm vụ ({len(nodes)}).", nodes)
    lines = [f"- {link(names[s].most_common(1)[0][0], paths.AGENCIES, paths.agency(s))}: {len(plans_of[s])} kế hoạch"
             for s in sorted(plans_of, key=lambda s: (-len(plans_of[s]), s))]
    out[paths.AGENCIES] = "\n".join([front("Cơ quan chủ trì nhiệm vụ", "Các cơ quan được giao chủ trì nhiệm vụ."),
                                     crumbs(paths.AGENCIES, [("Trang chủ", paths.HOME), ("Cơ quan", None)]), "",
                                     "# Cơ quan chủ trì nhiệm vụ", "",
                                     "Cơ quan, đơn vị được các kế hoạch giao chủ trì thực hiện nhiệm vụ.", ""]
                                    + capped(lines, len(lines), "") + [""])
    return out


def year_pages(graph: Graph) -> dict[str, str]:
    by_year: dict[str, list[Node]] = defaultdict(list)
    for n in graph.plans():
        by_year[str(n.date)[:4] if n.date else "chua-ro"].append(n)
    out = {}
    for y, nodes in by_year.items():
        label = f"Năm {y}" if y != "chua-ro" else "Chưa rõ năm"
        here = paths.year(y)
        out[here] = list_page(here, f"Kế hoạch ban hành {label.lower()}", f"Các kế hoạch ban hành {label.lower()}.",
                              label, ("Năm ban hành", paths.YEARS), f"{len(nodes)} kế hoạch.", nodes)
    lines = [f"- {link(y, paths.YEARS, paths.year(y))}: {len(by_year[y])} kế hoạch" for y in sorted(by_year, reverse=True)]
    out[paths.YEARS] = "\n".join([front("Kế hoạch theo năm ban hành", "Các kế hoạch theo năm ban hành."),
                                  crumbs(paths.YEARS, [("Trang chủ", paths.HOME), ("Năm ban hành", None)]), "",
                                  "# Kế hoạch theo năm ban hành", ""] + (lines or ["Chưa có kế hoạch."]) + [""])
    return out


def documents_index(graph: Graph) -> str:
    here = paths.DOCUMENTS
    docs = [n for n in graph.nodes.values() if n.kind != "plan"]
    docs.sort(key=lambda n: (-len(graph.children(n.id)), n.id))
    lines = [f"{doc_line(graph, n, here)} — {len(graph.children(n.id))} văn bản trích dẫn" for n in docs]
    return "\n".join([front("Văn bản được trích dẫn", "Các văn bản được các kế hoạch trích dẫn."),
                      crumbs(here, [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", None)]), "",
                      "# Văn bản được trích dẫn", "",
                      "Quyết định, nghị quyết, luật… mà các kế hoạch căn cứ hoặc nhắc đến, xếp theo số kế hoạch trích "
                      "dẫn. Văn bản đã có trong cơ sở dữ liệu được liên kết thẳng tới trang kế hoạch.", ""]
                     + capped(lines, len(lines), "") + [""])


def home_page(graph: Graph) -> str:
    here = paths.HOME
    plans = graph.plans()
    topics = Counter(t for n in plans for t in (n.meta or {}).get("topics") or [])
    terms = {t.slug: t for t in vocabulary().topics}
    out = [front("Kế hoạch của chính quyền địa phương",
                 "Tra cứu kế hoạch của tỉnh, huyện, xã và các sở, phòng: văn bản căn cứ, văn bản thực hiện."),
           "# Kế hoạch của chính quyền địa phương", "",
           f"Trang này tập hợp **{len(plans)} kế hoạch** do tỉnh, thành phố, huyện (trước 1/7/2025), xã, phường "
           "và các sở, phòng ban hành, cùng các văn bản mà mỗi kế hoạch căn cứ hoặc thực hiện.", "",
           f"- **Người dân**: xem địa phương mình có kế hoạch gì. Bạn có thể được giúp đỡ pháp lý miễn phí: "
           f"{link('ai được trợ giúp pháp lý và hỏi ở đâu', here, paths.GUIDE)}.",
           "- **Cán bộ, công chức**: tra cứu kế hoạch cấp trên cần thực hiện, và đơn vị cấp dưới nào đã có kế "
           "hoạch thực hiện. Gõ số hiệu như *19/KH-UBND* vào ô tìm kiếm.", "",
           "## Tìm theo địa bàn", ""]
    out += province_list(graph, here)
    if topics:
        out += ["## Tìm theo chủ đề", ""] + [
            f"- {link(terms[s].label if s in terms else s, here, paths.topic(slugify(s)))}: {c} kế hoạch"
            for s, c in topics.most_common()] + [""]
    out += ["## Kế hoạch mới nhất", ""] + [plan_line(n, here) for n in by_date(plans)[:10]] + [""]
    out += [f"Xem thêm: {link('theo năm ban hành', here, paths.YEARS)} · "
            f"{link('cơ quan chủ trì', here, paths.AGENCIES)} · "
            f"{link('văn bản được trích dẫn', here, paths.DOCUMENTS)}.", ""]
    return "\n".join(out)
