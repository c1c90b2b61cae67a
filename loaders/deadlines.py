"""Deadlines: finds the time expressions of a sentence and normalises them against the publication date.

Candidates come from a spaCy Matcher built from the lexicons in data/lexicons/time_*.txt (months,
weekdays, seasons, relative phrases, durations), plus the sentence's DATE entities that the lexicons do
not cover, parsed with dateparser ("September the 30th, 2027"). Each candidate is widened to the left by a
modifier ("the end of", "mid-", "the third quarter of") and a relation word ("by", "within", "since"), then
resolved to ISO values: "2027", "2027-09" or "2027-09-30", the likeliest first.

A four-digit number is a year only where it stands as one: not after a currency sign, a quantifier ("up to")
or an identifier word ("Resolution"), not before a unit or an amount word ("%", "million", "GMT"), and not
counting a plural noun ("2030 soldiers"; "1990 levels" is a year: time_year_nouns.txt).

Choices the guide leaves open (tested in tests/test_deadlines.py):
- A year inside a name ("Vision 2030", "Agenda 2063") is still a year, marked ``in_name=True``.
- A quarter gives its last month, then its year: "Q3 2026" -> ("2026-09", "2026"); a half likewise
  ("the first half of 2026" -> ("2026-06", "2026")).
- A season gives its year, then its months: "summer 2026" -> ("2026", "2026-06", "2026-07", "2026-08");
  winter YEAR is that year's January, February and December.
- "this week", "next week", "the end of the week" -> the date of that (ISO) week's Sunday.
- A weekday, a month or a day without a year: deadline words ("by", "until", "within", "before") take the next
  one on or after publication ("gave Hamas until Sunday"); otherwise the verb that governs the expression
  decides: past tense -> the last one on or before publication ("said on Tuesday", "in August, X said"),
  future -> the next one; where no verb decides, ``past_tense_reporting`` means the last one, else the
  nearest one either way ("following the April 22 attack").
- "the end of the decade" / "this decade" -> the year that closes it (2030 for the 2020s); "the 2030s" -> 2030.
- "fiscal 2025", "FY25" -> "2025"; "fiscal 2025-26" -> ("2025", "2026"); an end the text gives is added:
  "the fiscal year ending March 31, 2026" -> (.., "2026-03-31"); a month without a year ends fiscal YEAR in
  YEAR+1 when it is January to March (Japan, India, the UK), else in YEAR (the United States).
- A duration counts from publication ("within 50 days", "a 50-day ultimatum", "has 60 days to", "gave them
  four days"), or from the day the sentence dates the act by ("announced a 75-day extension Friday",
  "said on Friday they would act within four days"): days and weeks give a date, months a year-month, years
  a year; "the next 10 to 15 years" gives both ends.
- "by 2035 or 2040" is one expression with both values; "in 2026 and 2027" two, sharing the relation.
- ``relation`` adds "after" to the brief's list ("after 2030" is no deadline).
- Vague times ("soon", "in the coming weeks", "within days") and every relative time when ``published``
  is None are not returned: there is nothing to resolve them against.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pledgegraph.loaders.lexicons import LEXICONS

RELATIONS = ("by", "in", "on", "until", "within", "since", "ago", "at", "after", "")
_FORWARD = {"by", "until", "within"}  # deadline relations: they look forward from the act
_POINT = {"in", "on", "at", ""}  # point-in-time relations: reporting times when the verb is past

_YEAR = r"(?:19|20|21)\d\d"
_YEAR_RE = re.compile(rf"^{_YEAR}$")
_YEAR_MOD_RE = re.compile(rf"^(mid|end|early|late|start)-?({_YEAR})(s?)$", re.I)
_YEAR_RANGE_RE = re.compile(rf"^({_YEAR})[-–/]((?:19|20|21)?\d\d)$")
_ISO_RE = re.compile(rf"^({_YEAR})-(\d\d)-(\d\d)$")
_FY_RE = re.compile(r"^fy-?(\d\d|(?:19|20|21)\d\d)(?:[-–/](\d\d|\d{4}))?$", re.I)
_DECADE_RE = re.compile(r"^((?:19|20|21)\d0)s$")
_NUMERIC_DATE_RE = re.compile(rf"^(\d{{1,2}})[/.](\d{{1,2}})[/.]({_YEAR})$")
_SLASH_ISO_RE = re.compile(rf"^({_YEAR})[/.](\d\d)[/.](\d\d)$")
_DAY_RE = re.compile(r"^([1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_QUARTER_RE = re.compile(r"^q([1-4])$", re.I)
_HALF_RE = re.compile(r"^h([12])$", re.I)
_FILLERS = {"year", "of", ",", "-", "–", "/", "to", "through", "or", "and", "the", "morning", "afternoon", "evening",
            "night", "midnight", "noon"}
_MONTH_MOD_RE = re.compile(r"^(mid|end|early|late)-([a-z]+\.?)$", re.I)
_HYPHEN_DURATION_RE = re.compile(r"^(\d{1,3})-(day|week|month|year)s?$", re.I)
# every time expression has a digit or one of these word beginnings; a sentence without any is skipped
_TRIGGER_RE = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
                         r"spring|summer|autumn|fall|winter|year|month|week|decade|quarter|half|today|tomorrow|"
                         r"yesterday|tonight|fortnight|day|hour|fy|q[1-4]|h[12])", re.I)
_CLOCK_RE = re.compile(r"^(\d{1,2}([:.]\d\d)?|\d{1,2}[ap]m|[ap]\.m\.?|noon|midnight|gmt|utc|[ecmp][sd]?t|cet|bst|local|"
                       r"time)$", re.I)
_ORDINALS = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"}
_PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "midnight", "noon"]
_SHIFTS = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1, "current": 0}
_NAME_ENTS = {"ORG", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "FAC", "NORP", "GPE", "PERSON"}


@dataclass(frozen=True)
class TimeExpression:
    """One time expression of a sentence, normalised."""

    begin: int  # char offsets in the Doc
    end: int
    words: str  # as written, including its preposition: "by 2027", "within 50 days"
    values: tuple[str, ...]  # normalised: ("2027",), ("2027-09",), ("2027-09-30",); several when ambiguous
    relation: str  # "by" | "in" | "on" | "until" | "within" | "since" | "ago" | "at" | "after" | ""
    past: bool  # refers to a time before publication (or "since ...", "ago", "last year")
    head: int  # doc index of the token the expression attaches to the sentence by
    in_name: bool = False  # a year inside a name: "Vision 2030", "Agenda 2063"


# ---------------------------------------------------------------- lexicons


def _table(name: str) -> list[list[str]]:
    """The rows of data/lexicons/NAME.txt: tab-separated fields, '#' lines skipped."""
    rows = []
    for line in (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([f.strip() for f in line.split("\t")])
    return rows


@dataclass(frozen=True)
class _Lex:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, ...]]
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]
    relations: dict[tuple[str, ...], str]
    modifiers: dict[tuple[str, ...], str]
    relative: dict[tuple[str, ...], tuple[str, int, bool]]
    year_nouns: frozenset[str]
    not_before: frozenset[tuple[str, ...]]
    quantifiers: frozenset[tuple[str, ...]]
    not_after: frozenset[str]
    deadline_nouns: frozenset[str]
    deadline_verbs: frozenset[str]
    deadline_verbs_to: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    def words(key: str) -> tuple[str, ...]:
        return tuple(key.lower().split())

    relative = {}
    for key, spec in _table("time_relative"):
        unit, offset, *flag = spec.split()
        relative[words(key)] = (unit, int(offset), bool(flag))
    units = {}
    for key, spec in _table("time_units"):
        unit, mult = spec.split()
        units[key] = (unit, int(mult))
    not_year = _table("time_not_year")
    deadline = _table("time_deadline_nouns")
    return _Lex(
        months={k: int(v) for k, v in _table("time_months")},
        weekdays={k: int(v) for k, v in _table("time_weekdays")},
        seasons={k: tuple(int(m) for m in v.split()) for k, v in _table("time_seasons")},
        numbers={k: int(v) for k, v in _table("time_numbers")},
        units=units,
        relations={words(k): v for k, v in _table("time_relations")},
        modifiers={words(k): v for k, v in _table("time_modifiers")},
        relative=relative,
        year_nouns=frozenset(r[0] for r in _table("time_year_nouns")),
        not_before=frozenset(words(v) for k, v in not_year if k == "before"),
        quantifiers=frozenset(words(v) for k, v in not_year if k == "quantifier"),
        not_after=frozenset(v for k, v in not_year if k == "after"),
        deadline_nouns=frozenset(v for k, v in deadline if k == "noun"),
        deadline_verbs=frozenset(v for k, v in deadline if k == "verb"),
        deadline_verbs_to=frozenset(v for k, v in deadline if k == "verb-to"),
    )


# ---------------------------------------------------------------- candidates


_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _regex(pattern: re.Pattern[str]) -> dict:
    """A Matcher token spec for a compiled pattern, keeping its case-insensitivity."""
    flags = "(?i)" if pattern.flags & re.I else ""
    return {"TEXT": {"REGEX": flags + pattern.pattern}}


def _matcher(vocab: Vocab) -> Matcher:
    """The candidate Matcher for a vocabulary, built once."""
    known = _MATCHERS.get(id(vocab))
    if known is not None and known[0] is vocab:
        return known[1]
    lex = _lex()
    month = {"LOWER": {"IN": list(lex.months)}, "IS_TITLE": True, "TAG": {"NOT_IN": ["MD", "VB", "VBP", "VBZ"]}}
    day = {"TEXT": {"REGEX": _DAY_RE.pattern}}
    year = {"TEXT": {"REGEX": _YEAR_RE.pattern}}
    year_any = {"TEXT": {"REGEX": "|".join(r.pattern for r in (_YEAR_RE, _YEAR_RANGE_RE, _DECADE_RE))}}
    two_digits = {"TEXT": {"REGEX": r"^\d\d$"}}
    comma = {"ORTH": ",", "OP": "?"}
    dash = {"ORTH": {"IN": ["-", "–", "/"]}}
    weekday = {"LOWER": {"IN": list(lex.weekdays)}, "IS_TITLE": True}
    season = {"LOWER": {"IN": list(lex.seasons)}, "POS": {"IN": ["NOUN", "PROPN"]}}
    shift = {"LOWER": {"IN": ["this", "next", "last", "coming", "past"]}}
    num = {"LOWER": {"IN": [k for k, v in lex.numbers.items() if k not in _ORDINALS and not k[0].isdigit()]}}
    digits = {"TEXT": {"REGEX": r"^\d{1,3}$"}}
    unit = {"LOWER": {"IN": list(lex.units)}}
    ordinal = {"LOWER": {"IN": ["first", "second", "third", "fourth", "final", "last", "1st", "2nd", "3rd", "4th"]}}
    fiscal = {"LOWER": {"IN": ["fiscal", "financial"]}}
    patterns: dict[str, list[list[dict]]] = {
        "ABS": [
            [month, day, comma, year], [day, month, comma, year], [day, {"LOWER": "of"}, month, comma, year],
            [month, day], [day, month], [day, {"LOWER": "of"}, month],
            [month, day, {"LOWER": {"IN": ["-", "–", "to", "and"]}}, day, comma, year],
            [day, {"LOWER": {"IN": ["-", "–", "to", "and"]}}, day, month, year],
            [month, day, {"LOWER": {"IN": ["-", "–", "to", "and"]}}, day],
            [day, {"LOWER": {"IN": ["-", "–", "to", "and"]}}, day, month],
            [month, {"LOWER": "of", "OP": "?"}, year], [month, {"ORTH": ","}, year],
            [month], [_regex(_MONTH_MOD_RE)],
            [shift, month], [month, shift, {"LOWER": "year"}],
            [year_any], [_regex(_YEAR_MOD_RE)],
            [_regex(_ISO_RE)], [_regex(_NUMERIC_DATE_RE)], [_regex(_SLASH_ISO_RE)],
            [year, dash, two_digits, dash, two_digits],
            [year, dash, year], [year, {"LOWER": {"IN": ["to", "through", "or", "and"]}}, year],
            [year, dash, two_digits], [_regex(_FY_RE)],
            [{"LOWER": "fy"}, year_any], [fiscal, {"LOWER": "year", "OP": "?"}, year_any],
            [fiscal, {"LOWER": "year", "OP": "?"}, year, dash, two_digits],
            [year_any, fiscal, {"LOWER": "year"}],
            [_regex(_QUARTER_RE), {"ORTH": {"IN": ["/", "-"]}, "OP": "?"}, year],
            [_regex(_QUARTER_RE)], [_regex(_HALF_RE), year],
            [ordinal, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["quarter", "half"]}}],
            [weekday, {"ORTH": ","}, month, day], [weekday, {"ORTH": ","}, month, day, comma, year],
            [weekday, {"ORTH": ","}, day, month], [weekday, {"ORTH": ","}, day, month, year],
            [shift, weekday], [weekday], [weekday, {"LOWER": {"IN": _PARTS_OF_DAY}}],
            [shift, weekday, {"LOWER": {"IN": _PARTS_OF_DAY}}],
            [season], [season, year], [season, {"LOWER": "of"}, year], [shift, season],
        ],
        # one pattern per length, each position any word the phrases have there; _candidates keeps real phrases
        "REL": [[{"LOWER": {"IN": sorted({k[i] for k in lex.relative if len(k) == n})}} for i in range(n)]
                for n in sorted({len(k) for k in lex.relative})],
        "DUR": [
            [num, unit], [digits, unit], [num, {"ORTH": "-"}, unit], [digits, {"ORTH": "-"}, unit],
            [_regex(_HYPHEN_DURATION_RE)],
            [num, {"LOWER": {"IN": ["to", "or"]}}, num, unit], [digits, {"LOWER": {"IN": ["to", "or", "-"]}}, digits, unit],
            [{"LOWER": "half"}, {"LOWER": "a"}, unit],
        ],
    }
    matcher = Matcher(vocab)
    for label, pats in patterns.items():
        matcher.add(label, pats)
    _MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


# ---------------------------------------------------------------- years


def _is_year(tok: Token) -> bool:
    """A four-digit number that is a year where it stands, not an amount, a count or an identifier."""
    lex = _lex()
    doc = tok.doc
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return False
    prev = [t.lower_ for t in doc[max(0, tok.i - 2):tok.i]]
    keys = {tuple(prev[len(prev) - n:]) for n in (1, 2) if len(prev) >= n}
    if keys & lex.not_before:
        return False
    if keys & lex.quantifiers:
        if tok.i > 2 and (doc[tok.i - 3].lower_,) in lex.relations and tuple(prev) in lex.quantifiers:
            return True  # "until at least 2028"
        return tok.ent_type_ == "DATE" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"))
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.not_after:
        return False  # "2030 million", "at 1900 GMT"
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in lex.year_nouns:
        counted = tok.dep_ in ("nummod", "quantmod") and tok.head.i == nxt.i
        after_relation = tok.i > 0 and (doc[tok.i - 1].lower_,) in lex.relations
        if counted or not after_relation:
            return False  # "2030 soldiers", "up to 2030 people"
    return True


def _in_name(tok: Token) -> bool:
    """The year is part of a name: "Vision 2030", "Agenda 2063"."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    lex = _lex()
    if prev.lower_ in lex.months or prev.lower_ in lex.seasons or prev.lower_ in ("fy", "fiscal", "financial"):
        return False
    if _QUARTER_RE.match(prev.text) or _HALF_RE.match(prev.text):
        return False
    named = tok.ent_type_ in _NAME_ENTS and prev.ent_type_ == tok.ent_type_ and prev.ent_iob_ != "O"
    return prev.pos_ == "PROPN" and prev.is_title and (named or tok.head.i == prev.i or prev.head.i == tok.i)


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
        if unit == "week":
            return [_week_end(pub, off)], off < 0
        if unit == "day":
            return [_day(pub + timedelta(days=off))], off < 0
        if unit == "decade":
            return [_T(pub.year // 10 * 10 + 10 * (off + 1))], off < 0
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
    end = 3 * p.quarter if p.quarter else 6 * (p.half or 1)
    return [_T(y, end), _T(y)]


def _apply_mod(p: _Parts, mod: str | None) -> None:
    if mod is None:
        return
    if mod.startswith("q"):
        p.quarter = int(mod[1])
    elif mod.startswith("h"):
        p.half = int(mod[1])
    p.mod = mod


# ---------------------------------------------------------------- widening and tense


def _phrase_before(doc: Doc, start: int, table: dict[tuple[str, ...], str], lo: int) -> tuple[int, str] | None:
    """The longest phrase of `table` that ends right before token `start` (and begins at or after lo)."""
    for n in (4, 3, 2, 1):
        if start - n < lo:
            continue
        key = tuple(t.lower_ for t in doc[start - n:start])
        if key in table:
            return start - n, table[key]
    return None


def _governing_verb(tok: Token) -> Token | None:
    """The nearest verb above the token (the token itself when it is one: "starting Tuesday")."""
    if tok.pos_ == "VERB":
        return tok
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _tense(verb: Token | None) -> str | None:
    """'past', 'future' or None (undecided) for the verb that governs a time."""
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "to" for a in auxes) and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        # an infinitive takes its time from the verb it depends on: "will agree to act on Monday" is future,
        # "agreed to uphold it on Monday" may be either (undecided)
        return "future" if _tense(verb.head) == "future" else None
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes) or verb.tag_ in ("VB", "VBP", "VBZ"):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in ("VBG", "VBN"):
        return "future" if not auxes else None
    return None


