"""The lookup page (Tra cứu): filters by province (2025 and before), level, year, type and topic, and
a box for a document number or words; the page's script (docs/assets/tra-cuu.js) answers from the
catalogue (kehoach/search/catalogue.py) as the reader types, and keeps the filters in the address so a
lookup can be shared."""

from __future__ import annotations

from collections import Counter

from ..graph import Graph, Node
from ..vocabulary import vocabulary
from . import paths
from .html import a, crumbs, esc, p
from .page import Page

LOOKUP = "tra-cuu/index.md"
LEVELS = [("province", "Tỉnh, thành phố"), ("district", "Huyện, quận, thị xã (trước 1/7/2025)"),
          ("commune", "Xã, phường, thị trấn"), ("central", "Trung ương")]


def provinces_of(node: Node) -> tuple[str, str]:
    """A plan's province today and as issued, as the lookup page names them (its filter's values):
    "Tỉnh Hưng Yên", "Tỉnh Thái Bình (trước 1/7/2025)"."""
    area = node.area
    today = area.successor.province.name if area.unit.legacy and area.successor else area.province.name
    return today, f"{area.province.name} (trước 1/7/2025)" if area.unit.legacy else area.province.name


def _select(name: str, label: str, options: list[tuple[str, str]], groups: dict[str, list[tuple[str, str]]] = None) -> str:
    inner = '<option value="">Tất cả</option>' + "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
    for group, items in (groups or {}).items():
        if items:
            inner += f'<optgroup label="{esc(group)}">' + "".join(
                f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in items) + "</optgroup>"
    return f'<label>{esc(label)}<select name="{name}">{inner}</select></label>'


def lookup_page(graph: Graph) -> dict[str, Page]:
    here = LOOKUP
    plans = graph.plans()
    placed = [provinces_of(n) for n in plans if n.area and n.area.unit]
    today = sorted({t for t, _ in placed})
    before = sorted({i for _, i in placed if i.endswith(" (trước 1/7/2025)")})
    years = sorted({str(n.date)[:4] for n in graph.nodes.values() if n.date}, reverse=True)
    types = Counter(n.doc_type for n in graph.nodes.values() if n.doc_type)
    topic = vocabulary().topic_label
    topics = sorted({t for n in plans for t in (n.meta or {}).get("topics") or []}, key=topic)
    form = ('<form class="kh-lookup" data-kh-lookup role="search">'
            '<label class="kh-lookup-q">Số hiệu hoặc từ cần tìm<input type="text" name="q" autocomplete="off" '
            'spellcheck="false" placeholder="19/KH-UBND, trợ giúp pháp lý, Hưng Hà…"></label>'
            + _select("tinh", "Tỉnh, thành phố", [], {"Từ 1/7/2025": [(x, x) for x in today],
                                                      "Trước 1/7/2025": [(x, x.replace(" (trước 1/7/2025)", ""))
                                                                          for x in before]})
            + _select("cap", "Cấp ban hành", LEVELS)
            + _select("nam", "Năm", [(y, y) for y in years])
            + _select("loai", "Loại văn bản", [(t, t) for t, _ in types.most_common()])
            + _select("chu-de", "Chủ đề", [(t, topic(t)) for t in topics])
            + "</form>")
    parts = [crumbs(here, [("Trang chủ", paths.HOME), ("Tra cứu", None)]), "<h1>Tra cứu kế hoạch và văn bản</h1>",
             p("Gõ số hiệu (như <em>19/KH-UBND</em>) để thấy mọi văn bản mang số ấy, kèm cơ quan và ngày ban hành; "
               "hoặc gõ từ cần tìm, có dấu hay không dấu. Chọn thêm tỉnh, cấp, năm, loại văn bản, chủ đề. Địa chỉ "
               "trang giữ các lựa chọn: gửi địa chỉ ấy là gửi kết quả tra cứu."),
             form,
             '<p class="kh-lookup-meta" data-kh-lookup-meta aria-live="polite">Đang tải danh mục…</p>',
             '<ol class="kh-lookup-results" data-kh-lookup-results></ol>',
             '<noscript><p>Trang tra cứu cần JavaScript. Bạn vẫn có thể xem kế hoạch theo '
             + a("địa bàn", here, paths.PLACES) + ", " + a("chủ đề", here, paths.TOPICS) + " hoặc "
             + a("năm ban hành", here, paths.YEARS) + ".</p></noscript>"]
    # no script in the page: the site's script (timkiem-ui.js) loads tra-cuu.js where it finds the form
    return {here: Page("Tra cứu", "".join(parts), "Tra cứu kế hoạch theo số hiệu, tỉnh, cấp, năm, loại văn bản, chủ đề.")}
