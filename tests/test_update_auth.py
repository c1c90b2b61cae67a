"""SPARQL Update and the Graph Store Protocol: off without a token, 401/403 without the right one (and nothing
changes), and when allowed, writes that the very next query sees and that survive a restart."""
from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from endpoint_helpers import TOKEN, Server, auth, bindings, get, http, make_store

EX = "http://example.org/upd/"
GRAPH = EX + "graph"


def count(server: Server, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return int(bindings(get(server.sparql, {"query": f"SELECT (COUNT(*) AS ?n) {{ {where} }}"}))[0]["n"])


def store_url(server: Server, graph: str | None = GRAPH) -> str:
    return f"{server.url}/store" + (f"?graph={urllib.parse.quote(graph, safe='')}" if graph else "?default")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("upd") / "store", 1500)


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    s = Server(store_dir, {"PLEDGEGRAPH_UPDATE_TOKEN": TOKEN})
    yield s
    s.stop()


INSERT = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{EX}s> <{EX}p> \"one\" }} }}"


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer wrong-token"}, 403), ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": "Bearer "}, 401),
])
def test_update_needs_the_token(server: Server, headers: dict[str, str], status: int) -> None:
    before = count(server)
    r = http("POST", server.sparql, INSERT, {"Content-Type": "application/sparql-update", **headers})
    assert r.status == status, r.text
    if status == 401:
        assert r.headers.get("www-authenticate", "").startswith("Bearer")
    form = http("POST", server.sparql, urllib.parse.urlencode({"update": INSERT}),
                {"Content-Type": "application/x-www-form-urlencoded", **headers})
    assert form.status == status
    assert count(server) == before


def test_update_with_the_token_is_seen_by_the_next_query(server: Server) -> None:
    before = count(server)
    r = http("POST", server.sparql, INSERT, {"Content-Type": "application/sparql-update", **auth()})
    assert r.status == 204, r.text
    assert count(server, GRAPH) == 1 and count(server) == before + 1
    r = http("POST", server.sparql, urllib.parse.urlencode({"update": f"DROP GRAPH <{GRAPH}>"}),
             {"Content-Type": "application/x-www-form-urlencoded", **auth()})
    assert r.status == 204 and count(server) == before


def test_a_bad_update_changes_nothing(server: Server) -> None:
    before = count(server)
    r = http("POST", server.sparql, INSERT + " ; INSERT DATA { <broken", {"Content-Type": "application/sparql-update",
                                                                          **auth()})
    assert r.status == 400 and "error at" in r.text
    assert count(server) == before


@pytest.mark.parametrize("headers, status", [({}, 401), ({"Authorization": "Bearer nope"}, 403)])
@pytest.mark.parametrize("method", ["GET", "PUT", "POST", "DELETE"])
def test_graph_store_needs_the_token(server: Server, method: str, headers: dict[str, str], status: int) -> None:
    before = count(server)
    body = f"<{EX}a> <{EX}b> <{EX}c> ." if method in ("PUT", "POST") else None
    r = http(method, store_url(server), body, {"Content-Type": "application/n-triples", **headers})
    assert r.status == status
    assert count(server) == before


def test_graph_store_round_trip(server: Server) -> None:
    turtle = f"@prefix ex: <{EX}> .\nex:a ex:b ex:c , ex:d .\n"
    r = http("PUT", store_url(server), turtle, {"Content-Type": "text/turtle", **auth()})
    assert r.status == 201
    got = http("GET", store_url(server), headers={"Accept": "text/turtle", **auth()})
    assert got.status == 200 and got.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=got.body, format="turtle")
    assert set(g.objects(rdflib.URIRef(EX + "a"), rdflib.URIRef(EX + "b"))) == {rdflib.URIRef(EX + "c"),
                                                                               rdflib.URIRef(EX + "d")}
    # PUT replaces, POST adds, both visible to the next query.
    assert http("PUT", store_url(server), f"<{EX}x> <{EX}y> \"z\" .", {"Content-Type": "application/n-triples",
                                                                      **auth()}).status == 204
    assert count(server, GRAPH) == 1
    assert http("POST", store_url(server), f"<{EX}x> <{EX}y> \"w\" .", {"Content-Type": "application/n-triples",
                                                                       **auth()}).status == 204
    assert count(server, GRAPH) == 2
    # JSON-LD and RDF/XML in, N-Triples out.
    jsonld = '{"@id": "%sj", "%sk": "v"}' % (EX, EX)
    assert http("POST", store_url(server), jsonld, {"Content-Type": "application/ld+json", **auth()}).status == 204
    nt = http("GET", store_url(server), headers={"Accept": "application/n-triples", **auth()})
    assert len(rdflib.Graph().parse(data=nt.body, format="nt")) == 3
    # DELETE drops it; then it is gone.
    assert http("DELETE", store_url(server), headers=auth()).status == 204
    assert http("GET", store_url(server), headers=auth()).status == 404
    assert http("DELETE", store_url(server), headers=auth()).status == 404
    assert count(server, GRAPH) == 0


