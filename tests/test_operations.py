"""What an operator sees from outside a live server: health, readiness, Prometheus metrics, the access log."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from endpoint_helpers import Server, get, make_store, post_form
from prometheus_client.parser import text_string_to_metric_families

SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(make_store(tmp_path_factory.mktemp("ops") / "store", 3000), {}, "--query-timeout", "1")
    yield s
    s.stop()


def _metrics(server: Server) -> dict[str, list]:
    r = get(server.url + "/metrics")
    assert r.status == 200 and r.headers["content-type"].startswith("text/plain; version=")
    return {f.name: f.samples for f in text_string_to_metric_families(r.text)}


def test_health_and_readiness(server: Server) -> None:
    assert get(server.url + "/health").json() == {"status": "ok"}
    assert get(server.url + "/health/ready").json() == {"status": "ready"}


def test_metrics_count_requests_timeouts_and_the_queue(server: Server) -> None:
    get(server.sparql, {"query": "ASK {}"})
    get(server.sparql, {"query": "SELEC nothing"})
    assert post_form(server.sparql, {"query": SLOW}).status == 503  # past the one-second limit
    m = _metrics(server)
    by_status = {s.labels["status"]: s.value for s in m["pledgegraph_http_requests"]
                 if s.name.endswith("_total") and s.labels["route"] == "/sparql"}
    assert by_status.get("200", 0) >= 1 and by_status.get("400", 0) >= 1 and by_status.get("503", 0) >= 1
    assert next(s.value for s in m["pledgegraph_query_timeouts"] if s.name.endswith("_total")) >= 1
    assert next(s.value for s in m["pledgegraph_query_worker_restarts"] if s.name.endswith("_total")) >= 1
    assert {s.labels["lane"] for s in m["pledgegraph_query_queue_depth"]} == {"fast", "slow", "pages"}
    outcomes = {s.labels["outcome"] for s in m["pledgegraph_query_duration_seconds"] if s.name.endswith("_count")}
    assert {"ok", "error", "timeout"} <= outcomes


def test_one_structured_access_line_per_request(tmp_path_factory: pytest.TempPathFactory) -> None:
    s = Server(make_store(tmp_path_factory.mktemp("log") / "store", 500), {})
    try:
        get(s.sparql, {"query": "ASK {}"})
        get(s.url + "/no/such/page")
    finally:
        s.stop()
    lines = [json.loads(line.split("pledgegraph.access:", 1)[1]) for line in s.output().splitlines()
             if "pledgegraph.access:" in line]
    assert {(x["path"], x["status"]) for x in lines} >= {("/sparql", 200), ("/no/such/page", 404)}
    assert all(isinstance(x["ms"], float) and x["client"] == "127.0.0.1" for x in lines)


def test_a_repeated_query_is_answered_from_the_cache_until_a_write(tmp_path_factory: pytest.TempPathFactory) -> None:
    from endpoint_helpers import bindings, http

    s = Server(make_store(tmp_path_factory.mktemp("cache") / "store", 500), {"PLEDGEGRAPH_UPDATE_TOKEN": "tok"})
    count = "SELECT (COUNT(*) AS ?n) { GRAPH <http://e/g> { ?s ?p ?o } }"
    try:
        assert bindings(get(s.sparql, {"query": count})) == [{"n": "0"}]
        assert bindings(get(s.sparql, {"query": count})) == [{"n": "0"}]
        hits = {x.labels["result"]: x.value for x in _metrics(s)["pledgegraph_result_cache_lookups"]}
        assert hits["hit"] >= 1
        r = http("POST", s.sparql, "INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/b> 1 } }",
                 {"Content-Type": "application/sparql-update", "Authorization": "Bearer tok"})
        assert r.status == 204
        assert bindings(get(s.sparql, {"query": count})) == [{"n": "1"}]  # the write made the cached answer old
        rand = "SELECT (RAND() AS ?r) {}"
        assert bindings(get(s.sparql, {"query": rand})) != bindings(get(s.sparql, {"query": rand}))
    finally:
        s.stop()


def test_a_client_whose_new_query_was_slow_starts_its_next_new_ones_in_the_slow_lane(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    s = Server(make_store(tmp_path_factory.mktemp("lanes") / "store", 3000), {}, "--query-timeout", "20")
    slow = "SELECT (COUNT(*) AS ?n) {{ BIND({} AS ?k) ?a ?b ?c . ?d ?e ?f }}"
    try:
        def restarts() -> float:
            return next(x.value for x in _metrics(s)["pledgegraph_query_worker_restarts"] if x.name.endswith("_total"))
        assert post_form(s.sparql, {"query": slow.format(1)}).status == 200  # stopped in the fast lane, then run
        after_first = restarts()
        assert after_first >= 1
        assert post_form(s.sparql, {"query": slow.format(2)}).status == 200  # a new text: straight to the slow lane
        assert restarts() == after_first
    finally:
        s.stop()


def test_a_page_past_the_time_limit_answers_503_and_the_server_goes_on(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Pages query through the same workers and time limit as /sparql: none hangs a thread."""
    s = Server(make_store(tmp_path_factory.mktemp("slowpage") / "store", 500), {}, "--query-timeout", "0.001")
    try:
        for path, media in (("/deadlines?period=2027", "text/plain"), ("/.well-known/void", "text/turtle")):
            reply = get(s.url + path, accept=media)
            assert reply.status == 503 and "time limit" in reply.text and reply.header("retry-after"), reply.text
        assert get(s.url + "/health").status == 200
    finally:
        s.stop()


