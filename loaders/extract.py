"""Extraction: parses articles with spaCy and runs each extraction concern over the parse."""
from __future__ import annotations

import ctypes
import multiprocessing.util
import os
import signal
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from pledgegraph.loaders import mentions, status
from pledgegraph.loaders import commitments as commitment_rules
from pledgegraph.loaders.gist import action_gist
from pledgegraph.loaders.nlp import load_pipeline
from pledgegraph.loaders.records import Article, Extraction


def _die_with_parent(_: object = None) -> None:
    """In a parse process: be killed when the load that forked it dies (even by kill -9), so that no orphan
    goes on holding the store's files (Linux; elsewhere a no-op)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the line above ran
        os._exit(1)


multiprocessing.util.register_after_fork(_die_with_parent, _die_with_parent)  # spaCy's parse processes fork


class Extractor:
    """Turns articles into Extractions with one spaCy pipeline."""

    def __init__(self, model: str, batch_size: int = 16, processes: int = 1) -> None:
        self.nlp = load_pipeline(model)
        self.batch_size = batch_size
        self.processes = processes

    def extract(self, article: Article) -> Extraction:
        return extract_doc(self.nlp(article.text), article)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in input order, parsing in batches (and in several processes if configured)."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size,
                                          n_process=self.processes):
            yield safe_extract(doc, article)


def safe_extract(doc: Doc, article: Article) -> Extraction:
    """extract_doc, turning a rule's crash on one article into a reported error."""
    try:
        return extract_doc(doc, article)
    except Exception as e:  # noqa: BLE001 - one article must never stop a load
        return Extraction(article=article, error=f"extraction failed: {type(e).__name__}: {e}")


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """Everything the rules find in one parsed article."""
    actors = mentions.resolve(doc, article)
    statements = commitment_rules.find(doc, article, actors)
    for st in statements:
        st.gist = action_gist(doc, st.evidence.begin, st.evidence.end, st.action)
    reports = status.find(doc, article, actors)
    # a status verb read as a statement too ("..., meeting its 2026 target") is the report, not a new pledge
    told = {(r.evidence.begin, r.action) for r in reports}
    statements = [st for st in statements if (st.evidence.begin, st.action) not in told]
    return Extraction(article=article, actors=actors.by_id, statements=statements, reports=reports)