def test_graph_store_default_graph(server: Server) -> None:
    r = http("PUT", store_url(server, None), f"<{EX}d> <{EX}e> <{EX}f> .", {"Content-Type": "application/n-triples",
                                                                           **auth()})
    assert r.status in (201, 204)
    got = http("GET", store_url(server, None), headers={"Accept": "application/n-triples", **auth()})
    assert rdflib.Graph().parse(data=got.body, format="nt").value(rdflib.URIRef(EX + "d"), rdflib.URIRef(EX + "e"))
    assert http("DELETE", store_url(server, None), headers=auth()).status == 204
    got = http("GET", store_url(server, None), headers={"Accept": "application/n-triples", **auth()})
    assert got.status == 200 and not got.body.strip()


@pytest.mark.parametrize("body, ctype, status", [
    ("<a> <b> .", "application/n-triples", 400),
    ("@prefix ex: <http://e/> . ex:a ex:b", "text/turtle", 400),
    ("<http://e/a> <http://e/b> <http://e/c> .", "application/pdf", 415),
    ("<http://e/a> <http://e/b> <http://e/c> .", "", 415),
])
def test_graph_store_bad_body_changes_nothing(server: Server, body: str, ctype: str, status: int) -> None:
    http("PUT", store_url(server), f"<{EX}keep> <{EX}me> \"1\" .", {"Content-Type": "application/n-triples", **auth()})
    headers = {**auth(), **({"Content-Type": ctype} if ctype else {})}
    r = http("PUT", store_url(server), body, headers)
    assert r.status == status, r.text
    assert count(server, GRAPH) == 1
    assert bindings(get(server.sparql, {"query": f"SELECT ?o {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"})) == [{"o": "1"}]


def test_graph_store_rejects_two_targets(server: Server) -> None:
    r = http("GET", f"{server.url}/store?default&graph={urllib.parse.quote(GRAPH)}", headers=auth())
    assert r.status == 400


def test_writes_are_off_without_a_token(store_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(store_dir, copy)
    s = Server(copy)
    try:
        before = count(s)
        r = http("POST", s.sparql, INSERT, {"Content-Type": "application/sparql-update", **auth()})
        assert r.status == 403 and "switched off" in r.text
        assert http("PUT", store_url(s), f"<{EX}a> <{EX}b> <{EX}c> .", {"Content-Type": "application/n-triples",
                                                                       **auth()}).status == 403
        assert count(s) == before
    finally:
        s.stop()


def test_updates_survive_a_restart(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 300)
    s = Server(store, {"PLEDGEGRAPH_UPDATE_TOKEN": TOKEN})
    try:
        assert http("POST", s.sparql, INSERT, {"Content-Type": "application/sparql-update", **auth()}).status == 204
    finally:
        s.stop()
    s = Server(store)
    try:
        assert count(s, GRAPH) == 1
    finally:
        s.stop()
    assert not list(tmp_path.glob(".pledgegraph-snapshots-*")), "the server left its snapshots behind"


def test_sparqlwrapper_update(server: Server) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper

    sw = SPARQLWrapper(server.sparql, updateEndpoint=server.sparql)
    sw.setMethod(POST)
    sw.setQuery(f"INSERT DATA {{ GRAPH <{GRAPH}-sw> {{ <{EX}s> <{EX}p> \"sw\" }} }}")
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    assert sw.query().response.status == 204
    assert count(server, GRAPH + "-sw") == 1
    sw.setQuery(f"DROP GRAPH <{GRAPH}-sw>")
    sw.query()
    assert count(server, GRAPH + "-sw") == 0


def test_queries_during_a_stream_of_writes(server: Server) -> None:
    """Readers never fail while writes replace the snapshot they read, and each sees a consistent count."""
    import threading

    failures: list[str] = []
    seen: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            r = get(server.sparql, {"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}-stream> {{ ?s ?p ?o }} }}"})
            if r.status != 200:
                failures.append(r.text[:200])
            else:
                seen.append(int(r.json()["results"]["bindings"][0]["n"]["value"]))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(30):
            r = http("POST", store_url(server, GRAPH + "-stream"), f"<{EX}s{i}> <{EX}p> \"{i}\" .",
                     {"Content-Type": "application/n-triples", **auth()})
            assert r.status in (201, 204), r.text
    finally:
        done.set()
        for t in threads:
            t.join(30)
    assert not failures, failures[:3]
    assert seen and all(0 <= n <= 30 for n in seen)
    assert count(server, GRAPH + "-stream") == 30
    assert http("DELETE", store_url(server, GRAPH + "-stream"), headers=auth()).status == 204
