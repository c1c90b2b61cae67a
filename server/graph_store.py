"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (off unless an update token is set).

`?graph=IRI` names a graph, `?default` (or no parameter) the default graph. GET returns it, PUT replaces it,
POST adds to it, DELETE drops it. Every method needs `Authorization: Bearer <update token>`. A body is parsed
completely before the store is touched, and each write is one Oxigraph transaction: bad input changes nothing.
"""
from __future__ import annotations

from flask import Blueprint, Response, request

from pledgegraph.errors import BadQuery, NotFound, UnsupportedMediaType
from pledgegraph.formats import READABLE_TYPES, STORED_GRAPH_TYPES, media_type, negotiate
from pledgegraph.formats.rdf import iri, write_graph
from pledgegraph.ontology.vocab import PREFIXES
from pledgegraph.server import context
from pledgegraph.server.auth import require_token
from pledgegraph.server.sparql import _write_lock, store_changed

bp = Blueprint("graph_store", __name__)


def _target() -> str | None:
    """The graph the request names: an IRI, or None for the default graph."""
    graph = request.args.getlist("graph")
    if len(graph) > 1 or (graph and "default" in request.args):
        raise BadQuery("name one graph: either ?graph=IRI or ?default")
    if graph:
        if not graph[0].strip():
            raise BadQuery("?graph= needs an absolute IRI")
        try:
            return iri(graph[0]).value
        except ValueError as e:
            raise BadQuery(f"?graph={graph[0]!r} is not an IRI: {e}") from e
    return None


def _sparql_graph(target: str | None) -> str:
    return "DEFAULT" if target is None else f"GRAPH <{target}>"


def _shown(target: str | None) -> str:
    return "DEFAULT" if target is None else f"<{target}>"


def _parse_body(target: str | None) -> bytes:
    """The body's triples as N-Triples, read by a query worker; raises before anything is written."""
    mime = media_type(request.headers.get("Content-Type"))
    if mime not in READABLE_TYPES:
        raise UnsupportedMediaType(f"cannot read {mime or 'a body without Content-Type'}; send one of "
                                   + ", ".join(sorted(READABLE_TYPES)))
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise BadQuery(f"the body must be UTF-8, not {charset}")
    base = target if target is not None else request.base_url
    reply = context.runner().run({"op": "parse", "body": request.get_data(), "media": mime, "base": base})
    return reply["ntriples"]


def graph_store() -> Response:
    settings = context.settings()
    require_token(settings, request.headers.get("Authorization"))
    target = _target()
    db = context.store()
    if request.method in ("GET", "HEAD"):
        if not db.has_graph(target):
            raise NotFound(f"no graph {_shown(target)}")
        media = negotiate(request.headers.get("Accept"), STORED_GRAPH_TYPES)
        triples = list(db.graph_triples(target))
        resp = Response(write_graph(media, triples, PREFIXES), content_type=f"{media}; charset=utf-8")
        resp.headers["Vary"] = "Accept"
        return resp
    where = _sparql_graph(target)
    if request.method == "DELETE":
        with _write_lock:
            if not db.has_graph(target):
                raise NotFound(f"no graph {_shown(target)}")
            db.update(f"DROP {where}")
            store_changed()
        return Response(status=204)
    body = _parse_body(target).decode("utf-8")
    if not body.strip():
        insert = ""
    elif target is None:
        insert = f"INSERT DATA {{\n{body}\n}}"
    else:
        insert = f"INSERT DATA {{ GRAPH <{target}> {{\n{body}\n}} }}"
    with _write_lock:
        created = not db.has_graph(target)
        ops = ([f"DROP SILENT {where}"] if request.method == "PUT" else []) + ([insert] if insert else [])
        if ops:
            db.update(" ;\n".join(ops))
        if created and target is not None and not insert:
            db.create_graph(target)
        store_changed()
    return Response(status=201 if created else 204)
