"""Queries answered by a remote engine: the same interface as QueryRunner. The engine evaluates (under its own
time limit, and under ours: the request is dropped at the deadline); this server streams the answer, stops at
the row and byte caps, and writes it in the format the client negotiated. At most `max_inside` queries wait on
the engine at once, so cheap requests keep threads."""
from __future__ import annotations

import tempfile
import threading
from typing import Any

from pledgegraph.errors import Busy
from pledgegraph.server.query_runner import QueryRunner
from pledgegraph.server.query_worker import _OPS, answer
from pledgegraph.store import TripleStore


class RemoteRunner:
    """Forwards each query to the store's engine and writes its answer."""

    def __init__(self, store: TripleStore, timeout: float = 30.0, max_inside: int = 6, memory_mib: int = 0) -> None:
        self.store = store
        self.timeout = timeout
        self.generation = 0
        self.killed = 0
        self._inside = threading.BoundedSemaphore(max(1, max_inside))
        # bodies are still parsed in worker processes, where a hostile one costs a request, not the server
        self._parsers = QueryRunner(tempfile.mkdtemp(prefix="pledgegraph-parsers-"), 2, timeout,
                                    memory_mib=memory_mib)

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
            result = self.store.query(request["query"], request.get("default_graphs"), request.get("named_graphs"),
                                      request.get("base_iri"), timeout=limit, union=request.get("union", True))
            return {"ok": True, **answer(result, request)}
        finally:
            self._inside.release()

    def close(self) -> None:
        self._parsers.close()
