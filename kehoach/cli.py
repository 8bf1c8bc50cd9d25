"""The `kehoach` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _import(args: argparse.Namespace) -> int:
    from .importer import SUFFIXES, import_files

    paths: list[Path] = []
    for p in args.files:
        if p.is_dir():
            paths += sorted(x for x in p.rglob("*") if x.suffix.lower() in SUFFIXES and x.is_file())
        else:
            paths.append(p)
    failed = 0
    for outcome in import_files(paths, args.out, force=args.force):
        print(f"{outcome.source}: {outcome.message}")
        if outcome.imported and outcome.status != "error":
            if outcome.imported.missing:
                print(f"  not found: {', '.join(outcome.imported.missing)}")
            for note in outcome.imported.notes:
                print(f"  note: {note}")
        failed += outcome.status == "error"
    return 1 if failed else 0


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate

    if not args.path.exists():
        print(f"{args.path}: no such file or directory", file=sys.stderr)
        return 2
    problems = validate(args.path)
    for p in problems:
        print(p)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kehoach", description="Knowledge base of Vietnamese government plans (kế hoạch).")
    ap.add_argument("--version", action="version", version=f"kehoach {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="turn plan documents (.txt, .md, .docx) into plan files",
                         description="Read each FILE (or every .txt/.md/.docx under a directory) and write one "
                                     "plan file under --out, at <province>/<district>/<commune>/<id>.md. Reports, "
                                     "per file, what it wrote, the fields it could not find, and what it inferred.")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--out", type=Path, default=Path("plans"), help="plans directory (default: plans)")
    imp.add_argument("--force", action="store_true", help="overwrite existing plans / import a file again")
    imp.set_defaults(run=_import)

    val = sub.add_parser("validate", help="check plans against the schema and the rules",
                         description="Check every plan under PATH; print 'file:line: severity: message' for each "
                                     "problem. Exit status 1 if any error.")
    val.add_argument("path", nargs="?", type=Path, default=Path("plans"), metavar="PATH")
    val.set_defaults(run=_validate)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
