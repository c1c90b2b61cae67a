"""Linked Data: IRI dereferencing with content negotiation, the ontology at /ns, VoID, dumps, the iCalendar feed.

Strategy, applied everywhere: one IRI answers with the representation the Accept header asks for (HTML, Turtle,
JSON-LD, N-Triples, RDF/XML), with `Vary: Accept` and a `Content-Location` naming the concrete representation,
which is served at the IRI's path plus a suffix (.html, .ttl, .jsonld, .nt, .rdf).
"""
from __future__ import annotations

import itertools
from datetime import date

from flask import Blueprint, Response, request, stream_with_context

from pledgegraph.errors import BadQuery, NotFound
from pledgegraph.server import context, dump, ical, links, ontology_doc, pages, void
from pledgegraph.server.links import MEDIA_SUFFIX, SUFFIXES
from pledgegraph.server.page_queries import Iri, ask, build, construct, select
from pledgegraph.formats import DESCRIPTION_TYPES, NQUADS, TRIG, negotiate
from pledgegraph.formats.rdf import Triple, write_graph
from pledgegraph.ontology.vocab import GEONAMES, PREFIXES

bp = Blueprint("linked_data", __name__)

OFFERED = list(SUFFIXES.values())  # HTML first
INCOMING_LIMIT = 1000


_PREFIXES = {**PREFIXES, "geonames": str(GEONAMES)}


def _serialize(triples: list[Triple], media_type: str) -> bytes:
    """A description in an RDF media type, with the prefixes it uses."""
    return write_graph(media_type, triples, _PREFIXES)


def _split_suffix(rest: str) -> tuple[str, str | None]:
    """'united-states.ttl' -> ('united-states', 'ttl'); no known suffix -> (rest, None)."""
    stem, dot, suffix = rest.rpartition(".")
    if dot and suffix in SUFFIXES and stem:
        return stem, suffix
    return rest, None


def _negotiated(body: bytes | str, media_type: str, location: str, fixed: bool) -> Response:
    resp = Response(body, mimetype=media_type)
    if media_type.startswith("text/") and "charset" not in resp.content_type:
        resp.content_type = f"{media_type}; charset=utf-8"
    if not fixed:
        resp.headers["Vary"] = "Accept"
        resp.headers["Content-Location"] = location
    return resp


def resource_triples(iri: str) -> list[Triple]:
    """The RDF document of one of our IRIs: its description and (capped) links into it."""
    found = construct(build("describe", iri=Iri(iri)))
    found += construct(build("describe_incoming", iri=Iri(iri), limit=INCOMING_LIMIT))
    return list(dict.fromkeys(found))


def _exists(iri: str) -> bool:
    return ask(build("exists", iri=Iri(iri)))


def _choose(suffix: str | None) -> tuple[str, bool]:
    """The media type to answer with, and whether the URL fixed it (a suffix) rather than the Accept header."""
    if suffix:
        return SUFFIXES[suffix], True
    return negotiate(request.headers.get("Accept"), OFFERED), False


def entity(kind: str, rest: str) -> Response:
    """Every minted IRI, at its own path below the base."""
    stem, suffix = _split_suffix(rest)
    iri = str(context.minter().base) + f"{kind}/{stem}"
    try:
        known = _exists(iri)
    except BadQuery as e:  # an IRI that cannot be one of ours
        raise NotFound(f"no resource at {request.path}") from e
    if not known:
        raise NotFound(f"nothing is known about {iri}")
    media_type, fixed = _choose(suffix)
    location = links.representation(iri, MEDIA_SUFFIX[media_type])
    if media_type == "text/html":
        return _negotiated(pages.render_entity(kind, stem, iri), media_type, location, fixed)
    return _negotiated(_serialize(resource_triples(iri), media_type), media_type, location, fixed)


def ontology(suffix: str | None = None) -> Response:
    """The ontology: HTML documentation or RDF (the Turtle file as it is)."""
    media_type, fixed = _choose(suffix)
    location = links.representation(str(ontology_doc.ONTOLOGY_IRI), MEDIA_SUFFIX[media_type])
    if media_type == "text/html":
        body: bytes | str = pages.render_ontology()
    elif media_type == "text/turtle":
        body = ontology_doc.turtle()
    else:
        body = _serialize(ontology_doc.triples(), media_type)
    return _negotiated(body, media_type, location, fixed)


def void_description() -> Response:
    """The VoID description (Turtle unless another RDF format is asked for)."""
    accept = request.headers.get("Accept")
    media_type = negotiate(accept, DESCRIPTION_TYPES) if accept and "html" not in accept else "text/turtle"
    root = links.public_root()
    triples = void.describe(root + ".well-known/void", root, str(context.minter().base))
    resp = _negotiated(_serialize(triples, media_type), media_type, "", True)
    resp.headers["Vary"] = "Accept"
    return resp


_DUMPS = {"nquads": (NQUADS, "application/gzip", "pledgegraph.nq.gz", True),
          "trig": (TRIG, TRIG, "pledgegraph.trig", False)}


def dump_dataset() -> Response:
    """The whole dataset, streamed: ?format=nquads (gzip, the default) or ?format=trig."""
    name = request.args.get("format", "nquads")
    if name not in _DUMPS:
        raise BadQuery(f"unknown dump format {name!r}: use nquads or trig")
    fmt, media_type, filename, gz = _DUMPS[name]
    parts = dump.chunks(context.store(), fmt)
    # the first chunk is read before the answer starts: a store that is down or stalls past the time limit
    # (a remote engine's reads carry it) answers 503 with its reason, not a stream that breaks off at once
    parts = itertools.chain([next(parts, b"")], parts)
    body = dump.gzipped(parts) if gz else parts
    resp = Response(stream_with_context(body), mimetype=media_type)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def deadlines_ics() -> Response:
    """Every dated commitment and forecast as an iCalendar feed."""
    today = pages.today()
    actor = request.args.get("actor", "")
    if actor and context.minter().local(actor) is not None:
        rows = [pages.with_status(r, today) for r in select(build("deadlines_of_actor", actor=Iri(actor)))]
    else:
        rows = pages.deadline_rows("", today)
    events = [ical.Event(uid=row["s"], due=row["due"], summary=pages.event_summary(row),
                         description=pages.event_description(row), url=links.href(row["s"]),
                         status=row["status"]) for row in rows]
    body = "".join(ical.feed(events, "pledgegraph deadlines"))
    resp = Response(body, mimetype="text/calendar")
    resp.content_type = "text/calendar; charset=utf-8"
    resp.headers["Content-Disposition"] = 'inline; filename="pledgegraph-deadlines.ics"'
    return resp


__all__ = ["bp", "negotiate", "resource_triples", "date"]
