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
    r/<hash>-<t>.json {key: {spelling: postings}}: tier t of a key held by more than TIER_AT documents
    d/<chunk>.json    [[url, title, kind, number, issuer, area, date, excerpt], ...] for ids chunk*C…

A key held by more documents than TIER_AT ("tro", "giup", "phap", "ly" at 100,000 plans: nearly
every one) is cut in tiers by score (_tiers): its bucket keeps the HEAD documents that score highest
for it, with "~": [its documents in all, [the highest score after each tier, the last document of
the tier so scored]]; each further tier, four times the one before, is in `r/`, fetched only while
the first results cannot be told from the tiers at hand (`docs/assets/timkiem.js`): a query of
common words fetches a few thousand entries per word, not one per plan.

Made again after a few documents changed (`build`'s cache), the postings are the last build's with only
those documents analysed again, and only the files their keys (before and after) and records fall in are
made and written: the others are linked from the last index's, kept beside the cache (`_Files`).

The same folding, tokenising and hashing are in `docs/assets/timkiem.js`.
"""

from __future__ import annotations

import hashlib
import html
import os
import pickle
import re
import shutil
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import text as _text_module
from ..text import fold as _fold
from ..planfile import atomic_file, link_atomic, write_atomic
from ..site.api import json_bytes
from ..site.html import shorten
from ..site.spool import Spooled, text_of
from .records import SearchRecord

VERSION = 3
DIRECTORY = "chi-muc"
CHUNK = 16  # display records per file: a page of results fetches a few small files
PER_BUCKET = 1  # keys per bucket file on average: words in every plan are large, keep them apart
PAIRS_PER_BUCKET = 16  # words side by side: many keys, most of them rare
MAX_PAIR_BUCKETS = 8192  # files; beyond it buckets grow instead
COMMON_PAIR = 0.25  # a pair in more than this share of documents ("thực hiện", "địa bàn") is kept without its list
COMMON = "*"
TIER_AT = 16384  # documents of a key past which its list is cut in tiers: the first in its bucket, the rest apart
HEAD = 8192  # documents of the first tier, those scoring highest for the key; each next tier is 4× the one before
REST = "~"  # a tiered key's [documents in all, [[bound, cut] after each tier]]: no spelling is "~"
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
SHIFT = 5  # a posting is doc << SHIFT | score
POSTING = "I"  # unsigned, 4 bytes: up to 2**27 documents


fold = lru_cache(maxsize=1 << 16)(_fold)  # the project's folding, "Đăng" → "dang"; asked per word


def tokens(text: str) -> list[str]:
    """Lowercase words and whole document numbers, NFC: a number is found whole and by its parts."""
    return _with_parts(_TOKEN.findall(unicodedata.normalize("NFC", text).lower()))


def _with_parts(found: list[str]) -> list[str]:
    return found + [p for t in found if "/" in t or "-" in t for p in _WORD.findall(t)]


def pairs(text: str) -> list[str]:
    """Each two words side by side, folded ("tham gia", "quoc gia"): what ranks a document holding
    the words of a query together above one holding them apart, and finds a quoted phrase. A
    document number counts as one word."""
    return [f"{a} {b}" for a, b in _pairs(_TOKEN.findall(text.lower()))]


def _pairs(found: list[str]):
    """The pairs of words `found` (lowercase, in order), folded, as (word, word): each word folded once
    per process. A text's words are found once, for its words and its pairs (analyse, which counts the
    pairs before it joins them): folding the whole text, then finding its words again, took twice as
    long. The pairs are the same but where a combining mark stands alone, as after "İ" lowercased,
    which splits a word here as it splits the text's words."""
    folded = list(map(fold, found))
    return zip(folded, folded[1:])


def _capped(counts: Counter) -> dict:
    """Counts of the text (by word, or by pair of words as (word, word)), capped at TEXT_CAP (a word's
    hundredth mention says no more than its twelfth)."""
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