# ---------------------------------------------------------------- the finder


@dataclass
class _Cand:
    start: int
    end: int
    label: str


def _candidates(sent: Span) -> list[_Cand]:
    """Longest non-overlapping Matcher matches, plus DATE entities the Matcher did not cover."""
    doc = sent.doc
    if not _TRIGGER_RE.search(sent.text):
        return []
    relative = _lex().relative
    spans = []
    for k, s, e in _matcher(doc.vocab)(sent):
        label = doc.vocab.strings[k]
        if label == "REL" and tuple(t.lower_ for t in sent[s:e]) not in relative:
            continue
        spans.append((sent.start + s, sent.start + e, label))
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    out = []
    for s, e, label in spans:
        if taken.isdisjoint(range(s, e)):
            taken.update(range(s, e))
            out.append(_Cand(s, e, label))
    months = _lex().months
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        toks = range(ent.start, ent.end)
        loose_day = any(i not in taken and _DAY_RE.match(doc[i].text) for i in toks) and \
            any(doc[i].lower_ in months for i in toks)  # "September the 30th, 2027"
        if taken.isdisjoint(toks) or loose_day:
            out = [c for c in out if c.end <= ent.start or c.start >= ent.end]
            out.append(_Cand(ent.start, ent.end, "ENT"))
    return sorted(out, key=lambda c: c.start)


