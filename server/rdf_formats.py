"""Serialising triples in the RDF formats the server offers (Turtle, JSON-LD, N-Triples, RDF/XML)."""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from pledgegraph.ontology.vocab import GEONAMES, PREFIXES

FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_PREFIXES = {**PREFIXES, "geonames": str(GEONAMES)}


def serialize(triples: Iterable[ox.Triple], media_type: str) -> bytes:
    """Triples in one of FORMATS, with the project's prefixes where the format has them."""
    fmt = FORMATS[media_type]
    triples = list(triples)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=_PREFIXES) or b""
    return ox.serialize(triples, format=fmt) or b""
