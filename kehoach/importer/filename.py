"""The number a file's name gives, for a scan whose own number is written by hand and cannot be read.

Offices and portals name a plan's file by its number: "996KH-TCTLNTW-C04.pdf", "212_kh_bgddt.pdf",
"KE HOACH 152. KH-UBND PHAN LUONG HỌC SINH.pdf", "Ke_hoach_150_KH-UBND_de_an….pdf", and maintainers
do the like ("bca-589-hoi-nghi.pdf"). A number is taken from the name only where it stands right
beside a part of the document's own symbol (KH, UBND, BGDĐT) or the issuer's place written as one
word (hagiang, hiephoa), and only where one such number stands there: "Tờ trình 124 Kế hoạch…", a
year (2026) or the ordinal a list of files begins with ("17_ubnd-hiephoa-150-….pdf") is no plan's
number. The importer uses it only when the document's number is unread,
and says so, for the maintainer to check."""

from __future__ import annotations

import re

from ..text import fold

_TOKEN = re.compile(r"[a-z]+|\d+")


def _tokens(text: str) -> list[str]:
    """Letters and digits apart, as the name runs: "996KH-TCTLNTW-C04" → 996, kh, tctlntw, c, 04."""
    return _TOKEN.findall(fold(text))


def number_from_name(name: str, symbol: str, places: list[str]) -> str | None:
    """The plan's number in a file name `name`, or None; `symbol` is the document's ("KH-UBND"),
    `places` the issuer's units ("Hà Giang", "Hiệp Hòa")."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    near = {t for t in _tokens(symbol) if not t.isdigit() and len(t) >= 2}
    near |= {"".join(_tokens(p)) for p in places if p}
    words = _tokens(stem)
    kind = next((t for t in _tokens(symbol) if not t.isdigit()), None)  # the type's code: kh
    found = set()
    for i, word in enumerate(words):
        if not word.isdigit() or word.startswith("0") or len(word) > 5 or 1945 <= int(word) <= 2100:
            continue
        if i == 0 and words[1:2] != [kind]:
            continue  # a list's ordinal ("17_ubnd-…", "3. Kế hoạch…"), unless the type follows: "150_KH-UBND"
        beside = {words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)}
        if beside & near:
            found.add(word)
    return found.pop() if len(found) == 1 else None
