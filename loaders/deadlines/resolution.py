"""Interpretation: what the tokens of a candidate say, resolved to years, months or dates against publication."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Token

from pledgegraph.loaders.deadlines.calendar_math import (
    _T, _add_months, _day, _month, _month_day, _week_end, _weekday,
)
from pledgegraph.loaders.deadlines.candidates import _in_name, _is_year
from pledgegraph.loaders.deadlines.lexicon import (
    _DAY_RE, _DECADE_RE, _FILLERS, _FY_RE, _HALF_RE, _ISO_RE, _MONTH_MOD_RE, _NAME_ENTS, _NUMERIC_DATE_RE,
    _ORDINALS, _QUARTER_RE, _SHIFTS, _SLASH_ISO_RE, _YEAR_MOD_RE, _YEAR_RANGE_RE, _YEAR_RE, _lex,
)


# ---------------------------------------------------------------- interpretation


@dataclass
class _Parts:
    """What the tokens of a candidate say."""

    years: list[int] = field(default_factory=list)
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: tuple[int, ...] | None = None
    quarter: int | None = None
    half: int | None = None
    shift: int | None = None
    rel: tuple[str, int, bool] | None = None
    fiscal: bool = False
    decade: int | None = None
    mod: str | None = None
    name: bool = False
    swap: bool = False  # a numeric date that also reads day-first: 5/6/2027
    day2: int | None = None  # the other end of a range of days: "Sept. 22-23"


def _expand(y2: str, y1: int) -> int:
    """The second year of a range as written in full: ("28", 2027) -> 2028."""
    return int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)


def _whole(p: _Parts, text: str) -> bool:
    """Fill `p` from a candidate whose digits read as one token: ISO and numeric dates, year ranges, FY labels."""
    if m := _ISO_RE.match(text) or _SLASH_ISO_RE.match(text):
        p.years, p.month, p.day = [int(m[1])], int(m[2]), int(m[3])
    elif m := _NUMERIC_DATE_RE.match(text):
        a, b = int(m[1]), int(m[2])
        p.years, p.month, p.day = [int(m[3])], (b if a > 12 else a), (a if a > 12 else b)  # month first (US) ...
        p.swap = a != b and a <= 12 and b <= 12  # ... and day first too, where both readings are dates
    elif (m := _YEAR_RANGE_RE.match(text)) and _expand(m[2], int(m[1])) > int(m[1]):
        p.years = [int(m[1]), _expand(m[2], int(m[1]))]
    elif m := _FY_RE.match(text):
        p.fiscal = True
        first = _expand(m[1], 2000)
        p.years = [first] + ([_expand(m[2], first)] if m[2] else [])
    else:
        return False
    return True


def _parts(tokens: list[Token], label: str) -> _Parts | None:
    """The parts of an ABS or REL candidate, or None when it is not a time after all."""
    lex = _lex()
    p = _Parts()
    low = [t.lower_ for t in tokens]
    if label == "REL":
        p.rel = lex.relative.get(tuple(low))
        p.fiscal = bool(p.rel) and p.rel[0] == "fiscal"
        return p if p.rel else None
    if any(w in ("fiscal", "financial", "fy") for w in low):
        p.fiscal = True
    digits = "".join(t.text for t, w in zip(tokens, low) if w not in ("fiscal", "financial", "fy", "year"))
    if _whole(p, digits):
        return p
    for i, tok in enumerate(tokens):
        text, lw = tok.text, low[i]
        if lw in lex.months or lw in lex.weekdays or lw in lex.seasons:
            if _named(tok):
                return None
        if _YEAR_RE.match(text):
            if not _is_year(tok):
                return None
            p.years.append(int(text))
            p.name = p.name or _in_name(tok)
        elif m := _YEAR_MOD_RE.match(text):  # "mid-2026", "mid-2030s": one token
            p.mod = {"early": "start"}.get(m[1].lower(), m[1].lower())
            if m[3] and m[2].endswith("0"):
                p.decade = int(m[2])
            elif m[3]:
                return None
            else:
                p.years.append(int(m[2]))
        elif m := _DECADE_RE.match(text):
            p.decade = int(m[1])
        elif m := _MONTH_MOD_RE.match(text):  # "mid-September": one token
            if m[2].lower() not in lex.months:
                return None
            p.mod, p.month = m[1].lower(), lex.months[m[2].lower()]
        elif lw in lex.months and (tok.is_title or tok.is_upper):
            p.month = lex.months[lw]
        elif lw in lex.weekdays:
            p.weekday = lex.weekdays[lw]
        elif lw in lex.seasons:
            p.season = lex.seasons[lw]
        elif m := _QUARTER_RE.match(text):
            p.quarter = int(m[1])
        elif m := _HALF_RE.match(text):
            p.half = int(m[1])
        elif lw in ("quarter", "half"):
            before = [w for w in low[:i] if w != "-"]
            n = 4 if before[-1:] in (["final"], ["last"]) else lex.numbers.get(before[-1] if before else "")
            if n is None:
                return None
            p.quarter, p.half = (n, p.half) if lw == "quarter" else (p.quarter, n)
        elif _DAY_RE.match(text) and any(w in lex.months for w in low):
            day = int(_DAY_RE.match(text)[1])
            p.day, p.day2 = (day, None) if p.day is None else (p.day, day)  # "Sept. 22-23": both ends
        elif lw in _SHIFTS:
            p.shift = _SHIFTS[lw]
        elif lw == "year" and p.month is not None and p.shift is not None:
            p.rel, p.shift = ("year", p.shift, False), None  # "March next year"
        elif lw not in _FILLERS and lw not in _ORDINALS and lw not in ("final", "fiscal", "financial", "fy"):
            return None
    return p


def _named(tok: Token) -> bool:
    """A month, weekday or season word that is part of a name: "the Sunday Times", "Theresa May", "Arab Spring"."""
    if tok.ent_type_ in _NAME_ENTS:
        return True
    lex = _lex()
    if tok.lower_ in lex.weekdays or tok.ent_type_ == "DATE" or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.pos_ == "PROPN" and prev.is_title and prev.lower_ not in lex.months and prev.lower_ not in lex.weekdays


def _resolve(p: _Parts, pub: date | None, back: bool | None) -> tuple[list[_T], bool] | None:
    """The times the parts name, and whether they are explicitly past; None when nothing can be resolved."""
    if p.rel is not None:
        unit, off, needs_mod = p.rel
        if pub is None or (needs_mod and p.mod is None):
            return None
        if p.month is not None:  # "March next year"
            return [_T(pub.year + off, p.month)], off < 0
        if unit == "year" or unit == "fiscal":
            y = pub.year + off
            return _quarters(p, y) if (p.quarter or p.half) else [_T(y)], off < 0 or p.mod == "earlier"
        if unit == "month":
            return [_T(*_add_months(pub.year, pub.month, off))], off < 0 or p.mod == "earlier"
        if unit == "week":  # "early this week": by its Wednesday
            end = _week_end(pub, off)
            return [_day(date(end.y, end.m, end.d) - timedelta(days=4)) if p.mod == "start" else end], off < 0
        if unit == "day":
            return [_day(pub + timedelta(days=off))], off < 0
        if unit == "decade":
            return [_T(pub.year // 10 * 10 + 10 * (off + 1))], off < 0
        if unit == "century":  # "by mid-century": 2050 in this century
            return [_T(pub.year // 100 * 100 + off)], False
        if unit == "quarter":
            y, q = divmod(pub.year * 4 + (pub.month - 1) // 3 + off, 4)
            return [_T(y, 3 * q + 3), _T(y)], off < 0
        return None
    if p.decade is not None:
        return [_T(p.decade)], False
    if p.years:
        if p.month is not None and p.day is not None:
            readings = [(p.month, p.day)] + ([(p.day, p.month)] if p.swap else []) + \
                ([(p.month, p.day2)] if p.day2 else [])
            try:
                return [_day(date(p.years[0], m, d)) for m, d in readings], False
            except ValueError:
                return None
        if p.month is not None:
            return [_T(y, p.month) for y in p.years], False
        if p.season is not None:
            y = p.years[0]
            return [_T(y)] + [_T(y, m) for m in p.season], False
        if p.quarter or p.half:
            return [t for y in p.years for t in _quarters(p, y)], False
        return [_T(y) for y in dict.fromkeys(p.years)], False
    if pub is None:
        return None
    if p.month is not None and p.day is not None:
        t = _month_day(pub, p.month, p.day, back)
        if t is None:
            return None
        return [t] + ([_T(t.y, p.month, p.day2)] if p.day2 else []), False
    if p.month is not None:
        return [_T(_month(pub, p.month, back, p.shift), p.month)], p.shift == -1
    if p.weekday is not None:
        return [_weekday(pub, p.weekday, back, p.shift)], p.shift == -1
    if p.season is not None:
        last = max(m for m in p.season if m != 12) if 12 in p.season else max(p.season)
        y = _month(pub, last, bool(back), p.shift)
        return [_T(y)] + [_T(y, m) for m in p.season], p.shift == -1
    if p.quarter or p.half:
        end = 3 * p.quarter if p.quarter else 6 * (p.half or 1)
        y = _month(pub, end, bool(back), p.shift)
        return _quarters(p, y), p.shift == -1
    return None


def _quarters(p: _Parts, y: int) -> list[_T]:
    """A quarter or half: its last month ("by the third quarter"), its first where it is "early in" it."""
    end = 3 * p.quarter if p.quarter else 6 * (p.half or 1)
    return [_T(y, end - (2 if p.quarter else 5) if p.mod == "start" else end), _T(y)]


def _apply_mod(p: _Parts, mod: str | None) -> None:
    if mod is None:
        return
    if mod.startswith("q"):
        p.quarter = int(mod[1])
    elif mod.startswith("h"):
        p.half = int(mod[1])
    p.mod = mod
