"""Attacks on the endpoint, each written as a test: what an attacker sends, and what must not happen.

The SERVICE allow-list and the row cap must hold whatever the query text looks like, so a fuzzer writes
thousands of queries that mix comments, IRIs, strings of every quoting, escapes, `<` and `>` comparisons and
prefixes around a hidden SERVICE call and a hidden LIMIT, and checks what the engine does with the text the
endpoint hands it: it never calls the listening loopback server, and never returns more rows than the cap.
"""
from __future__ import annotations

import random
import time
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from endpoint_helpers import Server, bindings, get, make_store, post_form

from pledgegraph.errors import BadQuery
from pledgegraph.store.worker import execute
from pledgegraph.server.sparql_text import canonical

N_QUERIES = 3000
MAX_ROWS = 7


class _Trap(BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers anything with one row, and counts who called."""

    calls: list[str] = []

    def _answer(self) -> None:
        type(self).calls.append(self.path)
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"leak"}}]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def trap() -> Iterator[str]:
    """A loopback HTTP server that records every request made to it; yields its SERVICE IRI."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trap)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def _store() -> ox.Store:
    """Forty triples whose patterns the fuzzed queries match, so that evaluation reaches every clause."""
    store = ox.Store()
    p = ox.NamedNode("http://e/p")
    for i in range(40):
        store.add(ox.Quad(ox.NamedNode(f"http://e/s{i}"), p, ox.Literal(str(i), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))))
    return store


_QUOTES = ["'", '"', "'''", '"""']
_LEADS = ["1<2#>", "?o<3#>", "1<2#", "", "<2#>", "?o<?o#>", "1 <2#>", "#", "#\\u000A", "\\u0023"]
_BITS = ["", "", "", "1", "?o", "1<2", "?o>0", " ", "?o<?o", "true", "'a'", '"b"@en']


def _hidden(rng: random.Random, trap: str) -> str:
    """One query: a real pattern, then a SERVICE call to the trap (or none) between an opener and a closer
    that one reader takes for the ends of a string, an IRI or a comment, and a LIMIT above the cap."""
    service = rng.choice([f"SERVICE <{trap}> {{ ?q ?r ?t }}", "SERVICE p:sparql { ?q ?r ?t }",
                          f"SERVICE SILENT <{trap}> {{}}", f"sErViCe<{trap}>{{}}", ""])
    prefix = f"PREFIX p: <{trap.rsplit('/', 1)[0]}/> " if rng.random() < 0.7 else ""
    bit = lambda: rng.choice(_BITS)  # noqa: E731
    gap = lambda: rng.choice(["", "\n", "\n", " "])  # noqa: E731
    quote = rng.choice(_QUOTES)
    opener = rng.choice(_LEADS) + (quote if rng.random() < 0.8 else rng.choice(_QUOTES))
    closer = rng.choice(["#", "", "\\u0023"]) + (quote if rng.random() < 0.8 else rng.choice([*_QUOTES, ">", "\n"]))
    middle = f"FILTER({bit()}{opener}{gap()}{bit()}){gap()}{service}{gap()}{bit()}"
    return (f"{prefix}SELECT * {{ ?s <http://e/p> ?o {middle} }}{gap()}{closer}{gap()}"
            f"LIMIT {rng.choice([1000, 100000])}{rng.choice(['', ' #', chr(10)])}")


def _run(store: ox.Store, text: str) -> dict | None:
    try:
        return execute(store, {"query": text, "max_rows": MAX_ROWS, "format": "json"})
    except (BadQuery, SyntaxError, OSError):
        return None


def test_no_fuzzed_query_reaches_an_unlisted_service_or_passes_the_row_cap(trap: str) -> None:
    rng = random.Random(20261204)
    store = _store()
    queries = [_hidden(rng, trap) for _ in range(N_QUERIES)]
    _Trap.calls.clear()
    reached, over_cap, ran = [], [], 0
    for query in queries:
        try:
            c = canonical(query, "http://base.example/")
        except ValueError:
            continue  # refused as unreadable (400): the engine never sees it
        if c.services or c.loads:
            continue  # the endpoint refuses it: the trap is on no allow-list here
        before = len(_Trap.calls)
        reply = _run(store, c.text)
        ran += reply is not None
        if len(_Trap.calls) > before:
            reached.append(query)
        if reply is not None and reply["rows"] > MAX_ROWS:
            over_cap.append(query)
    assert not reached, f"{len(reached)} queries reached the trap, e.g. {reached[0]!r}"
    assert not over_cap, f"{len(over_cap)} queries passed the row cap, e.g. {over_cap[0]!r}"
    assert ran >= 1
    # The fuzzer has teeth: handed the text as the client wrote it, the engine calls the trap.
    _Trap.calls.clear()
    for query in queries[:1500]:
        _run(store, query)
    assert _Trap.calls, "the fuzzer should find the texts that two readers cut differently"


