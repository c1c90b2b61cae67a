"""`serve --http-workers 2`: granian workers answer reads on their own query workers, on the newest snapshot of
the one process that holds the store, and send it every write; each connection may reach either worker."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from flask import Flask

from endpoint_helpers import TOKEN, Server, auth, bindings, get, http, make_store, post_form
from pledgegraph.server import forward

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/hw> { ?s ?p ?o } }"
VALUE = "SELECT ?o WHERE { GRAPH <http://example.org/hw> { <http://example.org/s> <http://example.org/p> ?o } }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    store = make_store(tmp_path_factory.mktemp("hw") / "store", 500)
    s = Server(store, {"PLEDGEGRAPH_UPDATE_TOKEN": TOKEN}, "--http-workers", "2", "--query-workers", "2")
    yield s
    s.stop()


def _values(server: Server, query: str, times: int = 16) -> list[list[str]]:
    """The answer to `query`, asked on `times` new connections (so both workers answer some)."""
    return [[row.get("o") or row.get("n") for row in bindings(get(server.sparql, {"query": query},
                                                                  Accept="application/sparql-results+json"))]
            for _ in range(times)]


def _update(server: Server, text: str) -> int:
    return post_form(server.sparql, {"update": text}, **auth()).status


def test_both_workers_answer_and_every_write_is_seen_by_every_read(server: Server) -> None:
    assert all(v == ["0"] for v in _values(server, COUNT))
    assert _update(server, "INSERT DATA { GRAPH <http://example.org/hw> { <http://example.org/s> "
                           "<http://example.org/p> 1 } }") == 204
    assert all(v == ["1"] for v in _values(server, VALUE))  # answers kept from before the write are not reused
    r = http("POST", server.sparql, "DELETE DATA { GRAPH <http://example.org/hw> { <http://example.org/s> "
             "<http://example.org/p> 1 } } ; INSERT DATA { GRAPH <http://example.org/hw> { <http://example.org/s> "
             "<http://example.org/p> 2 } }", {"Content-Type": "application/sparql-update", **auth()})
    assert r.status == 204, r.text
    assert all(v == ["2"] for v in _values(server, VALUE))
    pids = server.worker_pids()
    assert len(pids) >= 2  # the process that holds the store and the granian workers, below the command


def test_the_graph_store_and_the_token_go_through_the_workers(server: Server) -> None:
    graph = "http://example.org/hw-gsp"
    url = f"{server.url}/store?graph={urllib.parse.quote(graph, safe='')}"
    put = http("PUT", url, "<http://example.org/a> <http://example.org/b> 7 .",
               {"Content-Type": "text/turtle", **auth()})
    assert put.status in (201, 204), put.text
    got = http("GET", url, None, {"Accept": "application/n-triples", **auth()})
    assert got.status == 200 and b"<http://example.org/b>" in got.body
    assert all(v == ["1"] for v in _values(server, COUNT.replace("/hw>", "/hw-gsp>"), 8))
    refused = post_form(server.sparql, {"update": "CLEAR ALL"})
    assert refused.status == 401 and "Bearer" in refused.text
    assert all(v == ["1"] for v in _values(server, COUNT.replace("/hw>", "/hw-gsp>"), 4))


def test_a_bad_query_is_a_400_and_pages_are_served(server: Server) -> None:
    bad = get(server.sparql, {"query": "SELECT WHERE {"})
    assert bad.status == 400 and "error" in bad.text.lower()
    home = http("GET", server.url + "/", None, {"Accept": "text/html"})
    assert home.status == 200 and "text/html" in home.header("content-type")
    assert http("GET", server.url + "/health/ready").status == 200


def test_stopping_the_command_stops_every_process_it_started(tmp_path: Path) -> None:
    s = Server(make_store(tmp_path / "store", 200), {}, "--http-workers", "2", "--query-workers", "1")
    family = _descendants(s.proc.pid)
    assert len(family) >= 4  # the primary, its query workers, the granian workers and theirs
    s.stop()
    deadline = time.monotonic() + 20  # a query worker ends when its process's pipe to it closes
    while (alive := [p for p in family if _state(p) != "Z"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive == []


def test_when_the_process_that_holds_the_store_dies_the_command_stops_with_an_error(tmp_path: Path) -> None:
    s = Server(make_store(tmp_path / "store", 200), {}, "--http-workers", "2", "--query-workers", "1")
    family = _descendants(s.proc.pid)
    primary = next(p for p in family if _cmdline(p)[-3:] == ["-m", "pledgegraph", "serve"])
    os.kill(primary, signal.SIGKILL)
    assert s.proc.wait(timeout=60) == 1  # a failure, for a supervisor to restart the whole server
    assert "the process that held the store ended" in s.output()
    deadline = time.monotonic() + 20
    while (alive := [p for p in family if _state(p) != "Z"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive == []


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")[:-1]
    except OSError:
        return []


def _descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout.split()
    children: dict[int, list[int]] = {}
    for child, parent in zip(out[::2], out[1::2]):
        children.setdefault(int(parent), []).append(int(child))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except OSError:
        return "Z"


@pytest.mark.parametrize("method, path, ctype, body, to_primary", [
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"query=ASK%7B%7D", False),
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"update=CLEAR+ALL", True),
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"using-graph-uri=x&update=CLEAR+ALL", True),
    ("POST", "/sparql", "application/x-www-form-urlencoded", b"query=SELECT+%2A+%7B%3Fs+%3Fp+%22update%3D%22%7D",
     False),
    ("POST", "/sparql", "application/sparql-update", b"CLEAR ALL", True),
    ("POST", "/sparql", "application/sparql-query", b"ASK {}", False),
    ("GET", "/sparql", "", b"", False),
    ("GET", "/store", "", b"", True),
    ("PUT", "/store", "text/turtle", b"", True),
    ("GET", "/dump", "", b"", True),
    ("DELETE", "/actor/x", "", b"", True),
    ("GET", "/actor/x", "", b"", False),
])
def test_what_a_worker_sends_to_the_process_that_holds_the_store(method: str, path: str, ctype: str, body: bytes,
                                                                 to_primary: bool) -> None:
    app = Flask(__name__)
    with app.test_request_context(path, method=method, data=body, content_type=ctype or None):
        assert forward.for_primary() is to_primary
