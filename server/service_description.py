"""The SPARQL service description (sd: vocabulary) of the endpoint, generated from the live store."""
from __future__ import annotations

from flask import current_app

from pledgegraph.ontology.vocab import DCTERMS, FORMATS, PREFIXES, RDF, RDFS, SD, VOID, XSD
from pledgegraph.server import context
from pledgegraph.server.page_queries import select
from pledgegraph.formats.rdf import Triple, blank, iri, literal, triple, write_graph
from pledgegraph.store import GRAPHS_QUERY

RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"]


_n = iri


def _count(value: int) -> object:
    return literal(value, XSD.integer)


def triples(endpoint: str) -> list[Triple]:
    """The description: endpoint, languages, result formats, features, and the dataset with its graph sizes."""
    settings, store = context.settings(), context.store()
    # counted through the query runner, under the endpoint's time limit, like every other query of the server
    graphs = {row["g"]: int(row["n"]) for row in select(GRAPHS_QUERY)}
    total = sum(graphs.values())
    service = iri(endpoint)
    dataset, default = blank("dataset"), blank("default")
    t = [triple(service, _n(RDF.type), _n(SD.Service)),
         triple(service, _n(SD.endpoint), service),
         triple(service, _n(RDFS.label), literal("pledgegraph SPARQL endpoint")),
         triple(service, _n(DCTERMS.description), literal(
             f"Queries are evaluated by {store.engine} under a hard time limit of "
             f"{settings.query_timeout:g} s; results are capped at {settings.max_rows} rows. The default graph "
             "is the union of all named graphs unless default-graph-uri or FROM says otherwise.")),
         triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Query)),
         triple(service, _n(SD.feature), _n(SD.UnionDefaultGraph)),
         triple(service, _n(SD.feature), _n(SD.BasicFederatedQuery)) if settings.service_allow_list else None,
         triple(service, _n(SD.supportedLanguage), _n(SD.SPARQL11Update)) if settings.update_token else None,
         triple(service, _n(SD.defaultDataset), dataset),
         triple(dataset, _n(RDF.type), _n(SD.Dataset)),
         triple(dataset, _n(SD.defaultGraph), default),
         triple(default, _n(RDF.type), _n(SD.Graph)),
         triple(default, _n(VOID.triples), _count(total))]
    t.extend(triple(service, _n(SD.resultFormat), _n(FORMATS[name])) for name in RESULT_FORMATS)
    for i, (name, size) in enumerate(sorted(graphs.items())):
        named, graph = blank(f"ng{i}"), blank(f"g{i}")
        t += [triple(dataset, _n(SD.namedGraph), named),
              triple(named, _n(RDF.type), _n(SD.NamedGraph)),
              triple(named, _n(SD.name), iri(name)),
              triple(named, _n(SD.graph), graph),
              triple(graph, _n(RDF.type), _n(SD.Graph)),
              triple(graph, _n(VOID.triples), _count(size))]
    return [x for x in t if x is not None]


def describe(media: str, endpoint: str) -> bytes:
    """The description in an RDF media type; the store is counted once per write, not per request."""
    ext = current_app.extensions["pledgegraph"]
    cached = ext.get("service_description")
    if not cached or cached[0] != endpoint:
        cached = (endpoint, triples(endpoint))
        ext["service_description"] = cached
    return write_graph(media, cached[1], PREFIXES)
