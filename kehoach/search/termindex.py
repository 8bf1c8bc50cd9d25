"""The site's search index: an inverted index split into many small files, so that a query fetches
only the few files holding its words, whatever the number of plans.

Why not Pagefind or lunr (measured at 10,000 generated plans, docs/tim-kiem.md): lunr loads one
index of everything (65 MB); Pagefind needed 4 GB of memory to index and fetched 1–5 MB for
"tro giup phap ly", because words every plan contains make every one of its index chunks large.
This index keeps, per word, one entry per document (no positions) in a file of its own hash bucket.

Words are keyed folded: lowercase, without diacritics, "đ" as "d" ("Đăng ký" → "dang ky"), so a query
typed with or without accents finds the same documents; within a key each spelling keeps its own
list, so documents spelled exactly as typed ("hà") rank before the others ("ha", "hạ"). Document
numbers are also kept whole ("19/kh-ubnd", "04/2024/nq-hdnd", "39-ct/tw").

Files (under `chi-muc/` in the site):
    index.json        {"version", "docs": N, "buckets": B, "chunk": C}
    t/<bucket>.json   {key: {spelling: postings}}; postings: VLQ base64 of (doc id delta, score) pairs
    d/<chunk>.json    [[url, title, kind, number, issuer, area, date, excerpt], ...] for ids chunk*C…

The same folding, tokenising and hashing are in `docs/assets/timkiem.js`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..text import fold as _fold
from ..planfile import write_atomic
from ..site.api import json_text
from ..site.html import shorten
from .records import SearchRecord

VERSION = 2
DIRECTORY = "chi-muc"
CHUNK = 16  # display records per file: a page of results fetches a few small files
PER_BUCKET = 1  # keys per bucket file on average: words in every plan are large, keep them apart
PAIRS_PER_BUCKET = 16  # words side by side: many keys, most of them rare
MAX_PAIR_BUCKETS = 8192  # files; beyond it buckets grow instead
COMMON_PAIR = 0.25  # a pair in more than this share of documents ("thực hiện", "địa bàn") is kept without its list
COMMON = "*"
_COMMON = array("i")  # in place of the list of a pair past COMMON_PAIR: never appended to
EXCERPT = 120  # the stored excerpt: a fallback (the first plans show the passage read from their page)

# a document number kept whole ("19/KH-UBND", "04/2024/NQ-HĐND", "39-CT/TW"), then words
_NUMBER = re.compile(r"\d+[a-z]?(?:/\d{4})?[/-][^\W\d_]+(?:[-/][^\W\d_]+\d*)*")  # after lowercasing
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(_NUMBER.pattern + r"|\w+")  # one pass: a number whole, or a word
_TAG = re.compile(r"<[^>]+>")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# a document's score for a word: its count in the text up to TEXT_CAP, plus TITLE if the title has it
# and META if what a result shows has it (number, issuer, area, date): a word of the title outweighs
# any number of mentions in the text
TITLE, META, TEXT_CAP = 12, 6, 12
MAX_SCORE = 31  # one base64 digit


fold = lru_cache(maxsize=1 << 16)(_fold)  # the project's folding, "Đăng" → "dang"; asked per word


def tokens(text: str) -> list[str]:
    """Lowercase words and whole document numbers, NFC: a number is found whole and by its parts."""
    return _with_parts(_TOKEN.findall(unicodedata.normalize("NFC", text).lower()))


def _with_parts(found: list[str]) -> list[str]:
    return found + [p for t in found if "/" in t or "-" in t for p in _WORD.findall(t)]


def pairs(text: str) -> list[str]:
    """Each two words side by side, folded ("tham gia", "quoc gia"): what ranks a document holding
    the words of a query together above one holding them apart, and finds a quoted phrase. A
    document number counts as one word. The whole text is folded at once (folding keeps the words
    apart as they were), not word by word."""
    folded = _TOKEN.findall(_fold(text))
    return list(map("{} {}".format, folded, folded[1:]))


def _capped(counts: Counter) -> dict[str, int]:
    """Counts of the text, capped at TEXT_CAP (a word's hundredth mention says no more than its twelfth)."""
    return {t: n if n < TEXT_CAP else TEXT_CAP for t, n in counts.items()}


def plain_text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def excerpt_of(fragment: str) -> str:
    first = re.search(r"<p>(.*?)</p>", fragment, re.S)
    return shorten(plain_text(first.group(1) if first else fragment), EXCERPT)


def fnv1a(key: str) -> int:
    h = 0x811C9DC5
    for b in key.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def vlq(numbers: list[int]) -> str:
    """Non-negative integers as base64 VLQ (5 bits per digit, high bit = more), as source maps do."""
    out = []
    for n in numbers:
        while True:
            digit = n & 31
            n >>= 5
            out.append(_B64[digit | 32 if n else digit])
            if not n:
                break
    return "".join(out)


def build(records: list[SearchRecord], out: Path) -> dict:
    """Write the index of `records` under `out`; returns its figures."""
    # key → spelling → flat (doc, score, doc, score, …): documents come in order, so each list is sorted;
    # arrays of ints, not dicts: 19,000 records make some 8 million postings
    postings: dict[str, dict[str, array]] = defaultdict(dict)
    near: dict[str, array] = defaultdict(lambda: array("i"))  # "tham gia": folded, one spelling
    whole: dict[str, array] = defaultdict(lambda: array("i"))  # "#19/kh-ubnd", "@hung ha": one spelling
    # help pages, then other pages, first: the script knows them by their ids
    records = sorted(records, key=lambda r: {"help": 0, "page": 1}.get(r.kind, 2))
    common = COMMON_PAIR * len(records) * 2  # postings are (doc, score): two numbers each
    for doc, r in enumerate(records):
        text = unicodedata.normalize("NFC", plain_text(r.html))
        scores = _capped(Counter(_with_parts(_TOKEN.findall(text.lower()))))  # counted in C
        together = _capped(Counter(pairs(text)))
        for weight, field in ((TITLE, r.title), (META, " ".join(r.meta.values()))):
            field = unicodedata.normalize("NFC", field)
            # each once, in the order written: a set's order changes from one process to the next, and
            # so would the order of keys in the index's files
            for t in dict.fromkeys(tokens(field)):
                scores[t] = scores.get(t, 0) + weight
            for t in dict.fromkeys(pairs(field)):
                together[t] = together.get(t, 0) + weight
        # at most TEXT_CAP + TITLE + META = 30: one base64 digit, no cap needed here
        for t, s in scores.items():
            spellings = postings[fold(t)]
            flat = spellings.get(t)
            if flat is None:
                flat = spellings[t] = array("i")
            flat.append(doc)
            flat.append(s)
        for t, s in together.items():
            flat = near[t]
            if flat is _COMMON:
                continue
            flat.append(doc)
            flat.append(s)
            if len(flat) > common:  # written without its list, whatever follows: stop holding it
                near[t] = _COMMON
        for key in dict.fromkeys(r.keys):
            whole[key].extend((doc, min(MAX_SCORE, r.weight)))
    buckets = max(64, 1 << max(0, (len(postings) // PER_BUCKET).bit_length()))
    files: dict[int, dict] = defaultdict(dict)
    for key, spellings in postings.items():
        entry = {spelling: vlq(_deltas(flat)) for spelling, flat in spellings.items()}
        files[fnv1a(key) % buckets][key] = entry
    # whole keys go in the file of their first word, which a query asks for anyway: "@can tho" with
    # "can", "#19/kh-ubnd" with "19"; their lists are short, and they cost no request of their own
    for key, flat in whole.items():
        files[fnv1a(lead_word(key)) % buckets][key] = vlq(_deltas(flat))
    pair_buckets = min(MAX_PAIR_BUCKETS, max(16, 1 << max(0, (len(near) // PAIRS_PER_BUCKET).bit_length())))
    pair_files: dict[int, dict] = defaultdict(dict)
    for key, flat in near.items():
        # a pair in most documents ranks none above another and filters nothing: its name says so
        pair_files[fnv1a(key) % pair_buckets][key] = COMMON if flat is _COMMON else vlq(_deltas(flat))
    helps = sum(1 for r in records if r.kind == "help")
    pages = helps + sum(1 for r in records if r.kind == "page")
    write_json(out / "index.json", {"version": VERSION, "docs": len(records), "buckets": buckets, "chunk": CHUNK,
                                    "pair_buckets": pair_buckets, "pages": pages,
                                    "help": helps,
                                    "types": doc_type_words()})
    for b in range(buckets):  # every bucket, so that no query meets a missing file
        write_json(out / "t" / f"{b}.json", files.get(b, {}))
    for b in range(pair_buckets):
        write_json(out / "p" / f"{b}.json", pair_files.get(b, {}))
    for start in range(0, len(records), CHUNK):
        rows = [[r.url, r.title, r.kind, r.meta.get("number", ""), r.meta.get("issuer", ""), r.meta.get("area", ""),
                 r.meta.get("date", ""), excerpt_of(r.html), r.local] for r in records[start:start + CHUNK]]
        write_json(out / "d" / f"{start // CHUNK}.json", rows)
    return {"docs": len(records), "keys": len(postings), "buckets": buckets, "whole_keys": len(whole),
            "pairs": len(near), "pair_buckets": pair_buckets}


def lead_word(key: str) -> str:
    """What a whole key is filed by: its first word, without its sign ("@hung ha", "=hung ha vui" → "hung";
    "#19/kh-ubnd" → "19"), so that the keys a query may ask for together come in few files."""
    return re.split(r"[ /]", key[1:], maxsplit=1)[0]


def _deltas(flat: array) -> list[int]:
    """(doc, score, doc, score…) with each doc as the gap from the one before."""
    nums = flat.tolist()
    docs = nums[0::2]
    nums[2::2] = [b - a for a, b in zip(docs, docs[1:])]
    return nums


def doc_type_words() -> dict[str, str]:
    """How people name a type of document, folded, and its code in a number: "ke hoach" → "kh"."""
    from ..vocabulary import vocabulary

    return {fold(d.name): fold(d.symbols[0]) for d in vocabulary().doc_types if d.symbols}


def write_json(path: Path, data) -> None:
    write_atomic(path, json_text(data))
