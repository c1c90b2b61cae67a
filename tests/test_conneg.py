"""Content negotiation: the negotiate() function, and the endpoint's answers to Accept headers (q-values,
wildcards, 406), for results, graphs, the service description and the query page."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib
from endpoint_helpers import Server, get, make_store

from pledgegraph.errors import NotAcceptable
from pledgegraph.ontology.vocab import SD, VOID
from pledgegraph.formats import negotiate, parse_accept

OFFER = ["text/turtle", "application/ld+json", "application/n-triples", "text/html"]


@pytest.mark.parametrize("accept, expected", [
    (None, "text/turtle"),
    ("", "text/turtle"),
    ("*/*", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
    ("text/turtle;q=0.9, application/ld+json;q=0.8", "text/turtle"),
    ("text/*", "text/turtle"),
    ("text/*;q=0.5, text/html", "text/html"),
    ("*/*;q=0.1, application/n-triples;q=0.2", "application/n-triples"),
    ("text/turtle;q=0, */*;q=0.5", "application/ld+json"),
    ("TEXT/HTML", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/ld+json; profile=\"http://www.w3.org/ns/json-ld#compacted\"; q=0.9, */*;q=0.1",
     "application/ld+json"),
    ("text/turtle;q=bogus, application/ld+json;q=0.5", "text/turtle"),
])
def test_negotiate(accept: str | None, expected: str) -> None:
    assert negotiate(accept, OFFER) == expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0, application/*;q=0, text/html;q=0",
                                    "application/xml"])
def test_negotiate_not_acceptable(accept: str) -> None:
    with pytest.raises(NotAcceptable) as e:
        negotiate(accept, ["text/turtle", "application/ld+json", "text/html"])
    assert "text/turtle" in str(e.value)


def test_most_specific_range_decides() -> None:
    # text/turtle is refused outright even though text/* would accept it.
    assert negotiate("text/*;q=1, text/turtle;q=0", ["text/turtle", "text/csv"]) == "text/csv"
    assert [r.q for r in parse_accept("a/b;q=0.3, c/d")] == [0.3, 1.0]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = Server(make_store(tmp_path_factory.mktemp("conneg") / "store", 1200))
    yield s
    s.stop()


SELECT = "SELECT ?s { ?s ?p ?o } LIMIT 3"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"


@pytest.mark.parametrize("query, accept, expected", [
    (SELECT, "text/csv;q=0.9, application/sparql-results+json;q=0.5", "text/csv"),
    (SELECT, "text/tab-separated-values, application/sparql-results+xml;q=0.8", "text/tab-separated-values"),
    (SELECT, "*/*", "application/sparql-results+json"),
    (SELECT, "text/*", "text/csv"),
    (SELECT, "application/json", "application/json"),
    (SELECT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
    ("ASK {}", "text/csv, application/sparql-results+xml;q=0.1", "application/sparql-results+xml"),
    (CONSTRUCT, "application/rdf+xml;q=0.4, application/n-triples;q=0.6", "application/n-triples"),
    (CONSTRUCT, "*/*", "text/turtle"),
    (CONSTRUCT, "application/*", "application/n-triples"),
    (CONSTRUCT, "application/trig, application/n-quads;q=0.9", "application/trig"),
])
def test_endpoint_negotiates(server: Server, query: str, accept: str, expected: str) -> None:
    r = get(server.sparql, {"query": query}, Accept=accept)
    assert r.status == 200 and r.media == expected, (r.status, r.media, r.text[:200])
    assert "accept" in r.headers.get("vary", "").lower()


@pytest.mark.parametrize("query, accept", [
    (SELECT, "text/turtle"), (SELECT, "image/png"), ("ASK {}", "text/csv"), (CONSTRUCT, "text/csv"),
    (CONSTRUCT, "application/sparql-results+json"),
])
def test_endpoint_answers_406(server: Server, query: str, accept: str) -> None:
    r = get(server.sparql, {"query": query}, Accept=accept)
    assert r.status == 406, (r.status, r.media)
    assert r.text.strip()


def test_unknown_format_parameter_is_406(server: Server) -> None:
    r = get(server.sparql, {"query": SELECT, "format": "yaml"})
    assert r.status == 406 and "json" in r.text


@pytest.mark.parametrize("accept, parse_as", [(None, "turtle"), ("text/turtle", "turtle"),
                                               ("application/ld+json", "json-ld"),
                                               ("application/n-triples", "nt")])
def test_service_description(server: Server, accept: str | None, parse_as: str) -> None:
    r = get(server.sparql, **({"Accept": accept} if accept else {}))
    assert r.status == 200
    g = rdflib.Graph().parse(data=r.body, format=parse_as)
    endpoint = rdflib.URIRef(server.sparql)
    assert (endpoint, rdflib.RDF.type, SD.Service) in g
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in g  # no token: no updates
    formats = {str(o).rsplit("/", 1)[-1] for o in g.objects(endpoint, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats
    # The dataset's graphs and sizes come from the live store.
    import json

    counts = get(server.sparql, {"query": "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"})
    live = {b["g"]["value"]: int(b["n"]["value"]) for b in json.loads(counts.body)["results"]["bindings"]}
    described = {}
    for named in g.objects(None, SD.namedGraph):
        name = g.value(named, SD.name)
        described[str(name)] = int(g.value(g.value(named, SD.graph), VOID.triples))
    assert described == live and len(live) > 2


def test_browser_gets_the_query_page(server: Server) -> None:
    r = get(server.sparql, Accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert r.status == 200 and r.media == "text/html"
    assert "SPARQL query" in r.text and "CQ1" in r.text and "Federated join with Wikidata" in r.text
    assert "PREFIX" in r.text or '"pg": "https://w3id.org/pledgegraph/ns#"' in r.text
    assert "cdn" not in r.text.lower() and "https://unpkg" not in r.text
