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


def test_a_unit_is_pickled_by_its_code_and_comes_back_as_the_gazetteers_own():
    """Plans' places and issuers go between processes and into the plans memo by code; the kept
    gazetteer file holds the units themselves (the test above reads it)."""
    import pickle
    from dataclasses import replace

    from kehoach.gazetteer import gazetteer

    g = gazetteer()
    hung_ha = g.find("huyện Hưng Hà", "district", province="Thái Bình")[0]
    data = pickle.dumps([hung_ha, g.successor(hung_ha)], protocol=pickle.HIGHEST_PROTOCOL)
    assert len(data) < 400 and hung_ha.name.encode() not in data
    unit, successor = pickle.loads(data)
    assert unit is hung_ha and successor.province is g.successor(hung_ha).province
    made = replace(hung_ha, name="Huyện Không Có")  # not the gazetteer's: by value
    again = pickle.loads(pickle.dumps(made))
    assert again == made and again is not made
