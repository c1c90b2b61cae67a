"""Word lists kept as data files (data/lexicons/*.txt): one entry a line, '#' starts a comment.

A line `@resources/NAME` takes in the entries of a list derived from a public resource (FrameNet, VerbNet:
see data/lexicons/resources/README.md), and `-word` leaves out one of them; the other lines are our own
additions, kept apart under their own comment."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pledgegraph.loaders import DATA

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICONS = DATA / "lexicons"


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    """The entries of data/lexicons/NAME.txt, lower-cased."""
    lines = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    found: set[str] = set()
    for entry in entries:
        if entry.startswith("@"):
            found |= lexicon(entry[1:])
        elif not entry.startswith("-"):
            found.add(entry.lower())
    return frozenset(found - {e[1:].lower() for e in entries if e.startswith("-")})


def word_in(tok: "Token", name: str) -> bool:
    """Whether a token's lemma (or, when the tagger's lemma is off, its plain form) is in a lexicon."""
    entries = lexicon(name)
    lower = tok.lower_
    return tok.lemma_.lower() in entries or lower in entries or any(
        lower.endswith(suffix) and lower[: -len(suffix)] + add in entries
        for suffix, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", "")))
