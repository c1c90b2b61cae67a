"""The words and token patterns of time expressions: shared constants and the data/lexicons/time_*.txt tables."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
_DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_QUARTER_RE = re.compile(r"^q([1-4])$", re.I)
_HALF_RE = re.compile(r"^h([12])$", re.I)
_FILLERS = {"year", "of", ",", "-", "–", "/", "to", "through", "or", "and", "the", "morning", "afternoon", "evening",
            "night", "midnight", "noon"}
_MONTH_MOD_RE = re.compile(r"^(mid|end|early|late)-([a-z]+\.?)$", re.I)
_HYPHEN_DURATION_RE = re.compile(r"^(\d{1,3})-(day|week|month|year)s?$", re.I)
# every time expression has a digit or one of these word beginnings; a sentence without any is skipped
_TRIGGER_RE = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
                         r"spring|summer|autumn|fall|winter|year|month|week|decade|quarter|half|today|tomorrow|"
                         r"yesterday|tonight|fortnight|day|hour|fy|fiscal|financial|century|q[1-4]|h[12])", re.I)
_CLOCK_RE = re.compile(r"^(\d{1,2}([:.]\d\d)?|\d{1,2}[ap]m|[ap]\.m\.?|noon|midnight|gmt|utc|[ecmp][sd]?t|cet|bst|local|"
                       r"time)$", re.I)
_ORDINALS = {"first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"}
_PARTS_OF_DAY = ["morning", "afternoon", "evening", "night", "midnight", "noon"]
_SHIFTS = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1, "current": 0}
_NAME_ENTS = {"ORG", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "FAC", "NORP", "GPE", "PERSON"}


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
