"""Linked Data over real HTTP: content negotiation on minted IRIs, proxies, the ontology, VoID, dumps, .ics, escaping."""
from __future__ import annotations

import gzip
import re
from datetime import date

import pytest
from icalendar import Calendar
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, VOID

from pages_data import IMG, XSS, fetch, pages_server  # noqa: F401  (fixture)
from pledgegraph.ontology.vocab import DBR, GEONAMES, NS, PG, TIME, WD

RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml"}


def parse(reply, media_type: str) -> Graph:  # type: ignore[no-untyped-def]
    return Graph().parse(data=reply.body, format=RDF_TYPES[media_type])


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
def test_actor_iri_negotiates_each_rdf_format(pages_server, media_type: str) -> None:  # noqa: F811
    server, data = pages_server
    iri = data.iri("actor", "freedonia")
    reply = fetch(server.url + "/actor/freedonia", accept=media_type)
    assert reply.status == 200
    assert reply.header("Content-Type").startswith(media_type)
    assert "Accept" in reply.header("Vary")
    suffix = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
              "application/rdf+xml": "rdf"}[media_type]
    assert reply.header("Content-Location") == f"{server.url}/actor/freedonia.{suffix}"
    g = parse(reply, media_type)
    assert (URIRef(iri), RDFS.label, Literal("Freedonia")) in g
    assert (URIRef(iri), OWL.sameAs, WD["Q990001"]) in g
    assert (URIRef(iri), OWL.sameAs, DBR["Freedonia"]) in g
    assert (URIRef(iri), OWL.sameAs, GEONAMES["9900001/"]) in g
    # incoming links travel with it: the statements it is to act on
    assert (URIRef(data.iri("statement", data.keys["a1"], 0)), PG.actor, URIRef(iri)) in g
    # the concrete representation answers the same, and is not negotiated
    concrete = fetch(reply.header("Content-Location"))
    assert concrete.status == 200 and concrete.header("Content-Type").startswith(media_type)
    assert "Accept" not in concrete.header("Vary")
    assert len(parse(concrete, media_type)) == len(g)


