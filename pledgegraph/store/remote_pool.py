"""Queries answered by a remote engine: the same interface as QueryRunner. The engine evaluates (under its own
time limit, and under ours: the request is dropped at the deadline); this server streams the answer, stops at
the row and byte caps, and writes it in the format the client negotiated. At most `max_inside` queries wait on
the engine at once, so cheap requests keep threads."""
from __future__ import annotations

import shutil
import tempfile
import threading
from typing import Any

from pledgegraph import formats
from pledgegraph.errors import Busy, NotAcceptable
from pledgegraph.formats import choose_media
from pledgegraph.store.base import TripleStore
from pledgegraph.store.pool import QueryRunner
from pledgegraph.store.remote import RemoteStore, query_form
from pledgegraph.store.worker import _OPS, answer

_MAX_BYTES = 64 << 20


class RemoteRunner:
    """Forwards each query to the store's engine and writes its answer."""

    def __init__(self, store: TripleStore, timeout: float = 30.0, max_inside: int = 6, memory_mib: int = 0) -> None:
        self.store = store
        self.timeout = timeout
        self.generation = 0
        self.killed = 0
        self._inside = threading.BoundedSemaphore(max(1, max_inside))
        # bodies are still parsed in worker processes, where a hostile one costs a request, not the server
        self._empty = tempfile.mkdtemp(prefix="pledgegraph-parsers-")  # the workers open no store: parsing only
        self._parsers = QueryRunner(self._empty, 2, timeout, memory_mib=memory_mib)

    def changed(self) -> None:
        self.generation += 1

    def start(self, n: int | None = None) -> None:
        """Nothing to start: the engine runs elsewhere."""

    def run(self, request: dict[str, Any], timeout: float | None = None, **_: Any) -> dict[str, Any]:
        limit = timeout or self.timeout
        if request.get("op") in _OPS:
            return self._parsers.run(request, limit)
        if not self._inside.acquire(timeout=limit):
            raise Busy("the store is answering as many queries as it may; try again shortly")
        try:
            return {"ok": True, **(self._passed_on(request, limit) or self._written(request, limit))}
        finally:
            self._inside.release()

    def _passed_on(self, request: dict[str, Any], limit: float) -> dict[str, Any] | None:
        """The engine's own bytes, where the client wants what the engine wrote (SPARQL JSON, N-Triples) and the
        answer is within the caps: nothing parsed into Python objects, nothing written again."""
        store = self.store
        if not isinstance(store, RemoteStore):
            return None
        graph = query_form(request["query"]) in ("CONSTRUCT", "DESCRIBE")
        try:
            media = choose_media(formats.GRAPH_TYPES if graph else formats.SOLUTIONS_TYPES, request.get("accept"),
                                 request.get("format"), graph)
        except NotAcceptable:
            return None
        got = store.answer_as(request["query"], media, request.get("max_rows", 10_000),
                              request.get("max_bytes") or _MAX_BYTES, request.get("default_graphs"),
                              request.get("named_graphs"), request.get("base_iri"), limit, request.get("union", True))
        if got is None:
            return None
        if isinstance(got, tuple):
            body, rows = got
            return {"media": media, "body": body, "capped": False, "rows": rows}
        return answer(got, request)  # past the row cap: cut and written as on the embedded store

    def _written(self, request: dict[str, Any], limit: float) -> dict[str, Any]:
        result = self.store.query(request["query"], request.get("default_graphs"), request.get("named_graphs"),
                                  request.get("base_iri"), timeout=limit, union=request.get("union", True))
        return answer(result, request)

    def close(self) -> None:
        self._parsers.close()
        shutil.rmtree(self._empty, ignore_errors=True)
