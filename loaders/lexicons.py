"""Word lists kept as data files (data/lexicons/*.txt): one entry a line, '#' starts a comment."""
from __future__ import annotations

from functools import lru_cache

from pledgegraph.loaders import DATA

LEXICONS = DATA / "lexicons"


@lru_cache(maxsize=None)
def lexicon(name: str) -> frozenset[str]:
    """The entries of data/lexicons/NAME.txt, lower-cased."""
    lines = (LEXICONS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
