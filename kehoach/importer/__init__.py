"""Turn a plan document (.txt, .md, .docx) into a plan record: front matter + Markdown body.

    read_source → strip_marks → parse_head → (body | foot) → elements → citations, issuer, tasks, terms → record

`parse_document` does the reading and returns what it found and what it could not find;
`import_files` writes the records under a plans directory, never overwriting without `force`.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..citations import expand_abbreviations, find_citations, merge_citations, normalize_number, own_relations
from ..ids import issuer_slug, plan_id
from ..planfile import dump_plan, iter_plan_paths, write_atomic
from ..text import fold, slugify, tokens
from ..vocabulary import vocabulary
from .body import Element, elements, to_markdown
from .closing import closing_start, parse_foot
from .coverage import find_instructions
from .filename import number_from_name
from .header import doc_type_heading, parse_head
from .issuer import infer_issuer
from .marks import strip_marks
from .readers import SUFFIXES, Block, ReadError, read_source
from .tasks import extract_tasks
from .terms import beneficiaries, topics

__all__ = ["SUFFIXES", "Imported", "ReadError", "apply_corrections", "import_files", "parse_document"]


@dataclass
class Imported:
    source: Path
    meta: dict
    body: str
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def relpath(self) -> Path:
        """Where the plan lives under plans/: by area as issued, then the id."""
        area = self.meta["area"]
        if self.meta["issuer"]["level"] == "central":
            parts = ["trung-uong"]
        elif area["province"]:
            parts = [slugify(x) for x in (area["province"], area["district"], area["commune"]) if x]
        else:
            parts = ["chua-ro-dia-ban"]
        return Path(*parts, f"{self.meta['id']}.md")

    def text(self) -> str:
        return dump_plan(self.meta, self.body)


def _preamble(els: list[Element]) -> list[Element]:
    first_heading = next((i for i, e in enumerate(els) if e.kind == "heading"), None)
    return els[:first_heading] if first_heading else els[:1]


def _element_text(el: Element) -> str:
    if el.kind == "table":
        return "\n".join(" ; ".join(row) for row in el.rows or [])
    return el.text


def _symbol(doc_type: str | None, agency_code: str | None) -> str | None:
    """A symbol for a document whose 'Số:' line is missing: type code + issuer abbreviation."""
    voc = vocabulary()
    dt = voc.doc_type_by_name(doc_type) if doc_type else None
    agency = next((a for a in voc.agencies if a.code == agency_code and a.abbr), None)
    if dt and dt.symbols and agency:
        return f"{dt.symbols[0]}-{agency.abbr[0]}"
    return None


def _attached_plan(rest: list[Block]) -> int | None:
    """Where the plan a decision issues begins: the block with its type heading (KẾ HOẠCH) after the
    decision's articles ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch…")."""
    for i, block in enumerate(rest):
        if block.table is None and block.lines and doc_type_heading(block.first) not in (None, "Quyết định"):
            return i
    return None


def _decision_end(rest: list[Block], attached: int) -> int:
    """The decision's preamble ends where it decides ("QUYẾT ĐỊNH:", "Điều 1.")."""
    for i, block in enumerate(rest[:attached]):
        if block.lines and re.match(r"^(?:QUYẾT ĐỊNH\s*:|Điều\s+1\b)", block.first):
            return i
    return attached


def _not_itself(citations: list, head) -> list:
    """A document does not cite itself: "(Ban hành kèm theo Quyết định số 123/QĐ-UBND …)" in the plan a
    decision issues names the document being read."""
    if not head.number:
        return citations
    return [c for c in citations if not (c.number and c.number.casefold() == head.number.casefold()
                                         and (not c.date or not head.date or c.date[:4] == head.date[:4]))]


def _key(record: dict) -> tuple:
    return (record.get("doc_type"), record.get("number"), record.get("text"))


def _draft(marks: set[str], head, ocr: bool) -> str | None:
    """Why the document is a drafting copy, or None: a "DỰ THẢO" mark, or (in a file typed, not scanned:
    on a scan a number written by hand is unreadable, not blank) the number and the day both left blank
    for signing."""
    if "draft" in marks:
        return "marked DỰ THẢO"
    if not ocr and head.symbol and not head.number and head.date and len(head.date) < 10:
        return "number and day left blank for signing"
    return None


