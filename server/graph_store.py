"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (off unless an update token is set).

`?graph=IRI` names a graph, `?default` (or no parameter) the default graph. GET returns it, PUT replaces it,
POST adds to it, DELETE drops it. Every method needs `Authorization: Bearer <update token>`. A body is parsed
completely before the store is touched, and each write is one Oxigraph transaction: bad input changes nothing.
"""
from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request

from pledgegraph.errors import BadQuery, NotFound, UnsupportedMediaType
from pledgegraph.ontology.vocab import PREFIXES
from pledgegraph.server import context
from pledgegraph.server import serialize as ser
from pledgegraph.server.auth import require_token
from pledgegraph.server.conneg import media_type, negotiate
from pledgegraph.server.query_worker import PARSERS
from pledgegraph.server.sparql import _write_lock, store_changed

bp = Blueprint("graph_store", __name__)

_GET_TYPES = [ser.TURTLE, ser.NTRIPLES, ser.JSONLD, ser.RDFXML, ser.TRIG, ser.NQUADS]


def _target() -> ox.NamedNode | ox.DefaultGraph:
    graph = request.args.getlist("graph")
    if len(graph) > 1 or (graph and "default" in request.args):
        raise BadQuery("name one graph: either ?graph=IRI or ?default")
    if graph:
        if not graph[0].strip():
            raise BadQuery("?graph= needs an absolute IRI")
        try:
            return ox.NamedNode(graph[0])
        except ValueError as e:
            raise BadQuery(f"?graph={graph[0]!r} is not an IRI: {e}") from e
    return ox.DefaultGraph()


def _sparql_graph(target: ox.NamedNode | ox.DefaultGraph) -> str:
    return "DEFAULT" if isinstance(target, ox.DefaultGraph) else f"GRAPH {target}"


def _name(target: ox.NamedNode | ox.DefaultGraph) -> str | None:
    return target.value if isinstance(target, ox.NamedNode) else None


def _parse_body(target: ox.NamedNode | ox.DefaultGraph) -> bytes:
    """The body's triples as N-Triples, read by a query worker; raises before anything is written."""
    mime = media_type(request.headers.get("Content-Type"))
    if mime not in PARSERS:
        raise UnsupportedMediaType(f"cannot read {mime or 'a body without Content-Type'}; send one of "
                                   + ", ".join(sorted(PARSERS)))
    charset = (request.mimetype_params.get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise BadQuery(f"the body must be UTF-8, not {charset}")
    base = target.value if isinstance(target, ox.NamedNode) else request.base_url
    reply = context.runner().run({"op": "parse", "body": request.get_data(), "media": mime, "base": base})
    return reply["ntriples"]


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    settings = context.settings()
    require_token(settings, request.headers.get("Authorization"))
    target = _target()
    db = context.store()
    if request.method in ("GET", "HEAD"):
        if not db.has_graph(_name(target)):
            raise NotFound(f"no graph {target}")
        media = negotiate(request.headers.get("Accept"), _GET_TYPES)
        triples = list(db.graph_triples(_name(target)))
        resp = Response(ser.write_graph(media, triples, PREFIXES), content_type=f"{media}; charset=utf-8")
        resp.headers["Vary"] = "Accept"
        return resp
    where = _sparql_graph(target)
    if request.method == "DELETE":
        with _write_lock:
            if not db.has_graph(_name(target)):
                raise NotFound(f"no graph {target}")
            db.update(f"DROP {where}")
            store_changed()
        return Response(status=204)
    body = _parse_body(target).decode("utf-8")
    if not body.strip():
        insert = ""
    elif isinstance(target, ox.DefaultGraph):
        insert = f"INSERT DATA {{\n{body}\n}}"
    else:
        insert = f"INSERT DATA {{ GRAPH {target} {{\n{body}\n}} }}"
    with _write_lock:
        created = not db.has_graph(_name(target))
        ops = ([f"DROP SILENT {where}"] if request.method == "PUT" else []) + ([insert] if insert else [])
        if ops:
            db.update(" ;\n".join(ops))
        if created and isinstance(target, ox.NamedNode) and not insert:
            db.create_graph(target.value)
        store_changed()
    return Response(status=201 if created else 204)
