"""What every store offers, in neutral terms: queries answered as solutions, a boolean or triples; named graphs
written, replaced, listed and dumped. The writes are SPARQL Update, so any engine runs them."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Protocol
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from pledgegraph.formats import NQUADS, TRIG
from pledgegraph.formats.rdf import ENGINE
from pledgegraph.ontology.vocab import ONTOLOGY_IRI

# A query's answer: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE), as pyoxigraph terms.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]

# The formats a whole dataset is dumped in, by media type.
DUMP_FORMATS = {NQUADS: ENGINE[NQUADS], TRIG: ENGINE[TRIG]}


class TripleStore(Protocol):
    """What the rest of pledgegraph needs of a store: `embedded.OxigraphStore` or `remote.RemoteStore`."""

    path: str | os.PathLike[str] | None  # the on-disk directory of an embedded store; None otherwise
    read_only: bool
    engine: str  # what evaluates queries, in words, for the service description

    def query(self, sparql: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None, timeout: float | None = None, union: bool = True) -> QueryResult: ...
    def update(self, sparql: str, base_iri: str | None = None) -> None: ...
    def replace_graph(self, graph: URIRef, triples: Graph) -> None: ...
    def add_to_graph(self, graph: URIRef, triples: Graph) -> None: ...
    def write_article(self, graph: URIRef, triples: Graph, shared: URIRef, shared_triples: Graph) -> None: ...
    def graphs(self) -> dict[str, int]: ...
    def has_graph(self, graph: str | None) -> bool: ...
    def graph_triples(self, graph: str | None) -> Iterable[ox.Triple]: ...
    def create_graph(self, graph: str) -> None: ...
    def quads(self) -> Iterator[ox.Quad]: ...
    def dump(self, out: str | os.PathLike[str] | None, media: str) -> bytes | None: ...
    def flush(self) -> None: ...
    def __len__(self) -> int: ...


class SparqlWrites:
    """Graph writes as SPARQL Update requests, one request each (atomic in every engine we support). With
    `ground_blank_nodes`, blank nodes are first named by a hash of what they describe (RDF canonicalisation, then
    skolem IRIs): Virtuoso refuses them in INSERT DATA, and two loaders writing one graph at once must write the
    same triples, never two copies of an OWL restriction."""

    ground_blank_nodes = False

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        raise NotImplementedError

    def _insert(self, blocks: str) -> str:
        return f"INSERT DATA {{ {blocks} }}"

    def _clearing(self, graph: URIRef) -> str:
        """What empties a graph before it is written again, as the first operation of the same request."""
        return f"DROP SILENT GRAPH <{graph}> ;\n"

    def _nt(self, triples: Graph) -> str:
        """The triples as N-Triples, blank nodes grounded where the store wants it."""
        if not self.ground_blank_nodes or not any(isinstance(t, BNode) for triple in triples for t in triple):
            return triples.serialize(format="nt")
        home = urlsplit(str(ONTOLOGY_IRI))  # https://w3id.org/pledgegraph/ns/.well-known/genid/...
        grounded = to_canonical_graph(triples).skolemize(authority=f"{home.scheme}://{home.netloc}",
                                                         basepath=f"{home.path}/.well-known/genid/")
        return grounded.serialize(format="nt")

    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        """Replace a named graph's content: a reload leaves no duplicates."""
        body = self._nt(triples)
        self.update(self._clearing(graph) + self._insert(f"GRAPH <{graph}> {{\n{body}\n}}"))

    def write_article(self, graph: URIRef, triples: Graph, shared: URIRef, shared_triples: Graph) -> None:
        """In one request, replace an article's graph and add its triples to a shared graph (set semantics, so
        loads that overlap, on one machine or many, end with each article once)."""
        body, extra = self._nt(triples), self._nt(shared_triples)
        self.update(self._clearing(graph)
                    + self._insert(f"GRAPH <{graph}> {{\n{body}\n}}\nGRAPH <{shared}> {{\n{extra}\n}}"))

    def add_to_graph(self, graph: URIRef, triples: Graph) -> None:
        """Add triples to a named graph (adding twice changes nothing)."""
        body = self._nt(triples)
        self.update(self._insert(f"GRAPH <{graph}> {{\n{body}\n}}"))

    def create_graph(self, graph: str) -> None:
        """An empty named graph (where the engine keeps empty graphs at all)."""
        self.update(f"CREATE SILENT GRAPH <{graph}>")


GRAPHS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def term_value(term: object) -> str:
    """The lexical value of a pyoxigraph term."""
    return getattr(term, "value", str(term))


def is_boolean(result: QueryResult) -> bool:
    return isinstance(result, ox.QueryBoolean)


def is_solutions(result: QueryResult) -> bool:
    return isinstance(result, ox.QuerySolutions)