@dataclass
class Postings:
    """What the index files are written from: for each folded key, spelling, pair of words and whole
    key, its documents and scores as one array of doc << 5 | score (a score is under 32), sorted by
    doc: 4 bytes a posting (two numbers of 4 bytes each held 1.5 GB at 100,000 plans). Kept
    between builds (`build`'s `cache`) with each document's digest, so that a build where a few
    documents changed reads only those again."""

    code: str  # the code that analysed the documents (CODE): any change, and nothing is reused
    docs: list[str] = field(default_factory=list)  # each document's digest (record_digest), in index order
    words: dict[str, dict[str, array]] = field(default_factory=dict)
    near: dict[str, array] = field(default_factory=dict)  # "tham gia": folded, one spelling
    whole: dict[str, array] = field(default_factory=dict)  # "#19/kh-ubnd", "@hung ha": one spelling
    layout: Layout | None = None  # the files written from them (kept with them)
    # made from the last build's: the keys (words, pairs, whole keys) and documents changed since; not kept
    touched: tuple[set[str], set[str], set[str], set[int]] | None = None

    def add(self, doc: int, analysis: tuple[dict, dict, list, int], in_place: bool = False) -> None:
        """Add the postings of document `doc`: appended (it comes after every other), or `in_place`."""
        scores, together, keys, weight = analysis
        words, near, whole = self.words, self.near, self.whole
        at = doc << SHIFT
        for t, s in scores.items():
            key = fold(t)
            spellings = words.get(key)
            if spellings is None:
                spellings = words[key] = {}
            flat = spellings.get(t)
            if flat is None:
                flat = spellings[t] = array(POSTING)
            if in_place:
                _insert(flat, doc, s)
            else:
                flat.append(at | s)  # a million times a build: no call
        for t, s in together.items():
            flat = near.get(t)
            if flat is None:
                flat = near[t] = array(POSTING)
            if in_place:
                _insert(flat, doc, s)
            else:
                flat.append(at | s)
        score = min(MAX_SCORE, weight)
        for key in keys:
            flat = whole.get(key)
            if flat is None:
                flat = whole[key] = array(POSTING)
            if in_place:
                _insert(flat, doc, score)
            else:
                flat.append(at | score)

    def drop(self, gone: set[int]) -> tuple[dict, dict, dict]:
        """Take documents `gone` out of every list (a list left empty goes too); what they held, by key:
        {word key: {(spelling, posting)}}, {pair: {posting}}, {whole key: {posting}}."""
        found: list[dict] = []
        for table in (self.near, self.whole):
            held = {}
            for k, flat in table.items():
                removed = _remove(flat, gone)
                if removed:
                    held[k] = set(removed)
            for key in held:
                if not table[key]:
                    del table[key]
            found.append(held)
        words: dict[str, set] = {}
        for key, spellings in list(self.words.items()):
            emptied = []
            for t, flat in spellings.items():
                removed = _remove(flat, gone)
                if removed:
                    words.setdefault(key, set()).update((t, p) for p in removed)
                    if not flat:
                        emptied.append(t)
            for t in emptied:
                del spellings[t]
            if not spellings:
                del self.words[key]
        return words, found[0], found[1]


def _held(doc: int, analysis: tuple[dict, dict, list, int]) -> tuple[dict, dict, dict]:
    """What Postings.add puts in the lists for `doc`, by key, as Postings.drop gives it back."""
    scores, together, keys, weight = analysis
    at = doc << SHIFT
    words: dict[str, set] = {}
    for t, s in scores.items():
        words.setdefault(fold(t), set()).add((t, at | s))
    return (words, {t: {at | s} for t, s in together.items()}, {k: {at | min(MAX_SCORE, weight)} for k in keys})


