"""An iCalendar file (RFC 5545) beside each register page (register_pages.py), for calendar apps: an
all-day event on the deadline of each task that has one, written by the `icalendar` library.

A calendar holds the deadlines from the first day of the build's quarter onward: what a subscriber
plans by, as the register's "due this quarter" and "upcoming" (its pages keep the past), and a file a
phone fetches again every day stays small. The build's day is SOURCE_DATE_EPOCH's when it is set (reproducible
builds), else today's in Vietnam. An event's UID is its plan's id and the task's place in it: a
calendar that fetches the file again updates the event rather than adding another.

Writing an event is slow (icalendar folds its lines a character at a time: at 10,000 plans, 5,600
events and 3,500 calendars took 5 s): what each event and each calendar's head is made from is kept
with its bytes between builds (`cache`), so a build makes only those whose plan changed."""

from __future__ import annotations

import os
import pickle
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ..planfile import write_atomic
from ..register import Due
from . import paths
from .lines import VIETNAM, issued, moment

PRODID = "-//kehoach//Nhiệm vụ theo thời hạn//VI"


def build_day() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), VIETNAM).date()
    return datetime.now(VIETNAM).date()


def since(day: date | None = None) -> date:
    """The first deadline a calendar holds: the first day of the quarter of `day` (the build's)."""
    day = day or build_day()
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class Calendars:
    """Calendars of a build: each task's event is made once, however many calendars hold it (its
    agency's, each lead's, its place's), and kept for the next build in `cache` (a file) if given."""

    def __init__(self, site_url: str = "", day: date | None = None, cache: Path | None = None):
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        self.host = (urlsplit(site_url).hostname if site_url else "") or "kehoach"
        self.since = since(day)
        self.cache = cache
        self._kept: dict[tuple, bytes] = {}
        if cache is not None and cache.exists():
            try:
                with cache.open("rb") as f:
                    kept = pickle.load(f)
                self._kept = kept if isinstance(kept, dict) else {}
            except Exception:  # noqa: BLE001  (a cache that cannot be read is made again)
                self._kept = {}
        self._made: dict[tuple, bytes] = {}

    def _once(self, key: tuple, make, kind: type = bytes):
        """What `make` makes for `key`, from the last build's cache when it kept a `kind` for it."""
        if key not in self._made:
            kept = self._kept.get(key)
            self._made[key] = kept if isinstance(kept, kind) else make()
        return self._made[key]

    def save(self) -> None:
        """Keep what this build made for the next one (and nothing it did not use)."""
        if self.cache is not None:
            write_atomic(self.cache, pickle.dumps(self._made, protocol=pickle.HIGHEST_PROTOCOL))

    def _event(self, d: Due) -> bytes:
        plan = d.plan
        head = f"{plan.doc_type or 'Kế hoạch'} số {plan.number}" if plan.number else (plan.title or plan.id)
        key = ("event", self.host, self.base, plan.id, d.index, issued(plan, head), d.name, d.timeline, d.deadline)
        return self._once(key, lambda: self._make_event(d, head))

    def _make_event(self, d: Due, head: str) -> bytes:
        plan = d.plan
        e = Event()
        e.add("uid", f"{plan.id}.{d.index}@{self.host}")
        e.add("dtstamp", moment(plan.date, timezone.utc))
        e.add("dtstart", d.deadline)
        e.add("dtend", d.deadline + timedelta(days=1))
        e.add("summary", f"Hạn: {d.name}")
        e.add("description", f"{issued(plan, head)}\nThời gian: {d.timeline}")
        e.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
        if self.base:
            e.add("url", self.base + paths.url(paths.plan(plan.id)))
        return e.to_ical()

    def _head(self, name: str, page: str) -> tuple[bytes, bytes]:
        """The calendar's text before its events and after them."""
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("name", name)
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
        if self.base:
            cal.add("source", self.base + paths.calendar(page), parameters={"VALUE": "URI"})
        head, end, tail = cal.to_ical().rpartition(b"END:VCALENDAR")
        return head, end + tail

    def calendar(self, name: str, page: str, tasks: list[Due]) -> bytes:
        """The calendar of the register page `page`, named `name`: the deadlines of `tasks` from `since` on."""
        start, end = self._once(("head", self.base, name, page), lambda: self._head(name, page), tuple)
        events = [self._event(d) for d in sorted({(d.plan.id, d.index): d for d in tasks}.values(),
                                                  key=lambda d: (d.deadline or date.max, d.plan.id, d.index))
                  if d.deadline and d.deadline >= self.since]
        return start + b"".join(events) + end


__all__ = ["Calendars", "build_day", "since"]
