"""Tasks: what is to be done, who leads, who takes part, by when.

Read from the lines plans put under each item ("Cơ quan chủ trì: …", "Đơn vị phối hợp: …",
"Thời gian thực hiện: …") and from task tables (columns Nội dung / Chủ trì / Phối hợp / Thời gian).
"""

from __future__ import annotations

import re
from collections import Counter

from ..text import fold
from .body import Element

_FIELD = re.compile(r"^(?:(?:Cơ quan|Đơn vị)\s+(?P<role>chủ trì|thực hiện|phối hợp)|(?P<time>Thời gian)"
                    r"(?:\s+(?:thực hiện|hoàn thành))?)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_NAME_LIMIT = 1000  # a task whole (its page folds a long one); the limit guards against a section read as one task


def _agencies(value: str) -> list[str]:
    return [p.strip(" .;,") for p in value.split(";") if p.strip(" .;,")]


def _short(text: str) -> str:
    if len(text) <= _NAME_LIMIT:
        return text
    cut = text.rfind(" ", 0, _NAME_LIMIT)
    return text[: cut if cut > 0 else _NAME_LIMIT].rstrip(" ,;:") + "…"


def _heading_text(el: Element) -> str:
    return re.sub(r"^(?:(?:PHẦN|Phần)\s+)?[\w.]{1,8}\s*[.)\-–:]\s*", "", el.text, count=1).strip()


def _table_tasks(rows: list[list[str]]) -> list[dict]:
    header = [fold(c) for c in rows[0]]

    def col(*words: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)

    name, lead, partners, time = col("noi dung", "nhiem vu", "cong viec"), col("chu tri", "thuc hien"), \
        col("phoi hop"), col("thoi gian", "thoi han")
    if name is None or lead is None:
        return []
    tasks = []
    for row in rows[1:]:
        def get(i: int | None) -> str:
            return row[i].strip() if i is not None and i < len(row) else ""
        if get(name):
            tasks.append({"name": _short(" ".join(get(name).split())), "lead": _agencies(get(lead).replace("\n", ";")),
                          "partners": _agencies(get(partners).replace("\n", ";")), "timeline": get(time) or None})
    return tasks


# A level-3 heading that names an agency: "1. Sở Lao động - Thương binh và Xã hội", "2. Công an phường".
_AGENCY_HEADING = re.compile(
    r"^(?:Đề nghị\s+)?(?P<agency>(?:Sở|Phòng|Công an|Ủy ban|UBND|Ban|Văn phòng|Trung tâm|Đài|Thành Đoàn|Tỉnh Đoàn|"
    r"Huyện Đoàn|Đoàn|Hội|Các|Cơ quan|Tòa án|Viện|Bộ|Chi cục|Cục|Bảo hiểm|Liên đoàn|Mặt trận|Trường|Bệnh viện|"
    r"Báo|Cổng|Chủ tịch|Thủ trưởng)\b.{0,140})$")
_ASSIGNMENT_SECTION = ("to chuc thuc hien", "trach nhiem", "phan cong", "noi dung thuc hien")


def extract_tasks(els: list[Element]) -> list[dict]:
    """Tasks from field lines, task tables, and sections that assign duties agency by agency."""
    tasks: list[dict] = []
    heading: Element | None = None
    since: list[Element] = []  # items and paragraphs since the heading or the last task
    current: dict | None = None
    for el in els:
        if el.kind == "table" and el.rows and len(el.rows) > 1:
            tasks.extend(_table_tasks(el.rows))
            continue
        m = _FIELD.match(el.text) if el.kind in ("item", "para") else None
        if m:
            if current is None:
                current = {"name": "", "lead": [], "partners": [], "timeline": None,
                           "_heading": heading, "_first": since[0] if since else None}
                tasks.append(current)
            value = m.group("value").strip()
            role = (m.group("role") or "").lower()
            if m.group("time"):
                current["timeline"] = value.rstrip(" .;") or None
            elif role == "phối hợp":
                current["partners"] += _agencies(value)
            else:
                current["lead"] += _agencies(value)
            continue
        if el.kind == "heading":
            heading, since = el, []
        elif el.kind in ("item", "para"):
            if current is not None:  # the first text after a task's lines starts the next one
                since = []
            since.append(el)
        current = None
    per_heading = Counter(id(t.get("_heading")) for t in tasks if t.get("_heading") is not None)
    for t in tasks:
        if "_heading" not in t:
            continue
        h, first = t.pop("_heading"), t.pop("_first")
        if h is not None and (per_heading[id(h)] == 1 or first is None):
            t["name"] = _heading_text(h)
        elif first is not None:
            t["name"] = _short(first.text)
    tasks = [t for t in tasks if t["lead"] or t["partners"] or t["timeline"]]
    return tasks + _assignment_tasks(els)


def _assignment_tasks(els: list[Element]) -> list[dict]:
    """Sections like "III. TỔ CHỨC THỰC HIỆN / 1. Sở Tư pháp / - Chủ trì …": each duty is a task
    the heading's agency leads. Sections that already carry "Cơ quan chủ trì" lines are skipped."""
    tasks: list[dict] = []
    in_section = False
    agency: str | None = None
    block: list[dict] = []
    has_fields = False

    def flush() -> None:
        nonlocal block, has_fields
        if not has_fields:
            tasks.extend(block)
        block, has_fields = [], False

    for el in els:
        if el.kind == "heading" and el.level == 2:
            flush()
            in_section = any(w in fold(el.text) for w in _ASSIGNMENT_SECTION)
            agency = None
        elif el.kind == "heading" and el.level == 3:
            flush()
            m = _AGENCY_HEADING.match(_heading_text(el)) if in_section else None
            agency = m.group("agency").rstrip(" .:;") if m else None
        elif el.kind == "heading":
            continue
        elif el.kind == "para" and (el.text.startswith("Trên đây") or re.match(r"\d{1,2}\.\s", el.text)):
            agency = None  # the closing formula, or a numbered item too long to be a heading
        elif agency and el.kind in ("item", "para"):
            if _FIELD.match(el.text):
                has_fields = True
            elif el.text:
                block.append({"name": _short(el.text), "lead": [agency], "partners": [], "timeline": None})
    flush()
    return tasks
