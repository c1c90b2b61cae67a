"""The gist of an action: the lemmas of its content words, sorted. Two reports of one commitment share most of
theirs ("build 500 electric buses" and "has built all 500 electric buses it promised"); tracking compares them."""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Token

from pledgegraph.loaders.lexicons import lexicon, word_in

CONTENT = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}


def gist_of(tokens: Iterable[Token]) -> tuple[str, ...]:
    """Sorted, distinct lemmas of the content words, leaving out stop words, words that only name a commitment
    ("target", "promised") or a report of one ("said"), and months and weekdays (a deadline is compared apart)."""
    out = set()
    for t in tokens:
        if t.pos_ not in CONTENT or t.is_stop or t.is_punct or not t.text.strip():
            continue
        if word_in(t, "commitment_words") or word_in(t, "reporting_verbs") or t.lower_ in _calendar():
            continue
        out.add(t.lemma_.lower() if t.pos_ != "NUM" else t.lower_.replace(",", ""))
    return tuple(sorted(out))


def action_gist(doc: Doc, begin: int, end: int, action: str) -> tuple[str, ...]:
    """The gist of a statement's action, read from its sentence (begin, end: the sentence's characters)."""
    sentence = doc.text[begin:end]
    at = sentence.find(action)
    if at >= 0:
        span = doc.char_span(begin + at, begin + at + len(action), alignment_mode="expand")
        if span is not None:
            return gist_of(span)
    words = set(action.lower().split())
    sent = doc.char_span(begin, end, alignment_mode="expand")
    return gist_of(t for t in (sent or []) if t.lower_ in words)


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    """Month and weekday names (the first column of their lexicons)."""
    return frozenset(e.split()[0] for e in lexicon("time_months") | lexicon("time_weekdays"))


__all__ = ["gist_of", "action_gist"]