def _changed(before: dict, after: dict) -> set[str]:
    """The keys whose lists differ: those where the documents' postings are not what they were."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


CODE = hashlib.blake2b(b"".join(Path(m).read_bytes() for m in (__file__, _text_module.__file__)), digest_size=8).hexdigest()
REUSE = 0.05  # documents changed, as a share of all, past which the index is made from scratch


def record_digest(r: SearchRecord) -> str:
    """What a record is indexed from, as a digest."""
    h = hashlib.blake2b(digest_size=16)
    html = r.html.digest if isinstance(r.html, Spooled) else r.html  # a plan's full text, kept on disk: its digest
    for part in (r.url, r.title, r.kind, repr(sorted(r.meta.items())), html, repr(r.keys), r.local, str(r.weight)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def analyse(r: SearchRecord) -> tuple[dict[str, int], dict[str, int], list[str], int]:
    """A document's words and whole numbers with their scores, its pairs of words with theirs, its
    whole keys, and its weight among those found by the same key."""
    text = unicodedata.normalize("NFC", plain_text(text_of(r.html)))
    found = _TOKEN.findall(text.lower())
    scores = _capped(Counter(_with_parts(found)))  # counted in C
    together = {f"{a} {b}": n for (a, b), n in _capped(Counter(_pairs(found))).items()}  # each joined once
    for weight, field_ in ((TITLE, r.title), (META, " ".join(r.meta.values()))):
        field_ = unicodedata.normalize("NFC", field_)
        # each once, in the order written: a set's order changes from one process to the next
        for t in dict.fromkeys(tokens(field_)):
            scores[t] = scores.get(t, 0) + weight
        for t in dict.fromkeys(pairs(field_)):
            together[t] = together.get(t, 0) + weight
    # at most TEXT_CAP + TITLE + META = 30: one base64 digit, no cap needed here
    return scores, together, list(dict.fromkeys(r.keys)), r.weight


def ordered(records: list[SearchRecord]) -> list[SearchRecord]:
    """The records in index order: help pages, then other pages, first (the script knows them by their ids)."""
    return sorted(records, key=lambda r: {"help": 0, "page": 1}.get(r.kind, 2))


def postings_of(records: list[SearchRecord], digests: list[str], prior: Postings | None = None) -> Postings:
    """The postings of `records` (in index order, with their `digests`): from `prior`, the last
    build's, where only a few documents changed and none was added or removed; else from scratch."""
    if prior is not None and prior.code == CODE and len(prior.docs) == len(digests):
        changed = [i for i, (a, b) in enumerate(zip(prior.docs, digests)) if a != b]
        if len(changed) <= REUSE * len(digests):
            before = prior.drop(set(changed))
            prior.docs = list(digests)
            after: tuple[dict, dict, dict] = ({}, {}, {})
            for doc in changed:
                analysis = analyse(records[doc])
                prior.add(doc, analysis, in_place=True)
                for table, held in zip(after, _held(doc, analysis)):
                    for key, postings in held.items():
                        table.setdefault(key, set()).update(postings)
            # only the lists a change reaches: a retitled plan's text holds the same words with the same
            # scores, and the files of those words are kept (~1,100 words and pairs a plan, ~20 retitled)
            words, near, whole = (_changed(b, a) for b, a in zip(before, after))
            prior.touched = (words, near, whole, set(changed))
            return prior
    made = Postings(CODE)
    for doc, r in enumerate(records):
        made.add(doc, analyse(r))
        made.docs.append(digests[doc])
    return made


def build(records: list[SearchRecord], out: Path, cache: Path | None = None,
          digests: list[str] | None = None, tiers: tuple[int, int] = (TIER_AT, HEAD)) -> dict:
    """Write the index of `records` under `out`; returns its figures. `cache`: a file keeping the
    postings between builds (a build where a few documents changed analyses only those); `digests`:
    each record's record_digest, when the caller has them; `tiers`: (TIER_AT, HEAD), smaller in tests."""
    given = dict(zip(map(id, records), digests)) if digests is not None and len(digests) == len(records) else {}
    records = ordered(records)
    digests = [given.get(id(r)) or record_digest(r) for r in records]  # the caller's, in index order
    prior = _load(cache) if cache else None
    made = postings_of(records, digests, prior)
    figures = _write(records, made, out, tiers, cache.with_name(cache.name + MIRROR) if cache else None)
    if cache:
        _save(cache, made)
    return figures


