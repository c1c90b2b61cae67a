"""A remote engine behind the one door: every command with --store-url against real engines on 127.0.0.1
(Oxigraph's server and Virtuoso, tests/engines.py), compared with the same work done on the embedded store; loads
from several processes at once; an engine that goes down; the engines' own readings of SPARQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ENV_PREFIX, LiveServer, free_port, run_cli
from endpoint_helpers import http
from engines import OxigraphServer, VirtuosoServer

from pledgegraph.store import open_store

STATEMENTS = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c <https://w3id.org/pledgegraph/ns#actor> ?a }"
_ACTORS = ["Kestrel Energy", "Orvel Systems", "Marlow Holdings", "Trevo Logistics", "Harbour Rail", "Brandt Minerals",
           "Norvik Telecom", "Lumen Foods", "Castor Steel", "Pella Air"]


def _article(i: int) -> str:
    return (f"---\ntitle: Plan {i}\nurl: https://news.example.org/{i}\npublished: 2025-03-0{1 + i % 9}\n---\n"
            f"{_ACTORS[i]} plans to cut its emissions by {10 + i}% by {2027 + i}, its chief executive said on "
            f"Monday. {_ACTORS[i]} will also open {i + 2} new depots in 2026.\n")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Ten articles of our own; folder `a` holds 0-5, `b` holds 4-9 (two in both), `all` holds 0-9."""
    root = tmp_path_factory.mktemp("remote-articles")
    folders = {"a": range(0, 6), "b": range(4, 10), "all": range(10)}
    for name, numbers in folders.items():
        (root / name).mkdir()
        for i in numbers:
            (root / name / f"plan-{i}.md").write_text(_article(i), encoding="utf-8")
    return {name: root / name for name in folders}


ENGINES = {"oxigraph": OxigraphServer, "virtuoso": VirtuosoServer}


