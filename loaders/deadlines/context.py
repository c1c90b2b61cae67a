"""Widening and tense: the relation word and modifier before a time, the verb it dates, and which way it points."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from pledgegraph.loaders.deadlines.lexicon import _CLOCK_RE, _FORWARD, _POINT, _lex
from pledgegraph.loaders.lexicons import lexicon


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


def governing_verb(tok: Token) -> Token | None:
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
        # "agreed to uphold it on Monday" may be either (undecided); what one threatens to do lies ahead of the
        # threat ("threatened to strike on October 1"), and what is set or expected to happen ahead of now ("is set
        # to impose tariffs from January")
        ahead = verb.head.lemma_.lower() in lexicon("threat_verbs") or verb.head.lower_ in lexicon("expectation_adjs")
        return "future" if ahead or _tense(verb.head) == "future" else None
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes) or verb.tag_ in ("VB", "VBP", "VBZ") \
            or any(a.tag_ == "VB" and a.lower_ == "be" for a in auxes):  # "insisted the referendum be held in May"
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in ("VBG", "VBN"):
        return "future" if not auxes else None
    return None


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
    return _tense(governing_verb(span.root))


def _backwards(relation: str, tense: str | None, reporting: bool) -> bool | None:
    """Whether a weekday, month or day without a year is the last one (True), the next (False) or the nearest."""
    if relation in _FORWARD or relation == "after":
        return False  # "gave Hamas until Sunday"
    if relation == "since":
        return True
    if tense is not None:
        return tense == "past"
    return True if reporting else None