def _split_and(cands: list[_Cand], doc: Doc) -> list[_Cand]:
    """'2026 and 2027' is two times unless 'between' joins them."""
    out = []
    for c in cands:
        low = [t.lower_ for t in doc[c.start:c.end]]
        if c.label == "ABS" and len(low) == 3 and low[1] == "and" and not (c.start and doc[c.start - 1].lower_ == "between"):
            out += [_Cand(c.start, c.start + 1, "ABS"), _Cand(c.end - 1, c.end, "ABS")]
        else:
            out.append(c)
    return out


@dataclass
class _Dur:
    """A duration found in a sentence, to be counted from publication or from the event it belongs to."""

    start: int
    end: int
    relation: str
    counts: list[int]
    unit: tuple[str, int]
    direction: int
    past: bool
    bare: bool  # no preposition: "a 50-day ultimatum", "gave them four days"


def _duration(doc: Doc, c: _Cand) -> _Dur | None:
    """A duration that is a time: "within 50 days", "in the next 11 years", "two years ago", "a 50-day ultimatum"."""
    lex = _lex()
    low = [t.lower_ for t in doc[c.start:c.end]]
    m = _HYPHEN_DURATION_RE.match(low[0])
    if m:
        counts, unit = [int(m[1])], lex.units.get(m[2])
    else:
        if low[0] == "half":
            return None
        unit = lex.units.get(low[-1])
        counts = [int(w) if w.isdigit() else lex.numbers[w] for w in low[:-1] if w.isdigit() or w in lex.numbers]
    if not counts or unit is None:
        return None
    start, end = c.start, c.end
    after = [t.lower_ for t in doc[end:end + 2]]
    relation, past, direction, bare = "", False, 0, False
    if after[:1] == ["ago"]:
        relation, past, direction, end = "ago", True, -1, end + 1
    elif after == ["from", "now"]:
        relation, direction, end = "within", 1, end + 2
    elif after[:1] in (["'"], ["'s"], ["’s"], ["’"]) and doc[end + 1:end + 2].text.lower() == "time":
        direction, end = 1, end + 2
    shift = None
    if start > 0 and doc[start - 1].lower_ in ("next", "coming", "following", "past", "last", "first", "another",
                                               "further", "additional"):
        shift = doc[start - 1].lower_
        shift = "next" if shift in ("another", "further", "additional") else shift  # "for another two years"
        start -= 1
        if start > 0 and doc[start - 1].lower_ in ("the", "a", "an"):
            start -= 1
    rel = _phrase_before(doc, start, lex.relations, doc[start].sent.start)
    if relation != "ago" and rel is not None and rel[1] in ("in", "within", "by", "until"):
        over = doc[rel[0]].lower_ in ("over", "for")  # "over the next year", "a pause for 90 days"
        start, relation = rel[0], ("within" if (shift or rel[1] == "within" or over) else rel[1])
        direction = 1
        if shift in ("past", "last"):
            relation, past, direction = "since", True, -1
    if direction == 0 and shift in ("next", "coming", "following"):
        relation, direction = "within", 1  # "could span the next 10 to 15 years"
    elif direction == 0 and shift in ("past", "last"):
        relation, past, direction = "since", True, -1  # "the past two years have been hard"
    if direction == 0:
        last = doc[c.end - 1]
        noun = last.head if last.head.i > last.i else None
        if noun is not None and noun.lemma_.lower() in lex.deadline_nouns:
            relation, direction, bare = "within", 1, True
        elif last.dep_ in ("dobj", "obj", "npadvmod") and last.head.lemma_.lower() in lex.deadline_verbs:
            relation, direction, bare = "within", 1, True
        elif last.dep_ in ("dobj", "obj") and last.head.lemma_.lower() in lex.deadline_verbs_to \
                and doc[c.end:c.end + 1].text.lower() == "to":
            relation, direction, bare = "within", 1, True
        else:
            return None
    return _Dur(start, end, relation, counts, unit, direction, past, bare)


