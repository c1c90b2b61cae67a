"""The finder: find_times, durations, the dateparser fallback, and how the expressions found are kept and merged."""
from __future__ import annotations

import calendar

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from pledgegraph.loaders.deadlines.calendar_math import _T, _add_months, _day
from pledgegraph.loaders.deadlines.candidates import _Cand, _candidates, _is_year, _split_and
from pledgegraph.loaders.deadlines.context import (
    _backwards, governing_verb, _head, _phrase_before, _relation, _time_tense,
)
from pledgegraph.loaders.deadlines.lexicon import _FORWARD, _HYPHEN_DURATION_RE, _POINT, _YEAR_RE, _lex
from pledgegraph.loaders.deadlines.resolution import _Parts, _apply_mod, _parts, _resolve


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


# ---------------------------------------------------------------- the finder


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
    lasting: bool = False  # "for six months": how long something lasts, a time only from a start the text gives


_APPROXIMATE = {"just", "only", "about", "around", "roughly", "nearly", "almost", "some", "less", "than", "fewer",
                "under", "barely"}  # not "more than": "its first plant in more than 20 years" looks back


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
    while start > 0 and doc[start - 1].lower_ in _APPROXIMATE:
        start -= 1  # "in just 15 years", "within less than six months", "in about two weeks"
    shift = None
    if start > 0 and doc[start - 1].lower_ in ("next", "coming", "following", "past", "last", "first", "another",
                                               "further", "additional"):
        shift = doc[start - 1].lower_
        shift = "next" if shift in ("another", "further", "additional") else shift  # "for another two years"
        start -= 1
        if start > 0 and doc[start - 1].lower_ in ("the", "a", "an"):
            start -= 1
    rel = _phrase_before(doc, start, lex.relations, doc[start].sent.start)
    lasting = rel is not None and doc[rel[0]].lower_ == "for" and shift is None
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
        if last.head.dep_ == "prep" and last.head.lower_ == "of" and last.head.head.pos_ == "NOUN":
            last = last.head.head  # "given a maximum of three months to ...", "a period of 30 days"
        noun = last.head if last.head.i > last.i else None
        if noun is not None and noun.lemma_.lower() in lex.deadline_nouns:
            relation, direction, bare = "within", 1, True
        elif last.dep_ in ("dobj", "obj", "npadvmod", "conj") and last.head.lemma_.lower() in lex.deadline_verbs:
            relation, direction, bare = "within", 1, True
        elif last.dep_ in ("dobj", "obj") and last.head.lemma_.lower() in lex.deadline_verbs_to \
                and doc[c.end:c.end + 1].text.lower() == "to":
            relation, direction, bare = "within", 1, True
        else:
            return None
    return _Dur(start, end, relation, counts, unit, direction, past, bare, lasting)


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
        elif kind == "month":  # "within four months" of 22 May is 22 September
            y, m = _add_months(base.year, base.month, n)
            times.append(_T(y, m, min(base.day, calendar.monthrange(y, m)[1])))
        else:
            times.append(_T(base.year + n))
    return times


def _anchor(doc: Doc, d: _Dur, found: list[TimeExpression], pub: date) -> date:
    """The date a duration counts from: the past day that dates the act it belongs to, if the sentence gives one
    ("announced a 75-day extension Friday", "said on Friday they would act within four days"), else publication."""
    root = doc[d.start:d.end].root
    verb = governing_verb(root)
    above = {t.i for t in root.ancestors} | {root.i}
    for t in found:
        other = governing_verb(doc[t.head])
        if not (t.past and t.relation in _POINT and len(t.values) == 1 and len(t.values[0]) == 10):
            continue
        if other is not None and (other.i in above or (verb is not None and other.i == verb.i)):
            return date.fromisoformat(t.values[0])
    return pub


def _from_now(tok: Token) -> bool:
    """"will be paused for 90 days": a period under a future modal starts when it is told."""
    verb = governing_verb(tok)
    return verb is not None and any(a.tag_ == "MD" and a.lower_ != "could" for a in verb.children)


def _period_start(doc: Doc, d: _Dur, found: list[TimeExpression]) -> date | None:
    """"a ten-day truce that takes effect on Monday (April 6)": the day a period starts, where its noun's
    own clause gives it; the period then runs from that day to its end, and both ends are its times."""
    days = [t for t in found if t.relation in ("on", "from", "") and len(t.values) == 1 and len(t.values[0]) == 10]
    if d.lasting:  # "began on June 2 and will stay in force for 72 hours"
        return date.fromisoformat(days[0].values[0]) if days else None
    noun = doc[d.end - 1].head
    if not d.bare or d.direction <= 0 or noun.pos_ != "NOUN":
        return None
    clause = {t.i for c in noun.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
    starts = [t for t in days if not t.past and t.head in clause]
    return date.fromisoformat(starts[0].values[0]) if starts else None


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
            start = _period_start(doc, d, found)
            if d.lasting and start is None and not _from_now(doc[d.start]):
                continue  # "funds three extra nurses for six months": how long, not by when
            base = start or (_anchor(doc, d, found, published) if d.direction > 0 else published)
            ends = [t.iso() for t in _count(d, base)]
            over = max(ends) < published.isoformat()  # "could keep running for 75 days" from 20 January, told in June
            found.append(_expression(doc, d.start, d.end, [base.isoformat(), *ends] if start else ends,
                                     d.relation, d.past or over))
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
        elif p.rel is not None and len(values[0]) == 4:
            values.append(str(int(values[0]) + 1))  # "this fiscal year": the calendar year it starts or ends in
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
            if gap in ("and", "or", "to", "-", "\u2013") and _month_alone(prev) and len(t.values) == 1 \
                    and len(t.values[0]) == 7:  # "in July and August last year": the year is both months'
                year = t.values[0][:4]
                out[-1] = TimeExpression(prev.begin, prev.end, prev.words, (f"{year}{prev.values[0][4:]}",),
                                         prev.relation, t.past, prev.head, prev.in_name)
        out.append(t)
    return out


def _month_alone(t: TimeExpression) -> bool:
    """A month written without its year ("in July"), whose year the calendar guessed."""
    return len(t.values) == 1 and len(t.values[0]) == 7 and not any(ch.isdigit() for ch in t.words)
