"""Agencies named in tasks ("Cơ quan chủ trì: …"), one name each however plans write them.

Plans write the same body many ways: "Văn phòng HĐND&UBND", "UỶ BAN MẶT TRẬN TỔ QUỐC VIỆT NAM
HUYỆN", "Ủy ban Mặt trận tổ quốc Việt Nam phường", "Phòng Lao động, Thương binh và Xã hội", and a
task's words sometimes run on after the name ("…các tổ chức thành viên của Mặt trận chỉ đạo, thực
hiện"). `agency_name` gives the name as a page shows it: the vocabulary's own name where it knows the
body, its abbreviations spelled out, capitals only where the name has them, no task words after it;
`agency_key` the one key all the ways of writing it share (its page's address)."""

from __future__ import annotations

import re
from functools import lru_cache

from .bodies import agency_at
from .text import bounded, fold, sentence_case, slugify
from .vocabulary import vocabulary

# verbs of a task that follow the name of the body that does it, at the end of a lead
_TASK_WORDS = re.compile(
    r"(?:(?:\s*,\s*|\s+và\s+|\s+)(?:chỉ đạo|thực hiện|triển khai|tham mưu|hướng dẫn|phối hợp|theo dõi|chủ trì|"
    r"đôn đốc|kiểm tra|tổng hợp|báo cáo|tuyên truyền)(?=\W*$|\s*,|\s+và\s))+\W*$", re.IGNORECASE)
_DASHES = re.compile(r"\s*[–—-]\s*")


@lru_cache(maxsize=1)
def _abbreviations() -> list[tuple[re.Pattern, str]]:
    """An abbreviation of a body in the vocabulary, written as a word of its own (UBND, HĐND), and its name."""
    out = []
    for agency in vocabulary().agencies:
        for abbr in agency.abbr:
            if abbr.isupper() and len(abbr) >= 3 and " " not in abbr:
                out.append((re.compile(rf"(?<![\w]){re.escape(abbr)}(?![\w])"), agency.name))
    return sorted(out, key=lambda p: -len(p[0].pattern))


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


_UNIT_NAME = re.compile(r"(?i)\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+([^,;()]+)")


@lru_cache(maxsize=1)
def _provinces() -> list[tuple[re.Pattern, str]]:
    """The provinces' names (both eras), to give back their capitals to a name written in capitals."""
    from .gazetteer import gazetteer

    names = {u.short for u in gazetteer().units.values() if u.level == "province"}
    return [(re.compile(rf"(?<!\w){re.escape(fold(n))}(?!\w)"), n) for n in sorted(names, key=len, reverse=True)]


def _recapitalised(text: str) -> str:
    """A name written in capitals, in running case: sentence case, then the capitals of the place it
    names ("THÀNH ĐOÀN HẢI PHÒNG" → "Thành đoàn Hải Phòng", "UBND HUYỆN HƯNG HÀ" → "UBND huyện Hưng Hà")."""
    text = sentence_case(text)
    text = text[:1] + re.sub(r"\b(Các|Những|Và|Của|Trên|Thuộc)\b", lambda m: m.group(1).lower(), text[1:])
    text = _UNIT_NAME.sub(lambda m: m.group(1).lower() + " " + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split())
                          + (" " if m.group(2).endswith(" ") else ""), text)
    folded = fold(text)
    if len(folded) != len(text):  # fold keeps the length of an NFC text: only then are the spans the same
        return text
    for pattern, name in _provinces():
        for m in pattern.finditer(folded):
            text = text[:m.start()] + name + text[m.end():]
    return text


@lru_cache(maxsize=1 << 14)
def agency_name(written: str) -> str:
    """The name of the body `written` names, as a page shows it."""
    text = " ".join(written.replace("&", " và ").split()).strip(" .,;:")
    text = _DASHES.sub(" - ", text)
    text = _TASK_WORDS.sub("", text).strip(" .,;:")
    if _shouting(text):
        text = _recapitalised(text)
    found = agency_at(text)
    if found and found[0] is not None:  # a body the vocabulary knows: its name, as the vocabulary writes it
        agency, _, rest = found
        head, text = agency.name, rest
    else:
        head = ""
    for pattern, name in _abbreviations():
        text = pattern.sub(name, text)
    return " ".join((head + text).split()).strip(" .,;:") or written.strip()


_BETWEEN = re.compile(r"\s*[,;]\s*|\s+và\s+")


@lru_cache(maxsize=1 << 14)  # leads repeat from plan to plan: each is split once a build
def agencies_in(written: str) -> tuple[str, ...]:
    """The bodies a lead names, one each ("Phòng Tư pháp, UBND các xã" → two): split where a comma,
    semicolon or "và" is followed by the name of a body, capitalised; "Ủy ban nhân dân xã, thị trấn"
    and "Các phòng, ban, ngành, đoàn thể của huyện" stay one."""
    if _shouting(written):
        written = _recapitalised(written)
    parts: list[str] = []
    start = 0
    for m in _BETWEEN.finditer(written):
        after = written[m.end():]
        # a body's name starts with a capital ("…, Ủy ban nhân dân xã"; not "…, đoàn thể của huyện")
        if after[:1].isupper() and agency_at(after) and written[start:m.start()].strip():
            parts.append(written[start:m.start()])
            start = m.end()
    parts.append(written[start:])
    return tuple(p.strip() for p in parts if p.strip(" .,;:"))


@lru_cache(maxsize=1 << 14)
def agency_key(written: str) -> str:
    """The key every way of writing the body shares: its page's slug ("phong-lao-dong-thuong-binh-va-xa-hoi")."""
    return bounded(slugify(agency_name(written))) or "khac"


def leads_of(task: dict) -> list[tuple[str, str]]:
    """The bodies a task's leads name ("lead": ["Sở Tư pháp, Sở Y tế"] → two), each as (its key, the
    name a page shows), in the order written."""
    return [body for lead in task.get("lead") or [] for body in _bodies(lead)]


@lru_cache(maxsize=1 << 14)
def _bodies(lead: str) -> tuple[tuple[str, str], ...]:
    return tuple((agency_key(one), agency_name(one)) for one in agencies_in(lead))


def canonical(names: dict[str, int]) -> str:
    """Of the names one body is shown by (name → how many times), the one a page heads with: the most
    used, then the one with the capitals of a proper name ("Thành đoàn Hải Phòng" over "Thành đoàn hải
    phòng"), then the first in order."""
    def capitals(name: str) -> int:
        return sum(1 for w in name.split()[1:] if w[:1].isupper())
    return max(sorted(names), key=lambda n: (names[n], capitals(n), -len(fold(n))))


__all__ = ["agencies_in", "agency_key", "agency_name", "canonical", "leads_of"]