_FILLERS = ["", "BIND('} LIMIT 3' AS ?x)", 'BIND("""} LIMIT 3 #""" AS ?x)', "# } LIMIT 3\n",
            "FILTER(?o<30 || ?o>1)", "FILTER(1<2#>\n)", "{ SELECT * { ?s <http://e/p> ?o } LIMIT 2 }",
            "OPTIONAL { ?s <http://e/q> ?z }", "BIND(<http://e/x#> AS ?y)", "?s <http://e/p> ?o2 ."]
_MODIFIERS = ["", "LIMIT 100000", "LIMIT 3", "OFFSET 1", "ORDER BY ?o", "#LIMIT 3\n", "LIMIT 3 #\n",
              "ORDER BY DESC(?o) LIMIT 100000"]


def test_the_row_cap_holds_whatever_limit_the_text_seems_to_have() -> None:
    rng = random.Random(11)
    store = _store()
    ran = 0
    for _ in range(600):
        fillers = " ".join(rng.choice(_FILLERS) for _ in range(rng.randint(0, 3)))
        query = f"SELECT * {{ ?s <http://e/p> ?o {fillers} }} {rng.choice(_MODIFIERS)}"
        try:
            reply = _run(store, canonical(query).text)
        except ValueError:
            continue
        if reply is not None:
            ran += 1
            assert reply["rows"] <= MAX_ROWS, query
    assert ran > 300


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, trap: str) -> Iterator[Server]:
    """A live server whose allow-list names only itself."""
    s = Server(make_store(tmp_path_factory.mktemp("attacks") / "store", 2000),
               {"PLEDGEGRAPH_SERVICE_ALLOW": "http://127.0.0.1:{port}/sparql"}, "--max-rows", str(MAX_ROWS))
    yield s
    s.stop()


def test_the_live_endpoint_refuses_or_defuses_hidden_services(server: Server, trap: str) -> None:
    rng = random.Random(7)
    _Trap.calls.clear()
    for _ in range(150):
        r = post_form(server.sparql, {"query": _hidden(rng, trap)})
        assert r.status in (200, 400), r.text
        assert r.status == 400 or len(bindings(r)) <= MAX_ROWS
    assert _Trap.calls == []
    assert bindings(get(server.sparql, {"query": "SELECT (1 AS ?one) {}"})) == [{"one": "1"}]


