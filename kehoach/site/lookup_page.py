"""The lookup page (Tra cứu): filters by province (2025 and before), level, year, type and topic, and
a box for a document number or words; the page's script (docs/assets/tra-cuu.js) answers from the
catalogue (kehoach/search/catalogue.py) as the reader types, and keeps the filters in the address so a
lookup can be shared."""

from __future__ import annotations

from collections import Counter

from ..graph import Graph, Node
from ..vocabulary import vocabulary
from . import paths
from .page import Page
from .render import render

LOOKUP = paths.LOOKUP
LEVELS = [("province", "Tỉnh, thành phố"), ("district", "Huyện, quận, thị xã (trước 1/7/2025)"),
          ("commune", "Xã, phường, thị trấn"), ("central", "Trung ương")]


def provinces_of(node: Node) -> tuple[str, str]:
    """A plan's province today and as issued, as the lookup page names them (its filter's values):
    "Tỉnh Hưng Yên", "Tỉnh Thái Bình (trước 1/7/2025)"."""
    area = node.area
    today = area.successor.province.name if area.unit.legacy and area.successor else area.province.name
    return today, f"{area.province.name} (trước 1/7/2025)" if area.unit.legacy else area.province.name


def lookup_page(graph: Graph) -> dict[str, Page]:
    plans = graph.plans()
    placed = [provinces_of(n) for n in plans if n.area and n.area.unit]
    before = sorted({i for _, i in placed if i.endswith(" (trước 1/7/2025)")})
    types = Counter(n.doc_type for n in graph.nodes.values() if n.doc_type)
    topic = vocabulary().topic_label
    html = render("lookup.html", LOOKUP, levels=LEVELS,
                  today=[(x, x) for x in sorted({t for t, _ in placed})],
                  before=[(x, x.replace(" (trước 1/7/2025)", "")) for x in before],
                  years=[(y, y) for y in sorted({str(n.date)[:4] for n in graph.nodes.values() if n.date}, reverse=True)],
                  types=[(t, t) for t, _ in types.most_common()],
                  topics=[(t, topic(t)) for t in sorted({t for n in plans for t in (n.meta or {}).get("topics") or []},
                                                         key=topic)])
    return {LOOKUP: Page("Tra cứu", html, "Tra cứu kế hoạch theo số hiệu, tỉnh, cấp, năm, loại văn bản, chủ đề.")}
