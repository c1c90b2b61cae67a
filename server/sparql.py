"""The SPARQL 1.1 Protocol endpoint at /sparql: queries, updates, the service description and the query page.

Queries are evaluated by Oxigraph in worker processes under a hard time limit (pledgegraph/store/pool.py);
updates need the bearer token and run in the server process, which holds the store for writing.
"""
from __future__ import annotations

import binascii
import re
import threading
import time
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed, RequestURITooLarge

from pledgegraph import formats
from pledgegraph.errors import BadQuery, QueryTimeout
from pledgegraph.ontology.vocab import PREFIXES
from pledgegraph.server import context, query_examples
from pledgegraph.server.auth import require_token
from pledgegraph.formats import negotiate
from pledgegraph.store.pool import ClientGone
from pledgegraph.server.result_cache import ResultCache
from pledgegraph.server.service_description import describe
from pledgegraph.server.sparql_text import Canonical, add_using, canonical, has_dataset_clause

bp = Blueprint("sparql", __name__)

CAPPED_HEADER = "X-Results-Capped"
FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
VERSIONS = {"1.1", "1.2"}
CORS_PATHS = ("/sparql",)
VARY = "Accept, Origin"  # the answer's format follows Accept; the CORS headers come only with an Origin
_write_lock = threading.Lock()


def store_changed() -> None:
    """Call after every write to the store: flush it, and have the query workers reopen it."""
    store = context.store()
    flush = getattr(store, "flush", None)
    if flush:
        flush()
    context.runner().changed()
    current_app.extensions["pledgegraph"].pop("service_description", None)


# -- request parsing --------------------------------------------------------------------------------------------

def _body_text() -> str:
    """The request body as UTF-8 text; a declared charset other than UTF-8 or undecodable bytes are a 400."""
    charset = (_media_params().get("charset") or "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise BadQuery(f"the request body must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=True).decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadQuery(f"the request body is not valid UTF-8: {e}") from e


def _form() -> MultiDict:
    try:
        return MultiDict(form_pairs(_body_text()))
    except UnicodeDecodeError as e:
        raise BadQuery(f"the form is not valid UTF-8 once decoded: {e}") from e


