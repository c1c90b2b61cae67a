"""A follower: one of several processes answering HTTP for one store (`serve --http-workers N`).

A follower answers reads itself: queries and pages through its own query workers, which open the snapshot the
primary (the one process that holds the store) last published, so every read sees every write made before it
(pledgegraph/store/pool.py, `QueryRunner(follow=...)`). It sends every write, and every request that reads the
store directly (the Graph Store Protocol, the dump), to the primary over loopback, as it came, and answers
with the primary's answer.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import urllib3
from flask import Flask, Response, request

from pledgegraph.errors import StoreUnavailable
from pledgegraph.server.links import public_root
from pledgegraph.settings import Settings

UPDATE_TYPE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length", "x-forwarded-for", "x-forwarded-host",
        "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix"}
_TO_PRIMARY = ("/store", "/dump")  # paths whose views read or write the store itself


class PrimaryStore:
    """The store as a follower holds it: nothing of its own; what needs the store goes to the primary."""

    def __init__(self, engine: str) -> None:
        self.engine = engine

    def __getattr__(self, name: str) -> object:
        raise StoreUnavailable(f"this process forwards what needs the store ({name}) to the one that holds it")


def for_primary() -> bool:
    """Whether the request writes, or reads the store other than through a query."""
    path = request.path.rstrip("/") or "/"
    if path.startswith(_TO_PRIMARY) or request.method not in ("GET", "HEAD", "OPTIONS", "POST"):
        return True
    if request.method != "POST" or path != "/sparql":
        return False
    if request.mimetype == UPDATE_TYPE:
        return True
    if request.mimetype != FORM:
        return False
    body = request.get_data(cache=True)  # kept for the view, or for the primary
    return body.startswith(b"update=") or b"&update=" in body  # a form's keys are never escaped


def install(app: Flask, primary: str, settings: Settings) -> None:
    """Have the app send what `for_primary` picks to the primary at `primary` (its loopback URL)."""
    pool = urllib3.PoolManager(maxsize=max(4, settings.threads), retries=False)
    timeout = urllib3.Timeout(connect=5.0, read=settings.query_timeout + 60.0)

    @app.before_request
    def _to_primary() -> Response | None:
        if not for_primary():
            return None
        root = urlsplit(public_root())
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        headers.update({"X-Forwarded-Proto": root.scheme, "X-Forwarded-Host": root.netloc,
                        "X-Forwarded-Prefix": root.path.rstrip("/") or "/",
                        "X-Forwarded-For": request.remote_addr or ""})
        target = primary.rstrip("/") + request.path + (f"?{request.query_string.decode()}" if request.query_string
                                                       else "")
        try:
            answer = pool.request(request.method, target, body=request.get_data(cache=True), headers=headers,
                                  preload_content=False, redirect=False, timeout=timeout)
        except urllib3.exceptions.HTTPError as e:
            raise StoreUnavailable(f"the process that holds the store did not answer ({type(e).__name__})") from e
        return Response(answer.stream(1 << 16), status=answer.status,
                        headers=[(k, v) for k, v in answer.headers.items() if k.lower() not in _HOP])
