"""Safe by default, on a live server: hard time limit that kills the work while others are served, the row
cap and its header, SERVICE only to allow-listed endpoints, CORS, body size limits."""
from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_helpers import Server, bindings, get, http, make_store, post_form

from pledgegraph.ontology.vocab import PG, RDFS

TIMEOUT = 2.0
MAX_ROWS = 25


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A 20k-triple store, a 2 s time limit, 25 rows at most, and SERVICE allowed to itself only. A query may use
    6 GiB here, so that the runaway queries meet the time limit, not the memory limit (tested on its own in
    test_attacks.py), however fast the machine builds their products."""
    store = make_store(tmp_path_factory.mktemp("limits") / "store", 20_000)
    s = Server(store, {"PLEDGEGRAPH_SERVICE_ALLOW": "http://127.0.0.1:{port}/sparql"},
               "--query-timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--query-workers", "3",
               "--max-body", "20000", "--query-memory", "6144")
    yield s
    s.stop()


RUNAWAY = {
    # ORDER BY makes Oxigraph build the whole product before the first row (the cap cannot cut it short).
    "cartesian product": "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    "runaway property path": "SELECT (COUNT(*) AS ?n) { ?x (<%s>|^<%s>|<%s>|^<%s>)* ?y }" % (
        PG.mentions, PG.mentions, PG.actor, PG.actor),
    "aggregate over a cross product": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }",
}


@pytest.mark.parametrize("name", list(RUNAWAY))
def test_runaway_query_is_killed_while_another_client_is_served(server: Server, name: str) -> None:
    before = server.worker_pids()
    outcome: dict = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["reply"] = post_form(server.sparql, {"query": RUNAWAY[name]})
        outcome["seconds"] = time.monotonic() - started

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    # Meanwhile a second client is served at normal speed.
    quick = [time.monotonic()]
    rows = bindings(get(server.sparql, {"query": f"SELECT ?l {{ ?a <{RDFS.label}> ?l }} LIMIT 3"}))
    quick.append(time.monotonic())
    t.join(30)
    assert len(rows) == 3
    assert quick[1] - quick[0] < 1.0, "the second client waited on the runaway query"
    reply = outcome["reply"]
    assert reply.status == 503, reply.text[:300]
    assert "time limit" in reply.text and f"{TIMEOUT:g} s" in reply.text
    assert TIMEOUT - 0.5 <= outcome["seconds"] < TIMEOUT + 3
    # The work truly stopped: the worker that ran it is gone and has been replaced.
    after = server.worker_pids()
    assert before - after, "no worker process was killed"
    time.sleep(0.2)
    assert all(not Path(f"/proc/{pid}").exists() for pid in before - after)
    # ... and the server still answers.
    assert bindings(get(server.sparql, {"query": "SELECT (1 AS ?one) {}"})) == [{"one": "1"}]


def test_capped_result_says_so(server: Server) -> None:
    r = get(server.sparql, {"query": "SELECT * { ?s ?p ?o }"})
    assert r.status == 200 and r.headers.get("x-results-capped") == str(MAX_ROWS)
    assert len(bindings(r)) == MAX_ROWS
    small = get(server.sparql, {"query": "SELECT * { ?s ?p ?o } LIMIT 5"})
    assert "x-results-capped" not in small.headers and len(bindings(small)) == 5


def test_capped_construct_says_so(server: Server) -> None:
    r = get(server.sparql, {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, Accept="application/n-triples")
    assert r.headers.get("x-results-capped") == str(MAX_ROWS)
    assert len([line for line in r.text.splitlines() if line.strip()]) == MAX_ROWS


@pytest.mark.parametrize("query", [
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }",
    "SELECT * { BIND(<http://127.0.0.1:9/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:9/> SELECT * { SERVICE x:sparql { ?s ?p ?o } }",
    "BASE <http://127.0.0.1:9/> SELECT * { service <sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * { SERVICE <http://127.0.0.1:9/\\u0073parql> { ?s ?p ?o } }",
], ids=["iri", "silent", "variable", "prefixed", "relative", "nested", "escaped"])
def test_service_refused_unless_allow_listed(server: Server, query: str) -> None:
    r = post_form(server.sparql, {"query": query})
    assert r.status == 400 and "refused" in r.text, r.text


def test_refused_service_in_an_update_too(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 500)
    s = Server(store, {"PLEDGEGRAPH_UPDATE_TOKEN": "tok"})
    try:
        r = http("POST", s.sparql, "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
                 {"Content-Type": "application/sparql-update", "Authorization": "Bearer tok"})
        assert r.status == 400 and "refused" in r.text
    finally:
        s.stop()


def test_words_in_strings_and_comments_are_not_service_calls(server: Server) -> None:
    query = '# SERVICE <http://127.0.0.1:9/sparql>\nSELECT ?x { BIND("SERVICE <http://127.0.0.1:9/sparql> {}" AS ?x) }'
    assert bindings(post_form(server.sparql, {"query": query}))[0]["x"].startswith("SERVICE")


def test_allow_listed_service_is_called(server: Server) -> None:
    """A federated join with the allow-listed endpoint (here the server itself, on loopback)."""
    query = (f"SELECT ?a ?l {{ SERVICE <{server.sparql}> {{ SELECT ?a ?l {{ ?a <{RDFS.label}> ?l }} "
             "ORDER BY ?a LIMIT 2 } }")
    rows = bindings(post_form(server.sparql, {"query": query}))
    direct = bindings(get(server.sparql, {"query": f"SELECT ?a ?l {{ ?a <{RDFS.label}> ?l }} ORDER BY ?a LIMIT 2"}))
    assert rows == direct and len(rows) == 2


def test_cors_on_queries(server: Server) -> None:
    r = get(server.sparql, {"query": "ASK {}"}, Origin="https://notebook.example")
    assert r.headers.get("access-control-allow-origin") == "*"
    assert "X-Results-Capped" in r.headers.get("access-control-expose-headers", "")
    pre = http("OPTIONS", server.sparql, headers={"Origin": "https://notebook.example",
                                                  "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status in (200, 204)
    assert "POST" in pre.headers.get("access-control-allow-methods", "")
    assert "content-type" in pre.headers.get("access-control-allow-headers", "").lower()
    posted = post_form(server.sparql, {"query": "ASK {}"}, Origin="https://notebook.example")
    assert posted.headers.get("access-control-allow-origin") == "*"
    plain = get(server.sparql, {"query": "ASK {}"})  # not a CORS request; a cache keeps the two apart
    assert "access-control-allow-origin" not in plain.headers and "Origin" in plain.headers.get("vary", "")


def test_body_size_limit(server: Server) -> None:
    big = "SELECT * { ?s ?p ?o } #" + "x" * 30_000
    r = http("POST", server.sparql, big, {"Content-Type": "application/sparql-query"})
    assert r.status == 413
    r = post_form(server.sparql, {"query": big})
    assert r.status == 413
    assert bindings(get(server.sparql, {"query": "SELECT (1 AS ?one) {}"})) == [{"one": "1"}]


def test_long_get_query_is_refused_cleanly(server: Server) -> None:
    url = server.sparql + "?query=" + urllib.parse.quote("SELECT * {} #" + "x" * 70_000)
    r = http("GET", url)
    assert r.status == 414 and "POST" in r.text


HIDDEN = [  # ways to hide a SERVICE clause from a careless scanner; each must be seen, or be no SERVICE at all
    "SELECT * { BIND('''a'''' AS ?x) SERVICE <http://127.0.0.1:9/s> {} BIND('b' AS ?y) }",
    'SELECT * { BIND("""a"""" AS ?x) SERVICE <http://127.0.0.1:9/s> {} BIND("b" AS ?y) }',
    "SELECT * { BIND('''it's ''quoted'' ''' AS ?x) SERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * { ?s ?p ?o .SERVICE<http://127.0.0.1:9/s>{} }",
    "SELECT * { ?s ?p 1SERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * { ?s <http://e/p#x> ?o SERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * { FILTER(1<2)SERVICE<http://127.0.0.1:9/s>{} }",
    "PREFIX p: <http://127.0.0.1:9/> SELECT * { sErViCe p:s {} }",
    "SELECT * { ?s ?p 'x'@enSERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * {\n# comment \n SERVICE <http://127.0.0.1:9/\\U00000073> {} }",
    "SELECT * { ?s ?p \"a\\\"\" SERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * { FILTER(1<2#>'''\n) SERVICE <http://127.0.0.1:9/s> {} }\n#'''",  # 1 < 2 and a comment
    "SELECT * { FILTER(?x<?y#>\n) SERVICE <http://127.0.0.1:9/s> {} }",
    "SELECT * { # \\u000A SERVICE <http://127.0.0.1:9/s> {}\n}",
    "SELECT * { ?s ?p ?o } #\\u000ASERVICE <http://127.0.0.1:9/s> {}",
]


@pytest.mark.parametrize("query", HIDDEN)
def test_the_checks_see_every_service_the_engine_would_call(query: str) -> None:
    """If Oxigraph, running the text the endpoint hands it, would contact 127.0.0.1:9 (nothing listens there),
    the checks must have seen the call."""
    import pyoxigraph as ox

    from pledgegraph.server.sparql_text import canonical

    try:
        c = canonical(query)
    except ValueError:
        return  # refused as unreadable: the engine never sees it
    seen = any(call.endpoint is None or call.endpoint.startswith("http://127.0.0.1:9/") for call in c.services)
    query = c.text
    store = ox.Store()  # data that the patterns before each SERVICE match, so that Oxigraph gets to it
    s, p = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    for o in (ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
              ox.Literal('a"'), ox.Literal("x", language="en")):
        store.add(ox.Quad(s, p, o))
    store.add(ox.Quad(s, ox.NamedNode("http://e/p#x"), s))
    try:
        list(store.query(query))
        contacted = False
    except SyntaxError:
        contacted = False  # never runs at all
    except OSError:
        contacted = True  # it tried to connect
    assert seen or not contacted, query
