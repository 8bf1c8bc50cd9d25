"""The inbox: original files a contributor uploaded into inbox/ (PDF, .doc, .docx, .html, text),
imported into plans/ for a maintainer to review in a pull request.

    .venv/bin/python scripts/inbox.py [--inbox inbox] [--plans plans] [--report FILE]

Each file is imported with `kehoach import` (kehoach.importer.import_files); the plan files are
written under plans/, and the report, in Markdown for the pull request's description, says per file
what was written, skipped or refused and why, which fields to check against the original, and what
the importer noted (OCR, handwriting, drafts). The originals are then taken out of inbox/: the
repository keeps no original files (docs/dinh-dang.md); each plan records the original's name,
sha256 and format, and the report names them. A file the importer refused is taken out too, and the
report says why: it stays in the history of the commit that brought it. Exit status 0 when every
file was read, imported or not; 1 when the inbox could not be read.

.github/workflows/inbox.yml runs this on a push that adds files to inbox/, then opens the pull
request with the report as its description."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kehoach.importer import SUFFIXES, Outcome, import_files  # noqa: E402

KEEP = {"readme.md", ".gitkeep"}  # the inbox's own files
RESULT = {"written": "đã tạo", "skipped": "bỏ qua", "error": "không nhận"}


def originals(inbox: Path) -> list[Path]:
    return sorted(p for p in inbox.rglob("*") if p.is_file() and p.name.lower() not in KEEP
                  and not p.name.endswith(".url"))


def _cell(text: str) -> str:
    """Text for a Markdown table cell: no pipe, no line break, no markup from a file's name."""
    return " ".join(str(text).replace("|", "/").split()).replace("<", "‹").replace(">", "›").replace("`", "'")


def report(outcomes, root: Path) -> str:
    lines = ["## Kế hoạch từ hộp thư (inbox/)", "",
             "Mỗi tệp gốc được đọc bằng `kehoach import`. Hãy đối chiếu từng kế hoạch với bản gốc (số, ngày, "
             "cơ quan ban hành, địa bàn, căn cứ) trước khi hợp nhất. Kho không giữ tệp gốc: mỗi kế hoạch ghi "
             "tên, mã sha256 và cách đọc của tệp gốc.", "",
             "| tệp gốc | kết quả | kế hoạch | cần đối chiếu / lý do |", "|---|---|---|---|"]
    for o in outcomes:
        target = o.target.resolve() if o.target else ""
        target = target.relative_to(root) if target and target.is_relative_to(root) else target
        why = ", ".join(o.review) if o.status == "written" else o.message
        lines.append(f"| {_cell(o.source.name)} | {RESULT[o.status]} | {_cell(target)} | {_cell(why)} |")
    notes = [(o, o.imported.notes) for o in outcomes if o.status == "written" and o.imported and o.imported.notes]
    if notes:
        lines += ["", "### Ghi chú của bộ nhập", ""]
        for o, items in notes:
            lines.append(f"- **{_cell(o.source.name)}**")
            lines += [f"  - {_cell(n)}" for n in items]
    counts = {k: sum(o.status == k for o in outcomes) for k in RESULT}
    lines += ["", f"{len(outcomes)} tệp: {counts['written']} kế hoạch mới, {counts['skipped']} bỏ qua, "
                  f"{counts['error']} không nhận."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inbox", type=Path, default=ROOT / "inbox")
    ap.add_argument("--plans", type=Path, default=ROOT / "plans")
    ap.add_argument("--report", type=Path, help="write the report here (Markdown); else print it")
    args = ap.parse_args(argv)
    if not args.inbox.is_dir():
        print(f"{args.inbox}: no such directory", file=sys.stderr)
        return 1
    files = originals(args.inbox)
    unread = [p for p in files if p.suffix.lower() not in SUFFIXES]
    outcomes = import_files([p for p in files if p not in unread], args.plans)
    outcomes += [Outcome(p, "error", f"unsupported file type {p.suffix or '(none)'}: give a .pdf, .doc, .docx, "
                                     ".html, .txt or .md file") for p in unread]
    text = report(outcomes, args.plans.resolve().parent)
    for o in outcomes:  # the originals leave the inbox: their names and sha256 are in the plans and the report
        o.source.unlink(missing_ok=True)
        sidecar = o.source.with_name(o.source.name + ".url")
        sidecar.unlink(missing_ok=True)
    if args.report:
        args.report.write_text(text, "utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