def test_load_obeys_the_allow_list(tmp_path: Path, trap: str) -> None:
    from endpoint_helpers import auth, http

    s = Server(make_store(tmp_path / "store", 500), {"PLEDGEGRAPH_UPDATE_TOKEN": "tok"})
    _Trap.calls.clear()
    try:
        for update in (f"LOAD <{trap}>", f"LOAD SILENT <{trap}> INTO GRAPH <http://e/g>",
                       f"PREFIX t: <{trap.rsplit('/', 1)[0]}/> LOAD t:sparql"):
            r = http("POST", s.sparql, update, {"Content-Type": "application/sparql-update", **auth("tok")})
            assert r.status == 400 and "refused" in r.text, r.text
    finally:
        s.stop()
    assert _Trap.calls == []


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that takes writes, with a 1 GiB address space per query worker and a 2 MB result limit."""
    s = Server(make_store(tmp_path_factory.mktemp("guarded") / "store", 2000), {"PLEDGEGRAPH_UPDATE_TOKEN": "tok"},
               "--query-memory", "1024", "--max-result-bytes", "2000000", "--query-timeout", "20")
    yield s
    s.stop()


def _alive(server: Server) -> None:
    assert bindings(get(server.sparql, {"query": "SELECT (1 AS ?one) {}"})) == [{"one": "1"}]


def test_a_string_doubled_past_the_memory_limit_is_stopped_with_a_clear_error(guarded: Server) -> None:
    doublings = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(30))
    query = f'SELECT (STRLEN(?s30) AS ?n) {{ BIND("xxxxxxxxxxxxxxxx" AS ?s0) {doublings} }}'
    r = post_form(guarded.sparql, {"query": query})
    assert r.status == 400 and "memory" in r.text, r.text
    _alive(guarded)


def test_a_result_of_huge_values_is_cut_at_the_byte_limit(guarded: Server) -> None:
    value = '"' + "y" * 10_000 + '"'
    query = f"SELECT ?v {{ VALUES ?i {{ {' '.join(map(str, range(400)))} }} BIND(CONCAT({value}, STR(?i)) AS ?v) }}"
    r = post_form(guarded.sparql, {"query": query})
    assert r.status == 200 and r.headers.get("x-results-capped")
    assert 1_000_000 < len(r.body) < 2_500_000


def test_nesting_thousands_deep_is_refused_in_queries_and_updates(guarded: Server) -> None:
    from endpoint_helpers import http

    deep = "SELECT * { " + "{ " * 5000 + "} " * 5000 + "}"
    r = post_form(guarded.sparql, {"query": deep})
    assert r.status == 400 and "deep" in r.text
    update = "INSERT DATA { " + "<http://e/s> <http://e/p> ( " * 5000 + ") " * 5000 + "}"
    r = http("POST", guarded.sparql, update, {"Content-Type": "application/sparql-update",
                                              "Authorization": "Bearer tok"})
    assert r.status == 400 and "deep" in r.text
    _alive(guarded)


def test_hostile_graph_store_bodies_cost_one_request(guarded: Server) -> None:
    from endpoint_helpers import http

    store = guarded.url + "/store?graph=http://e/g"
    headers = {"Authorization": "Bearer tok"}
    nested = '{"@context": {"@vocab": "http://e/"}, "p": ' + '{"p": ' * 20000 + '"x"' + "}" * 20000 + "}"
    r = http("PUT", store, nested, {**headers, "Content-Type": "application/ld+json"})
    assert r.status == 400, r.text
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
            '<rdf:Description rdf:about="http://e/s"><e:p>&b;</e:p></rdf:Description></rdf:RDF>')
    r = http("PUT", store, bomb, {**headers, "Content-Type": "application/rdf+xml"})
    assert r.status == 400 and "entity" in r.text
    r = http("PUT", store, "<http://e/s> <http://e/p> <http://e/o> .", {**headers, "Content-Type": "text/turtle"})
    assert r.status == 201
    _alive(guarded)


def test_slow_connections_do_not_stop_a_normal_client(server: Server) -> None:
    import socket

    slow = []
    try:
        for _ in range(150):  # slowloris: connections that send half a request and then nothing
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(sock)
        started = time.monotonic()
        _alive(server)
        assert time.monotonic() - started < 2.0
    finally:
        for sock in slow:
            sock.close()


def test_a_huge_body_is_refused_before_it_is_read(server: Server) -> None:
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 1000000000\r\n\r\nSELECT")
        reply = sock.recv(4096)
        assert reply.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 2.0, reply[:200]


def test_serve_refuses_a_path_that_is_not_a_store(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    for path, flags, says in ((tmp_path / "mistyped", [], "no store"), (folder, [], "not a pledgegraph store"),
                              (folder, ["--create"], "not a pledgegraph store")):
        r = subprocess.run([sys.executable, "-m", "pledgegraph", "serve", "--store", str(path), "--port", "0", *flags],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode != 0 and says in r.stderr, r.stderr
    assert not (tmp_path / "mistyped").exists() and sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_links_follow_the_listening_address_not_a_strangers_headers(server: Server) -> None:
    import socket

    def page(source: str, headers: str) -> str:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10, source_address=(source, 0)) as sock:
            sock.sendall(f"GET /ns HTTP/1.1\r\nHost: evil.example\r\n{headers}Connection: close\r\n\r\n".encode())
            return b"".join(iter(lambda: sock.recv(65536), b"")).decode("utf-8", "replace")

    forged = "X-Forwarded-Host: evil.example\r\nX-Forwarded-Prefix: /phish\r\nX-Forwarded-Proto: https\r\n"
    stranger = page("127.0.0.5", forged)  # a client that is no proxy of ours
    assert "evil.example" not in stranger and "/phish" not in stranger
    assert f"http://127.0.0.1:{server.port}/" in stranger
    proxy = page("127.0.0.1", "X-Forwarded-Host: pledges.example.org\r\nX-Forwarded-Proto: https\r\n")
    assert "https://pledges.example.org/" in proxy  # the proxy on this host is believed


@pytest.mark.parametrize("period", ["0000", "2027-13", "2027-00", "abc", "20271"])
def test_a_bad_period_is_a_400_with_a_message(server: Server, period: str) -> None:
    r = get(server.url + "/deadlines", {"period": period})
    assert r.status == 400 and "period" in r.text


def test_the_query_page_has_the_headers_of_every_page(server: Server) -> None:
    r = get(server.sparql, Accept="text/html")
    assert r.status == 200 and r.media == "text/html"
    csp = r.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "default-src 'none'" in csp
    assert r.headers.get("x-content-type-options") == "nosniff"
    assert "<script>" not in r.text  # no inline script: the page's own code is a file the policy allows


def test_updates_are_rehearsed_without_changing_what_they_do(guarded: Server) -> None:
    from endpoint_helpers import http

    headers = {"Content-Type": "application/sparql-update", "Authorization": "Bearer tok"}
    r = http("POST", guarded.sparql, "INSERT DATA { GRAPH <http://e/r> { <http://e/s> <http://e/p> 1 } }", headers)
    assert r.status == 204
    # on the empty store of the rehearsal this graph does not exist; on the real one it does, and goes
    assert http("POST", guarded.sparql, "DROP GRAPH <http://e/r>", headers).status == 204
    r = http("POST", guarded.sparql, "INSERT DATA {\n  <http://e/s> <http://e/p> }", headers)
    assert r.status == 400 and "error at 2:" in r.text, r.text  # the position is the client's text's
