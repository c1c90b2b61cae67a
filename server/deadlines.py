"""Deadlines on the pages: the month a deadline is listed under (period and status: pledgegraph.periods)."""
from __future__ import annotations

from pledgegraph.periods import period, status


def month_key(value: str) -> str:
    """The month a deadline is listed under on the timeline ('' for a whole-year deadline)."""
    return value[5:7] if len(value) >= 7 else ""


__all__ = ["period", "status", "month_key", "MONTHS"]

MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