def _write(records: list[SearchRecord], made: Postings, out: Path, tiers: tuple[int, int] = (TIER_AT, HEAD),
           mirror: Path | None = None) -> dict:
    """The index's files under `out`. `mirror`: a folder where each is linked too (`_Files`), so that
    the next index made from these postings (`made.touched`) links those no change reaches."""
    common = COMMON_PAIR * len(records)
    postings, near, whole = made.words, made.near, made.whole
    buckets = max(64, 1 << max(0, (len(postings) // PER_BUCKET).bit_length()))
    pair_buckets = min(MAX_PAIR_BUCKETS, max(16, 1 << max(0, (len(near) // PAIRS_PER_BUCKET).bit_length())))
    shape = (VERSION, len(records), buckets, pair_buckets, CHUNK, tuple(tiers))
    before = made.layout if made.touched is not None and made.layout is not None and made.layout.shape == shape else None
    files = _Files(out, mirror, before)
    # the files a changed document reaches: its keys' buckets, before and after (a key gone is in its old file)
    dirty, dirty_pairs, docs_touched = set(), set(), set()
    if before is not None:
        words_touched, near_touched, whole_touched, docs_touched = made.touched
        dirty = {fnv1a(k) % buckets for k in words_touched} | {fnv1a(lead_word(k)) % buckets for k in whole_touched}
        dirty_pairs = {fnv1a(k) % pair_buckets for k in near_touched}
    made.layout, made.touched = None, None
    layout = Layout(shape)
    # each bucket's file made and written in turn, its keys sorted: the same file whichever build wrote
    # it, from scratch or from the last one; no more than one file's lists encoded at a time
    keys_of: dict[int, list[str]] = defaultdict(list)
    for key in sorted(postings):
        keys_of[fnv1a(key) % buckets].append(key)
    # whole keys go in the file of their first word, which a query asks for anyway: "@can tho" with
    # "can", "#19/kh-ubnd" with "19"; their lists are short, and they cost no request of their own
    wholes_of: dict[int, list[str]] = defaultdict(list)
    for key in sorted(whole):
        wholes_of[fnv1a(lead_word(key)) % buckets].append(key)
    tiered = 0
    for b in range(buckets):  # every bucket, so that no query meets a missing file
        keys, wholes = keys_of.pop(b, ()), wholes_of.pop(b, ())
        if before is not None and b not in dirty and files.keep([f"t/{b}.json", *before.rests.get(b, ())]):
            if b in before.rests:
                layout.rests[b] = before.rests[b]
            tiered += before.tiered.get(b, 0)
            if before.tiered.get(b):
                layout.tiered[b] = before.tiered[b]
            continue
        held: dict = {}
        rests: dict[tuple[int, int], dict] = defaultdict(dict)  # (hash of the key, tier) → {key: {spelling: postings}}
        in_tiers = 0
        for key in keys:
            spellings = {spelling: postings[key][spelling] for spelling in sorted(postings[key])}
            h, cut = fnv1a(key), _tiers(spellings, *tiers)
            if cut is None:
                held[key] = {spelling: vlq(_deltas(flat)) for spelling, flat in spellings.items()}
                continue
            parts, about = cut
            held[key] = {REST: about, **{s: vlq(_deltas(f)) for s, f in parts[0].items() if f}}
            for t, part in enumerate(parts[1:], 1):
                rests[(h, t)][key] = {s: vlq(_deltas(f)) for s, f in part.items() if f}
            in_tiers += 1
        for key in wholes:
            held[key] = vlq(_deltas(whole[key]))
        files.write(f"t/{b}.json", held)
        for (h, t), part in rests.items():
            files.write(f"r/{h}-{t}.json", part)
        if rests:
            layout.rests[b] = [f"r/{h}-{t}.json" for h, t in rests]
        if in_tiers:
            layout.tiered[b] = in_tiers
        tiered += in_tiers
    pairs_of: dict[int, list[str]] = defaultdict(list)
    for key in sorted(near):
        pairs_of[fnv1a(key) % pair_buckets].append(key)
    for b in range(pair_buckets):
        keys = pairs_of.pop(b, ())
        if before is not None and b not in dirty_pairs and files.keep([f"p/{b}.json"]):
            continue
        # a pair in most documents ranks none above another and filters nothing: its name says so
        files.write(f"p/{b}.json", {key: COMMON if len(near[key]) > common else vlq(_deltas(near[key])) for key in keys})
    helps = sum(1 for r in records if r.kind == "help")
    pages = helps + sum(1 for r in records if r.kind == "page")
    for start in range(0, len(records), CHUNK):
        name = f"d/{start // CHUNK}.json"
        if before is not None and not any(d in docs_touched for d in range(start, start + CHUNK)) and files.keep([name]):
            continue
        rows = [[r.url, r.title, r.kind, r.meta.get("number", ""), r.meta.get("issuer", ""), r.meta.get("area", ""),
                 r.meta.get("date", ""), excerpt_of(text_of(r.html)), r.local] for r in records[start:start + CHUNK]]
        files.write(name, rows)
    # last: a page reading the index while it is rewritten (`mkdocs serve`) finds the new files it names
    write_json(out / "index.json", {"version": VERSION, "docs": len(records), "buckets": buckets, "chunk": CHUNK,
                                    "pair_buckets": pair_buckets, "pages": pages,
                                    "help": helps,
                                    "types": doc_type_words()})
    made.layout = files.done(layout)
    return {"docs": len(records), "keys": len(postings), "buckets": buckets, "whole_keys": len(whole),
            "pairs": len(near), "pair_buckets": pair_buckets, "tiered_keys": tiered, "kept_files": files.kept}


MIRROR = ".files"  # beside the cache of the postings: the last index's files, linked (chi-muc.pickle.files/)


@dataclass
class Layout:
    """The files an index was written as, kept with its postings: its shape (the same shape, the same
    files for the same keys), the tier files of the keys of each bucket, how many keys of each bucket
    are in tiers, and each file's copy in the mirror as it was left (inode, size, modification time):
    one changed since (a write stopped half way, a hand edit) is not linked again."""

    shape: tuple
    rests: dict[int, list[str]] = field(default_factory=dict)
    tiered: dict[int, int] = field(default_factory=dict)
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def _stamp(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_size, st.st_mtime_ns


class _Files:
    """Writes the files of an index under `out` and, with a `mirror` folder, links each there too: the
    next index then links from there, instead of making and writing them again, the files no changed
    document reaches (`keep`; `before`: the layout the mirror was left with). At 10,000 plans after one
    title changed, making and writing ~5,000 files was most of the index's 5 s. A file system that
    cannot link (another device): every file written, none kept."""

    def __init__(self, out: Path, mirror: Path | None, before: Layout | None):
        self.out, self.mirror = out, mirror
        self.before = before.stamps if before is not None else {}
        self.stamps: dict[str, tuple[int, int, int]] = {}
        self.kept = 0
        if mirror is not None and before is None:  # written whole: what the mirror holds is of no use
            shutil.rmtree(mirror, ignore_errors=True)

    def write(self, name: str, data) -> None:
        path = self.out / name
        write_atomic(path, json_bytes(data))
        if self.mirror is not None:
            copy = self.mirror / name
            try:
                link_atomic(path, copy)
                self.stamps[name] = _stamp(copy)
            except OSError:  # not on the same file system: no mirror
                self.mirror, self.stamps = None, {}

    def keep(self, names: list[str]) -> bool:
        """Each of `names` linked from the mirror as the last index left it; False (none kept) if one is not."""
        if self.mirror is None:
            return False
        copies = [self.mirror / name for name in names]
        try:
            if any(name not in self.before or _stamp(copy) != self.before[name] for name, copy in zip(names, copies)):
                return False
            for name, copy in zip(names, copies):
                link_atomic(copy, self.out / name)
        except OSError:
            return False
        for name in names:
            self.stamps[name] = self.before[name]
        self.kept += len(names)
        return True

    def done(self, layout: Layout) -> Layout | None:
        """The layout to keep with the postings: None without a mirror."""
        if self.mirror is None:
            return None
        layout.stamps = self.stamps
        return layout


def _tiers(spellings: dict[str, array], at: int, head: int) -> tuple[list[dict], list] | None:
    """A key's lists (by spelling) cut in tiers when more than `at` documents hold it: its documents
    ranked by their score for the key (their best spelling's; ties to the earlier document), the first
    `head` in the first tier, each next tier four times the one before; every spelling's entries of a
    document in the document's tier. With [the number of documents in all, [bound, cut] after each tier
    but the last]: every document of the later tiers scores less than `bound`, or as much with an id
    after `cut` (-1: any id). None for a key held by `at` documents or fewer."""
    best: dict[int, int] = {}
    for flat in spellings.values():
        for posting in flat:
            doc, score = posting >> SHIFT, posting & MAX_SCORE
            if best.get(doc, -1) < score:
                best[doc] = score
    if len(best) <= at:
        return None
    ranked = sorted(best, key=lambda d: (-best[d], d))
    tier_of: dict[int, int] = {}
    bounds = []
    start, end = 0, head
    while start < len(ranked):
        end = min(end, len(ranked))
        for doc in ranked[start:end]:
            tier_of[doc] = len(bounds)
        if end < len(ranked):
            bound = best[ranked[end]]
            bounds.append([bound, ranked[end - 1] if best[ranked[end - 1]] == bound else -1])
        start, end = end, end * 4
    parts = [{spelling: array(POSTING) for spelling in spellings} for _ in range(len(bounds) + 1)]
    for spelling, flat in spellings.items():
        for posting in flat:
            parts[tier_of[posting >> SHIFT]][spelling].append(posting)
    return parts, [len(best), bounds]


SAVED = 20_000  # keys a pickle of the cache holds: the pickler remembers every object it wrote, per pickle


def _load(cache: Path) -> Postings | None:
    try:
        with open(cache, "rb") as f:
            code, docs, layout = pickle.load(f)
            made = Postings(code, docs, layout=layout)
            for table in (made.words, made.near, made.whole):
                while (part := pickle.load(f)) is not None:
                    table.update(part)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    return made


def _save(cache: Path, made: Postings) -> None:
    """Written whole or not at all, streamed, as a run of pickles of SAVED keys each: one pickle of all
    (at 100,000 plans, some 3 million keys and lists) had the pickler's memory of them on top."""
    with atomic_file(cache) as f:
        pickle.dump((made.code, made.docs, made.layout), f, protocol=pickle.HIGHEST_PROTOCOL)
        for table in (made.words, made.near, made.whole):
            keys = list(table)
            for start in range(0, len(keys), SAVED):
                pickle.dump({k: table[k] for k in keys[start:start + SAVED]}, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(None, f, protocol=pickle.HIGHEST_PROTOCOL)


def _find(flat: array, doc: int) -> int:
    """The position in `flat` of the first posting whose doc is `doc` or after it."""
    return bisect_left(flat, doc << SHIFT)


def _insert(flat: array, doc: int, score: int) -> None:
    flat.insert(_find(flat, doc), doc << SHIFT | score)


def _remove(flat: array, gone: set[int]) -> list[int]:
    """Take documents `gone` out of `flat`; the postings taken."""
    found = []
    for doc in gone:
        at = _find(flat, doc)
        if at < len(flat) and flat[at] >> SHIFT == doc:
            found.append(flat[at])
            del flat[at]
    return found


def lead_word(key: str) -> str:
    """What a whole key is filed by: its first word, without its sign ("@hung ha", "=hung ha vui" → "hung";
    "#19/kh-ubnd" → "19"), so that the keys a query may ask for together come in few files."""
    return re.split(r"[ /]", key[1:], maxsplit=1)[0]


def _deltas(flat: array) -> list[int]:
    """(doc, score, doc, score…) with each doc as the gap from the one before."""
    packed = flat.tolist()
    docs = [p >> SHIFT for p in packed]
    nums = [0] * (2 * len(packed))
    nums[0::2] = [b - a for a, b in zip([0] + docs, docs)]
    nums[1::2] = [p & MAX_SCORE for p in packed]
    return nums


def doc_type_words() -> dict[str, str]:
    """How people name a type of document, folded, and its code in a number: "ke hoach" → "kh"."""
    from ..vocabulary import vocabulary

    return {fold(d.name): fold(d.symbols[0]) for d in vocabulary().doc_types if d.symbols}


def write_json(path: Path, data) -> None:
    write_atomic(path, json_bytes(data))