@pytest.fixture(params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[OxigraphServer | VirtuosoServer]:
    """A fresh engine for each test, and its settings in this process's environment (for open_store here)."""
    server = ENGINES[request.param](tmp_path / "engine")
    for name, value in server.env.items():
        monkeypatch.setenv(name, value)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def embedded_all(articles: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Each graph and its size after one load of all ten articles into the embedded store."""
    store = tmp_path_factory.mktemp("embedded") / "store"
    result = run_cli("load", "--store", str(store), str(articles["all"]))
    assert result.returncode == 0, result.stderr
    return open_store(store, read_only=True).graphs()


def _graphs(url: str) -> dict[str, int]:
    """Our graphs in the engine and their sizes (an engine may keep graphs of its own: Virtuoso does)."""
    store = open_store(None, url=url, union_param=os.environ.get("PLEDGEGRAPH_STORE_UNION_PARAM", ""))
    return {g: n for g, n in store.graphs().items() if g.startswith(("https://w3id.org/pledgegraph/",
                                                                     "https://example.org/"))}


def test_a_load_into_a_remote_engine_writes_what_the_embedded_store_holds(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], embedded_all: dict[str, int]) -> None:
    result = run_cli("load", "--store-url", engine.url, str(articles["all"]), env=engine.env)
    assert result.returncode == 0, result.stderr
    assert f"into {engine.url}" in result.stderr
    assert _graphs(engine.url) == embedded_all
    statements = run_cli("query", "--store-url", engine.url, "--format", "json", STATEMENTS, env=engine.env)
    assert json.loads(statements.stdout)["results"]["bindings"][0]["n"]["value"] == "20", statements.stderr


def test_two_loads_at_once_over_overlapping_folders_equal_one_load_of_their_union(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], embedded_all: dict[str, int]) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    loads = [subprocess.Popen([sys.executable, "-m", "pledgegraph", "load", "--store-url", engine.url,
                               str(articles[name])], env={**clean, **engine.env}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
             for name in ("a", "b")]
    for load in loads:
        _, err = load.communicate(timeout=600)
        assert load.returncode == 0, err.decode()
    assert _graphs(engine.url) == embedded_all  # no article twice, none lost, the actors graph the same


def test_an_engine_that_is_down_is_a_clear_error_and_a_second_load_loses_nothing(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], embedded_all: dict[str, int]) -> None:
    dead = f"http://127.0.0.1:{free_port()}/query"
    failed = run_cli("load", "--store-url", dead, str(articles["a"]))
    assert failed.returncode == 1 and "cannot be reached" in failed.stderr, failed.stderr
    query = run_cli("query", "--store-url", dead, "ASK {}")
    assert query.returncode == 1 and "cannot be reached" in query.stderr and "Traceback" not in query.stderr
    for folder in ("a", "all", "all"):  # a partial load, then everything, then everything again
        assert run_cli("load", "--store-url", engine.url, str(articles[folder]), env=engine.env).returncode == 0
    assert _graphs(engine.url) == embedded_all


def test_query_and_export_read_the_remote_engine(engine: OxigraphServer | VirtuosoServer,
                                                 articles: dict[str, Path]) -> None:
    assert run_cli("load", "--store-url", engine.url, str(articles["a"]), env=engine.env).returncode == 0
    total = sum(_graphs(engine.url).values())
    exported = run_cli("export", "--store-url", engine.url, "--format", "nquads", env=engine.env)
    assert exported.returncode == 0, exported.stderr
    ours = [line for line in exported.stdout.splitlines() if line.rstrip(" .").endswith(
        tuple(f"<{g}>" for g in _graphs(engine.url)))]
    assert len(ours) == total
    graph = run_cli("query", "--store-url", engine.url, "--format", "ntriples",
                    "CONSTRUCT { ?c a ?k } WHERE { ?c a ?k ; <https://w3id.org/pledgegraph/ns#actor> ?a }",
                    env=engine.env)
    assert graph.returncode == 0 and graph.stdout.count("\n") == 12, graph.stdout  # 12 statements, one kind each
    bad = run_cli("query", "--store-url", engine.url, "SELEC ?x WHERE {}", env=engine.env)
    assert bad.returncode == 1 and "Error:" in bad.stderr and "Traceback" not in bad.stderr


def test_the_endpoint_pages_and_graph_store_serve_from_the_remote_engine(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], tmp_path: Path) -> None:
    assert run_cli("load", "--store-url", engine.url, str(articles["a"]), env=engine.env).returncode == 0
    server = LiveServer(tmp_path / "unused", engine.env, "--store-url", engine.url, "--update-token", "s3cret")
    try:
        count = http("GET", f"{server.url}/sparql?" + urllib.parse.urlencode({"query": STATEMENTS}),
                     headers={"Accept": "application/sparql-results+json"})
        assert count.status == 200 and json.loads(count.body)["results"]["bindings"][0]["n"]["value"] == "12"
        bad = http("GET", f"{server.url}/sparql?" + urllib.parse.urlencode({"query": "SELEC ?x"}))
        assert bad.status == 400 and bad.body
        pragma = 'define input:grab-all "yes" SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }'
        refused = http("GET", f"{server.url}/sparql?" + urllib.parse.urlencode({"query": pragma}))
        assert refused.status == 400, refused.body  # an engine's own pragma (Virtuoso fetches URLs) never reaches it
        page = http("GET", f"{server.url}/actor/kestrel-energy", headers={"Accept": "text/html"})
        assert page.status == 200 and "Kestrel Energy" in page.body.decode(), page.status
        home = http("GET", f"{server.url}/", headers={"Accept": "text/html"})
        assert home.status == 200
        described = http("GET", f"{server.url}/sparql", headers={"Accept": "text/turtle"})
        assert described.status == 200 and b"a remote SPARQL 1.1 engine" in described.body
        assert b"pyoxigraph" not in described.body  # the engine is not ours: the description says so
        graph = "https://example.org/notes"
        put = http("PUT", f"{server.url}/store?graph={graph}", b"<urn:a> <urn:b> <urn:c> .\n",
                   headers={"Content-Type": "application/n-triples", "Authorization": "Bearer s3cret"})
        assert put.status == 201, put.body
        got = http("GET", f"{server.url}/store?graph={graph}", headers={"Accept": "application/n-triples",
                                                                        "Authorization": "Bearer s3cret"})
        assert got.status == 200 and b"<urn:a> <urn:b> <urn:c>" in got.body
        assert _graphs(engine.url)[graph] == 1  # written to the engine, not to a directory here
        assert not (tmp_path / "unused").exists() or not any((tmp_path / "unused").iterdir())
    finally:
        server.stop()


def test_an_engine_going_down_gives_503_and_the_server_recovers_when_it_is_back(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], tmp_path: Path) -> None:
    assert run_cli("load", "--store-url", engine.url, str(articles["a"]), env=engine.env).returncode == 0
    server = LiveServer(tmp_path / "unused", engine.env, "--store-url", engine.url)
    ask = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    try:
        assert http("GET", ask).status == 200
        engine.stop()
        down = http("GET", ask, headers={"Accept": "text/plain"})
        assert down.status == 503 and b"cannot be reached" in down.body and down.headers.get("retry-after")
        assert http("GET", f"{server.url}/actor/kestrel-energy", headers={"Accept": "text/html"}).status == 503
        back = type(engine)(engine.location, port=engine.port)
        try:
            assert http("GET", ask).status == 200
            assert http("GET", f"{server.url}/actor/kestrel-energy", headers={"Accept": "text/html"}).status == 200
        finally:
            back.stop()
    finally:
        server.stop()


@pytest.mark.parametrize("query,form", [
    ("PREFIX ask: <http://x.example/#select> SELECT * {}", "SELECT"),
    ("# ASK\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("SELECT ?x WHERE { ?x <urn:p> \"CONSTRUCT\" }", "SELECT"),
    ("base <http://a.example/> describe <b>", "DESCRIBE"),
])
def test_the_form_of_a_query_is_read_past_prefixes_strings_and_comments(query: str, form: str) -> None:
    from pledgegraph.store.remote import query_form

    assert query_form(query) == form


def test_dataset_clauses_are_dropped_or_completed_but_never_a_variable_named_from() -> None:
    from pledgegraph.store.remote import _complete_dataset, _with_base, _without_from

    query = "SELECT ?from FROM <urn:a> WHERE { ?from a ?t FILTER(?x != \"FROM <urn:b>\") }"
    assert _without_from(query) == "SELECT ?from   WHERE { ?from a ?t FILTER(?x != \"FROM <urn:b>\") }"
    assert _complete_dataset(query).startswith("SELECT ?from FROM <urn:a> FROM NAMED <urn:x-pledgegraph:no-graph> ")
    assert _complete_dataset("SELECT * { ?from a ?t }") == "SELECT * { ?from a ?t }"
    assert _with_base("BASE <http://a.example/> ASK {}", "http://b.example/") == "BASE <http://a.example/> ASK {}"
    assert _with_base("PREFIX base: <urn:x> ASK {}", "http://b.example/").startswith("BASE <http://b.example/> ")


def test_the_row_cap_holds_on_answers_the_engine_writes(
        engine: OxigraphServer | VirtuosoServer, articles: dict[str, Path], tmp_path: Path) -> None:
    assert run_cli("load", "--store-url", engine.url, str(articles["a"]), env=engine.env).returncode == 0
    server = LiveServer(tmp_path / "unused", engine.env, "--store-url", engine.url, "--max-rows", "3")
    everything = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/\")) }"
    try:
        for accept, count in (("application/sparql-results+json", lambda b: len(json.loads(b)["results"]["bindings"])),
                              ("text/csv", lambda b: len(b.decode().strip().splitlines()) - 1)):
            reply = http("GET", f"{server.url}/sparql?" + urllib.parse.urlencode({"query": everything}),
                         headers={"Accept": accept})
            assert reply.status == 200 and count(reply.body) == 3 and reply.headers.get("x-results-capped"), accept
        small = "SELECT ?c WHERE { ?c <https://w3id.org/pledgegraph/ns#actor> ?a } LIMIT 2"
        reply = http("GET", f"{server.url}/sparql?" + urllib.parse.urlencode({"query": small}),
                     headers={"Accept": "application/sparql-results+json"})
        assert len(json.loads(reply.body)["results"]["bindings"]) == 2 and not reply.headers.get("x-results-capped")
    finally:
        server.stop()
