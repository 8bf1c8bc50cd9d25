"""Citation graph build time: N synthetic plans (scripts/generate_plans.py), then
`kehoach graph DIR --json` timed end to end as a user runs it, and the library's build alone.
Prints JSON.

    .venv/bin/python scripts/bench_graph.py [--plans 10000] [--dir DIR]

With --dir, the plans already generated there are used (and kept); otherwise a temporary
directory is generated and removed.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.generate_plans import write  # noqa: E402


def measure(plans: Path, count: int) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([str(ROOT / ".venv/bin/kehoach"), "graph", str(plans), "--json"],
                          capture_output=True, text=True, check=False)
    command_seconds = time.perf_counter() - start
    data = json.loads(proc.stdout) if proc.returncode == 0 else {"nodes": [], "edges": []}
    code = ("import time; t = time.perf_counter(); from pathlib import Path; from kehoach.graph import load_graph; "
            f"g, e = load_graph(Path({str(plans)!r})); print(time.perf_counter() - t)")
    library = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    kinds: dict[str, int] = {}
    for node in data["nodes"]:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    return {"benchmark": "graph", "plans": count, "nodes": kinds, "edges": len(data["edges"]),
            "command_seconds": round(command_seconds, 2),
            "library_seconds": round(float(library.stdout.strip() or "nan"), 2),
            "json_megabytes": round(len(proc.stdout.encode()) / 1e6, 1), "exit": proc.returncode,
            "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=10000)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    if args.dir:
        if not args.dir.exists():
            write(args.plans, args.dir)
        count = sum(1 for _ in args.dir.rglob("*.md"))
        result = measure(args.dir, count)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            count = write(args.plans, Path(tmp))
            result = measure(Path(tmp), count)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["exit"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
