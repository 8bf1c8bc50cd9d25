"""The gazetteer is read from `vietnamadminunits` once, then kept ready in a file between processes
(kehoach.gazetteer.cache_file): a process that reads the kept file answers as one that read the
database, and a kept file that cannot be read is made again."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SUMMARY = """
import json, sys
from kehoach.gazetteer import cache_file, gazetteer
g = gazetteer()
hung_ha = g.find("huyện Hưng Hà", "district", province="Thái Bình")
thai_binh = g.province("Thai Binh", "legacy")
print(json.dumps({
    "file": str(cache_file()), "units": len(g.units), "kept": sorted(map(repr, g.units.values()))[::997],
    "hung_ha": [repr(u) for u in hung_ha],
    "children": [u.code for u in g.children(thai_binh)],
    "successor": repr(g.successor(hung_ha[0])),
    "predecessors": [repr(u) for u in g.predecessors(g.successor(hung_ha[0]).communes[0])],
}))
"""


def summary(cache) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run([sys.executable, "-c", SUMMARY], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_a_kept_gazetteer_answers_as_the_database(tmp_path):
    first = summary(tmp_path)  # from the database, then kept
    kept = tmp_path / "kehoach" / os.path.basename(first["file"])
    assert kept.is_file() and first["file"] == str(kept)
    assert first["units"] > 10_000 and first["hung_ha"] and first["children"] and first["predecessors"]
    made = kept.stat().st_mtime_ns
    second = summary(tmp_path)  # from the kept file
    assert kept.stat().st_mtime_ns == made
    assert second == first
    kept.write_bytes(b"not a pickle")  # broken: read from the database again, and kept anew
    assert summary(tmp_path) == first
    assert kept.read_bytes() != b"not a pickle"
