"""A web page saved from a legal portal (.html, .htm): its text as blocks. Block elements (p, div,
h1–h6, li, br) end lines; each innermost table row is a row of cells (the header's two columns);
script, style, head, nav, header, footer, form and button hold no plan text."""

from __future__ import annotations

from html.parser import HTMLParser

from ..text import normalize, strip_emphasis
from .readers import Block

_BREAKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote", "pre",
           "hr", "center", "dd", "dt"}
_SKIP = {"script", "style", "head", "nav", "header", "footer", "form", "button", "noscript", "select", "template"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.line: list[str] = []
        self.lines: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.skip = 0

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if not text:
            return
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.lines.append(text)

    def _end_block(self) -> None:
        self._end_line()
        if self.lines:
            self.blocks.append(Block(list(self.lines)))
            self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._end_block()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self._end_line()
            self.cell = []
        elif tag == "table":
            self._end_block()
        elif tag in _BREAKS:
            self._end_line() if self.cell is not None else self._end_block()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self._end_line()
            self.row.append("\n".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(c.strip() for c in self.row):
                self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            if self.rows:
                self.blocks.append(Block(table=self.rows))
                self.rows = []
        elif tag in _BREAKS:
            self._end_line() if self.cell is not None else self._end_block()

    def handle_data(self, data):
        if not self.skip:
            self.line.append(data)


def html_blocks(text: str) -> list[Block]:
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._end_block()
    if parser.rows:
        parser.blocks.append(Block(table=parser.rows))
    out = []
    for b in parser.blocks:
        if b.table is not None:
            rows = [[strip_emphasis(normalize(c)).strip() for c in r] for r in b.table]
            out.append(_lone(rows))
        else:
            lines = [strip_emphasis(normalize(x)).strip() for x in b.lines]
            out.append(Block([x for x in lines if x]))
    return [b for b in out if b.lines or b.table]


def _lone(rows: list[list[str]]) -> Block:
    """A table of one column is text laid out in a table (a portal's content frame): its lines."""
    if all(len([c for c in r if c]) <= 1 for r in rows):
        return Block([line for r in rows for c in r for line in c.split("\n") if line.strip()])
    return Block(table=rows)
