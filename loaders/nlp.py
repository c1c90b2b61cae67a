"""Loads the spaCy pipeline named in the settings, once per process, with paragraph-aware sentences."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pledgegraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: news text keeps one paragraph (or caption, or bullet) a line."""
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text.endswith("\n") or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """The installed spaCy pipeline `name` (a package name; nothing is downloaded)."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed: {e}") from e
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("pledgegraph_paragraphs", before="parser")
    return nlp


def tokenizer_of(doc: Doc):  # type: ignore[no-untyped-def]
    """A function that tokenises text with the vocabulary of `doc` (for phrase patterns)."""
    return _TOKENIZERS.setdefault(id(doc.vocab), spacy.blank("en", vocab=doc.vocab).tokenizer)


_TOKENIZERS: dict[int, object] = {}