def parse_document(path: Path) -> Imported:
    """Read one document. Raises ReadError when it cannot be read at all."""
    raw = path.read_bytes()
    source = read_source(path)
    blocks, marks = strip_marks(source.blocks)
    head = parse_head(blocks)
    if head.doc_type is None and head.symbol is None and not head.issuer_lines:
        raise ReadError("does not look like a plan document: no type heading (KẾ HOẠCH…), no 'Số:' line, "
                        "no issuer header")
    rest = blocks[head.body_start:]
    notes: list[str] = []
    foot_at = closing_start(rest, 0)
    foot = parse_foot(rest[foot_at:])
    missing: list[str] = []

    # a decision that issues the plan attached to it ("Quyết định ban hành Kế hoạch"): one record for the
    # plan, identified by the decision; the decision's own preamble kept apart from the plan's
    attached = _attached_plan(rest) if head.doc_type == "Quyết định" else None
    decision = None
    if attached is not None:
        plan_head = parse_head(rest[attached:])
        decision_text = "\n".join(b.text for b in rest[:_decision_end(rest, attached)])
        decision = {"doc_type": head.doc_type, "number": head.number, "title": head.title,
                    "basis": [c.record() for c in _not_itself(merge_citations(find_citations(decision_text)), head)]}
        preamble_els = _preamble(elements(rest[attached + plan_head.body_start:]))
        head.doc_type, head.title = plan_head.doc_type, plan_head.title
        notes.append(f"the plan attached to {decision['doc_type']} {head.number or '(không số)'}: number, "
                     "date and issuer are the decision's; its preamble is under `decision`")
    else:
        preamble_els = _preamble(elements(head.leftover + rest[:foot_at]))
    preamble = "\n".join(e.text for e in preamble_els)
    body_text_for_context = "\n".join(b.text for b in rest)
    issuer = infer_issuer(head.issuer_lines, preamble, head.symbol, head.place, head.date,
                          (head.title or "") + "\n" + body_text_for_context + "\n" + "\n".join(foot.recipients))
    notes += issuer.notes
    if source.ocr and head.symbol and not head.number:
        found = number_from_name(path.name, head.symbol, [issuer.province, issuer.district, issuer.commune])
        if found:
            head.number = normalize_number(f"{found}/{head.symbol}")
            notes.append(f"number: {found}, from the file's name (the scan's is handwritten and was not read); "
                         "check it against the original")
    # A header line is read only if its words are in the issuer's name or parent; else it stays text.
    said = {fold(t) for t in tokens(f"{issuer.name or ''} {issuer.parent or ''}")}
    unread_header = [line for i, line in enumerate(head.issuer_lines) if i not in issuer.header_lines_used
                     or not {fold(t) for t in tokens(expand_abbreviations(line))} <= said]
    # footnotes are the text's (their citations are references), wherever the reader found them
    main = ([Block(unread_header)] if unread_header else []) + head.leftover + rest[:foot_at] + source.notes
    # what follows the signature (appendix tables, forms, an outline for reports, a page the uploader
    # added) stays in the text as it is, but is never the plan's sections, citations or tasks; with a
    # decision issuing a plan, the plan follows the decision's signature and is the text
    tail = foot.leftover
    if attached is not None:
        main, tail = main + tail, []
    els = elements(main)
    text = to_markdown(els)
    body = to_markdown(els + elements(tail)) if tail else text

    in_preamble = find_citations(preamble)
    does = own_relations(preamble, in_preamble)  # "… thay thế Kế hoạch số …" in the preamble: not a basis
    basis = [c for c in _not_itself(merge_citations(in_preamble), head) if c.dedup_key() not in does]
    basis_keys = {c.dedup_key() for c in basis}
    decided = {_key(c) for c in (decision or {}).get("basis", [])}  # the decision's preamble, in the text too
    written = (head.title or "") + "\n" + "\n".join(_element_text(e) for e in els)
    found = find_citations(written)
    does = {**own_relations(written, found), **does}  # what the plan replaces, amends or repeals
    cited = merge_citations(found + [c for c in in_preamble if c.dedup_key() in does])
    references = [c for c in _not_itself(cited, head) if c.dedup_key() not in basis_keys
                  and _key(c.record()) not in decided]

    doc_type = head.doc_type
    if doc_type is None and head.symbol:
        by_symbol = vocabulary().doc_type_by_symbol(head.symbol)
        if by_symbol:
            doc_type = by_symbol.name
            notes.append(f"doc_type: no type heading; {doc_type}, read from the symbol {head.symbol}")
    symbol = head.symbol
    if symbol is None:
        symbol = _symbol(doc_type, issuer.agency_code)
        if symbol:
            notes.append(f"symbol: no 'Số:' line; {symbol} made from the type and the issuer")

    unit = issuer.unit
    slug = issuer_slug(issuer.agency_code, unit.kind.lower() if unit else None, unit.short if unit else None,
                       issuer.level, issuer.province, issuer.district)
    meta = {
        "id": plan_id(doc_type, head.number, head.date, slug, head.title),
        "doc_type": doc_type,
        "number": head.number,
        "symbol": symbol,
        "title": head.title,
        "date": head.date,
        "place": head.place,
        "issuer": issuer.record(),
        "area": issuer.area(),
        "signer": foot.signer.record(),
        "basis": [c.record() for c in basis],
        "references": [c.record() | ({"relation": does[c.dedup_key()]} if c.dedup_key() in does else {})
                       for c in references],
        "recipients": foot.recipients,
        "topics": topics(head.title or "", text),
        "beneficiaries": beneficiaries(head.title or "", text),
        "tasks": extract_tasks(els),
        "coverage": find_instructions(text),
        **({"decision": decision} if decision else {}),
        "source": {"file": path.name, "sha256": hashlib.sha256(raw).hexdigest(), "format": source.format},
    }
    draft = _draft(marks, head, source.ocr)
    if draft:
        meta["draft"] = True
        notes.append(f"draft: {draft}; the site shows it as a draft (set draft: false if this is the issued text)")
    if source.ocr:
        notes.append("read by OCR from a scan: check number, date, issuer, title and signer against the original "
                     "(a number or day written by hand is read only where clear)")
    for field_read in source.handwritten:
        notes.append(f"{field_read}: read from handwriting on the scan; check it against the original")
    checks = [("doc_type", doc_type), ("number", head.number), ("symbol", symbol), ("title", head.title),
              ("date", head.date), ("place", head.place), ("issuer", issuer.name),
              ("area.province", issuer.province or (issuer.level == "central")),
              ("signer", foot.signer.name), ("recipients", foot.recipients)]
    missing = [name for name, value in checks if not value]
    if head.symbol and not head.number:
        notes.append("number: left blank in the document ('Số: /…')")
    if head.date and len(head.date) < 10:
        notes.append(f"date: day or month left blank in the document ({head.date})")
    return Imported(path, meta, body, missing, notes)


