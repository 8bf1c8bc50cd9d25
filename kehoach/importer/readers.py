"""Read a source document into blocks: paragraphs (lists of lines) and tables (lists of rows).

Every reader returns text normalised the same way (NFC, LF, single spaces, no bold markers),
so the parsing stages never see the differences between a .txt export, a Markdown conversion
and a Word file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..text import normalize, strip_emphasis


class ReadError(Exception):
    """The file cannot be read as a plan document (wrong encoding, corrupt .docx, …)."""


@dataclass
class Block:
    lines: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None

    @property
    def first(self) -> str:
        return self.lines[0] if self.lines else ""

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    def flat_lines(self) -> list[str]:
        """Lines of a paragraph, or of a table read column by column (a header or signature
        table puts the issuer and number on the left, the motto and date on the right)."""
        if self.table is None:
            return list(self.lines)
        width = max((len(r) for r in self.table), default=0)
        out: list[str] = []
        for col in range(width):
            for row in self.table:
                if col < len(row):
                    out.extend(line for line in row[col].split("\n") if line.strip())
        return out


SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".doc", ".pdf", ".html", ".htm")
MAX_SOURCE_BYTES = 100_000_000  # an office's file with scanned pages is a few MB; a text file far less
# a .docx is a zip: its parts are checked before any is inflated (a 4 MB file can inflate to 1.5 GB of XML)
MAX_DOCX_PART = 64_000_000  # uncompressed bytes of one part (the longest real document.xml is ~2 MB)
MAX_DOCX_TOTAL = 256_000_000  # of all parts, images included
MAX_DOCX_PARTS = 5_000


@dataclass
class Source:
    blocks: list[Block]
    format: str  # txt | md | docx | doc | pdf-text | pdf-ocr | html
    ocr: bool = False  # read by OCR: every field wants a look against the original
    notes: list[Block] = field(default_factory=list)  # footnotes, "[1] …": the text's, wherever a reader finds them
    handwritten: list[str] = field(default_factory=list)  # fields OCR read from handwriting ("number 589")


def read_source(path: Path) -> Source:
    """The blocks of a document of any format this project reads, and how they were read."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise ReadError(f"the file holds {size:,} bytes; a source document may hold at most {MAX_SOURCE_BYTES:,}")
    if suffix == ".pdf":
        from .pdf import pdf_blocks

        blocks, by_ocr, handwritten = pdf_blocks(path)
        return Source(blocks, "pdf-ocr" if by_ocr else "pdf-text", by_ocr, handwritten=handwritten)
    if suffix == ".doc":
        from .doc import doc_blocks, split_footnotes

        blocks, notes = split_footnotes(doc_blocks(path))
        return Source(blocks, "doc", notes=notes)
    if suffix == ".docx":
        return Source(_docx_blocks(path), "docx", notes=_docx_footnotes(path))
    if suffix in (".html", ".htm"):
        from .webpage import html_blocks

        return Source(html_blocks(_decode(path.read_bytes(), path)), "html")
    if suffix in (".txt", ".md", ".markdown"):
        text = _decode(path.read_bytes(), path)
        if suffix == ".txt":
            return Source(portal_blocks(text), "txt")
        if text.startswith(("---\n", "---\r\n")):
            raise ReadError("already has YAML front matter: it looks like a kehoach plan, not a source document")
        return Source(text_blocks(_markdown_to_text(text)), "md")
    raise ReadError(f"unsupported file type {suffix or '(none)'}: give a .pdf, .doc, .docx, .html, .txt or .md file")


def _docx_footnotes(path: Path) -> list[Block]:
    """The footnotes of a .docx ("[1] Theo Quyết định số 01/2025/QĐ-UBND…"): python-docx does not read them."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            if "word/footnotes.xml" not in z.namelist():
                return []
            root = etree.fromstring(z.read("word/footnotes.xml"), etree.XMLParser(resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return []
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    notes = []
    for note in root.iter(f"{w}footnote"):
        if note.get(f"{w}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in note.iter(f"{w}p")).strip()
        if text:
            notes.append(Block([strip_emphasis(normalize(f"[{len(notes) + 1}] {text}")).strip()]))
    return notes



def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ReadError(f"line {line}: not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8") from None


def _markdown_to_text(text: str) -> str:
    """Markdown conversions of Word files: drop heading marks and escapes, keep tables as rows."""
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)


def text_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks of normalised lines."""
    blocks: list[Block] = []
    current: list[str] = []
    for line in strip_emphasis(normalize(text)).split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(Block(current))
            current = []
    if current:
        blocks.append(Block(current))
    return blocks


