"""Topics and beneficiary groups named in a plan, from the vocabulary's phrases."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from ..vocabulary import Term, vocabulary


@cache
def _matcher(kind: str) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for all phrases of a vocabulary list (longest first), and phrase → slug."""
    terms: tuple[Term, ...] = getattr(vocabulary(), kind)
    slug_of = {p.lower(): t.slug for t in terms for p in t.phrases}
    alternation = "|".join(re.escape(p) for p in sorted(slug_of, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"), slug_of


def _counts(kind: str, text: str) -> Counter[str]:
    pattern, slug_of = _matcher(kind)
    return Counter(slug_of[m.group(0)] for m in pattern.finditer(unicodedata.normalize("NFC", text).lower()))


def topics(title: str, body: str) -> list[str]:
    in_title, in_body = _counts("topics", title), _counts("topics", body)
    return [t.slug for t in vocabulary().topics if in_title[t.slug] or in_body[t.slug] >= t.min]


def beneficiaries(title: str, body: str) -> list[str]:
    found = _counts("beneficiaries", title + "\n" + body)
    return [t.slug for t in vocabulary().beneficiaries if found[t.slug]]
