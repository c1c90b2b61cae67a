"""The one table of formats: every media type the server and the command line read or write, their short
names for `format=`, and the order each kind of answer offers them in (the server's preference first).

Writers are in `results` (SELECT and ASK) and `rdf` (graphs, datasets, parsing); `negotiate` picks a type
from an Accept header for every route. This package and `pledgegraph.store` are the only code that touches
the engine (pyoxigraph): the rest of the server handles media types as strings and terms through `rdf`.
"""
from __future__ import annotations

from pledgegraph.formats.negotiation import NotAcceptable, media_type, negotiate, parse_accept

__all__ = ["negotiate", "parse_accept", "media_type", "NotAcceptable", "solutions_format", "graph_format",
           "choose_media"]

JSON, XML, CSV, TSV = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values")
TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS, N3 = (
    "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", "application/trig",
    "application/n-quads", "text/n3")

# What each kind of answer can be written as, in the server's order of preference.
SOLUTIONS_TYPES = [JSON, XML, CSV, TSV, "application/json", "application/xml", "text/xml"]
BOOLEAN_TYPES = [JSON, XML, "application/json", "application/xml", "text/xml"]
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS, "application/x-turtle", "text/plain",
               "application/json", "application/xml"]
# A resource's description (Linked Data, the ontology, VoID, the service description) and a stored graph.
DESCRIPTION_TYPES = [TURTLE, JSONLD, NTRIPLES, RDFXML]
STORED_GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS]
# What a Graph Store body may be written in (media types as sent, aliases included).
READABLE_TYPES = [TURTLE, "application/x-turtle", NTRIPLES, "text/plain", RDFXML, JSONLD, N3]

# The suffixes of a resource's concrete representations (/id/actor/x.ttl) and the names shown for them.
SUFFIXES = {"html": "text/html", "ttl": TURTLE, "jsonld": JSONLD, "nt": NTRIPLES, "rdf": RDFXML}
MEDIA_SUFFIX = {media: suffix for suffix, media in SUFFIXES.items()}
RDF_LABELS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML"}

# Aliases a client may ask for: the Content-Type sent back is the one asked for, the body is the target's.
_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML}
_GRAPH_ALIASES = {"application/x-turtle": TURTLE, "text/plain": NTRIPLES, "application/json": JSONLD,
                  "application/xml": RDFXML}

# Short names for the `format=` parameter.
FORMAT_NAMES = {"json": JSON, "srj": JSON, "xml": XML, "srx": XML, "csv": CSV, "tsv": TSV,
                "turtle": TURTLE, "ttl": TURTLE, "ntriples": NTRIPLES, "nt": NTRIPLES, "n-triples": NTRIPLES,
                "jsonld": JSONLD, "json-ld": JSONLD, "rdfxml": RDFXML, "rdf": RDFXML, "rdf+xml": RDFXML,
                "trig": TRIG, "nquads": NQUADS, "nq": NQUADS, "n-quads": NQUADS}
# For `format=` names that exist for both kinds (json, xml), the graph-side meaning.
GRAPH_FORMAT_NAMES = {**FORMAT_NAMES, "json": JSONLD, "xml": RDFXML}


def solutions_format(media: str) -> str:
    """The results format an alias (application/json, text/xml) is written in."""
    return _ALIASES.get(media, media)


def graph_format(media: str) -> str:
    """The RDF format an alias (text/plain, application/json) is written in."""
    return _GRAPH_ALIASES.get(media, media)


def choose_media(offered: list[str], accept: str | None, fmt: str | None, graph: bool) -> str:
    """The media type to answer in: the `format=` parameter if given, else negotiated from Accept."""
    if fmt:
        names = GRAPH_FORMAT_NAMES if graph else FORMAT_NAMES
        media = names.get(fmt.lower(), fmt.lower())
        if media not in offered:
            raise NotAcceptable(f"format={fmt!r} is not available for this query; use one of: "
                                + ", ".join(sorted(k for k, v in names.items() if v in offered)))
        return media
    return negotiate(accept, offered)
