"""Time-limited query execution: worker processes, in a fast lane and a slow lane (see QueryRunner), killed and
replaced at their time limit, and under an address-space limit.

Threads cannot be killed and Oxigraph can spend unbounded time inside one next() call, so every query runs
in a worker process (pledgegraph/store/worker.py) that opened the store read-only. When a query passes its
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
from collections import Counter, OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pledgegraph.errors import BadQuery, Busy, NotAcceptable, QueryTimeout, StoreError

log = logging.getLogger(__name__)
_HEADER = struct.Struct(">I")
_START_TIMEOUT = 60.0


class WorkerDied(Exception):
    """The worker's pipe closed: it crashed or was killed."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, store_path: str, memory_mib: int = 0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "pledgegraph.store.worker", store_path,
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
    """Checkpoints of the live store in a private folder beside it; the newest few are kept.

    The newest is named in the folder's CURRENT file, so that the query workers of other processes serving the
    same store (`QueryRunner(follow=...)`) read it too; with `linger` seconds, an older snapshot is kept that long
    after it was replaced, for the queries those processes still run on it (their time limit bounds them)."""

    PREFIX = ".pledgegraph-snapshots-"
    CURRENT = "CURRENT"

    def __init__(self, store: Any, store_path: str, linger: float = 0.0) -> None:
        self.store = store
        self.linger = linger
        parent = Path(store_path).resolve().parent
        self._remove_orphans(parent)
        self.root = Path(tempfile.mkdtemp(prefix=f"{self.PREFIX}{os.getpid()}-", dir=parent))
        self.generation = -1
        self.current = ""
        self._replaced: dict[str, float] = {}  # snapshot -> when a newer one replaced it
        self.take()

    def take(self, in_use: set[str] | frozenset[str] = frozenset()) -> str:
        """A new snapshot of the store as it is now; older ones no running query reads are removed."""
        self.generation += 1
        target = self.root / f"g{self.generation}"
        self.root.mkdir(parents=True, exist_ok=True)  # someone may have removed it
        self.store.backup(str(target))
        if self.current:
            self._replaced[self.current] = time.monotonic()
        self.current = str(target)
        published = self.root / f".{self.CURRENT}.{self.generation}"
        published.write_text(f"{self.generation}\n{self.current}\n", encoding="utf-8")
        published.replace(self.root / self.CURRENT)  # atomic: a reader sees the old name or the new one
        for old in self.root.iterdir():
            name = str(old)
            if old.name == self.CURRENT or name == self.current or name in in_use:
                continue
            if time.monotonic() - self._replaced.get(name, 0.0) >= self.linger:
                shutil.rmtree(old, ignore_errors=True)
                self._replaced.pop(name, None)
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


PROBATION_SECONDS = 30.0
TURNED_AWAY_SECONDS = 10.0  # how long a client the runner turned away (Busy) may not use a lane's kept place
# Set for the process that holds the store when other processes follow its snapshots (serve --http-workers):
# seconds a replaced snapshot is kept for the queries they still run on it.
LINGER_ENV = "PLEDGEGRAPH_SNAPSHOT_LINGER"


class _Lane:
    """Workers that serve one kind of query under one time limit, and the requests waiting for them."""

    def __init__(self, name: str, size: int, limit: float, waiting_room: int) -> None:
        self.name, self.size, self.limit, self.waiting_room = name, size, limit, waiting_room
        self.idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self.all: set[Worker] = set()
        kept = 1 if size > 1 else 0
        self.slots = threading.Semaphore(size - kept)
        # a place kept for clients not turned away lately (QueryRunner._admit): under a flood, the flood's clients
        # are the ones turned away, and a newcomer's query (a probe, another user) runs at once
        self.kept = threading.Semaphore(kept)
        self.waiting = 0
        self.inside = 0  # running or waiting
        self.cap = 1 << 30  # most running or waiting at once
        self.clients: Counter[str] = Counter()  # running or waiting, by client