def test_browsers_get_html_and_unknown_types_get_406(pages_server) -> None:  # noqa: F811
    server, _data = pages_server
    html = fetch(server.url + "/actor/freedonia",
                 accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert html.status == 200 and html.header("Content-Type").startswith("text/html")
    assert html.header("Content-Location").endswith("/actor/freedonia.html")
    assert "<h1>Freedonia</h1>" in html.text
    assert fetch(server.url + "/actor/freedonia", accept="image/png").status == 406
    assert fetch(server.url + "/actor/nobody-at-all", accept="text/turtle").status == 404
    assert fetch(server.url + "/actor/freedonia.ttl", accept="text/html").header("Content-Type").startswith("text/turtle")


def test_every_minted_iri_dereferences(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    key = data.keys["a1"]
    p1 = "Freedonia pledged on Monday to deliver 40 tanks to Sylvania by March 2027, the defence minister said."
    paths = [f"article/{key}", f"article/{key}/text", f"statement/{key}/0", f"statement/{key}/1",
             f"deadline/{key}/0", f"condition/{key}/1", f"mention/{key}/0-{len(p1)}",
             f"attribution/{key}/0-reporter0", f"graph/article/{key}", "actor/sylvania"]
    for path in paths:
        iri = data.minter.base + path
        ttl = fetch(f"{server.url}/{path}", accept="text/turtle")
        assert ttl.status == 200, path
        g = Graph().parse(data=ttl.body, format="turtle")
        assert (URIRef(iri), None, None) in g or path.startswith("graph/"), path
        assert len(g) > 0, path
        page = fetch(f"{server.url}/{path}", accept="text/html")
        assert page.status == 200 and "<html" in page.text, path
        assert f"{server.url}/{path}.ttl" in page.text, path  # each page links to its RDF
    deadline = Graph().parse(data=fetch(f"{server.url}/deadline/{key}/0", accept="text/turtle").body, format="turtle")
    assert str(deadline.value(URIRef(data.minter.base + f"deadline/{key}/0"), TIME.inXSDgYearMonth)) == "2027-03"


def test_links_follow_the_proxy_not_the_loopback_address(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    headers = {"X-Forwarded-Host": "pledges.example.org", "X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/kg"}
    page = fetch(server.url + f"/statement/{data.keys['a1']}/0", accept="text/html", headers=headers)
    assert page.status == 200
    assert 'href="https://pledges.example.org/kg/actor/sylvania"' in page.text
    assert "127.0.0.1" not in page.text
    assert page.header("Content-Location") == f"https://pledges.example.org/kg/statement/{data.keys['a1']}/0.html"
    void = fetch(server.url + "/.well-known/void", headers=headers)
    g = Graph().parse(data=void.body, format="turtle")
    assert (None, VOID.sparqlEndpoint, URIRef("https://pledges.example.org/kg/sparql")) in g
    # a hostile host header does not get into links
    bad = fetch(server.url + "/", headers={"X-Forwarded-Host": 'evil"><script>'})
    assert "<script>" not in bad.text.replace('<script src="', "")


def test_ontology_is_served_as_html_and_turtle(pages_server) -> None:  # noqa: F811
    server, _data = pages_server
    ttl = fetch(server.url + "/ns", accept="text/turtle")
    assert ttl.status == 200 and "Accept" in ttl.header("Vary")
    g = Graph().parse(data=ttl.body, format="turtle")
    assert (URIRef(NS.rstrip("#")), None, OWL.Ontology) in g or (URIRef(NS.rstrip("#")), None, None) in g
    html = fetch(server.url + "/ns", accept="text/html")
    assert html.status == 200 and html.header("Content-Location").endswith("/ns.html")
    terms = {str(s)[len(NS):] for s in g.subjects() if str(s).startswith(NS)}
    for term in terms:  # every term of the ontology file has its anchor on the page
        assert f'id="{term}"' in html.text, term
    pledge = html.text[html.text.index('id="Pledge"'):]
    pledge = pledge[:pledge.index("</div>")]
    assert "rdfs:subClassOf" in pledge and 'href="' + server.url + '/ns#Commitment"' in pledge  # its alignment
    jsonld = fetch(server.url + "/ns.jsonld")
    assert len(Graph().parse(data=jsonld.body, format="json-ld")) == len(g)


def test_void_counts_linksets_to_wikidata_dbpedia_geonames(pages_server) -> None:  # noqa: F811
    server, _data = pages_server
    reply = fetch(server.url + "/.well-known/void")
    assert reply.status == 200 and reply.header("Content-Type").startswith("text/turtle")
    g = Graph().parse(data=reply.body, format="turtle")
    dataset = next(g.subjects(VOID.sparqlEndpoint, None))
    assert (dataset, VOID.sparqlEndpoint, URIRef(server.url + "/sparql")) in g
    dumps = {str(o) for o in g.objects(dataset, VOID.dataDump)}
    assert dumps == {server.url + "/dump?format=nquads", server.url + "/dump?format=trig"}
    assert URIRef(NS) in set(g.objects(dataset, VOID.vocabulary))
    counts = {}
    for linkset in g.subjects(VOID.linkPredicate, OWL.sameAs):
        target = g.value(linkset, VOID.objectsTarget)
        counts[str(g.value(target, VOID.uriSpace))] = int(g.value(linkset, VOID.triples))
        assert g.value(linkset, VOID.subjectsTarget) == dataset
    # the test data: Freedonia and Sylvania in Wikidata and DBpedia, only Freedonia in GeoNames
    assert counts == {str(WD): 2, str(DBR): 2, str(GEONAMES): 1}
    total = int(g.value(dataset, VOID.triples))
    nquads = gzip.decompress(fetch(server.url + "/dump").body).decode()
    assert total == len({line for line in nquads.splitlines() if line.strip()})  # no triple is in two graphs here


def test_dumps_round_trip_through_rdflib(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    nq = fetch(server.url + "/dump?format=nquads")
    assert nq.status == 200 and nq.header("Content-Type").startswith("application/gzip")
    from_nq = Dataset()
    from_nq.parse(data=gzip.decompress(nq.body), format="nquads")
    trig = fetch(server.url + "/dump?format=trig")
    assert trig.status == 200 and trig.header("Content-Type").startswith("application/trig")
    from_trig = Dataset()
    from_trig.parse(data=trig.body, format="trig")
    quads_nq = {(s, p, o, str(g)) for s, p, o, g in from_nq.quads()}
    quads_trig = {(s, p, o, str(g)) for s, p, o, g in from_trig.quads()}
    assert quads_nq == quads_trig
    graphs = {g for *_t, g in quads_nq}
    assert data.minter.actors_graph() in {URIRef(g) for g in graphs}
    assert len(graphs) == 1 + 3 + data.filler  # the actors' graph and one per article
    freedonia = URIRef(data.iri("actor", "freedonia"))
    assert (freedonia, RDFS.label, Literal("Freedonia"), str(data.minter.actors_graph())) in quads_nq
    assert fetch(server.url + "/dump?format=rdfxml").status == 400


def test_ics_feed_parses_with_one_event_per_dated_commitment(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    reply = fetch(server.url + "/deadlines.ics")
    assert reply.status == 200 and reply.header("Content-Type").startswith("text/calendar")
    assert b"\r\n" in reply.body and all(len(line) <= 75 for line in reply.body.split(b"\r\n"))
    cal = Calendar.from_ical(reply.body)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == data.dated
    key = data.keys["a1"]
    pledge = events[data.iri("statement", key, 0)]
    assert pledge.decoded("DTSTART") == date(2027, 3, 31)  # the last day of a month deadline
    assert "deliver 40 tanks" in str(pledge["SUMMARY"]) and "Freedonia" in str(pledge["SUMMARY"])
    assert str(pledge["URL"]) == f"{server.url}/statement/{key}/0"
    demand = events[data.iri("statement", key, 1)]
    assert demand.decoded("DTSTART") == date(2020, 12, 31) and str(demand["CATEGORIES"].cats[0]) == "overdue"
    forecast = events[data.iri("statement", data.keys["a2"], 0)]
    assert str(forecast["CATEGORIES"].cats[0]) == "due"  # a deadline of this year is due
    only = Calendar.from_ical(fetch(server.url + "/deadlines.ics?actor=" + data.iri("actor", "sylvania")).body)
    assert {str(e["UID"]) for e in only.walk("VEVENT")} == {data.iri("statement", key, 1),
                                                           data.iri("statement", data.keys["a2"], 0)}


def test_text_from_articles_comes_out_escaped(pages_server) -> None:  # noqa: F811
    server, data = pages_server
    key = data.keys["a3"]
    for path in (f"/article/{key}", f"/statement/{key}/0", "/actor/freedonia", f"/statement/{data.keys['a1']}/0"):
        page = fetch(server.url + path, accept="text/html")
        assert page.status == 200, path
        assert XSS not in page.text and IMG not in page.text, path
        assert "onerror=" not in re.sub(r"&[#\w]+;", "", page.text.replace("onerror=&#34;", "")), path
        assert "script-src 'self'" in page.header("Content-Security-Policy")
    article = fetch(server.url + f"/article/{key}", accept="text/html").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in article
    assert "https://news.example.org/a3?x=&lt;b&gt;" in article  # a URL with markup in it is shown, not linked
    assert 'href="https://news.example.org/a3' not in article