def _count(d: _Dur, base: date) -> list[_T]:
    """The times a duration reaches from a base date."""
    kind, mult = d.unit
    times = []
    for n in d.counts:
        n *= mult * d.direction
        if kind == "day":
            times.append(_day(base + timedelta(days=n)))
        elif kind == "hour":
            days = -(-abs(n) // 24)
            times.append(_day(base + timedelta(days=days if n > 0 else -days)))
        elif kind == "week":
            times.append(_day(base + timedelta(weeks=n)))
        elif kind == "month":
            times.append(_T(*_add_months(base.year, base.month, n)))
        else:
            times.append(_T(base.year + n))
    return times


def _anchor(doc: Doc, d: _Dur, found: list[TimeExpression], pub: date) -> date:
    """The date a duration counts from: the past day that dates the act it belongs to, if the sentence gives one
    ("announced a 75-day extension Friday", "said on Friday they would act within four days"), else publication."""
    root = doc[d.start:d.end].root
    verb = _governing_verb(root)
    above = {t.i for t in root.ancestors} | {root.i}
    for t in found:
        other = _governing_verb(doc[t.head])
        if not (t.past and t.relation in _POINT and len(t.values) == 1 and len(t.values[0]) == 10):
            continue
        if other is not None and (other.i in above or (verb is not None and other.i == verb.i)):
            return date.fromisoformat(t.values[0])
    return pub


def _fallback(ent: Span, pub: date | None) -> list[_T] | None:
    """A DATE entity the lexicons did not cover, parsed with dateparser when it names a year or month."""
    lex = _lex()
    if not any(_YEAR_RE.match(t.text) or t.lower_ in lex.months for t in ent):
        return None
    if any(_YEAR_RE.match(t.text) and not _is_year(t) for t in ent):
        return None
    from dateparser.date import DateDataParser  # imported here: rarely needed and slow to import

    settings = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(ent.text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    years = {int(t.text) for t in ent if _YEAR_RE.match(t.text)}
    if (years and d.year not in years) or (not years and (pub is None or abs(d.year - pub.year) > 1)):
        return None  # a year dateparser made up ("Sept. 22-23" read as 2123)
    return [{"year": _T(d.year), "month": _T(d.year, d.month)}.get(data.period, _day(d))]


def find_times(sent: Span, published: date | None, past_tense_reporting: bool = False) -> list[TimeExpression]:
    """Every time expression of the sentence that can be normalised, in order.

    `past_tense_reporting` says the sentence reports in the past tense ("X said ..."); it decides the direction
    of a weekday, month or day without a year only where the verb that governs the expression does not."""
    if isinstance(published, datetime):
        published = published.date()
    doc = sent.doc
    found: list[TimeExpression] = []
    durations: list[_Dur] = []
    for c in _split_and(_candidates(sent), doc):
        if c.label == "DUR":
            dur = _duration(doc, c)
            if dur is not None:
                durations.append(dur)
        else:
            t = _time(doc, c, published, past_tense_reporting)
            if t is not None:
                found.append(t)
    if published is not None:  # a duration counts from a date; without one there is none
        for d in durations:
            base = _anchor(doc, d, found, published) if d.direction > 0 else published
            found.append(_expression(doc, d.start, d.end, [t.iso() for t in _count(d, base)], d.relation, d.past))
    return _merge_or(_longest(found), doc)


def _time(doc: Doc, c: _Cand, published: date | None, reporting: bool) -> TimeExpression | None:
    """One ABS, REL or ENT candidate, widened to its modifier and relation, resolved."""
    lex = _lex()
    start, end, lo = c.start, c.end, doc[c.start].sent.start
    p = _Parts() if c.label == "ENT" else _parts(list(doc[start:end]), c.label)
    if p is None:
        return None
    if c.label != "ENT":
        mb = _phrase_before(doc, start, lex.modifiers, lo)
        if mb is None and start > lo and doc[start - 1].lower_ == "the" and doc[start:end].root.head.i < end:
            mb = _phrase_before(doc, start - 1, lex.modifiers, lo)  # "the end of the first quarter"
        if mb is not None:
            start = mb[0]
        _apply_mod(p, mb[1] if mb else p.mod)
    start, relation = _relation(doc, start, end, c.label, lo)
    if [t.lower_ for t in doc[end:end + 3]] == ["at", "the", "latest"]:
        relation, end = relation or "by", end + 3
    tense = _time_tense(doc, start, end, relation)
    if c.label == "ENT":
        times, explicit_past = _fallback(doc[c.start:c.end], published), False
    else:
        res = _resolve(p, published, _backwards(relation, tense, reporting))
        times, explicit_past = res if res else (None, False)
    if not times:
        return None
    values = [t.iso() for t in times]
    head = _head(doc, start, c.start, end, relation)
    if p.fiscal:
        extra = _fiscal_end(doc, end, published, int(values[0][:4]))
        if extra is not None:
            end, more = extra
            values += more
    past = explicit_past or p.mod == "earlier" or relation in ("since", "ago")
    if published is not None:
        pub = (published.year, published.month, published.day)
        if max(t.key() for t in times) < pub:
            past = True
        elif relation in _POINT and tense == "past" and min(t.start() for t in times) <= pub:
            past = True  # a reporting time: "said on Friday", "rose in 2025"
    elif relation not in _FORWARD and relation != "after" and tense == "past":
        past = True
    return _expression(doc, start, end, values, relation, past, p.name, head)


def _relation(doc: Doc, start: int, end: int, label: str, lo: int) -> tuple[int, str]:
    """The relation word before the time, with an optional "the" between ("by the summer"): (new start, relation)."""
    lex = _lex()
    found = _phrase_before(doc, start, lex.relations, lo)
    attributive = doc[start:end].root.head.i >= end  # "on the 2027 deadline": the year qualifies the noun
    if found is None and start > lo and doc[start - 1].lower_ == "the" and not attributive:
        found = _phrase_before(doc, start - 1, lex.relations, lo)
    # "until 6 p.m. (on) Sunday": a clock time between a deadline word and the day
    i = found[0] if found else start
    clock = False
    while i > lo and (_CLOCK_RE.match(doc[i - 1].text) or doc[i - 1].lower_ in ("on", "at")):
        clock = clock or doc[i - 1].lower_ not in ("on", "at")
        i -= 1
    outer = _phrase_before(doc, i, lex.relations, lo) if clock else None
    if outer is not None and outer[1] in _FORWARD:
        found = outer
    if found is None:
        return start, ""
    if label == "REL" and doc[found[0]].lower_ == "over":
        return found[0], "within"  # "over the next year"
    return found


def _head(doc: Doc, start: int, core: int, end: int, relation: str) -> int:
    """The token the expression hangs from: its relation word ("by" in "by 2030-31"), else the root of its words."""
    if relation:
        for i in range(start, core):
            if doc[i].pos_ == "ADP" or doc[i].dep_ == "prep":
                return i
    return doc[start:end].root.i


def _time_tense(doc: Doc, start: int, end: int, relation: str) -> str | None:
    """The tense of the act the time dates: 'past', 'future' or None (undecided)."""
    span = doc[start:end]
    if relation in _POINT and start > 0 and doc[start - 1].tag_ == "VBD":
        return "past"  # "said Monday", "said in February they will ..."
    if not relation and span.root.head.i >= end and span.root.head.pos_ in ("NOUN", "PROPN"):
        return None  # an attribute of a noun ("the 2027 deadline", "the April 22 attack"), not a verb's time
    return _tense(_governing_verb(span.root))


def _backwards(relation: str, tense: str | None, reporting: bool) -> bool | None:
    """Whether a weekday, month or day without a year is the last one (True), the next (False) or the nearest."""
    if relation in _FORWARD or relation == "after":
        return False  # "gave Hamas until Sunday"
    if relation == "since":
        return True
    if tense is not None:
        return tense == "past"
    return True if reporting else None


def _longest(found: list[TimeExpression]) -> list[TimeExpression]:
    """Expressions that overlap no longer one ("in the third quarter" inside "in the third quarter of 2026")."""
    kept: list[TimeExpression] = []
    for t in sorted(found, key=lambda t: (t.begin - t.end, t.begin)):
        if all(t.end <= k.begin or t.begin >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.begin)


def _fiscal_end(doc: Doc, end: int, pub: date | None, label: int) -> tuple[int, list[str]] | None:
    """A fiscal year's end the text gives right after it: "ending March 31, 2026", "that ends in March".

    A month without a year closes the fiscal year labelled `label` in the next calendar year when it is
    January to March (fiscal 2025 ending March: 2026-03, as in Japan, India, the UK), else in the same year
    (fiscal 2026 ending September: 2026-09, as in the United States)."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("that", "which"):
        i += 1
    if i >= len(doc) or doc[i].lemma_.lower() != "end":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in ("in", "on"):
        i += 1
    if i >= len(doc):
        return None
    for c in _candidates(doc[i:doc[i].sent.end]):
        if c.start != i or c.label != "ABS":
            continue
        p = _parts(list(doc[c.start:c.end]), "ABS")
        if p is None:
            continue
        if not p.years and p.month is not None:
            p.years = [label + 1 if p.month <= 3 else label]
        res = _resolve(p, pub, False)
        if res:
            return c.end, [t.iso() for t in res[0]]
    return None


def _expression(doc: Doc, start: int, end: int, values: list[str], relation: str, past: bool,
                in_name: bool = False, head: int | None = None) -> TimeExpression:
    span = doc[start:end]
    return TimeExpression(begin=span.start_char, end=span.end_char, words=span.text,
                          values=tuple(dict.fromkeys(values)), relation=relation, past=past,
                          head=span.root.i if head is None else head, in_name=in_name)


def _merge_or(found: list[TimeExpression], doc: Doc) -> list[TimeExpression]:
    """'by 2035 or 2040' is one expression with two values; 'in 2026 and 2027' shares its relation."""
    out: list[TimeExpression] = []
    for t in found:
        if out and not t.relation:
            prev = out[-1]
            gap = doc.text[prev.end:t.begin].strip().lower()
            if gap in ("or", ", or"):
                values = tuple(dict.fromkeys(prev.values + t.values))
                out[-1] = TimeExpression(prev.begin, t.end, doc.text[prev.begin:t.end], values,
                                         prev.relation, prev.past and t.past, prev.head, prev.in_name)
                continue
            if gap in ("and", ", and") and prev.relation not in ("ago", "since"):
                t = TimeExpression(t.begin, t.end, t.words, t.values, prev.relation, t.past, t.head, t.in_name)
        out.append(t)
    return out