def apply_corrections(meta: dict, corrections: list[dict]) -> dict:
    """A copy of `meta` with reviewed hand corrections applied: each ``{path: [key, index, …], value}``."""
    meta = copy.deepcopy(meta)
    for fix in corrections:
        target = meta
        for step in fix["path"][:-1]:
            target = target[step]
        target[fix["path"][-1]] = fix["value"]
    return meta


@dataclass
class Outcome:
    source: Path
    status: str  # written | skipped | error
    message: str
    target: Path | None = None
    imported: Imported | None = None

    @property
    def review(self) -> list[str]:
        """What a maintainer should check against the original: fields not found, and the whole record
        when it was read by OCR or is a draft."""
        if self.imported is None:
            return []
        meta = self.imported.meta
        out = list(self.imported.missing)
        if (meta.get("source") or {}).get("format") == "pdf-ocr":
            out.append("all fields (OCR)")
        if meta.get("draft"):
            out.append("draft")
        return out


def _existing_sources(out: Path) -> dict[str, Path]:
    """sha256 of each source already imported under `out` → its plan file."""
    found = {}
    for plan in iter_plan_paths(out) if out.exists() else []:
        m = re.search(r"(?m)^\s+sha256:\s*['\"]?([0-9a-f]{64})", plan.read_text("utf-8", errors="replace"))
        if m:
            found[m.group(1)] = plan
    return found


