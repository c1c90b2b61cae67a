"""The SPARQL service description (sd: vocabulary) of the endpoint, generated from the live store."""
from __future__ import annotations

import pyoxigraph as ox
from flask import current_app

from pledgegraph.ontology.vocab import DCTERMS, FORMATS, PREFIXES, RDF, RDFS, SD, VOID, XSD
from pledgegraph.server import context
from pledgegraph.server.page_queries import select
from pledgegraph.server.serialize import write_graph
from pledgegraph.store import GRAPHS_QUERY

RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"]


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD.integer))


def triples(endpoint: str) -> list[ox.Triple]:
    """The description: endpoint, languages, result formats, features, and the dataset with its graph sizes."""
    settings, store = context.settings(), context.store()
    # counted through the query runner, under the endpoint's time limit, like every other query of the server
    graphs = {row["g"]: int(row["n"]) for row in select(GRAPHS_QUERY)}
    total = sum(graphs.values())
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    t = [ox.Triple(service, _n(RDF.type), _n(SD.Service)),
         ox.Triple(service, _n(SD.endpoint), service),
         ox.Triple(service, _n(RDFS.label), ox.Literal("pledgegraph SPARQL endpoint")),
         ox.Triple(service, _n(DCTERMS.description), ox.Literal(
             f"Queries are evaluated by {store.engine} under a hard time limit of "
             f"{settings.query_timeout:g} s; results are capped at {settings.max_rows} rows. The default graph "
             "is the union of all named graphs unless default-graph-uri or FROM says otherwise.")),
         ox.Triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Query)),
         ox.Triple(service, _n(SD.feature), _n(SD.UnionDefaultGraph)),
         ox.Triple(service, _n(SD.feature), _n(SD.BasicFederatedQuery)) if settings.service_allow_list else None,
         ox.Triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Update)) if settings.update_token else None,
         ox.Triple(service, _n(SD.defaultDataset), dataset),
         ox.Triple(dataset, _n(RDF.type), _n(SD.Dataset)),
         ox.Triple(dataset, _n(SD.defaultGraph), default),
         ox.Triple(default, _n(RDF.type), _n(SD.Graph)),
         ox.Triple(default, _n(VOID.triples), _count(total))]
    t.extend(ox.Triple(service, _n(SD.resultFormat), _n(FORMATS[name])) for name in RESULT_FORMATS)
    for i, (name, size) in enumerate(sorted(graphs.items())):
        named, graph = ox.BlankNode(f"ng{i}"), ox.BlankNode(f"g{i}")
        t += [ox.Triple(dataset, _n(SD.namedGraph), named),
              ox.Triple(named, _n(RDF.type), _n(SD.NamedGraph)),
              ox.Triple(named, _n(SD.name), ox.NamedNode(name)),
              ox.Triple(named, _n(SD.graph), graph),
              ox.Triple(graph, _n(RDF.type), _n(SD.Graph)),
              ox.Triple(graph, _n(VOID.triples), _count(size))]
    return [x for x in t if x is not None]


def describe(media: str, endpoint: str) -> bytes:
    """The description in an RDF media type; the store is counted once per write, not per request."""
    ext = current_app.extensions["pledgegraph"]
    cached = ext.get("service_description")
    if not cached or cached[0] != endpoint:
        cached = (endpoint, triples(endpoint))
        ext["service_description"] = cached
    return write_graph(media, cached[1], PREFIXES)
