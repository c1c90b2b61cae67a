"""The single map from pledgegraph's exceptions to HTTP statuses and bodies."""
from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from pledgegraph import errors as e

STATUS: dict[type[Exception], int] = {
    e.BadQuery: 400,
    e.UnreadableInput: 400,
    e.Unauthorized: 401,
    e.Forbidden: 403,
    e.NotFound: 404,
    e.NotAcceptable: 406,
    e.UnsupportedMediaType: 415,
    e.QueryTimeout: 503,
    e.Busy: 503,
    e.StoreUnavailable: 503,
    e.StoreError: 500,
}

log = logging.getLogger(__name__)


def error_response(status: int, title: str, message: str) -> Response:
    """One body shape for every error: JSON for clients that take it, plain text otherwise."""
    best = request.accept_mimetypes.best_match(["text/plain", "application/json", "text/html"], "text/plain")
    if best == "application/json":
        resp = jsonify({"ok": False, "status": status, "error": title, "message": message})
    else:
        resp = Response(f"{title}: {message}\n", mimetype="text/plain")
    resp.status_code = status
    return resp


def register(app: Flask) -> None:
    @app.errorhandler(e.PledgegraphError)
    def _ours(exc: e.PledgegraphError) -> Response:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 500)
        if status >= 500 and status != 503:
            log.exception("internal error", exc_info=exc)
        resp = error_response(status, type(exc).__name__, str(exc))
        if status == 401:
            resp.headers["WWW-Authenticate"] = 'Bearer realm="pledgegraph"'
        if status == 503:
            resp.headers["Retry-After"] = "1" if isinstance(exc, e.Busy) else "5"
        return resp

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        resp = error_response(exc.code or 500, exc.name, exc.description or "")
        for name in ("Allow", "WWW-Authenticate"):
            value = dict(exc.get_headers()).get(name)
            if value:
                resp.headers[name] = value
        return resp
