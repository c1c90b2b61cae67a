"""Answers to repeated queries, kept in memory until the store changes.

A news graph is read far more than it is written, and clients repeat the same small queries (an entity's
page data, a dashboard's counts). An answer is kept under the exact request that produced it (the text the
engine ran, the negotiated format, the dataset, the limits) and the store's generation, which every write
advances, so a cached answer is never older than the last write. The cache holds at most `max_bytes` of
answers and none larger than `max_entry` (least recently used first out).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class ResultCache:
    """A bounded, thread-safe map from (request, generation) to a worker's reply."""

    def __init__(self, max_bytes: int = 64 << 20, max_entry: int = 1 << 20) -> None:
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self._items: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @staticmethod
    def key(request: dict[str, Any], generation: int) -> tuple:
        """The request's parts that decide its answer (the server-wide prefix table is one for all)."""
        return (generation, *sorted((k, repr(v)) for k, v in request.items() if k != "prefixes"))

    def get(self, key: tuple) -> dict[str, Any] | None:
        with self._lock:
            reply = self._items.get(key)
            if reply is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return reply

    def put(self, key: tuple, reply: dict[str, Any]) -> None:
        size = len(reply.get("body") or b"")
        if size > self.max_entry:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = reply
            self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old.get("body") or b"")
