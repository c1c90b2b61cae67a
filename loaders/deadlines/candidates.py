"""Finding the candidate time expressions of a sentence: the Matcher, DATE entities, and which numbers are years."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from pledgegraph.loaders.deadlines.lexicon import (
    _DAY_RE, _DECADE_RE, _FY_RE, _HALF_RE, _HYPHEN_DURATION_RE, _ISO_RE, _MONTH_MOD_RE, _NAME_ENTS,
    _NUMERIC_DATE_RE, _ORDINALS, _PARTS_OF_DAY, _QUARTER_RE, _SLASH_ISO_RE, _TRIGGER_RE, _YEAR_MOD_RE,
    _YEAR_RANGE_RE, _YEAR_RE, _lex,
)


# ---------------------------------------------------------------- candidates


_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _regex(pattern: re.Pattern[str]) -> dict:
    """A Matcher token spec for a compiled pattern, keeping its case-insensitivity."""
    flags = "(?i)" if pattern.flags & re.I else ""
    return {"TEXT": {"REGEX": flags + pattern.pattern}}


_BARE = {"mar", "jun", "jul", "sep"}  # also words and names ("to mar", "Jun Ishikawa"): months only beside a day


def _matcher(vocab: Vocab) -> Matcher:
    """The candidate Matcher for a vocabulary, built once."""
    known = _MATCHERS.get(id(vocab))
    if known is not None and known[0] is vocab:
        return known[1]
    lex = _lex()
    month = {"LOWER": {"IN": [m for m in lex.months if m not in _BARE]}, "IS_TITLE": True,
             "TAG": {"NOT_IN": ["MD", "VB", "VBP", "VBZ"]}}
    dated = {**month, "LOWER": {"IN": list(lex.months)}}  # "Mar 31, 2027": a bare abbreviation beside a day
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
            [dated, day, comma, year], [day, dated, comma, year], [day, {"LOWER": "of"}, month, comma, year],
            [dated, day], [day, dated], [day, {"LOWER": "of"}, month],
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


# ---------------------------------------------------------------- the finder's candidates


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
