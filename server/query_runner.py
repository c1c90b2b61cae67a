"""Time-limited query execution: a pool of worker processes that are killed and replaced at the time limit.

Threads cannot be killed and Oxigraph can spend unbounded time inside one next() call, so every query runs
in a worker process (server/query_worker.py) that opened the store read-only. When a query passes its
deadline the worker is killed (SIGKILL) and a fresh one takes its place; the other workers go on serving.
Workers never open the live store, which the server writes and RocksDB compacts (a read-only instance beside
a writer may find its files deleted): they open a snapshot, a RocksDB checkpoint of hard-linked files made by
`Store.backup` (milliseconds). After a write the server calls `changed()`, which makes a new snapshot and
removes the older ones no running query reads; each worker opens the newest before its next query, so every
query sees every write made before it.
A store kept only in memory cannot be shared with processes; it is queried in-process without a hard limit.
"""
from __future__ import annotations

import atexit
import logging
import os
import pickle
import queue
import select
import signal
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from pledgegraph.errors import BadQuery, NotAcceptable, QueryTimeout, StoreError

log = logging.getLogger(__name__)
_HEADER = struct.Struct(">I")
_START_TIMEOUT = 60.0


class WorkerDied(Exception):
    """The worker's pipe closed: it crashed or was killed."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, store_path: str, memory_mib: int = 0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "pledgegraph.server.query_worker", store_path,
                                      str(memory_mib)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.ready = False
        self.pid = self.proc.pid
        self.reading = ""  # the snapshot its running query reads ('' when idle)

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(_HEADER.pack(len(data)) + data)
        except (BrokenPipeError, OSError) as e:
            raise WorkerDied(str(e)) from e

    def _read(self, n: int, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        chunks, got = [], 0
        while got < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            readable, _, _ = select.select([fd], [], [], left)
            if not readable:
                raise TimeoutError
            chunk = os.read(fd, min(n - got, 1 << 20))
            if not chunk:
                raise WorkerDied("worker closed its pipe")
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def receive(self, deadline: float) -> Any:
        (size,) = _HEADER.unpack(self._read(_HEADER.size, deadline))
        return pickle.loads(self._read(size, deadline))

    def wait_ready(self, deadline: float) -> None:
        if self.ready:
            return
        hello = self.receive(deadline)
        if not hello.get("ready"):
            raise StoreError(hello.get("message", "the query worker could not start"))
        self.ready = True

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                if pipe:
                    pipe.close()
            except OSError:
                pass


# A worker's error names -> what the client gets (QueryFailed: Oxigraph refused to evaluate the query).
_ERRORS = {"BadQuery": BadQuery, "NotAcceptable": NotAcceptable, "StoreError": StoreError,
           "StaleSnapshot": StoreError, "QueryFailed": BadQuery}


class Snapshots:
    """Checkpoints of the live store in a private folder beside it; the newest few are kept."""

    PREFIX = ".pledgegraph-snapshots-"

    def __init__(self, store: Any, store_path: str) -> None:
        self.store = store
        parent = Path(store_path).resolve().parent
        self._remove_orphans(parent)
        self.root = Path(tempfile.mkdtemp(prefix=f"{self.PREFIX}{os.getpid()}-", dir=parent))
        self.generation = -1
        self.current = ""
        self.take()

    def take(self, in_use: set[str] | frozenset[str] = frozenset()) -> str:
        """A new snapshot of the store as it is now; older ones no running query reads are removed."""
        self.generation += 1
        target = self.root / f"g{self.generation}"
        self.root.mkdir(parents=True, exist_ok=True)  # someone may have removed it
        self.store.backup(str(target))
        self.current = str(target)
        for old in self.root.iterdir():
            if str(old) != self.current and str(old) not in in_use:
                shutil.rmtree(old, ignore_errors=True)
        return self.current

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @classmethod
    def _remove_orphans(cls, parent: Path) -> None:
        """Snapshot folders left by a server that was killed."""
        for d in parent.glob(cls.PREFIX + "*"):
            pid = d.name[len(cls.PREFIX):].split("-")[0]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                shutil.rmtree(d, ignore_errors=True)


class QueryRunner:
    """Runs query requests on up to `size` worker processes, each under a hard time limit.

    `store` is the server's pyoxigraph Store: with it, workers read snapshots (safe beside writes);
    without it (a store nobody writes), they read `store_path` itself."""

    def __init__(self, store_path: str, size: int = 4, timeout: float = 30.0, store: Any = None,
                 memory_mib: int = 0) -> None:
        self.store_path = str(store_path)
        self.memory_mib = memory_mib
        self.size = max(1, size)
        self.timeout = timeout
        self.generation = 0
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.killed = 0  # how many workers were killed at their time limit
        self.snapshots: Snapshots | None = None
        if store is not None:
            try:
                self.snapshots = Snapshots(store, self.store_path)
            except OSError as e:
                log.warning("no snapshots beside %s (%s): workers read the store itself", self.store_path, e)
        weakref.finalize(self, QueryRunner._shutdown, self._all, self.snapshots)
        atexit.register(QueryRunner._shutdown, self._all, self.snapshots)

    @property
    def read_path(self) -> str:
        """The directory workers open: the newest snapshot, or the store itself."""
        return self.snapshots.current if self.snapshots else self.store_path

    def changed(self) -> None:
        """The store was written: take a snapshot; workers open it before their next query."""
        with self._lock:
            self.generation += 1
            if self.snapshots:
                self.snapshots.take({w.reading for w in self._all if w.reading})

    def start(self, n: int | None = None) -> None:
        """Start workers ahead of the first queries."""
        with self._lock:
            while len(self._all) < min(self.size, n or self.size):
                w = Worker(self.read_path, self.memory_mib)
                self._all.add(w)
                self._idle.put(w)

    def _checkout(self, deadline: float) -> Worker:
        """An idle worker; when it was the last one, a spare starts for the next client (up to `size`)."""
        try:
            worker = self._idle.get_nowait()
            if self._idle.empty():
                self._spare()
            return worker
        except queue.Empty:
            pass
        with self._lock:
            if len(self._all) < self.size:
                w = Worker(self.read_path, self.memory_mib)
                self._all.add(w)
                return w
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for the whole time limit "
                               f"({self.timeout:g} s); try again later") from None

    def _spare(self) -> None:
        with self._lock:
            if len(self._all) < self.size:
                w = Worker(self.read_path, self.memory_mib)
                self._all.add(w)
                self._idle.put(w)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            fresh = Worker(self.read_path, self.memory_mib)
            self._all.add(fresh)
        self._idle.put(fresh)

    def run(self, request: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """Evaluate a request (see query_worker.execute) within the time limit; raise on errors."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        deadline = started + limit
        worker = self._checkout(deadline)
        try:
            worker.wait_ready(max(deadline, time.monotonic() + _START_TIMEOUT))
            for _attempt in range(3):
                with self._lock:  # a snapshot a worker is about to read is never removed
                    worker.reading = self.read_path
                worker.send({**request, "path": worker.reading})
                reply = worker.receive(deadline)
                if reply.get("error") != "StaleSnapshot":
                    break
        except TimeoutError:
            self.killed += 1
            self._replace(worker)
            log.warning("query killed after %.1f s (worker %s)", time.monotonic() - started, worker.pid)
            raise QueryTimeout(f"the query ran past the time limit of {limit:g} s and was stopped") from None
        except WorkerDied as e:
            self._replace(worker)
            signal_number = -(worker.proc.returncode or 0)
            if signal_number in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
                # the engine ran out of the memory or stack a query may use: the query's doing, not the server's
                log.warning("query stopped: worker %s died of signal %s", worker.pid, signal_number)
                raise BadQuery(f"the query needed more memory than a query may use ({self.memory_mib} MiB) "
                               "or nested too deeply, and was stopped") from None
            raise StoreError(f"the query worker died: {e}") from None
        except BaseException:
            self._replace(worker)
            raise
        worker.reading = ""
        self._idle.put(worker)
        if not reply.get("ok"):
            raise _ERRORS.get(reply.get("error", ""), BadQuery)(reply.get("message", "query failed"))
        return reply

    def close(self) -> None:
        QueryRunner._shutdown(self._all, self.snapshots)

    @staticmethod
    def _shutdown(workers: set[Worker], snapshots: Snapshots | None = None) -> None:
        for w in list(workers):
            w.kill()
        workers.clear()
        if snapshots:
            snapshots.remove()


class InProcessRunner:
    """The fallback for a store held only in memory: same interface, no hard time limit."""

    def __init__(self, store: Any, timeout: float = 30.0) -> None:
        self.store = store
        self.timeout = timeout
        self.generation = 0
        self.killed = 0

    def changed(self) -> None:
        self.generation += 1

    def start(self, n: int | None = None) -> None:
        """Nothing to start."""

    def run(self, request: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        from pledgegraph.server.query_worker import execute, parse

        try:
            return {"ok": True, **(parse(request) if request.get("op") == "parse" else execute(self.store, request))}
        except OSError as e:
            raise StoreError(str(e)) from e

    def close(self) -> None:
        """Nothing to stop."""
