"""The only module that touches pyoxigraph: an on-disk store of named graphs, queried as their union."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef

from pledgegraph.errors import BadQuery, StoreError

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class TripleStore(Protocol):
    """What the rest of pledgegraph needs of a store; a remote SPARQL 1.1 store can implement it too."""

    def replace_graph(self, graph: URIRef, triples: Graph) -> None: ...
    def add_to_graph(self, graph: URIRef, triples: Graph) -> None: ...
    def write_article(self, graph: URIRef, triples: Graph, shared: URIRef, shared_triples: Graph) -> None: ...
    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult: ...
    def update(self, sparql: str) -> None: ...
    def graphs(self) -> dict[str, int]: ...
    def dump(self, out: str | os.PathLike[str] | None, fmt: ox.RdfFormat) -> bytes | None: ...


class OxigraphStore:
    """An embedded Oxigraph store in a directory (None: in memory)."""

    def __init__(self, path: str | os.PathLike[str] | None, read_only: bool = False) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {path}: {e}") from e
        self.path = path
        self.read_only = read_only

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store, for the server's query workers and protocol code."""
        return self._store

    def replace_graph(self, graph: URIRef, triples: Graph) -> None:
        """Atomically replace a named graph's content: a reload leaves no duplicates."""
        body = triples.serialize(format="nt")
        self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")

    def write_article(self, graph: URIRef, triples: Graph, shared: URIRef, shared_triples: Graph) -> None:
        """In one transaction, replace an article's graph and add its triples to a shared graph."""
        body = triples.serialize(format="nt")
        extra = shared_triples.serialize(format="nt")
        self.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}}\n"
                     f"GRAPH <{shared}> {{\n{extra}\n}} }}")

    def add_to_graph(self, graph: URIRef, triples: Graph) -> None:
        """Add triples to a named graph (set semantics: adding twice changes nothing)."""
        body = triples.serialize(format="nt")
        self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")

    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        """Evaluate a query with Oxigraph; the default graph is the union of all graphs unless given."""
        kwargs: dict = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise BadQuery(str(e)) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update (relative IRIs resolved against base_iri)."""
        try:
            self._store.update(sparql, base_iri=base_iri)
        except SyntaxError as e:
            raise BadQuery(str(e)) from e
        except OSError as e:
            raise StoreError(str(e)) from e

    def graphs(self) -> dict[str, int]:
        """Each named graph with its number of triples."""
        rows = self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"].value: int(r["n"].value) for r in rows}

    def __len__(self) -> int:
        return len(self._store)

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def dump(self, out: str | os.PathLike[str] | None, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> bytes | None:
        """Serialise the whole dataset (N-Quads or TriG) to a path or file, or return it as bytes."""
        return self._store.dump(out, format=fmt)

    def flush(self) -> None:
        self._store.flush()


DUMP_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether a directory holds an Oxigraph store (RocksDB's CURRENT and OPTIONS files)."""
    folder = Path(path)
    return (folder / "CURRENT").is_file() and any(folder.glob("OPTIONS-*"))


def open_store(path: str | os.PathLike[str] | None, read_only: bool = False) -> OxigraphStore:
    """Open the store named in the settings."""
    return OxigraphStore(path, read_only=read_only)


def term_value(term: object) -> str:
    """The lexical value of a pyoxigraph term."""
    return getattr(term, "value", str(term))
