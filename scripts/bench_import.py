"""Import throughput: N documents (variants of the seeds with distinct numbers) through
`kehoach import`, timed end to end as a maintainer runs it. Prints JSON.

    .venv/bin/python scripts/bench_import.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def make_documents(n: int, out: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in seeds]
    for i in range(n):
        text = re.sub(r"Số: [^/\n]*/", f"Số: {i + 1}/", texts[i % len(texts)], count=1)
        (out / f"doc{i:05d}.txt").write_text(text, "utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "plans")
        src.mkdir()
        make_documents(args.docs, src)
        start = time.perf_counter()
        proc = subprocess.run([str(ROOT / ".venv/bin/kehoach"), "import", str(src), "--out", str(out)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        written = len(list(out.rglob("*.md")))
    result = {"benchmark": "import", "documents": args.docs, "written": written, "seconds": round(seconds, 2),
              "per_second": round(args.docs / seconds, 1), "exit": proc.returncode,
              "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"}
    print(json.dumps(result, ensure_ascii=False))
    return 0 if proc.returncode == 0 and written == args.docs else 1


if __name__ == "__main__":
    sys.exit(main())
