"""The plan's text as readable Markdown.

``I. MỤC ĐÍCH…`` → level 2, ``1.`` → level 3, ``1.1.``/``a)`` → level 4, ``-``/``+`` → lists,
tables → Markdown tables. Sentences split by a page break ("các" / "ngành") are joined again.
Nothing of the source text is dropped: what is not recognised is a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .readers import Block

_ROMAN = re.compile(r"^(?:(?:PHẦN|Phần)\s+)?(?P<num>[IVXLC]+)\s*[.\-–:)]\s*(?P<text>\S.*)$")
_ROMAN_VALID = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_NUMBERED = [
    (5, re.compile(r"^(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?P<text>\S.*)$")),
    (4, re.compile(r"^(?P<num>\d{1,2}\.\d{1,2})\.?\s+(?P<text>\S.*)$")),
    (3, re.compile(r"^(?P<num>\d{1,2})\s*\.\s+(?P<text>\S.*)$")),
    (4, re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<text>\S.*)$")),
]
_LIST = re.compile(r"^(?P<mark>[-–—•+*])\s+(?P<text>\S.*)$|^(?P<mark2>[•])(?P<text2>\S.*)$")
_SENTENCE_END = re.compile(r"[.:;!?…)\]”\"»/]$")
_MAX_HEADING = 220


@dataclass
class Element:
    kind: str  # heading | item | para | table | mdtable
    text: str = ""
    level: int = 0  # heading level, or list depth (0 = top)
    number: str = ""  # "I", "1", "1.1", "a" for headings
    rows: list[list[str]] | None = None


def join_broken(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break split: the previous one does not end a sentence and
    the next one starts in lower case (not an ``a)`` item), or the previous one ends in a comma."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev is not None and prev.table is None and block.table is None and prev.lines and block.lines
                and not _SENTENCE_END.search(prev.lines[-1])
                and (block.first[:1].islower() or prev.lines[-1].endswith(","))
                and not re.match(r"^[a-zđ]\)", block.first) and not _heading(block.first)
                and not _LIST.match(block.first)):
            prev.lines[-1] = prev.lines[-1] + " " + block.first
            prev.lines.extend(block.lines[1:])
            continue
        out.append(Block(list(block.lines), block.table))
    return out


def _heading(line: str) -> Element | None:
    m = _ROMAN.match(line)
    if m and _ROMAN_VALID.match(m.group("num")) and len(line) <= _MAX_HEADING:
        return Element("heading", line, 2, m.group("num"))
    for level, pattern in _NUMBERED:
        m = pattern.match(line)
        if m:
            return Element("heading", line, level, m.group("num"))
    return None


def _split_long_heading(el: Element) -> list[Element]:
    """A numbered item that is a whole paragraph: its first sentence is the heading, the rest
    a paragraph; an item whose first sentence is itself too long stays a paragraph."""
    if len(el.text) <= _MAX_HEADING:
        return [el]
    m = re.search(r"[.:;](?=\s+[A-ZĐÂĂÊÔƠƯ\-+])", el.text)
    if m and m.end() <= _MAX_HEADING:
        rest = el.text[m.end():].strip()
        return [Element("heading", el.text[: m.end()], el.level, el.number), Element("para", rest)]
    return [Element("para", el.text)]


def elements(blocks: list[Block]) -> list[Element]:
    out: list[Element] = []
    for block in join_broken(blocks):
        if block.table is not None:
            out.append(Element("table", rows=block.table))
            continue
        para: list[str] = []
        last_item_mark = None

        def flush() -> None:
            if para:
                out.append(Element("para", " ".join(para)))
                para.clear()

        for line in block.lines:
            heading = _heading(line)
            item = _LIST.match(line)
            if heading:
                flush()
                out.extend(_split_long_heading(heading))
                last_item_mark = None
            elif item:
                flush()
                mark = item.group("mark") or item.group("mark2")
                depth = 1 if mark == "+" and last_item_mark in ("-", "–", "—") else 0
                out.append(Element("item", item.group("text") or item.group("text2"), depth))
                last_item_mark = mark if depth == 0 else last_item_mark
            elif line.startswith("|") and line.endswith("|"):
                flush()  # a Markdown table row, from a .md source: rows stay together
                if out and out[-1].kind == "mdtable":
                    out[-1].text += "\n" + line
                else:
                    out.append(Element("mdtable", line))
            elif out and out[-1].kind == "item" and not para and last_item_mark:
                out[-1].text += " " + line  # an item written over several lines
            else:
                para.append(line)
        flush()
    return out


_ESCAPE_START = re.compile(r"^(#|>|=|\d+[.)](?=\s|$)|[-+*](?=\s)|\|)")


def escape_line(text: str) -> str:
    """Keep a paragraph from turning into Markdown syntax it did not mean."""
    return _ESCAPE_START.sub(lambda m: "\\" + m.group(1) if len(m.group(1)) == 1
                             else m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|") or " "

    lines = []
    for i, row in enumerate(rows):
        cells = [cell(c) for c in row] + [" "] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def to_markdown(els: list[Element]) -> str:
    parts: list[str] = []
    prev_kind = None
    for el in els:
        if el.kind == "heading":
            chunk = "#" * el.level + " " + el.text
        elif el.kind == "item":
            chunk = "    " * el.level + "- " + escape_line(el.text)
        elif el.kind == "table":
            chunk = _table(el.rows or [[""]])
        elif el.kind == "mdtable":
            chunk = el.text
        else:
            chunk = escape_line(el.text)
        sep = "\n" if prev_kind == "item" and el.kind == "item" else "\n\n"
        parts.append((sep if parts else "") + chunk)
        prev_kind = el.kind
    return "".join(parts).strip() + "\n" if parts else ""