class QueryRunner:
    """Runs query requests on worker processes in two lanes, each worker under a hard time limit.

    A query the runner has not seen take long goes to the fast lane, whose workers stop it at `fast_limit`
    seconds; one that takes longer there, or took long before, runs in the slow lane under the full limit, and
    so, for PROBATION_SECONDS, do the unknown queries of a client whose query was stopped there (a client
    sending ever-new slow queries would otherwise keep the fast lane busy). So a
    one-millisecond ASK is never queued behind fifty two-second queries. Each lane lets a bounded number of
    requests wait (the rest get Busy at once), drops a waiting request whose client has gone, and lets one
    client hold at most `per_client` of the slow lane's places. A lane of more than one worker keeps one place
    for clients not turned away (Busy) in the last TURNED_AWAY_SECONDS: a flood's clients are soon all turned
    away, and the query of a client arriving during the flood runs at once.

    `store` is the server's pyoxigraph Store: with it, workers read snapshots (safe beside writes);
    without it (a store nobody writes), they read `store_path` itself."""

    def __init__(self, store_path: str, size: int = 4, timeout: float = 30.0, store: Any = None,
                 memory_mib: int = 0, fast_limit: float = 0.5, max_inside: int = 1 << 30,
                 follow: str | None = None, linger: float = 0.0) -> None:
        self.store_path = str(store_path)
        self.memory_mib = memory_mib
        self.timeout = timeout
        self._generation = 0
        self._follow = Path(follow) / Snapshots.CURRENT if follow else None  # another process's snapshots
        self._followed: tuple[int, int, str] = (0, -1, self.store_path)  # (file version, generation, path)
        fast = max(1, size // 2)
        slow = max(1, size - fast)
        self.fast = _Lane("fast", fast, min(fast_limit, timeout), 16 * fast)
        self.slow = _Lane("slow", slow, timeout, 4 * slow)
        self.pages = _Lane("pages", 1, timeout, 64)  # the pages' own queries: never behind the endpoint's
        self.per_client = max(1, slow // 2 + 1)
        self._turned_away: dict[str, float] = {}  # client -> when a query of its was last turned away (Busy)
        # queries running or waiting in each lane at once (each holds an HTTP thread): the slow lane may hold half
        # of what queries may hold, so that long queries never take the threads a cheap one needs
        inside = max(2, max_inside)
        self.slow.cap = max(1, inside // 2)
        self.fast.cap = max(1, inside - self.slow.cap)
        self._seen: OrderedDict[str, float] = OrderedDict()  # query -> seconds it last took
        self._probation: dict[str, float] = {}  # client -> until when its unknown queries skip the fast lane
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self.killed = 0  # workers killed at their time limit
        self.restarts = 0  # workers replaced (killed, crashed)
        self.rejected: Counter[str] = Counter()  # requests turned away, by reason
        self.snapshots: Snapshots | None = None
        if store is not None:
            try:
                self.snapshots = Snapshots(store, self.store_path, linger)
            except OSError as e:
                log.warning("no snapshots beside %s (%s): workers read the store itself", self.store_path, e)
        weakref.finalize(self, QueryRunner._shutdown, self._all, self.snapshots)
        atexit.register(QueryRunner._shutdown, self._all, self.snapshots)

    @property
    def size(self) -> int:
        return self.fast.size + self.slow.size

    @property
    def read_path(self) -> str:
        """The directory workers open: the newest snapshot (this process's, or the one it follows), or the store
        itself."""
        if self._follow is not None:
            return self._current()[1]
        return self.snapshots.current if self.snapshots else self.store_path

    @property
    def generation(self) -> int:
        """Advanced by every write to the store (answers kept from before it are stale)."""
        return self._current()[0] if self._follow is not None else self._generation

    def _current(self) -> tuple[int, str]:
        """The generation and snapshot the followed process last published (its CURRENT file, read again only
        when it changed: a stat per request)."""
        assert self._follow is not None
        try:
            stat = self._follow.stat()  # each publication is a new file: a new inode, whatever the clock's grain
            version = hash((stat.st_ino, stat.st_mtime_ns))
        except OSError:
            return self._followed[1], self._followed[2]  # not yet written, or being replaced: the last one
        if version != self._followed[0]:
            try:
                generation, path = self._follow.read_text(encoding="utf-8").split()
                self._followed = (version, int(generation), path)
            except (OSError, ValueError):
                pass
        return self._followed[1], self._followed[2]

    def changed(self) -> None:
        """The store was written: take a snapshot; workers open it before their next query."""
        with self._lock:
            self._generation += 1
            if self.snapshots:
                self.snapshots.take({w.reading for w in self._all if w.reading})

    def start(self, n: int | None = None) -> None:
        """Start workers ahead of the first queries (the fast lane's first)."""
        with self._lock:
            for lane in (self.fast, self.slow):
                while len(lane.all) < lane.size and len(self._all) < (n or self.size):
                    lane.idle.put(self._new(lane))

    def waiting(self) -> int:
        return self.fast.waiting + self.slow.waiting

    def _new(self, lane: _Lane) -> Worker:
        w = Worker(self.read_path, self.memory_mib)
        lane.all.add(w)
        self._all.add(w)
        return w

    def run(self, request: dict[str, Any], timeout: float | None = None, client: str = "",
            gone: Callable[[], bool] | None = None, page: bool = False) -> dict[str, Any]:
        """Evaluate a request (see query_worker.execute) within the time limit; raise on errors. A page's own
        query (`page`) runs in a lane of its own, so that clients' queries never keep a page waiting."""
        limit = self.timeout if timeout is None else timeout
        started = time.monotonic()
        key = request.get("query") or ""
        if page:
            try:
                return self._in_lane(self.pages, request, started + limit, client, gone)[0]
            except _LaneTimeout:
                raise QueryTimeout(f"the page's query ran past the time limit of {limit:g} s and was stopped") \
                    from None
        if self._fast_first(request, key, client, started, limit):
            try:
                fast = min(limit, self.fast.limit)
                reply, ran = self._in_lane(self.fast, request, started + fast, client, gone, run_limit=fast)
                self._remember(key, ran)
                return reply
            except _LaneFull:
                pass  # the fast lane stayed busy: the slow lane takes it
            except _LaneTimeout:
                self._too_slow(key, client)
        try:
            reply, ran = self._in_lane(self.slow, request, started + limit, client, gone)
        except _LaneTimeout:
            log.warning("query killed after %.1f s", time.monotonic() - started)
            raise QueryTimeout(f"the query ran past the time limit of {limit:g} s and was stopped") from None
        self._remember(key, ran)
        return reply

    def _fast_first(self, request: dict[str, Any], key: str, client: str, started: float, limit: float) -> bool:
        """Whether to try the fast lane: a query known to be fast, or not known at all unless its client's last
        unknown query was stopped there (probation)."""
        if request.get("op") or limit <= 0:
            return False
        took = self._seen.get(key)
        if took is not None:
            return took <= self.fast.limit
        return self._probation.get(client, 0.0) <= started

    def _too_slow(self, key: str, client: str) -> None:
        """A query stopped in the fast lane: known slow from now on, and its client's next unknown queries start
        in the slow lane for a while."""
        self._remember(key, self.fast.limit + 1)
        if client:
            now = time.monotonic()
            if len(self._probation) > 4096:
                self._probation = {c: t for c, t in self._probation.items() if t > now}
            self._probation[client] = now + PROBATION_SECONDS

    def _remember(self, key: str, seconds: float) -> None:
        if key:
            with self._lock:
                self._seen[key] = seconds
                self._seen.move_to_end(key)
                while len(self._seen) > 4096:
                    self._seen.popitem(last=False)

    def _admit(self, lane: _Lane, deadline: float, client: str,
               gone: Callable[[], bool] | None) -> threading.Semaphore:
        """A place in the lane (the semaphore to release), waited for until the deadline; Busy when the waiting
        room is full or the client holds its share; ClientGone when the client hangs up while waiting. A client
        not turned away lately takes the lane's kept place at once if it is free."""
        welcome = time.monotonic() - self._turned_away.get(client, -TURNED_AWAY_SECONDS) >= TURNED_AWAY_SECONDS
        with self._lock:
            if lane is self.slow and lane.clients[client] >= self.per_client:
                raise self._turn_away(client, "client share", f"this client already has {self.per_client} long "
                                      "queries running or waiting; retry when one has finished")
            if welcome and lane.kept.acquire(blocking=False):
                lane.clients[client] += 1
                lane.inside += 1
                return lane.kept
            if lane.inside >= lane.cap:
                if lane is self.fast:
                    raise _LaneFull()  # the slow lane may take it
                raise self._turn_away(client, "lane full", "the server is running or queueing as many queries "
                                      "as it takes; retry in a moment")
            if lane.waiting >= lane.waiting_room:
                raise self._turn_away(client, "queue full", "every query worker is busy and the queue is full; "
                                      "retry in a moment")
            lane.waiting += 1
            lane.clients[client] += 1
            lane.inside += 1
        try:
            while not lane.slots.acquire(timeout=min(0.05, max(0.0, deadline - time.monotonic()))):
                if gone is not None and gone():
                    self.rejected["client gone"] += 1
                    raise ClientGone("the client hung up while its query waited")
                if time.monotonic() >= deadline:
                    if lane is self.fast:
                        raise _LaneFull()
                    raise self._turn_away(client, "waited too long", "every query worker stayed busy for the "
                                          f"whole time limit ({lane.limit:g} s); try again later", QueryTimeout)
        except BaseException:
            with self._lock:
                lane.waiting -= 1
                lane.clients[client] -= 1
                lane.inside -= 1
            raise
        with self._lock:
            lane.waiting -= 1
        return lane.slots

    def _turn_away(self, client: str, reason: str, message: str, kind: type[Exception] = Busy) -> Exception:
        """The error for a request turned away, its client remembered for TURNED_AWAY_SECONDS."""
        self.rejected[reason] += 1
        now = time.monotonic()
        if len(self._turned_away) > 4096:
            self._turned_away = {c: t for c, t in self._turned_away.items() if now - t < TURNED_AWAY_SECONDS}
        self._turned_away[client] = now
        return kind(message)

    def _in_lane(self, lane: _Lane, request: dict[str, Any], deadline: float, client: str,
                 gone: Callable[[], bool] | None, run_limit: float | None = None) -> tuple[dict[str, Any], float]:
        """The reply, and how long the query itself ran: a place is waited for until `deadline`; the query then
        runs until `deadline`, or (`run_limit`) for that long once its worker is ready, so that neither the wait
        nor a fresh worker's start is taken for the query's own slowness."""
        place = self._admit(lane, deadline, client, gone)
        try:
            return self._evaluate(lane, request, deadline, run_limit)
        finally:
            place.release()
            with self._lock:
                lane.clients[client] -= 1
                lane.inside -= 1

    def _evaluate(self, lane: _Lane, request: dict[str, Any], deadline: float,
                  run_limit: float | None) -> tuple[dict[str, Any], float]:
        with self._lock:
            worker = lane.idle.get_nowait() if not lane.idle.empty() else self._new(lane)
        try:
            worker.wait_ready(max(deadline, time.monotonic() + _START_TIMEOUT))
            sent = time.monotonic()
            if run_limit is not None:
                deadline = sent + run_limit
            for _attempt in range(3):
                with self._lock:  # a snapshot a worker is about to read is never removed
                    worker.reading = self.read_path
                worker.send({**request, "path": worker.reading})
                reply = worker.receive(deadline)
                if reply.get("error") != "StaleSnapshot":
                    break
        except TimeoutError:
            self.killed += 1
            self._replace(lane, worker)
            raise _LaneTimeout() from None
        except WorkerDied as e:
            self._replace(lane, worker)
            signal_number = -(worker.proc.returncode or 0)
            if signal_number in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
                # the engine ran out of the memory or stack a query may use: the query's doing, not the server's
                log.warning("query stopped: worker %s died of signal %s", worker.pid, signal_number)
                raise BadQuery(f"the query needed more memory than a query may use ({self.memory_mib} MiB) "
                               "or nested too deeply, and was stopped") from None
            raise StoreError(f"the query worker died: {e}") from None
        except BaseException:
            self._replace(lane, worker)
            raise
        ran = time.monotonic() - sent
        worker.reading = ""
        lane.idle.put(worker)
        if not reply.get("ok"):
            raise _ERRORS.get(reply.get("error", ""), BadQuery)(reply.get("message", "query failed"))
        return reply, ran

    def _replace(self, lane: _Lane, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self.restarts += 1
            lane.all.discard(worker)
            self._all.discard(worker)
            lane.idle.put(self._new(lane))

    def close(self) -> None:
        QueryRunner._shutdown(self._all, self.snapshots)

    @staticmethod
    def _shutdown(workers: set[Worker], snapshots: Snapshots | None = None) -> None:
        for w in list(workers):
            w.kill()
        workers.clear()
        if snapshots:
            snapshots.remove()


class _LaneTimeout(Exception):
    """A query passed its lane's time limit (its worker was killed)."""


class _LaneFull(Exception):
    """No place in the fast lane came free in time."""


class ClientGone(Exception):
    """The client hung up before its query ran: nothing to answer."""


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

    def run(self, request: dict[str, Any], timeout: float | None = None, **_: Any) -> dict[str, Any]:
        from pledgegraph.store.worker import _OPS, execute

        try:
            op = _OPS.get(request.get("op", ""))
            return {"ok": True, **(op(request) if op else execute(self.store, request))}
        except OSError as e:
            raise StoreError(str(e)) from e

    def close(self) -> None:
        """Nothing to stop."""
