"""An iCalendar (RFC 5545) feed of deadlines: one all-day event on the last day of each deadline's period."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from pledgegraph.server.deadlines import period


@dataclass
class Event:
    uid: str  # the statement's IRI
    due: str  # YYYY, YYYY-MM or YYYY-MM-DD
    summary: str
    description: str
    url: str
    status: str


def escape(text: str) -> str:
    """An RFC 5545 TEXT value."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """A content line folded at 75 octets, CRLF-terminated."""
    out, current = [], b""
    for ch in line:
        enc = ch.encode("utf-8")
        if len(current) + len(enc) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += enc
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out) + "\r\n"


def feed(events: Iterable[Event], name: str, now: datetime | None = None) -> Iterator[str]:
    """The calendar, as a stream of folded lines."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    yield from map(fold, ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//pledgegraph//deadlines//EN",
                          "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"])
    for e in events:
        try:
            _first, last = period(e.due)
        except ValueError:
            continue
        yield from map(fold, [
            "BEGIN:VEVENT",
            f"UID:{escape(e.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{last.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(last + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(e.summary)}",
            f"DESCRIPTION:{escape(e.description)}",
            f"URL;VALUE=URI:{e.url}",
            f"CATEGORIES:{escape(e.status)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ])
    yield fold("END:VCALENDAR")
