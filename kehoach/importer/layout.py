"""Blocks from words placed on pages: what a PDF's text layer or an OCR engine gives (a word and its
box). Lines are rebuilt from the words' heights; a line with a wide gap is two cells (the header's
issuer on the left, motto, number and date on the right; the signature beside "Nơi nhận"), and
runs of such lines are tables, read column by column like a Word header table; other lines make
paragraphs, a new one where a line is indented, centred or follows a short line or a wide space.
Page numbers and pages without words (the blank backs of a duplex scan) leave nothing."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ..text import normalize, strip_emphasis
from .readers import Block


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    def cells(self, gap: float) -> list[tuple[float, str]]:
        """(left edge, text) of each run of words separated by more than `gap`."""
        out: list[tuple[float, list[str]]] = [(self.words[0].x0, [self.words[0].text])]
        for prev, word in zip(self.words, self.words[1:]):
            if word.x0 - prev.x1 > gap:
                out.append((word.x0, [word.text]))
            else:
                out[-1][1].append(word.text)
        return [(x, " ".join(t)) for x, t in out]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")


def lines_of(page: Page) -> list[Line]:
    """The page's words as lines, top to bottom, each left to right."""
    words = sorted((w for w in page.words if w.text.strip()), key=lambda w: (w.top + w.bottom) / 2)
    lines: list[list[Word]] = []
    for w in words:
        mid = (w.top + w.bottom) / 2
        if lines:
            last = lines[-1]
            top, bottom = min(x.top for x in last), max(x.bottom for x in last)
            if top <= mid <= bottom:
                last.append(w)
                continue
        lines.append([w])
    return [Line(sorted(ws, key=lambda w: w.x0)) for ws in lines]


def _clean(text: str) -> str:
    return strip_emphasis(normalize(text)).strip()


def page_blocks(pages: list[Page]) -> list[Block]:
    blocks: list[Block] = []
    heights = [w.bottom - w.top for p in pages for w in p.words if w.text.strip()]
    if not heights:
        return blocks
    em = statistics.median(heights)  # the body text's height: a character is about half of it wide
    for page in pages:
        lines = lines_of(page)
        if not lines:
            continue  # a blank page: the back of a duplex scan
        body = [ln for ln in lines if not (_PAGE_NUMBER.match(ln.text) and len(lines) > 1
                                          and (ln is lines[0] or ln is lines[-1]))]
        if not body:
            continue
        margin = min(ln.x0 for ln in body)
        right = max(ln.x1 for ln in body)
        width = max(right - margin, 1)
        table: list[list[str]] = []
        para: list[str] = []
        prev: Line | None = None
        prev_centred = False

        def flush_para() -> None:
            if para:
                blocks.append(Block(list(para)))
                para.clear()

        def flush_table() -> None:
            if table:
                blocks.append(Block(table=[list(r) for r in table]))
                table.clear()

        for ln in body:
            cells = ln.cells(gap=2 * em)  # a column gap; words of justified text stand < 1 em apart
            mid = page.width / 2
            if len(cells) >= 2:
                flush_para()
                left = [_clean(t) for x, t in cells if x < mid - em]
                right_ = [_clean(t) for x, t in cells if x >= mid - em]
                table.append([" ".join(left), " ".join(right_)])
                prev = ln
                continue
            text = _clean(ln.text)
            if not text:
                continue
            # a lone line inside a two-column run (the date under the motto, a signer's title)
            near = prev is not None and ln.top - prev.bottom < 1.2 * em
            if table and near and (ln.x0 > mid - em or ln.x1 < mid):
                table.append(["", text] if ln.x0 > mid - em else [text, ""])
                prev = ln
                continue
            flush_table()
            indented = ln.x0 > margin + 1.2 * em
            centred = abs((ln.x0 + ln.x1) / 2 - (margin + right) / 2) < 2 * em and ln.x0 > margin + 2 * em
            after_gap = prev is not None and ln.top - prev.bottom > 1.0 * em
            after_short = prev is not None and prev.x1 < margin + 0.8 * width
            title = centred and prev_centred and not after_gap  # a centred heading and title stay together
            if para and not title and (indented or centred or after_gap or after_short):
                flush_para()
            para.append(text)
            prev, prev_centred = ln, centred
        flush_para()
        flush_table()
    return blocks
