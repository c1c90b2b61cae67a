"""Bearer-token authorisation of writes (SPARQL Update and the Graph Store Protocol)."""
from __future__ import annotations

import hmac

from pledgegraph.errors import Forbidden, Unauthorized
from pledgegraph.settings import Settings

REALM = "pledgegraph"


def require_token(settings: Settings, authorization: str | None) -> None:
    """Return quietly if `Authorization: Bearer <token>` carries the configured update token; else raise
    Unauthorized (no credentials) or Forbidden (wrong credentials, or writes switched off)."""
    if not settings.update_token:
        raise Forbidden("writes are switched off on this server (no update token is configured)")
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("this operation needs an 'Authorization: Bearer <token>' header")
    if not hmac.compare_digest(token.strip().encode("utf-8"), settings.update_token.encode("utf-8")):
        raise Forbidden("the bearer token is not the update token")
