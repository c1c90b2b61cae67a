"""Seeing the server from outside: /health (liveness), /health/ready (the store answers), /metrics in the
Prometheus text format (prometheus_client), and one structured access-log line per request with its duration."""
from __future__ import annotations

import atexit
import collections
import json
import logging
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from pledgegraph.server import context
from pledgegraph.store.pool import QueryRunner

bp = Blueprint("observability", __name__)
access_log = logging.getLogger("pledgegraph.access")

class _BatchingHandler(logging.Handler):
    """Keeps formatted log lines in a bounded buffer that one thread writes to stderr in batches (every
    `interval` seconds): a request never waits on stderr nor wakes a thread per line. When the buffer is full
    (whatever reads stderr has stopped reading) a line is dropped and counted."""

    dropped = 0
    installed: "_BatchingHandler | None" = None  # the one log_without_blocking installed, when it has

    def __init__(self, stream: TextIO, backlog: int, interval: float = 0.05) -> None:
        super().__init__()
        self.stream, self.backlog, self.interval = stream, backlog, interval
        self.lines: collections.deque[str] = collections.deque()
        self.stopped = threading.Event()
        self.writer = threading.Thread(target=self._write_batches, name="log-writer", daemon=True)
        self.writer.start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.add(self.format(record))
        except Exception:  # noqa: BLE001 - a line that cannot be formatted is logging's own error, not the request's
            self.handleError(record)

    def add(self, line: str) -> None:
        """Buffer one formatted line (deque appends are atomic), or drop it when the buffer is full."""
        if len(self.lines) >= self.backlog:
            type(self).dropped += 1
        else:
            self.lines.append(line)

    def _write_batches(self) -> None:
        while not self.stopped.wait(self.interval):
            self._drain()
        self._drain()

    def _drain(self) -> None:
        batch = []
        while self.lines:
            batch.append(self.lines.popleft())
        if batch:
            try:
                self.stream.write("\n".join(batch) + "\n")
                self.stream.flush()
            except (OSError, ValueError):
                type(self).dropped += len(batch)

    def close(self, seconds: float = 2.0) -> None:
        """Write what is buffered, but never wait long on a stderr that is not being read."""
        self.stopped.set()
        self.writer.join(seconds)
        super().close()


def log_without_blocking(level: int = logging.INFO, backlog: int = 10_000) -> logging.Handler:
    """Route the process's log lines (the access log among them) through a bounded buffer to one thread that writes
    them to stderr in batches: a stalled reader of stderr (a full pipe) costs log lines, never the server."""
    root = logging.getLogger()
    root.setLevel(level)
    handler = _BatchingHandler(sys.stderr, backlog)
    handler.setFormatter(logging.Formatter(logging.BASIC_FORMAT))  # "INFO:pledgegraph.access:{...}", as before
    root.handlers[:] = [handler]
    _BatchingHandler.installed = handler
    atexit.register(handler.close)
    return handler


_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class _RunnerCollector(Collector):
    """The query runner's own figures, read when Prometheus scrapes."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        cache = self.app.extensions["pledgegraph"]["cache"]
        answers = CounterMetricFamily("pledgegraph_result_cache_lookups", "Queries answered from the result cache "
                                      "(hit) or by a worker (miss)", labels=["result"])
        answers.add_metric(["hit"], cache.hits)
        answers.add_metric(["miss"], cache.misses)
        yield answers
        yield CounterMetricFamily("pledgegraph_log_lines_dropped", "Log lines dropped because stderr was not being read",
                                  value=_BatchingHandler.dropped)
        runner = self.app.extensions["pledgegraph"].get("runner")
        if not isinstance(runner, QueryRunner):
            return
        waiting = GaugeMetricFamily("pledgegraph_query_queue_depth", "Queries waiting for a worker, by lane",
                                    labels=["lane"])
        busy = GaugeMetricFamily("pledgegraph_query_workers", "Query worker processes, by lane", labels=["lane"])
        for lane in (runner.fast, runner.slow, runner.pages):
            waiting.add_metric([lane.name], lane.waiting)
            busy.add_metric([lane.name], len(lane.all))
        yield waiting
        yield busy
        yield CounterMetricFamily("pledgegraph_query_timeouts", "Queries stopped at a time limit (worker killed)",
                                  value=runner.killed)
        yield CounterMetricFamily("pledgegraph_query_worker_restarts", "Query workers replaced (killed or crashed)",
                                  value=runner.restarts)
        rejected = CounterMetricFamily("pledgegraph_rejected_requests", "Queries turned away, by reason",
                                       labels=["reason"])
        for reason, n in sorted(runner.rejected.items()):
            rejected.add_metric([reason], n)
        yield rejected


class Labelled:
    """A labelled metric's children, kept by their label values: `labels()` locks and checks its arguments on
    every call, which a request pays several times over."""

    def __init__(self, metric: Counter | Histogram) -> None:
        self.metric = metric
        self._children: dict[tuple[str, ...], Counter | Histogram] = {}

    def child(self, *values: str) -> Counter | Histogram:
        found = self._children.get(values)
        if found is None:
            found = self._children.setdefault(values, self.metric.labels(*values))
        return found


def register(app: Flask) -> None:
    """Metrics, the access log and the health routes for one app (each app has its own registry)."""
    registry = CollectorRegistry()
    requests = Counter("pledgegraph_http_requests", "HTTP requests, by route and status", ["route", "status"],
                       registry=registry)
    durations = Histogram("pledgegraph_http_request_duration_seconds", "Time to answer, by route", ["route"],
                          buckets=_BUCKETS, registry=registry)
    queries = Histogram("pledgegraph_query_duration_seconds", "Time a /sparql query took, by outcome",
                        ["outcome"], buckets=_BUCKETS, registry=registry)
    registry.register(_RunnerCollector(app))
    app.extensions["pledgegraph"]["metrics"] = registry
    app.extensions["pledgegraph"]["query_seconds"] = Labelled(queries)
    requests_by, durations_by = Labelled(requests), Labelled(durations)

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _record(resp: Response) -> Response:
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule is not None else "other"
        requests_by.child(route, str(resp.status_code)).inc()
        durations_by.child(route).observe(seconds)
        if access_log.isEnabledFor(logging.INFO):
            line = json.dumps({
                "method": request.method, "path": request.path, "route": route, "status": resp.status_code,
                "ms": round(seconds * 1000, 2), "bytes": resp.calculate_content_length(),
                "client": request.remote_addr})
            if _BatchingHandler.installed is not None:  # the line as the handler would format it, minus logging's
                _BatchingHandler.installed.add(f"INFO:{access_log.name}:{line}")  # per-record machinery
            else:
                access_log.info(line)
        return resp

    app.register_blueprint(bp)


def health() -> Response:
    """Liveness: the process answers HTTP."""
    return Response('{"status": "ok"}\n', mimetype="application/json")


def ready() -> Response:
    """Readiness: a query reaches the store through the workers within two seconds."""
    try:
        context.runner().run({"query": "ASK {}", "format": "json", "max_rows": 1}, timeout=2.0)
    except Exception as e:  # noqa: BLE001 - any failure means not ready, and says why
        body = json.dumps({"status": "unavailable", "reason": f"{type(e).__name__}: {e}"})
        return Response(body + "\n", status=503, mimetype="application/json", headers={"Retry-After": "5"})
    return Response('{"status": "ready"}\n', mimetype="application/json")


def metrics() -> Response:
    from flask import current_app

    return Response(generate_latest(current_app.extensions["pledgegraph"]["metrics"]), content_type=CONTENT_TYPE_LATEST)