def source_url(path: Path, url: str | None = None) -> str | None:
    """Where the original is published: given (--url), or in a sidecar file beside it (``plan.pdf.url``,
    one line)."""
    if url:
        return url
    sidecar = path.with_name(path.name + ".url")
    try:
        line = sidecar.read_text("utf-8").strip().splitlines()[0].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    return line if re.fullmatch(r"https?://\S+", line) else None


def _read(path: Path) -> Imported | str:
    """One file read in a worker: its record, or why it was refused (a string crosses processes)."""
    try:
        return parse_document(path)
    except ReadError as err:
        return str(err)
    except OSError as err:
        return f"cannot read: {err.strerror}"
    except Exception as err:  # noqa: BLE001 -- one odd file must not stop an import of hundreds
        return f"could not be read ({type(err).__name__}: {err}); please report this with the file"


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def import_files(paths: list[Path], out: Path, force: bool = False, url: str | None = None,
                 progress: Callable[[int, int, Path], None] | None = None) -> list[Outcome]:
    """Import `paths` into the plans directory `out`, in order. Files are read in parallel (a scanned PDF
    takes a minute of OCR); a file whose sha256 an earlier import recorded is not read again unless
    `force`. Each plan is written as soon as its file and every file before it are read: an import
    stopped halfway keeps what it read, and which of two files wins a plan's path does not depend on
    which was read first. `progress(done, total, path)` is called as each file is read, once what it let be written is."""
    known = _existing_sources(out)
    sums = {p: _sha256(p) for p in paths}
    todo = [p for p in paths if force or sums[p] is None or sums[p] not in known]
    wanted = set(todo)
    results: dict[Path, Imported | str] = {}
    outcomes: list[Outcome] = []

    def decide() -> None:  # every file not yet decided whose turn has come
        while len(outcomes) < len(paths) and (paths[len(outcomes)] not in wanted or paths[len(outcomes)] in results):
            path = paths[len(outcomes)]
            outcomes.append(_outcome(path, results.get(path), known, sums[path], out, force, url))

    decide()
    workers = min(os.cpu_count() or 1, 8, len(todo))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            futures = {pool.submit(_read, p): p for p in todo}
            for n, future in enumerate(as_completed(futures), 1):
                results[futures[future]] = future.result()
                decide()
                if progress:
                    progress(n, len(todo), futures[future])
    else:
        for n, p in enumerate(todo, 1):
            results[p] = _read(p)
            decide()
            if progress:
                progress(n, len(todo), p)
    return outcomes


def _outcome(path: Path, imported: Imported | str | None, known: dict[str, Path], sha256: str | None, out: Path,
             force: bool, url: str | None) -> Outcome:
    """What becomes of one file, its plan written if it is to be: `imported` is what was read of it, or
    None when it was not read (imported before); `known`: the plans written so far, by their source's
    sha256."""
    if imported is None:
        return Outcome(path, "skipped", f"already imported as {known[sha256]} (--force to import again)", known[sha256])
    if isinstance(imported, str):
        return Outcome(path, "error", imported)
    link = source_url(path, url)
    if link:
        imported.meta["source"]["url"] = link
    target = out / imported.relpath
    previous = known.get(imported.meta["source"]["sha256"])
    if previous and not force:  # the same file twice in one run
        return Outcome(path, "skipped", f"already imported as {previous} (--force to import again)", previous, imported)
    if target.exists() and not force:
        return Outcome(path, "skipped", f"{target} exists (--force to overwrite)", target, imported)
    write_atomic(target, imported.text())
    known[imported.meta["source"]["sha256"]] = target
    return Outcome(path, "written", f"wrote {target}", target, imported)
