"""The page of a document known only by citation (external), or of a citation that may mean several
documents (ambiguous): what is known, what it implements, who cites it and how."""

from __future__ import annotations

from collections import defaultdict

from ..graph import Graph, Node
from . import paths
from .html import RELATIONS, card, date, esc, h, note, p, ul
from .lines import by_date, doc_line
from .page import Page, paginated


def document_page(graph: Graph, node: Node) -> dict[str, Page]:
    here = paths.document(node.id)
    trail = [("Trang chủ", paths.HOME), ("Văn bản được trích dẫn", paths.DOCUMENTS), (node.label, None)]
    out = [card([("Loại văn bản", esc(node.doc_type)), ("Số, ký hiệu", esc(node.number)),
                 ("Ngày ban hành", esc(date(node.date))), ("Cơ quan ban hành", esc(node.issuer)),
                 ("Trích yếu", esc(node.title))])]
    if node.kind == "ambiguous":
        out.append(note("warning", "Văn bản chưa xác định được",
                        p(f"Trích dẫn này có thể chỉ nhiều văn bản ({esc(node.reason)}). Hệ thống không tự chọn; "
                          "các văn bản có thể là:") + ul([doc_line(graph.nodes[c], here) for c in node.candidates])))
    else:
        text = "Văn bản này chưa có trong cơ sở dữ liệu; thông tin dưới đây lấy từ các kế hoạch trích dẫn nó."
        if node.missing:
            names = {"year": "năm ban hành", "issuer": "cơ quan ban hành"}
            text += f" Các trích dẫn không ghi {' và '.join(names[m] for m in node.missing)}."
        out.append(p(text))
    parents = graph.parents(node.id)
    if parents:
        out += [h(2, "Văn bản này thực hiện"), ul([doc_line(graph.nodes[e.target], here) for e in parents])]
    out += [h(2, "Cách trích dẫn"), ul([esc(t) for t in node.texts[:10]])]
    by_relation: dict[str, list[Node]] = defaultdict(list)
    for e in graph.children(node.id):
        by_relation[e.relation].append(graph.nodes[e.source])
    counts = ", ".join(f"{RELATIONS[r]}: {len(by_relation[r])}" for r in RELATIONS if by_relation.get(r))
    out += [h(2, "Các văn bản trích dẫn"), p(f"Theo quan hệ — {esc(counts)}." if counts else "Chưa có.")]
    entries = [(r, n) for r in RELATIONS for n in by_date(by_relation.get(r, []))]  # grouped, newest first
    return paginated(here, node.label, f"{node.label} {node.issuer or ''} — {node.title or ''}", trail,
                     "".join(out), entries, lambda e, at: f"<em>{esc(RELATIONS[e[0]])}</em>: {doc_line(e[1], at)}")
