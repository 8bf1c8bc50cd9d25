"""An iCalendar file (RFC 5545) beside each register page (register_pages.py), for calendar apps: an
all-day event on the deadline of each task that has one, written by the `icalendar` library.

A calendar holds the deadlines from the first day of the build's quarter onward: what a subscriber
plans by, as the register's "due this quarter" and "upcoming" (its pages keep the past), and a file a
phone fetches again every day stays small. The build's day is SOURCE_DATE_EPOCH's when it is set (reproducible
builds), else today's in Vietnam. An event's UID is its plan's id and the task's place in it: a
calendar that fetches the file again updates the event rather than adding another."""

from __future__ import annotations

import os
from urllib.parse import urlsplit
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from ..register import Due
from . import paths
from .render import when

VIETNAM = timezone(timedelta(hours=7))
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
    agency's, each lead's, its place's)."""

    def __init__(self, site_url: str = "", day: date | None = None):
        self.base = site_url.rstrip("/") + "/" if site_url else ""
        self.host = (urlsplit(site_url).hostname if site_url else "") or "kehoach"
        self.since = since(day)
        self._events: dict[tuple[str, int], bytes] = {}

    def _event(self, d: Due) -> bytes:
        key = (d.plan.id, d.index)
        if key not in self._events:
            plan = d.plan
            issuer = ((plan.meta or {}).get("issuer") or {}).get("name") or plan.issuer or ""
            head = f"{plan.doc_type or 'Kế hoạch'} số {plan.number}" if plan.number else (plan.title or plan.id)
            lines = [" ".join(x for x in (head, when(plan.date),
                                           f"của {issuer}" if issuer else "") if x),
                     f"Thời gian: {d.timeline}"]
            e = Event()
            e.add("uid", f"{plan.id}.{d.index}@{self.host}")
            stamp = str(plan.date or "1970")
            e.add("dtstamp", datetime(int(stamp[:4]), int(stamp[5:7] or 1), int(stamp[8:10] or 1), tzinfo=timezone.utc))
            e.add("dtstart", d.deadline)
            e.add("dtend", d.deadline + timedelta(days=1))
            e.add("summary", f"Hạn: {d.name}")
            e.add("description", "\n".join(lines))
            e.add("transp", "TRANSPARENT")  # a deadline, not a meeting: the day stays free
            if self.base:
                e.add("url", self.base + paths.url(paths.plan(plan.id)))
            self._events[key] = e.to_ical()
        return self._events[key]

    def calendar(self, name: str, page: str, tasks: list[Due]) -> bytes:
        """The calendar of the register page `page`, named `name`: the deadlines of `tasks` from `since` on."""
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
        head, _, tail = cal.to_ical().rpartition(b"END:VCALENDAR")
        events = [self._event(d) for d in sorted({(d.plan.id, d.index): d for d in tasks}.values(),
                                                  key=lambda d: (d.deadline or date.max, d.plan.id, d.index))
                  if d.deadline and d.deadline >= self.since]
        return head + b"".join(events) + b"END:VCALENDAR" + tail


__all__ = ["Calendars", "build_day", "since"]
