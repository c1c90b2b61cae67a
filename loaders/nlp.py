"""Loads the spaCy pipeline named in the settings, once per process, with paragraph-aware sentences."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex
from spacy.tokens import Doc


@Language.component("pledgegraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: news text keeps one paragraph (or caption, or bullet) a line."""
    starts = [0]
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text.endswith("\n") or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
            starts.append(tok.i + 1)
    for start in starts:
        _dateline(doc, start)
    return doc


_DASHES = {"--", "\u2014", "\u2013", "-"}


def _dateline(doc: Doc, start: int) -> None:
    """"BERLIN -- Germany's ...", "Lima, May 2 (Andina)--The ...": the story starts after the dash."""
    for tok in doc[start:min(start + 12, len(doc) - 1)]:
        if "\n" in tok.text:
            return
        spaced = tok.text != "-" or doc[tok.i - 1].whitespace_ or tok.whitespace_
        if tok.text in _DASHES and spaced and tok.i > start and (
                doc[tok.i - 1].text == ")" or doc[tok.i - 1].is_upper or doc[tok.i - 1].is_title):
            doc[tok.i + 1].is_sent_start = True
            return


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """The installed spaCy pipeline `name` (a package name; nothing is downloaded)."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise RuntimeError(f"spaCy pipeline {name!r} is not installed: {e}") from e
    _split_dashes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("pledgegraph_paragraphs", before="parser")
    return nlp


def _split_dashes(nlp: Language) -> None:
    """Split "Press)--The" and "word—word" so datelines and dashes become their own tokens."""
    extra = [r"--", r"\u2014", r"(?<=[A-Za-z])\)(?=-)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + extra).finditer


def tokenizer_of(doc: Doc):  # type: ignore[no-untyped-def]
    """A function that tokenises text with the vocabulary of `doc` (for phrase patterns)."""
    return _TOKENIZERS.setdefault(id(doc.vocab), spacy.blank("en", vocab=doc.vocab).tokenizer)


_TOKENIZERS: dict[int, object] = {}