def test_a_stderr_nobody_reads_never_stops_the_server(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The access log goes through a bounded queue: with stderr a pipe no one reads (a full pipe after 64 KB of log
    lines), requests are still answered and the lines beyond the queue are dropped and counted."""
    import os
    import subprocess
    import sys

    from conftest import free_port
    from endpoint_helpers import http

    store = make_store(tmp_path_factory.mktemp("pipe") / "store", 300)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    proc = subprocess.Popen([sys.executable, "-m", "pledgegraph", "serve", "--store", str(store), "--host",
                             "127.0.0.1", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)  # never read
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if get(url + "/health").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        statuses = [http("GET", url + "/health", timeout=5).status for _ in range(1500)]  # ~250 KB of log lines
        assert statuses == [200] * 1500
        assert "pledgegraph_log_lines_dropped_total" in http("GET", url + "/metrics").text
    finally:
        proc.kill()
        proc.wait(10)


def test_log_lines_past_the_backlog_are_dropped_and_counted() -> None:
    import io
    import logging

    from pledgegraph.server.observability import _BatchingHandler

    out = io.StringIO()
    handler, before = _BatchingHandler(out, backlog=1, interval=3600), _BatchingHandler.dropped
    for n in range(3):
        handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, f"line {n}", None, None))
    assert _BatchingHandler.dropped - before == 2 and len(handler.lines) == 1
    handler.close()  # what is buffered is written at the end, in one batch
    assert out.getvalue() == "line 0\n"


def test_a_fast_query_is_not_blamed_for_the_time_its_worker_took_to_start(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast lane stops a query that runs past its limit, counted from when its worker is ready: a worker
    that starts slowly (a fresh one, after another query was stopped) neither stops a one-millisecond query nor
    puts its client on probation (which once kept an `ASK {}` out of the fast lane for good under load)."""
    from pledgegraph.store import pool

    started = pool.Worker.wait_ready

    def slow_start(self: pool.Worker, deadline: float) -> None:
        if not self.ready:
            time.sleep(0.8)  # longer than the fast lane's limit
        started(self, deadline)

    monkeypatch.setattr(pool.Worker, "wait_ready", slow_start)
    runner = pool.QueryRunner(str(make_store(tmp_path_factory.mktemp("blame") / "store", 50)), size=2, timeout=10)
    try:
        ask = {"query": "ASK {}", "format": "json", "max_rows": 1}
        assert runner.run(ask, client="probe")["ok"]
        assert runner.killed == 0 and runner.restarts == 0
        assert runner._fast_first(ask, "ASK {}", "probe", time.monotonic(), 10)  # still known fast, no probation
    finally:
        runner.close()


def test_a_client_arriving_during_a_flood_runs_at_once_on_the_kept_place(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The fast lane keeps a place for clients the runner has not turned away lately: while a turned-away client's
    unknown slow query holds the lane's other place, a newcomer's ASK runs at once instead of waiting for it."""
    import threading

    from pledgegraph.store import pool

    runner = pool.QueryRunner(str(make_store(tmp_path_factory.mktemp("kept") / "store", 3000)), size=4, timeout=5)
    try:
        runner.start(4)
        runner.run({"query": "ASK {}", "format": "json", "max_rows": 1}, client="warm-up")  # workers are up
        runner._turn_away("crowd", "lane full", "turned away")  # as a flood's client soon is
        def flood(i: int) -> None:
            try:
                runner.run({"query": SLOW.replace("?n", f"?n{i}"), "format": "json", "max_rows": 1}, client="crowd")
            except Exception:  # noqa: BLE001 - stopped at the time limit, or turned away: what a flood gets
                pass

        crowd = [threading.Thread(target=flood, args=(i,), daemon=True)
                 for i in range(runner.fast.size)]  # as many as the fast lane has places: every shared one is taken
        for t in crowd:
            t.start()
        time.sleep(0.15)
        started = time.monotonic()
        assert runner.run({"query": "ASK { ?s ?p ?o }", "format": "json", "max_rows": 1}, client="newcomer")["ok"]
        assert time.monotonic() - started < 0.3  # not behind the crowd's 0.5 s in the fast lane
        for t in crowd:
            t.join(10)
    finally:
        runner.close()
