"""Calendar arithmetic: resolved times, months, weeks, weekdays and days counted from publication."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


# ---------------------------------------------------------------- calendar arithmetic


@dataclass(frozen=True)
class _T:
    """A resolved time: year, year-month or date."""

    y: int
    m: int | None = None
    d: int | None = None

    def iso(self) -> str:
        if self.m is None:
            return f"{self.y:04d}"
        if self.d is None:
            return f"{self.y:04d}-{self.m:02d}"
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"

    def key(self) -> tuple[int, int, int]:
        """The latest day the time covers, for comparing with publication."""
        m = self.m or 12
        return (self.y, m, self.d or calendar.monthrange(self.y, m)[1])

    def start(self) -> tuple[int, int, int]:
        return (self.y, self.m or 1, self.d or 1)


def _day(d: date) -> _T:
    return _T(d.year, d.month, d.day)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week_end(d: date, weeks: int) -> _T:
    return _day(d + timedelta(days=6 - d.weekday() + 7 * weeks))


def _weekday(pub: date, wd: int, back: bool | None, shift: int | None) -> _T:
    if shift == 1:  # "next Tuesday": strictly after
        return _day(pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1))
    if shift == -1:  # "last Tuesday": strictly before
        return _day(pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1))
    ahead, behind = (wd - pub.weekday()) % 7, (pub.weekday() - wd) % 7
    if back or (back is None and behind < ahead):
        return _day(pub - timedelta(days=behind))
    return _day(pub + timedelta(days=ahead))


def _month(pub: date, m: int, back: bool | None, shift: int | None) -> int:
    """The year of the month m nearest publication in the wanted direction (either, where back is None)."""
    if shift == 0:
        return pub.year
    if shift == 1:
        return pub.year if m > pub.month else pub.year + 1
    if back is None and shift is None:
        back = (pub.month - m) % 12 < (m - pub.month) % 12
    if shift == -1 or back:
        strict = shift == -1
        return pub.year if (m < pub.month or (m == pub.month and not strict)) else pub.year - 1
    return pub.year if m >= pub.month else pub.year + 1


def _month_day(pub: date, m: int, d: int, back: bool | None) -> _T | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, m, d))
        except ValueError:
            continue
    before = [c for c in cands if c <= pub]
    after = [c for c in cands if c >= pub]
    if back is None and before and after:
        back = (pub - before[-1]) < (after[0] - pub)
    pick = (before[-1] if before else None) if back else (after[0] if after else None)
    return _day(pick) if pick else None
