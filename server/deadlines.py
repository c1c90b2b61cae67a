"""Deadlines in time: when a year, month or day deadline ends, and whether it is upcoming, due or overdue."""
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


def month_key(value: str) -> str:
    """The month a deadline is listed under on the timeline ('' for a whole-year deadline)."""
    return value[5:7] if len(value) >= 7 else ""


MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
