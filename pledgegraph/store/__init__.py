"""The one door to the store. Everything else reads and writes through `TripleStore`; only this package (and
the server's query worker, which evaluates on a snapshot of the embedded store) touches pyoxigraph's store.

- `embedded.OxigraphStore`: Oxigraph on disk, the default, one command and nothing to run;
- `remote.RemoteStore`: any SPARQL 1.1 engine over HTTP (Virtuoso, Oxigraph's server, Fuseki), chosen with
  `--store-url` / PLEDGEGRAPH_STORE_URL, for graphs and loads one machine cannot hold (docs/scale.md)."""
from __future__ import annotations

import os

from pledgegraph.settings import Settings
from pledgegraph.store.base import (DUMP_FORMATS, GRAPHS_QUERY, QueryResult, TripleStore, is_boolean,
                                    is_solutions, term_value)
from pledgegraph.store.embedded import OxigraphStore, is_store
from pledgegraph.store.remote import Endpoints, RemoteStore, credentials

__all__ = ["DUMP_FORMATS", "GRAPHS_QUERY", "Endpoints", "OxigraphStore", "QueryResult", "RemoteStore", "TripleStore",
           "is_boolean", "is_solutions", "is_store", "open_store", "store_for", "term_value"]


def open_store(path: str | os.PathLike[str] | None, read_only: bool = False, url: str = "", update_url: str = "",
               union_param: str = "", timeout: float = 30.0) -> TripleStore:
    """The engine at `url` when one is given, else Oxigraph at `path` (None: in memory)."""
    if url:
        return RemoteStore(Endpoints.of(url, update_url, union_param), read_only=read_only, timeout=timeout,
                           login=credentials())
    return OxigraphStore(path, read_only=read_only)


def store_for(settings: Settings, read_only: bool = False) -> TripleStore:
    """The store the settings name: --store-url's engine, else the --store directory."""
    return open_store(settings.store, read_only=read_only, url=settings.store_url,
                      update_url=settings.store_update_url, union_param=settings.store_union_param,
                      timeout=settings.query_timeout)
