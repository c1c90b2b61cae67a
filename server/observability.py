"""Seeing the server from outside: /health (liveness), /health/ready (the store answers), /metrics in the
Prometheus text format (prometheus_client), and one structured access-log line per request with its duration."""
from __future__ import annotations

import atexit
import json
import logging
import logging.handlers
import queue
import sys
import time
from collections.abc import Iterator

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from pledgegraph.server import context
from pledgegraph.store.pool import QueryRunner

bp = Blueprint("observability", __name__)
access_log = logging.getLogger("pledgegraph.access")

class _DroppingQueueHandler(logging.handlers.QueueHandler):
    """Hands records to the writer thread; when its queue is full (whatever reads stderr has stopped reading), the
    record is dropped and counted, so that a request thread never waits on the log."""

    dropped = 0

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            type(self).dropped += 1


def log_without_blocking(level: int = logging.INFO, backlog: int = 10_000) -> logging.handlers.QueueListener:
    """Route the process's log lines (the access log among them) through a bounded queue to one thread that writes
    them to stderr: a stalled reader of stderr (a full pipe) costs log lines, never the server."""
    records: queue.Queue[logging.LogRecord] = queue.Queue(backlog)
    root = logging.getLogger()
    root.setLevel(level)
    root.handlers[:] = [_DroppingQueueHandler(records)]
    writer = logging.StreamHandler(sys.stderr)
    writer.setFormatter(logging.Formatter(logging.BASIC_FORMAT))  # "INFO:pledgegraph.access:{...}", as before
    listener = logging.handlers.QueueListener(records, writer)
    listener.start()
    atexit.register(_flush, listener)
    return listener


def _flush(listener: logging.handlers.QueueListener, seconds: float = 2.0) -> None:
    """At exit, let the writer thread write what is queued, but never wait on a stderr that is not being read."""
    try:
        listener.enqueue_sentinel()
    except queue.Full:
        return
    if listener._thread is not None:  # type: ignore[attr-defined]
        listener._thread.join(seconds)  # type: ignore[attr-defined]


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
                                  value=_DroppingQueueHandler.dropped)
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
    app.extensions["pledgegraph"]["query_seconds"] = queries

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _record(resp: Response) -> Response:
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule is not None else "other"
        requests.labels(route, str(resp.status_code)).inc()
        durations.labels(route).observe(seconds)
        if access_log.isEnabledFor(logging.INFO):
            access_log.info(json.dumps({
                "method": request.method, "path": request.path, "route": route, "status": resp.status_code,
                "ms": round(seconds * 1000, 2), "bytes": resp.calculate_content_length(),
                "client": request.remote_addr}))
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
