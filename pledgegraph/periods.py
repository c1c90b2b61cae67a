"""When a deadline's period begins and ends, and whether it is upcoming, due or overdue on a given day.

A deadline is written as a year (2027), a month (2027-03) or a day (2027-03-31); it is met in time until the last
day of its period. The pages, the calendar feed and tracking all count this way."""
from __future__ import annotations

import calendar
from datetime import date


def period(value: str) -> tuple[date, date]:
    """First and last day of a deadline written as YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    day = date(parts[0], parts[1], parts[2])
    return day, day


def status(value: str, today: date) -> str:
    """'overdue' once its period has ended, 'due' while today is within it, else 'upcoming'."""
    try:
        first, last = period(value)
    except ValueError:
        return "unknown"
    if last < today:
        return "overdue"
    if first <= today:
        return "due"
    return "upcoming"


__all__ = ["period", "status"]
