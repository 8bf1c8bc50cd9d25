"""Word 97–2003 (.doc) through antiword (Debian `antiword`), which keeps what a plan's layout needs:
each paragraph on a line of its own (`-w 0`), the header and signature tables as `|cell|cell|` rows,
footnotes at the end as "[1] …". LibreOffice converts with more fidelity but takes seconds and a
gigabyte of packages; catdoc flattens tables, so the header's columns run together."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .readers import Block, ReadError, text_blocks


def doc_blocks(path: Path) -> list[Block]:
    if shutil.which("antiword") is None:
        raise ReadError("a .doc file needs antiword (apt-get install antiword), or save it as .docx")
    out = subprocess.run(["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True, check=False,
                         timeout=120)
    if out.returncode != 0:
        raise ReadError(f"not a readable .doc file ({out.stderr.decode('utf-8', 'replace').strip()[-200:]})")
    return antiword_blocks(out.stdout.decode("utf-8", "replace"))


def antiword_blocks(text: str) -> list[Block]:
    """A table for each run of `|…|` rows; every other line a paragraph of its own (antiword writes a
    paragraph on one line; lines that follow one another without a blank line are kept as one block
    only in a title, where parse_head reads them)."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    lines: list[str] = []

    def flush() -> None:
        if rows:
            blocks.append(Block(table=[list(r) for r in rows]))
            rows.clear()
        if lines:
            blocks.extend(text_blocks("\n".join(lines)))
            lines.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if len(line) > 1 and line.startswith("|") and line.endswith("|"):
            if lines:
                flush()
            rows.append([c.strip() for c in line[1:-1].split("|")])
            continue
        if rows:
            flush()
        if not line:
            flush()
            continue
        lines.append(line)
        lines.append("")  # a paragraph a line
    flush()
    return _title_together(blocks)


def _title_together(blocks: list[Block]) -> list[Block]:
    """The type heading's block takes the title lines that follow it (antiword ends a title's manual
    line breaks as paragraphs): "KẾ HOẠCH" / "Phát động …" / "trên địa bàn … năm 2026"."""
    from .header import doc_type_heading

    for i, b in enumerate(blocks[:30]):
        if b.table is None and b.lines and doc_type_heading(b.first):
            j = i + 1
            while j < len(blocks) and blocks[j].table is None and blocks[j].lines and j - i <= 3 \
                    and not blocks[j].first.startswith(("Căn cứ", "Thực hiện", "Thi hành", "Để ", "Nhằm")):
                b.lines += blocks[j].lines
                j += 1
            return blocks[:i + 1] + blocks[j:]
    return blocks


_NOTE = re.compile(r"^\[\d{1,3}\]\s")


def split_footnotes(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """antiword writes the footnotes last, under a rule of dashes: "[1] Theo Quyết định …"."""
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        if b.table is None and b.lines and re.fullmatch(r"-{10,}", b.first) and i + 1 < len(blocks) and all(
                x.table is None and x.lines and _NOTE.match(x.first) for x in blocks[i + 1:]):
            return blocks[:i], blocks[i + 1:]
    return blocks, []
