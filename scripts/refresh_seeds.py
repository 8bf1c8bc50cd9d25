"""Re-import the five seed plans after an importer change, applying the reviewed corrections.

    .venv/bin/python scripts/refresh_seeds.py

Writes plans/<…>.md for each seed in tests/fixtures/seeds: the importer's output plus the hand
corrections of tests/fixtures/seed_review.yaml. Review the diff (`git diff plans/`) before
committing: every change is a change in what the importer reads from the sources.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kehoach.importer import apply_corrections, parse_document
from kehoach.planfile import dump_plan, iter_plan_paths, read_plan, write_atomic


def main() -> int:
    seeds = ROOT / "tests" / "fixtures" / "seeds"
    review = yaml.safe_load((ROOT / "tests" / "fixtures" / "seed_review.yaml").read_text("utf-8")) or {}
    existing = {read_plan(p).meta["source"]["file"]: p for p in iter_plan_paths(ROOT / "plans")}
    for source in sorted(seeds.glob("*.txt")):
        imported = parse_document(source)
        meta = apply_corrections(imported.meta, review.get(source.name, []))
        target = ROOT / "plans" / imported.relpath
        old = existing.get(source.name)
        write_atomic(target, dump_plan(meta, imported.body))
        if old and old != target:
            old.unlink()
        print(f"{source.name} → {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
