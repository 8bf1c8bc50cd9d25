"""The `kehoach` command."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__


def _import(args: argparse.Namespace) -> int:
    from .importer import SUFFIXES, import_files

    paths: list[Path] = []
    for p in args.files:
        if p.is_dir():
            # a folder's README is about the folder, not a plan
            paths += sorted(x for x in p.rglob("*") if x.suffix.lower() in SUFFIXES and x.is_file()
                            and not x.name.lower().startswith("readme."))
        else:
            paths.append(p)
    live = sys.stderr.isatty()

    def progress(done: int, total: int, path: Path) -> None:
        if live:
            width = 30
            bar = "#" * (width * done // total) + "-" * (width - width * done // total)
            print(f"\r[{bar}] {done}/{total} {path.name[:40]:<40}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    outcomes = import_files(paths, args.out, force=args.force, url=args.url, progress=progress)
    for outcome in outcomes:
        print(f"{outcome.source}: {outcome.message}")
        if outcome.imported and outcome.status != "error":
            if outcome.imported.missing:
                print(f"  not found: {', '.join(outcome.imported.missing)}")
            for note in outcome.imported.notes:
                print(f"  note: {note}")
    # the summary a maintainer reviews from: one row per file
    names = {"written": "written", "skipped": "skipped", "error": "refused"}
    width = max((len(o.source.name) for o in outcomes), default=4)
    print(f"\n{'file':<{width}}  result   review / reason")
    for o in outcomes:
        why = ", ".join(o.review) if o.status == "written" else o.message
        print(f"{o.source.name:<{width}}  {names[o.status]:<7}  {why}")
    counts = {k: sum(o.status == k for o in outcomes) for k in names}
    print(f"{len(outcomes)} file(s): {counts['written']} written, {counts['skipped']} skipped, "
          f"{counts['error']} refused")
    return 1 if counts["error"] else 0


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate

    if not args.path.exists():
        print(f"{args.path}: no such file or directory", file=sys.stderr)
        return 2
    problems = validate(args.path)
    if args.only:  # every plan is read (ids must be unique across them all); these files' problems are told
        wanted = {Path(f).resolve() for f in args.only}
        problems = [p for p in problems if Path(p.path).resolve() in wanted]
    for p in problems:
        print(p.github() if args.format == "github" else p)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _load_graph(root: Path):
    """The graph of `root`, or None after printing why it cannot be built."""
    from .graph import load_graph

    if not root.exists():
        print(f"{root}: no such file or directory", file=sys.stderr)
        return None
    graph, errors = load_graph(root)
    for err in errors:
        print(err, file=sys.stderr)
    if errors:
        print(f"{len(errors)} plan(s) cannot be read; fix them first (kehoach validate {root})", file=sys.stderr)
        return None
    return graph


def _graph(args: argparse.Namespace) -> int:
    from .graph.report import summary

    graph = _load_graph(args.path)
    if graph is None:
        return 1
    if args.json:
        # dumps, not dump: one call to the C encoder instead of a write per token
        sys.stdout.write(json.dumps(graph.to_json(), ensure_ascii=False, indent=1 if args.indent else None) + "\n")
    else:
        print(summary(graph))
    return 0


def _show(args: argparse.Namespace) -> int:
    from .graph.report import show

    graph = _load_graph(args.plans)
    if graph is None:
        return 1
    node = graph.find(args.target)
    if node is None:
        print(f"{args.target}: no document with this id or file in {args.plans}", file=sys.stderr)
        return 2
    print(show(graph, node))
    return 0


def _synth(args: argparse.Namespace) -> int:
    from .synth import write_corpus

    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out}: not empty; generated plans go to a directory of their own, never to plans/",
              file=sys.stderr)
        return 2
    n = write_corpus(args.plans, args.out, args.seed)
    print(f"{n} generated plans written under {args.out} (seed {args.seed})")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kehoach", description="Knowledge base of Vietnamese government plans (kế hoạch).")
    ap.add_argument("--version", action="version", version=f"kehoach {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="turn plan documents (.pdf, .doc, .docx, .txt, .md) into plan files",
                         description="Read each FILE (or every .pdf/.doc/.docx/.txt/.md under a directory) and write "
                                     "one plan file under --out, at <province>/<district>/<commune>/<id>.md (a folder's README is "
                                     "left out). Files are read in parallel; each plan is written as soon as its "
                                     "file and those before it are read, so an import stopped halfway keeps them; "
                                     "a file imported before (same sha256) is not read again. A scanned "
                                     "PDF is read by OCR (Tesseract, Vietnamese; cached by the file's sha256 in "
                                     "$KEHOACH_OCR_CACHE or ~/.cache/kehoach/ocr). Reports, per file, what it wrote, "
                                     "the fields it could not find, and what it inferred.")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--out", type=Path, default=Path("plans"), help="plans directory (default: plans)")
    imp.add_argument("--force", action="store_true", help="overwrite existing plans / import a file again")
    imp.add_argument("--url", help="where the original is published (recorded as source.url); for one file, or "
                                   "put the address in a sidecar file FILE.url beside each original")
    imp.set_defaults(run=_import)

    val = sub.add_parser("validate", help="check plans against the schema and the rules",
                         description="Check every plan under PATH; print 'file:line: severity: message' for each "
                                     "problem. Exit status 1 if any error.")
    val.add_argument("path", nargs="?", type=Path, default=Path("plans"), metavar="PATH")
    val.add_argument("--format", choices=["text", "github"], default="text",
                     help="github: each problem as a GitHub Actions annotation on its file and line")
    val.add_argument("--only", nargs="+", metavar="FILE", default=[],
                     help="tell only the problems of these files (a pull request's); all plans are still read")
    val.set_defaults(run=_validate)

    gr = sub.add_parser("graph", help="the citation graph of the plans",
                        description="Resolve every document the plans under PLANS_DIR cite: to a plan of the base, "
                                    "to an external document known only by citation, or to an 'ambiguous' node "
                                    "listing the candidates when the citation says too little. Without --json, "
                                    "print a summary.")
    gr.add_argument("path", nargs="?", type=Path, default=Path("plans"), metavar="PLANS_DIR")
    gr.add_argument("--json", action="store_true",
                    help='print {"nodes": [...], "edges": [...]} (nodes: id, kind, file and area for plans; '
                         "edges: from, to, relation, number, text)")
    gr.add_argument("--indent", action="store_true", help="indent the JSON")
    gr.set_defaults(run=_graph)

    sh = sub.add_parser("show", help="a plan's parents, chain, children and coverage",
                        description="Print what a document implements and cites (parents), the chain of basis "
                                    "documents up to the national one, the plans implementing it at any depth "
                                    "(children), and which lower units it told to act have a plan.")
    sh.add_argument("target", metavar="ID_OR_FILE", help="a document id (kh-18-2023-ubnd-huyen-hung-ha-thai-binh) "
                                                         "or a plan file")
    sh.add_argument("--plans", type=Path, default=Path("plans"), metavar="PLANS_DIR",
                    help="plans directory (default: plans)")
    sh.set_defaults(run=_show)

    sy = sub.add_parser("synth", help="generate a corpus of synthetic plans for benchmarks",
                        description="Write N generated plans over the real gazetteer under DIR: national documents "
                                    "→ province plans → district plans (before 2025) → commune plans, citing their "
                                    "parents as real plans do (in full, without date or issuer, same-number traps), "
                                    "with bodies of 6–12 KB, topics and tasks. Every plan says 'synthetic: true'. "
                                    "The same N and SEED always give the same files. Never write them to plans/.")
    sy.add_argument("--plans", type=int, default=1000, metavar="N", help="how many plans (default: 1000)")
    sy.add_argument("--seed", type=int, default=1, metavar="SEED", help="random seed (default: 1)")
    sy.add_argument("--out", type=Path, required=True, metavar="DIR", help="an empty or new directory")
    sy.set_defaults(run=_synth)
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
