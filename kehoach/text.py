"""Text normalisation shared by every stage: Unicode form, line ends, folding, slugs.

Plans are stored NFC with LF line ends. `fold` is the one diacritic-folding function of the
project (matching names typed without accents, building ids); search uses the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters Word and PDF converters leave behind that carry no text.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# old PDF fonts map "ư" to the letter "ƣ" (oi, used by no Vietnamese word): "chất lƣợng" → "chất lượng"
_INVISIBLE.update({ord("ƣ"): "ư", ord("Ƣ"): "Ư"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BOLD = re.compile(r"\*\*|__")


def normalize(text: str) -> str:
    """NFC, LF line ends, no invisible characters, "ƣ" of broken PDF fonts as "ư", single spaces, no
    trailing blanks."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def strip_emphasis(text: str) -> str:
    """Drop Markdown bold markers (``**18**`` → ``18``) that Word exports leave in text."""
    return _BOLD.sub("", text)


_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # combining marks


def fold(text: str) -> str:
    """Lower-case and strip diacritics, đ → d: ``"Hưng Hà"`` → ``"hung ha"``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _MARKS.sub("", decomposed).lower()


@lru_cache(maxsize=1 << 16)  # names: short, and asked for again and again
def key(text: str) -> str:
    """Folded with everything but letters and digits removed: the gazetteer's key form."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def slugify(text: str, max_words: int | None = None) -> str:
    """URL-safe ASCII slug: ``"Sở Tư pháp Bắc Giang"`` → ``"so-tu-phap-bac-giang"``."""
    words = re.findall(r"[0-9a-z]+", fold(text))
    if max_words is not None:
        words = words[:max_words]
    return "-".join(words)


MAX_SLUG = 100  # a slug names a file or a folder of the site: far below the 255 bytes a name may hold


def bounded(slug: str, limit: int = MAX_SLUG) -> str:
    """`slug`, or when longer than `limit` its start and a hash of the whole (still one slug per text)."""
    if len(slug) <= limit:
        return slug
    import hashlib

    return slug[:limit - 9].rstrip("-") + "-" + hashlib.sha1(slug.encode()).hexdigest()[:8]


def sentence_case(text: str) -> str:
    """Official titles written in capitals, as they are written in running text.

    ``"PHÓ CHỦ TỊCH"`` → ``"Phó Chủ tịch"``, ``"KT. GIÁM ĐỐC"`` → ``"KT. Giám đốc"``.
    Abbreviations (``KT.``, ``TM.``, ``UBND``) are kept as written.
    """
    out: list[str] = []
    capitalise_next = True
    for word in text.split():
        bare = word.rstrip(".")
        if word.endswith(".") and len(bare) <= 3 or bare in _KEEP_UPPER:
            out.append(word)
            capitalise_next = True
            continue
        lower = word.lower()
        if capitalise_next:
            lower = lower[:1].upper() + lower[1:]
        out.append(lower)
        # "Phó Chủ tịch", "Phó Giám đốc": the office after "Phó" keeps its capital.
        capitalise_next = lower == "Phó"
    return " ".join(out)


_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "TGPL", "TW", "VN", "UBMTTQVN"}


def tokens(text: str) -> list[str]:
    """Words (letters and digits) of a text, lower-cased, NFC: used to check nothing is lost."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).lower())


def heading_slug(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc: ``"I. MỤC ĐÍCH"`` → ``"i-muc-dich"`` (đ kept as d)."""
    return slugify(value).replace("-", separator)