def form_pairs(text: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of a form, exactly as parse_qsl(keep_blank_values=True, errors="strict") reads
    them, with the %XX unescaping done in C (binascii's quoted-printable decoder) where the text allows: a
    query's form is mostly escapes, which parse_qsl undoes one by one in Python."""
    if "\n" not in text and "\r" not in text:  # (quoted-printable reads line breaks otherwise)
        try:
            return [(_unescape(name), _unescape(value))
                    for name, _, value in (piece.partition("=") for piece in text.split("&") if piece)]
        except _StrayPercent:
            pass
    return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")


class _StrayPercent(ValueError):
    """A "%" not followed by two hex digits, which parse_qsl keeps as it is."""


def _unescape(text: str) -> str:
    if "%" not in text and "+" not in text:
        return text
    qp = text.replace("+", " ").replace("=", "=3D").replace("%", "=").encode("utf-8")  # %XX -> =XX
    raw = binascii.a2b_qp(qp)
    if len(raw) != len(qp) - 2 * qp.count(b"="):  # each "=" an escape of three bytes, or a stray one
        raise _StrayPercent(text)
    return raw.decode("utf-8")


def _media_params() -> dict[str, str]:
    """The Content-Type's parameters (charset, version), parsed only when it has any."""
    return request.mimetype_params if ";" in (request.content_type or "") else {}


def _one(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadQuery(f"the request has {len(values)} '{name}' parameters; give exactly one")
    return values[0] if values else None


def _check_version(params: MultiDict) -> None:
    versions = params.getlist("version")
    media_version = _media_params().get("version") if request.method == "POST" else None
    if media_version:
        versions.append(media_version)
    if len(versions) > 1:
        raise BadQuery("give the SPARQL version at most once")
    if versions and versions[0] not in VERSIONS:
        raise BadQuery(f"unsupported SPARQL version {versions[0]!r}; this endpoint speaks {', '.join(sorted(VERSIONS))}")


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _operation() -> tuple[str | None, str | None, MultiDict]:
    """(query, update, parameters) of a protocol request; raises BadQuery on protocol errors."""
    url = request.args
    if len(request.query_string) > context.settings().max_body:
        raise RequestURITooLarge(f"the URL's query string is longer than {context.settings().max_body} bytes; "
                                 "POST the query instead")
    if request.method == "GET":
        if _has_body():
            raise BadQuery("a GET request must not have a body; POST the query instead")
        if "update" in url:
            raise MethodNotAllowed(valid_methods=["POST"],
                                   description="SPARQL Update is not allowed by GET; POST it to /sparql")
        _check_version(url)
        return _one(url, "query"), None, url
    mimetype = request.mimetype
    if mimetype == FORM:
        form = _form()
        params = MultiDict([*url.items(multi=True), *((k, v) for k, v in form.items(multi=True)
                                                        if k not in ("query", "update"))])
        _check_version(params)
        query, update = _one(form, "query"), _one(form, "update")
        if query is None and update is None:
            where = " (it is in the URL; a form POST carries it in the body)" if (
                "query" in url or "update" in url) else ""
            raise BadQuery(f"the form has no 'query' or 'update' parameter{where}")
        if query is not None and update is not None:
            raise BadQuery("give either 'query' or 'update', not both")
        return query, update, params
    if mimetype == QUERY_TYPE:
        _check_version(url)
        return _body_text(), None, url
    if mimetype == UPDATE_TYPE:
        _check_version(url)
        return None, _body_text(), url
    if not mimetype:
        raise BadQuery(f"a POST needs a Content-Type: {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")
    raise BadQuery(f"unsupported Content-Type {mimetype!r}; use {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}")


# -- query, update ----------------------------------------------------------------------------------------------

def checked(text: str) -> Canonical:
    """The request as the engine will run it (sparql_text.canonical), its SERVICE and LOAD targets checked
    against the allow-list: a variable, relative or unlisted target is refused."""
    try:
        c = canonical(text, context.settings().base_iri)
    except ValueError as e:
        raise BadQuery(str(e)) from None
    allowed = set(context.settings().service_allow_list)
    listed = ", ".join(sorted(allowed)) or "nothing: federated queries are off"
    for call in c.services:
        if call.endpoint is None:
            raise BadQuery(f"SERVICE {call.written} refused: the endpoint of a federated query must be a fixed, "
                           "absolute IRI on the allow-list (PLEDGEGRAPH_SERVICE_ALLOW), not a variable")
        if call.endpoint not in allowed:
            raise BadQuery(f"SERVICE <{call.endpoint}> refused: it is not on this server's allow-list "
                           f"(PLEDGEGRAPH_SERVICE_ALLOW lists {listed})")
    for source in c.loads:
        if source is None or source not in allowed:
            raise BadQuery(f"LOAD <{source or '?'}> refused: a LOAD source must be on this server's allow-list "
                           f"(PLEDGEGRAPH_SERVICE_ALLOW lists {listed})")
    return c


def run_query(query: str, params: MultiDict, accept: str | None, fmt: str | None = None) -> Response:
    """Evaluate a query in a worker and answer with the negotiated format."""
    settings = context.settings()
    c = checked(query)
    default_graphs = params.getlist("default-graph-uri")
    named_graphs = params.getlist("named-graph-uri")
    req: dict[str, Any] = {
        "query": c.text, "base_iri": settings.base_iri, "accept": accept, "format": fmt,
        "max_rows": settings.max_rows, "max_bytes": settings.max_result_bytes, "prefixes": PREFIXES,
        "union": not c.has_from,
        "default_graphs": default_graphs if (default_graphs or named_graphs) else None,
        "named_graphs": named_graphs if (default_graphs or named_graphs) else None,
    }
    try:
        reply = _answer(req, c)
    except BadQuery as e:
        raise BadQuery(where(str(e), c, query)) from None
    except ClientGone:
        return Response(status=503)  # nobody is listening
    media = reply["media"]
    resp = Response(reply["body"], content_type=f"{media}; charset=utf-8" if _is_text(media) else media)
    resp.headers["Vary"] = VARY
    if reply["capped"]:
        resp.headers[CAPPED_HEADER] = str(settings.max_rows)
    return resp


def _answer(req: dict[str, Any], c: Canonical) -> dict[str, Any]:
    """A worker's reply to the request, or the one kept from an identical request since the last write; timed."""
    started, outcome = time.perf_counter(), "error"
    runner, cache = context.runner(), current_app.extensions["pledgegraph"]["cache"]
    key = ResultCache.key(req, runner.generation) if not (c.services or _volatile(c.text)) else None
    try:
        reply = cache.get(key) if key else None
        if reply is None:
            reply = runner.run(req, client=request.remote_addr or "",
                               gone=request.environ.get("waitress.client_disconnected"))
            if key:
                cache.put(key, reply)
        outcome = "ok"
        return reply
    except QueryTimeout:
        outcome = "timeout"
        raise
    except ClientGone:
        outcome = "gone"
        raise
    finally:
        timing = current_app.extensions["pledgegraph"].get("query_seconds")
        if timing is not None:
            timing.child(outcome).observe(time.perf_counter() - started)


_VOLATILE = re.compile(r"\b(RAND|NOW|UUID|STRUUID|BNODE)\b", re.IGNORECASE)  # answers that differ each time


@lru_cache(maxsize=512)
def _volatile(text: str) -> bool:
    return _VOLATILE.search(text) is not None


def where(message: str, c: Canonical, original: str) -> str:
    """A syntax error's "error at L:C", which counts in the text the engine ran, counted in the client's."""
    m = re.search(r"error at (\d+):(\d+)", message)
    if m is None or not c.positions:
        return message
    offset = int(m.group(2)) - 1
    start = next((orig for canon, orig in reversed(c.positions) if canon <= offset), 0)
    line = original.count("\n", 0, start) + 1
    col = start - (original.rfind("\n", 0, start) + 1) + 1
    return message[:m.start()] + f"error at {line}:{col}" + message[m.end():]


def _is_text(media: str) -> bool:
    return media.startswith("text/") or media.endswith(("json", "xml")) or media in (
        "application/n-triples", "application/trig", "application/n-quads")


def run_update(update: str, params: MultiDict) -> Response:
    """Run an update (bearer token required); using-graph-uri parameters become USING clauses."""
    settings = context.settings()
    require_token(settings, request.headers.get("Authorization"))
    using, using_named = params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri")
    if using or using_named:
        if has_dataset_clause(update):
            raise BadQuery("the update names its dataset with USING or WITH and the request with "
                           "using-graph-uri/using-named-graph-uri; give one of them")
        update = add_using(update, using, using_named)
    c = checked(update)
    if not (c.loads or c.services):  # (a LOAD or SERVICE would fetch twice)
        try:
            context.runner().run({"op": "rehearse", "update": c.text, "base": settings.base_iri})
        except BadQuery as e:
            raise BadQuery(where(str(e), c, update)) from None
    with _write_lock:
        try:
            context.store().update(c.text, base_iri=settings.base_iri)
        except SyntaxError as e:
            raise BadQuery(where(str(e), c, update)) from None
        store_changed()
    return Response(status=204)


# -- routes -----------------------------------------------------------------------------------------------------

def sparql() -> Response | str:
    query, update, params = _operation()
    if update is not None:
        return run_update(update, params)
    if query is None:
        return service_description_or_page()
    if not query.strip():
        raise BadQuery("the query is empty")
    return run_query(query, params, request.headers.get("Accept"), params.get("format"))


SD_TYPES = [formats.TURTLE, formats.JSONLD, formats.RDFXML, formats.NTRIPLES, "text/html"]


def service_description_or_page() -> Response | str:
    """GET /sparql without a query: the service description, or the query page for a browser."""
    fmt = request.args.get("format")
    media = negotiate(request.headers.get("Accept"), SD_TYPES) if not fmt else (
        "text/html" if fmt == "html" else negotiate(_format_media(fmt), SD_TYPES))
    if media == "text/html":
        return query_page()
    body = describe(media, endpoint_url())
    resp = Response(body, content_type=f"{media}; charset=utf-8")
    resp.headers["Vary"] = VARY
    return resp


def _format_media(fmt: str) -> str:
    return formats.GRAPH_FORMAT_NAMES.get(fmt.lower(), fmt)


def endpoint_url() -> str:
    public = context.settings().public_url
    return (public.rstrip("/") + "/sparql") if public else request.url_root.rstrip("/") + "/sparql"


# Yasgui (CodeMirror) styles its elements inline; scripts are the server's own files only.
QUERY_PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
                  "img-src 'self' data:; font-src 'self' data:; form-action 'self'; base-uri 'none'; "
                  "frame-ancestors 'none'")


def query_page() -> Response:
    """The Yasgui query page, pre-filled with example queries and the ontology's prefixes."""
    html = render_template("query.html", endpoint=endpoint_url(), examples=query_examples.examples(),
                           prefixes=PREFIXES, yasgui=query_examples.yasgui_installed(),
                           timeout=context.settings().query_timeout, max_rows=context.settings().max_rows)
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": QUERY_PAGE_CSP,
                                                         "X-Content-Type-Options": "nosniff",
                                                         "Referrer-Policy": "same-origin"})


@bp.after_app_request
def _cors(resp: Response) -> Response:
    """CORS for queries: any origin may GET or POST to /sparql and read the results and the cap header. Only a
    request with an Origin is a CORS request; the answers say they vary with it (VARY), for caches."""
    if "Origin" in request.headers and request.path.rstrip("/") in CORS_PATHS:  # a browser's cross-origin call
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        resp.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, Authorization"
        resp.headers["Access-Control-Expose-Headers"] = CAPPED_HEADER
        resp.headers["Access-Control-Max-Age"] = "86400"
    return resp
