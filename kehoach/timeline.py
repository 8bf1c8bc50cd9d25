"""A task's timeline ("Thời gian thực hiện") read as a period, the text kept beside it.

Plans write when a task is due in a handful of ways: a quarter ("Quý II/2026", "Quý IV năm 2024"), a
month ("Tháng 6/2026", "Dự kiến tháng 11/2025 (sau khi …)"), a day ("Trước ngày 15/12/2026"), a year
("Cả năm 2024"), a school year ("năm học 2020-2021"), a half ("6 tháng đầu năm 2024"), a span ("Từ
tháng 12/2025 đến quý I/2026", "Từ Quý II/2026 – 2030", "Quý IV/2025 và Quý I/2026"), something that
recurs ("Hằng năm", "Tháng 10 hằng năm", "Định kỳ 6 tháng, hằng năm") or never ends ("Thường xuyên").
`parse` gives a Period for these, and None for what names no time ("Theo kế hoạch của cấp trên"):
that is kept as text and counted, never guessed."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"((?:19|20)\d\d)"
SEP = r"\s*(?:/|-|\.|\s+nam\s+|\s+)\s*"  # "6/2026", "6-2026", "6 năm 2026"


@dataclass(frozen=True)
class Period:
    start: date | None = None  # the first day it may be done; None: from before the plan, or not said
    end: date | None = None  # the last day; None: not said
    recurs: str | None = None  # yearly | half-yearly | quarterly | monthly
    ongoing: bool = False  # "thường xuyên": all along

    def record(self) -> dict:
        return {k: v for k, v in (("start", self.start and self.start.isoformat()),
                                  ("end", self.end and self.end.isoformat()), ("recurs", self.recurs),
                                  ("ongoing", self.ongoing or None)) if v}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# each form of a moment, as (pattern on the folded text, its first and last day)
def _quarter(m) -> tuple[date, date]:
    q, y = ROMAN[m.group(1)], int(m.group(2))
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _half(m) -> tuple[date, date]:
    y = int(m.group(2))
    return (date(y, 1, 1), date(y, 6, 30)) if m.group(1) == "dau" else (date(y, 7, 1), date(y, 12, 31))


def _school_year(m) -> tuple[date, date]:
    return date(int(m.group(1)), 9, 1), date(int(m.group(2)), 5, 31)


def _day(m) -> tuple[date, date]:
    d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return d, d


def _month(m) -> tuple[date, date]:
    y, mo = int(m.group(2)), int(m.group(1))
    return date(y, mo, 1), _month_end(y, mo)


def _year(m) -> tuple[date, date]:
    return date(int(m.group(1)), 1, 1), date(int(m.group(1)), 12, 31)


MOMENTS = [  # the longer forms first: a day holds a month and a year, a school year two years
    (re.compile(r"nam hoc\s*" + YEAR + r"\s*[-–]\s*" + YEAR), _school_year),
    (re.compile(r"6 thang (dau|cuoi) nam\s*" + YEAR), _half),
    (re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\b" + SEP + YEAR), _quarter),
    (re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*" + YEAR), _day),
    (re.compile(r"thang\s+(\d{1,2})" + SEP + YEAR), _month),
    (re.compile(r"\b" + YEAR + r"\b"), _year),
]
ONGOING = re.compile(r"thuong xuyen|lien tuc|suot (qua trinh|thoi gian)")
RECURS = [(re.compile(r"dinh ky 6 thang|6 thang mot lan|hang 6 thang"), "half-yearly"),
          (re.compile(r"hang quy|dinh ky quy|moi quy"), "quarterly"),
          (re.compile(r"hang thang|dinh ky thang|moi thang"), "monthly"),
          (re.compile(r"hang nam|moi nam|dinh ky nam"), "yearly")]
BEFORE = re.compile(r"(truoc|cham nhat|han chot)\s*(ngay|thang|quy|nam)?")


def _moments(text: str) -> list[tuple[int, date | None, date | None]]:
    """(position, first day, last day) of each moment the text names, left to right, none inside another;
    None, None for a day that does not exist."""
    found: list[tuple[int, int, date | None, date | None]] = []
    for pattern, span in MOMENTS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b, _, _ in found):
                continue
            try:
                first, last = span(m)
            except ValueError:  # 31/2/2024: no such day; its year is not what was meant either
                first = last = None
            found.append((m.start(), m.end(), first, last))
    return sorted((a, first, last) for a, _, first, last in found)


@lru_cache(maxsize=1 << 14)  # plans write the same timelines again and again ("Cả năm 2024", "Thường xuyên")
@lru_cache(maxsize=1 << 16)  # the same few ways of saying when recur in every plan: each read once a process
def parse(text: str | None) -> Period | None:
    """The period `text` names, or None when it names none."""
    if not text:
        return None
    t = " ".join(fold(text).split())
    recurs = next((name for pattern, name in RECURS if pattern.search(t)), None)
    ongoing = bool(ONGOING.search(t))
    moments = _moments(t)
    if any(first is None for _, first, _ in moments):
        return None  # a day that does not exist: kept as text for a person to read
    if recurs and not moments and (m := re.search(r"thang\s+(\d{1,2})\b", t)) and 1 <= int(m.group(1)) <= 12:
        return Period(recurs=recurs)  # "Tháng 10 hằng năm": every year, that month
    if not moments:
        return Period(recurs=recurs, ongoing=ongoing) if recurs or ongoing else None
    before = BEFORE.search(t)
    if before and before.start() < moments[0][0] and len(moments) == 1:
        return Period(None, moments[0][2], recurs, ongoing)  # "trước ngày 30/6": due by then
    # one moment; or a span ("từ … đến …", "Quý II/2026 – 2030") or several ("Quý IV/2025 và Quý I/2026"):
    # from the first day of the earliest to the last day of the latest
    return Period(min(f for _, f, _ in moments), max(e for _, _, e in moments), recurs, ongoing)


def share_parsed(timelines: list[str | None]) -> tuple[int, int]:
    """(how many of the timelines given are read as a period, how many are given)."""
    given = [t for t in timelines if t and t.strip()]
    return sum(1 for t in given if parse(t) is not None), len(given)