_CELL_ROW = re.compile(r"^\|.*\|$")
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}")
_TYPES_GLUED = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "CHƯƠNG TRÌNH", "PHƯƠNG ÁN", "HƯỚNG DẪN", "ĐỀ ÁN")
_GLUED_HEADING = re.compile(rf"^({'|'.join(_TYPES_GLUED)})(?=[A-ZĐÂĂÊÔƠƯ][a-zà-ỹđ]|[A-ZĐÂĂÊÔƠƯ]{{2}})")
_GLUED_SO = re.compile(r"(?<=[a-zà-ỹđ])(số)(?=\s+\d)")  # "Quyết địnhsố 12" as a copy joins it


def portal_blocks(text: str) -> list[Block]:
    """A text file: blank-line separated blocks, as a Word export gives them; and the shapes of text
    copied from legal portals: a line per visual line and no blank lines (each line is then a block,
    and paragraphs broken by the copy are joined again by body.join_broken), `|` remnants of table
    cells (a row of two or more cells is a table row: the header's two columns; a lone cell is text),
    words the copy joined ("KẾ HOẠCHTHỰC HIỆN", "Quyết địnhsố 12")."""
    raw = [x.strip() for x in strip_emphasis(normalize(text)).split("\n")]
    if not any(_MD_RULE.match(x) for x in raw):  # a Markdown table is left to the body
        raw = [_cells(x) for x in raw]
    lines: list = []
    for x in raw:
        lines += [x] if isinstance(x, list) else _unglue(x).split("\n")
    written = [x for x in lines if x]
    one_per_line = len(written) >= 15 and len(lines) - len(written) < len(written) / 10
    blocks: list[Block] = []
    current: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if current:
            blocks.append(Block(list(current)))
            current.clear()
        if rows:
            blocks.append(Block(table=[list(r) for r in rows]))
            rows.clear()

    for line in lines:
        if isinstance(line, list):
            if current:
                flush()
            rows.append(line)
            continue
        if rows or not line or one_per_line:
            flush()
        if line:
            current.append(line)
    flush()
    return [b for b in blocks if b.lines or b.table]


def _unglue(line: str) -> str:
    line = _GLUED_HEADING.sub(r"\1\n", line) if _GLUED_HEADING.match(line) else line
    return _GLUED_SO.sub(r" \1", line)


def _cells(line: str):
    """ "| A | B |" → ["A", "B"]; "| A |" → "A"; other lines as they are."""
    if not _CELL_ROW.match(line) or len(line) < 3:
        return line
    cells = [c.strip() for c in line[1:-1].split("|")]
    filled = [c for c in cells if c]
    return filled if len(filled) >= 2 else (filled[0] if filled else "")


def check_zip(path: Path) -> None:
    """Refuse a zip whose parts would inflate past the limits, from the sizes its directory declares
    (zipfile stops reading a part at its declared size, so a part cannot inflate past it)."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise ReadError(f"not a readable .docx file ({err})") from None
    if len(parts) > MAX_DOCX_PARTS:
        raise ReadError(f"not a plausible .docx file: {len(parts):,} parts (at most {MAX_DOCX_PARTS:,})")
    for part in parts:
        if part.file_size > MAX_DOCX_PART:
            raise ReadError(f"not a plausible .docx file: its part {part.filename} inflates to {part.file_size:,} "
                            f"bytes (at most {MAX_DOCX_PART:,})")
    total = sum(part.file_size for part in parts)
    if total > MAX_DOCX_TOTAL:
        raise ReadError(f"not a plausible .docx file: it inflates to {total:,} bytes (at most {MAX_DOCX_TOTAL:,})")


def _docx_blocks(path: Path) -> list[Block]:
    check_zip(path)
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as err:
        raise ReadError(f"not a readable .docx file ({err})") from None
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.extend(text_blocks(Paragraph(child, document).text))
        elif tag == "tbl":
            rows: list[list[str]] = []
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:  # merged cells come back once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(strip_emphasis(normalize(cell.text)).strip())
                rows.append(cells)
            if any(any(c for c in r) for r in rows):
                blocks.append(Block(table=rows))
    return blocks
