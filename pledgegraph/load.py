"""The load job: files -> readers -> extraction -> RDF -> store, one article at a time."""
from __future__ import annotations

import os
import time

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from pledgegraph import tracking
from pledgegraph.errors import PledgegraphError
from pledgegraph.loaders.extract import Extractor
from pledgegraph.loaders.readers import iter_files, read_file
from pledgegraph.loaders.records import Article
from pledgegraph.loaders.to_rdf import to_rdf
from pledgegraph.ontology import ONTOLOGY_TTL
from pledgegraph.ontology.iris import ONTOLOGY_GRAPH, Minter
from pledgegraph.settings import Settings
from pledgegraph.store import TripleStore


@dataclass
class LoadReport:
    """What a load did: per-file outcomes and totals."""

    files: int = 0
    articles: int = 0
    triples: int = 0
    statements: int = 0
    tracks: int = 0
    tracking_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (f"{self.files} files, {self.articles} articles, {self.statements} statements, "
                f"{self.tracks} tracks, {self.triples} triples, {len(self.errors)} errors")


def load_ontology(store: TripleStore) -> None:
    """Put the ontology in its own graph, replacing any older version."""
    store.replace_graph(ONTOLOGY_GRAPH, Graph().parse(ONTOLOGY_TTL, format="turtle"))


def _articles(paths: Iterable[Path], report: LoadReport, tick: Callable[[], None]) -> Iterator[Article]:
    for path in paths:
        report.files += 1
        result = read_file(path)  # never raises: a broken file or line is an error, the good articles still load
        report.errors.extend(str(e) for e in result.errors)
        tick()
        yield from result.articles


def load_paths(paths: Iterable[str | Path], store: TripleStore, settings: Settings,
               tick: Callable[[], None] = lambda: None) -> LoadReport:
    """Load every article in the files and folders named; a bad file is reported, never fatal."""
    report = LoadReport()
    load_ontology(store)
    minter = Minter(settings.base_iri)
    files = list(iter_files(paths))
    extractor = Extractor(settings.model, settings.batch_size, parse_processes(settings.processes, len(files)))
    for extraction in extractor.extract_many(_articles(files, report, tick)):
        if extraction.error:
            report.errors.append(f"{extraction.article.source}: {extraction.error}")
            continue
        try:
            graph_iri, graph, actors = to_rdf(minter, extraction)
        except Exception as e:  # noqa: BLE001 - one article must never stop a load
            report.errors.append(f"{extraction.article.source}: cannot make RDF: {type(e).__name__}: {e}")
            continue
        try:
            store.write_article(graph_iri, graph, minter.actors_graph(), actors)
        except PledgegraphError as e:
            report.errors.append(f"{extraction.article.source}: {e}")
            continue
        report.articles += 1
        report.statements += len(extraction.statements)
        report.triples += len(graph) + len(actors)
    started = time.perf_counter()
    report.tracks = len(tracking.update(store, minter))
    report.tracking_seconds = time.perf_counter() - started
    return report


AUTO_PARALLEL_FILES = 20  # below this, starting a second parsing process costs more than it saves


def parse_processes(setting: int, files: int) -> int:
    """The processes to parse with: the setting, or for 0 both cores on a load large enough to gain."""
    if setting > 0:
        return setting
    return min(2, os.cpu_count() or 1) if files >= AUTO_PARALLEL_FILES else 1


def count_files(paths: Iterable[str | Path]) -> int:
    return sum(1 for _ in iter_files(paths))
