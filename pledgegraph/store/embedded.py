"""The embedded store, the default: Oxigraph in a directory on disk (or in memory), queried as the union of its
named graphs."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from pledgegraph.errors import BadQuery, StoreError
from pledgegraph.store.base import DUMP_FORMATS, GRAPHS_QUERY, QueryResult, SparqlWrites


class OxigraphStore(SparqlWrites):
    """An embedded Oxigraph store in a directory (None: in memory)."""

    engine = f"Oxigraph (pyoxigraph {ox.__version__}), embedded"

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
        """The underlying pyoxigraph store, for the server's query workers and snapshots."""
        return self._store

    def query(self, sparql: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None, timeout: float | None = None, union: bool = True) -> QueryResult:
        """Evaluate a query; the default graph is the union of all graphs unless graphs are given. No time
        limit here: the server runs queries in worker processes it can stop (pledgegraph/store/pool.py)."""
        try:
            return evaluate(self._store, sparql, default_graphs, named_graphs, base_iri, union)
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
        return {r["g"].value: int(r["n"].value) for r in self._store.query(GRAPHS_QUERY)}  # type: ignore[index]

    def has_graph(self, graph: str | None) -> bool:
        return graph is None or self._store.contains_named_graph(ox.NamedNode(graph))

    def graph_triples(self, graph: str | None) -> Iterator[ox.Triple]:
        name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        quads = self._store.quads_for_pattern(None, None, None, name)
        return (ox.Triple(q.subject, q.predicate, q.object) for q in quads)

    def create_graph(self, graph: str) -> None:
        self._store.add_graph(ox.NamedNode(graph))

    def __len__(self) -> int:
        return len(self._store)

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def dump(self, out: str | os.PathLike[str] | None, media: str = "application/n-quads") -> bytes | None:
        """Serialise the whole dataset (N-Quads or TriG, by media type) to a path or file, or return it as bytes."""
        return self._store.dump(out, format=DUMP_FORMATS[media])

    def flush(self) -> None:
        self._store.flush()


def evaluate(store: ox.Store, sparql: str, default_graphs: list[str] | None = None,
             named_graphs: list[str] | None = None, base_iri: str | None = None, union: bool = True) -> QueryResult:
    """One query on a pyoxigraph store: over the given graphs, else the union of all (or the default graph);
    a store error (OSError) is the caller's to report."""
    kwargs: dict[str, Any] = {}
    if default_graphs is not None or named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
    elif union:
        kwargs["use_default_graph_as_union"] = True
    try:
        return store.query(sparql, base_iri=base_iri or None, **kwargs)
    except SyntaxError as e:
        raise BadQuery(str(e)) from e


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether a directory holds an Oxigraph store (RocksDB's CURRENT and OPTIONS files)."""
    folder = Path(path)
    return (folder / "CURRENT").is_file() and any(folder.glob("OPTIONS-*"))
