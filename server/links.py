"""Where things live on this server: the public root (settings or X-Forwarded-*), page links of IRIs, query links."""
from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from flask import current_app, g, request

from pledgegraph.formats import MEDIA_SUFFIX, RDF_LABELS, SUFFIXES
from pledgegraph.ontology.vocab import NS, ONTOLOGY_IRI
from pledgegraph.server import context

_HOST = re.compile(r"^[A-Za-z0-9.\-\[\]:]+$")
_PREFIX = re.compile(r"^(/[A-Za-z0-9._~\-]+)*/?$")

__all__ = ["MEDIA_SUFFIX", "RDF_LABELS", "SUFFIXES"]  # the concrete representations (formats' table), HTML first


def _first(value: str | None) -> str:
    return (value or "").split(",")[0].strip()


def public_root() -> str:
    """The server's public URL ending in '/': settings.public_url, else the request with its X-Forwarded-* headers."""
    if "pledgegraph_root" not in g:
        g.pledgegraph_root = _public_root()
    return g.pledgegraph_root


_TRUSTED_PROXIES = ("127.0.0.1", "::1")


def _public_root() -> str:
    """settings.public_url; else what a proxy on this host says in X-Forwarded-*; else the address the server
    listens on; only a server listening on every address takes the request's Host header."""
    configured = context.settings().public_url
    if configured:
        return configured.rstrip("/") + "/"
    if "werkzeug.proxy_fix.orig" in request.environ:  # ProxyFix already rewrote the request
        return request.url_root
    if request.remote_addr not in _TRUSTED_PROXIES:  # a client's own X-Forwarded-* and Host say nothing
        bound = current_app.extensions["pledgegraph"].get("listen_url")
        return bound or request.url_root
    proto = _first(request.headers.get("X-Forwarded-Proto"))
    proto = proto if proto in ("http", "https") else request.scheme
    host = _first(request.headers.get("X-Forwarded-Host"))
    if host and _HOST.match(host):
        port = _first(request.headers.get("X-Forwarded-Port"))
        if port.isdigit() and ":" not in host.rsplit("]", 1)[-1] and port not in ("80", "443"):
            host = f"{host}:{port}"
    else:
        host = request.host
    prefix = _first(request.headers.get("X-Forwarded-Prefix"))
    prefix = prefix.rstrip("/") if prefix and _PREFIX.match(prefix) else request.script_root.rstrip("/")
    return f"{proto}://{host}{prefix}/"


def local_path(iri: str) -> str | None:
    """The path on this server of one of our IRIs (entities and the ontology), or None for outside IRIs."""
    local = context.minter().local(iri)
    if local is not None:
        return local
    if iri == str(ONTOLOGY_IRI):
        return "ns"
    if iri.startswith(NS):
        return "ns#" + iri[len(NS):]
    return None


def safe_external(url: str) -> str:
    """An outside URL fit for an href: http(s) only ('' for javascript:, data: and the like)."""
    return url if re.match(r"^https?://[^\s<>\"']+$", url or "", re.IGNORECASE) else ""


def href(iri: str) -> str:
    """A link for an IRI: our own resolve on this server, outside http(s) ones stay as they are, others: ''."""
    path = local_path(iri)
    if path is None:
        return safe_external(iri)
    return public_root() + quote(path, safe="/#-._~:@!$&'()*+,;=")


def url(path: str, **params: object) -> str:
    """A URL on this server, with query parameters (None values left out)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return public_root() + path.lstrip("/") + ("?" + query if query else "")


def representation(iri: str, suffix: str) -> str:
    """The URL of one concrete representation of an IRI ('ttl', 'html', ...)."""
    path = local_path(iri) or ""
    if path.startswith("ns"):
        return public_root() + "ns." + suffix
    return public_root() + quote(path, safe="/-._~") + "." + suffix


def sparql_link(query: str) -> str:
    """A link that runs a query on this server's SPARQL endpoint."""
    return url("sparql", query=query)


def short(iri: str) -> str:
    """A compact name for an IRI: a prefixed name when a prefix fits, else the IRI."""
    from pledgegraph.ontology.vocab import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns) and re.match(r"^[A-Za-z_][\w\-]*$", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri
