"""Loads the spaCy pipeline named in the settings, once per process."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """The installed spaCy pipeline `name` (a package name; nothing is downloaded)."""
    try:
        return spacy.load(name)
    except OSError as e:
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed: {e}") from e
