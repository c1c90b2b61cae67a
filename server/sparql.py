"""The SPARQL 1.1 Protocol endpoint at /sparql (first version: query by GET and POST)."""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request

from pledgegraph.errors import BadQuery, NotAcceptable
from pledgegraph.server import context

bp = Blueprint("sparql", __name__)

_SELECT_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                 "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                 "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV,
                 "application/json": ox.QueryResultsFormat.JSON}
_GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/rdf+xml": ox.RdfFormat.RDF_XML}


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    query = request.values.get("query")
    if request.method == "POST" and request.mimetype == "application/sparql-query":
        query = request.get_data(as_text=True)
    if not query:
        raise BadQuery("missing 'query' parameter")
    result = context.store().query(query)
    if isinstance(result, ox.QueryTriples):
        mime = request.accept_mimetypes.best_match(list(_GRAPH_TYPES), "text/turtle")
        if mime is None:
            raise NotAcceptable("no acceptable RDF format")
        return Response(result.serialize(format=_GRAPH_TYPES[mime]), mimetype=mime)
    mime = request.accept_mimetypes.best_match(list(_SELECT_TYPES), "application/sparql-results+json")
    if mime is None:
        raise NotAcceptable("no acceptable results format")
    return Response(result.serialize(format=_SELECT_TYPES[mime]), mimetype=mime)
