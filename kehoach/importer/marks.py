"""Marks on a document that are not its text: the "DỰ THẢO" box of a drafting copy, the digital
signature's stamp ("Ký bởi: …", "Thời gian ký: 2025-10-02T16:24:01+07:00"), the copy certification
("SAO Y"), the receiving office's "ĐẾN" stamp ("ĐẾN Số: … Ngày: … Chuyển: …", "Số và ký hiệu HS").
They are taken out of the blocks before the document is read, and said (a draft mark makes the plan a
draft)."""

from __future__ import annotations

import re

from ..text import fold
from .readers import Block

_MARKS = [
    ("draft", re.compile(r"^[\s|(\[]*du thao[\s|)\].]*$")),
    ("signature", re.compile(r"^(?:ky boi|thoi gian ky|ngay ky)\s*:")),
    ("copy", re.compile(r"^sao\s?y(?:\s+ban\s+chinh)?\s*$")),
    ("received", re.compile(r"^so va ky hieu hs\b")),
]
_RECEIVED = re.compile(r"^ĐẾN\b(?:\W*$|.*\b(?:Chuyển|Ngày|Số)\s*:)")  # written in capitals, as stamped


def mark_of(line: str) -> str | None:
    if _RECEIVED.match(line.strip(" |)(")):
        return "received"
    folded = fold(line).strip()
    return next((kind for kind, pattern in _MARKS if pattern.match(folded)), None)


def strip_marks(blocks: list[Block]) -> tuple[list[Block], set[str]]:
    """The blocks without mark lines (a table keeps its cells, emptied of marks), and the kinds found."""
    found: set[str] = set()
    out: list[Block] = []
    for block in blocks:
        if block.table is not None:
            rows = [["\n".join(x for x in cell.split("\n") if not _take(x, found)) for cell in row] for row in block.table]
            if any(any(c.strip() for c in r) for r in rows):
                out.append(Block(table=rows))
            continue
        lines = [x for x in block.lines if not _take(x, found)]
        if lines:
            out.append(Block(lines))
    return out, found


def _take(line: str, found: set[str]) -> bool:
    kind = mark_of(line)
    if kind:
        found.add(kind)
    return kind is not None
