"""Which engine answers /sparql: Oxigraph (pyoxigraph), never rdflib's pure-Python SPARQL evaluator.

rdflib 7 has no RDF 1.2 triple terms, words its syntax errors differently, and builds cross products of labels
on the join below; Oxigraph answers all three its own way, quickly."""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from endpoint_helpers import Server, bindings, get, make_store, post_form

from pledgegraph.ontology.vocab import PG, RDFS, SD, sparql_prefixes


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    store = make_store(tmp_path_factory.mktemp("engine") / "store", 40_000)
    s = Server(store)
    yield s, store
    s.stop()


def test_triple_terms_are_understood(server: tuple[Server, Path]) -> None:
    query = ("SELECT (isTRIPLE(<<( <http://e/s> <http://e/p> <http://e/o> )>>) AS ?t) "
             "(SUBJECT(<<( <http://e/s> <http://e/p> <http://e/o> )>>) AS ?s) {}")
    rows = bindings(get(server[0].sparql, {"query": query}))
    assert rows == [{"t": "true", "s": "http://e/s"}]
    with pytest.raises(Exception):  # the pure-Python evaluator cannot even parse it
        rdflib.Graph().query(query)


def test_syntax_errors_are_oxigraphs(server: tuple[Server, Path]) -> None:
    r = get(server[0].sparql, {"query": "SELEC ?x WHERE {}"})
    assert r.status == 400
    try:
        ox.Store().query("SELEC ?x WHERE {}")
    except SyntaxError as e:
        assert str(e) in r.text  # the very message Oxigraph's parser gives
    else:
        pytest.fail("Oxigraph accepted a broken query")


def test_service_description_names_the_engine(server: tuple[Server, Path]) -> None:
    r = get(server[0].sparql, Accept="text/turtle")
    g = rdflib.Graph().parse(data=r.body, format="turtle")
    text = " ".join(str(o) for o in g.objects(rdflib.URIRef(server[0].sparql), None))
    assert f"pyoxigraph {ox.__version__}" in text
    assert (rdflib.URIRef(server[0].sparql), SD.feature, SD.UnionDefaultGraph) in g


def test_union_then_label_join_is_fast_and_right(server: tuple[Server, Path]) -> None:
    """The query that ran past 300 s in rdflib at a million triples: commitments after a UNION, joined with
    their actors' and issuers' labels."""
    srv, store = server
    query = sparql_prefixes() + """
    SELECT (COUNT(*) AS ?n) WHERE {
      { ?c a pg:Pledge } UNION { ?c a pg:Demand } UNION { ?c a pg:Threat }
      ?c pg:actor ?a . ?a rdfs:label ?actorLabel .
      ?c pg:issuer ?i . ?i rdfs:label ?issuerLabel .
    }"""
    started = time.monotonic()
    rows = bindings(post_form(srv.sparql, {"query": query}))
    elapsed = time.monotonic() - started
    # The expected count, by walking the quads in Python (no SPARQL engine at all).
    s = ox.Store.read_only(str(store))
    labels = {q.subject for q in s.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)}
    kinds = {ox.NamedNode(str(k)) for k in (PG.Pledge, PG.Demand, PG.Threat)}
    typed = {q.subject for q in s.quads_for_pattern(None, ox.NamedNode(str(rdflib.RDF.type)), None) if q.object in kinds}
    actor = {q.subject: q.object for q in s.quads_for_pattern(None, ox.NamedNode(str(PG.actor)), None)}
    issuer = {q.subject: q.object for q in s.quads_for_pattern(None, ox.NamedNode(str(PG.issuer)), None)}
    expected = sum(1 for c in typed if actor.get(c) in labels and issuer.get(c) in labels)
    assert int(rows[0]["n"]) == expected > 100
    assert elapsed < 5, f"{elapsed:.1f} s"
