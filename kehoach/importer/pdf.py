"""PDF: the words of its text layer (poppler's pdftotext), or, where that layer is useless, of OCR.

A text layer is useless when it holds no words (a scan), only a certification stamp ("SAO Y …
Thời gian ký": a few dozen words over many pages), or an old OCR layer without Vietnamese
diacritics ("KE HOACH", "Chtro.ng trinh"). Then the pages are rendered (poppler's pdftoppm, 300 dpi)
and read by Tesseract with its Vietnamese model, a page per core (1.6 s a page here), and the words kept in a cache
by the file's sha256, so that importing the same file again is instant. The number and day written
by hand in the header are read again on their own (`handwriting`).

Both give words with their boxes; `layout.page_blocks` makes the blocks."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..planfile import write_atomic
from . import tesseract
from .handwriting import reread
from .layout import Page, Word, page_blocks
from .readers import Block, ReadError

MIN_WORDS_PER_PAGE = 40  # fewer: a scan, or a stamp's text over a scan
MIN_MARKED = 0.08  # Vietnamese text: ~25% of its letters carry a mark; an OCR layer without them ~0%
OCR_DPI = 300
MAX_PAGES = 200
CACHE_VERSION = "v2"  # raise when what OCR gives changes: v2 adds the handwritten fill-ins


def cache_dir() -> Path:
    return Path(os.environ.get("KEHOACH_OCR_CACHE") or Path.home() / ".cache" / "kehoach" / "ocr")


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def text_layer(path: Path) -> list[Page]:
    """The words of the text layer with their boxes, by poppler's pdftotext. Measured against
    pdfplumber on the real files: pdfplumber leaves out the text of annotations, where offices type
    the number and the day after signing ("Số: 21 /KH-PGD&ĐT", "ngày 12 tháng 10"); pdftotext keeps it,
    and is C (0.05 s a file against 0.4–2 s)."""
    _need("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-l", str(MAX_PAGES), str(path), "-"],
                         capture_output=True, check=False, timeout=300)
    if out.returncode != 0:
        raise ReadError(f"not a readable PDF (pdftotext: {out.stderr.decode('utf-8', 'replace').strip()[-200:]})")
    pages: list[Page] = []
    for chunk in out.stdout.decode("utf-8", "replace").split("</page>"):
        head = _PAGE.search(chunk)
        if not head:
            continue
        pages.append(Page(float(head.group(1)), float(head.group(2)),
                          [Word(html.unescape(m.group(5)), float(m.group(1)), float(m.group(3)), float(m.group(2)),
                                float(m.group(4))) for m in _WORD.finditer(chunk)]))
    return pages


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        raise ReadError(f"a PDF needs {tool} (apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie)")


def useful(pages: list[Page]) -> bool:
    words = [w.text for p in pages for w in p.words]
    if len(words) < MIN_WORDS_PER_PAGE * max(1, sum(1 for p in pages if p.words)) / 2:
        return False
    letters = [c for w in words for c in w if c.isalpha()]
    marked = sum(1 for c in letters if ord(c) > 0x7F)
    return bool(letters) and marked / len(letters) >= MIN_MARKED


def _ocr_page(image: Path) -> Page:
    rows, error = tesseract.tsv_rows(image, ["-l", "vie", "--psm", "3"], timeout=300)
    if error:
        raise ReadError(f"OCR failed on {image.name}: {error}")
    page = next((r for r in rows if r.get("level") == "1"), None)
    words = [Word(r["text"].strip(), float(r["left"]), float(r["left"]) + float(r["width"]), float(r["top"]),
                  float(r["top"]) + float(r["height"]))
             for r in tesseract.words(rows) if float(r.get("conf") or -1) >= 0]
    return Page(float(page["width"]) if page else 0.0, float(page["height"]) if page else 0.0, words)


def ocr(path: Path, sha256: str) -> tuple[list[Page], list[str]]:
    """The words of every page by OCR, and the handwritten fill-ins read again (`handwriting`)."""
    cached = cache_dir() / f"{sha256}.{CACHE_VERSION}.json"
    try:
        data = json.loads(cached.read_text("utf-8"))
        return [Page(p["w"], p["h"], [Word(*w) for w in p["words"]]) for p in data["pages"]], list(data["filled"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    for tool in ("pdftoppm", "tesseract"):
        _need(tool)
    with tempfile.TemporaryDirectory() as tmp:
        # grey PGM, not PNG: compressing a 300 dpi page to PNG took longer than reading it
        render = subprocess.run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-l", str(MAX_PAGES), str(path), f"{tmp}/p"],
                                capture_output=True, text=True, check=False, timeout=600)
        images = sorted(Path(tmp).glob("p-*.pgm"))
        if render.returncode != 0 or not images:
            raise ReadError(f"not a readable PDF (pdftoppm: {render.stderr.strip()[-200:]})")
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            pages = list(pool.map(_ocr_page, images))
    first = next((n for n, p in enumerate(pages) if p.words), None)
    filled = reread(path, first + 1, pages[first], OCR_DPI) if first is not None else []
    try:  # whole or not at all: an import stopped halfway leaves no cache that reads as a short scan
        write_atomic(cached, json.dumps({"pages": [{"w": p.width, "h": p.height,
                                                    "words": [[w.text, w.x0, w.x1, w.top, w.bottom] for w in p.words]}
                                                   for p in pages], "filled": filled}, ensure_ascii=False))
    except OSError:
        pass  # no cache: the next import reads it again
    return pages, filled


def pdf_blocks(path: Path) -> tuple[list[Block], bool, list[str]]:
    """The blocks of a PDF, whether they come from OCR, and the handwritten fields OCR filled in."""
    pages = text_layer(path)
    if useful(pages):
        return page_blocks(pages), False, []
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    pages, filled = ocr(path, sha)
    return page_blocks(pages), True, filled
