"""Where a plan tells its lower units to issue plans of their own.

    ### 6. Ủy ban nhân dân xã, thị trấn
    - Căn cứ Kế hoạch này, chỉ đạo, hướng dẫn, ban hành Kế hoạch triển khai thực hiện Đề án…

    UBND các huyện, thị xã, thành phố căn cứ Kế hoạch này xây dựng kế hoạch thực hiện…

Each instruction is recorded as `{units, level, kinds, text}`: the units as written, the level
they are at (district | commune), the kinds named ("Xã", "Thị trấn"; empty when the text says
"cấp xã"), and the sentence. The citation graph then computes which of those units have a plan
that implements this one.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"(?:[Cc]ăn cứ|[Tt]rên cơ sở)\s+(?:vào\s+)?(?:[^.;\n]{0,100}?\s)?[Kk]ế hoạch này\b[^.;\n]{0,120}?"
    r"\b(?:xây dựng|ban hành)\s+(?:và\s+ban hành\s+)?(?:[Kk]ế hoạch|văn bản|[Cc]hương trình)")
_KIND = r"quận|huyện|thị xã|thành phố|xã|phường|thị trấn|đặc khu"
_LOWER = re.compile(rf"(?:Ủy ban nhân dân|UBND)\s+(?:các\s+)?(?:(?P<tier>cấp\s+(?:huyện|xã))"
                    rf"|(?P<kinds>(?:{_KIND})(?:\s*(?:,|/|và)\s*(?:{_KIND}))*))(?!\w)", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:[\dIVX]+\\?[.)]|[a-zđ]\))\s*")
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+|\n")
_DISTRICT_KINDS = {"quận", "huyện", "thị xã", "thành phố"}


def _heading(line: str) -> str | None:
    """A heading's text without its numbering: "### 6. Ủy ban…", or "6\\. Ủy ban…" as a short paragraph."""
    m = re.match(r"#{1,6}\s+(.*)", line)
    if m:
        return _NUMBERING.sub("", m.group(1).strip())
    m = re.match(r"(?:\d+\\?\.|[a-zđ]\))\s+(.*)", line)
    return _NUMBERING.sub("", m.group(1).strip()) if m and len(m.group(1)) < 120 else None


def _units(phrase: re.Match) -> dict:
    if phrase.group("tier"):
        level = "district" if phrase.group("tier").lower().endswith("huyện") else "commune"
        return {"units": phrase.group(0), "level": level, "kinds": []}
    kinds = [k.strip().lower() for k in re.split(r"\s*(?:,|/|\bvà\b)\s*", phrase.group("kinds")) if k.strip()]
    level = "district" if any(k in _DISTRICT_KINDS for k in kinds) else "commune"
    ordered = list(dict.fromkeys(k[0].upper() + k[1:] for k in kinds))
    return {"units": phrase.group(0), "level": level, "kinds": ordered}


def find_instructions(body: str) -> list[dict]:
    """Every instruction to lower units found in a plan body (Markdown), one per units phrase."""
    found: dict[tuple[str, str], dict] = {}
    heading_units: re.Match | None = None
    for line in body.split("\n"):
        text = line.strip().lstrip("-*+ ").strip()
        head = _heading(line.strip())
        if head is not None:
            heading_units = _LOWER.match(head.strip())
            continue
        for sentence in _SENTENCE_END.split(text):
            order = _INSTRUCTION.search(sentence)
            if not order:
                continue
            phrase = next(iter(_LOWER.finditer(sentence, 0, order.start() + 1)), None) or heading_units
            if phrase is None:
                continue
            entry = _units(phrase)
            entry["text"] = " ".join(sentence.split()).rstrip(" ;,")
            found.setdefault((entry["level"], ",".join(entry["kinds"])), entry)
    return list(found.values())
