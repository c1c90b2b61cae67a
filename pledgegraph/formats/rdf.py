"""RDF graphs and datasets written and read in every RDF format the server offers, the terms to build them, and
the engine's own format of each media type.

Turtle, N-Triples, RDF/XML, TriG and N-Quads are the engine's serializers and parsers; JSON-LD is written
here, compacted with an @context of the prefixes used (one JSON-LD writer for every route).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from pledgegraph.formats import CSV, JSON, JSONLD, N3, NQUADS, NTRIPLES, RDFXML, TRIG, TSV, TURTLE, XML, graph_format
from pledgegraph.ontology.vocab import RDF, XSD

XSD_STRING = str(XSD.string)
RDF_TYPE = str(RDF.type)

# The engine's own reader and writer of each media type (aliases resolved with graph_format/solutions_format).
ENGINE = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, RDFXML: ox.RdfFormat.RDF_XML,
          TRIG: ox.RdfFormat.TRIG, NQUADS: ox.RdfFormat.N_QUADS, JSONLD: ox.RdfFormat.JSON_LD, N3: ox.RdfFormat.N3}
ENGINE_RESULTS = {JSON: ox.QueryResultsFormat.JSON, XML: ox.QueryResultsFormat.XML,
                  CSV: ox.QueryResultsFormat.CSV, TSV: ox.QueryResultsFormat.TSV}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Triple = ox.Triple


# -- terms -----------------------------------------------------------------------------------------------------

def iri(value: object) -> ox.NamedNode:
    """An IRI term (raises ValueError on a malformed IRI)."""
    return ox.NamedNode(str(value))


def literal(value: object, datatype: object | None = None, language: str | None = None) -> ox.Literal:
    """A literal, plain or typed (`datatype` an IRI) or language-tagged."""
    if datatype is not None:
        return ox.Literal(str(value), datatype=ox.NamedNode(str(datatype)))
    return ox.Literal(str(value), language=language) if language else ox.Literal(str(value))


def blank(label: str | None = None) -> ox.BlankNode:
    return ox.BlankNode(label) if label else ox.BlankNode()


def triple(s: Term, p: ox.NamedNode, o: Term) -> ox.Triple:
    return ox.Triple(s, p, o)


def is_blank(term: object) -> bool:
    return isinstance(term, ox.BlankNode)


# -- reading ---------------------------------------------------------------------------------------------------

def parse(data: bytes, media: str, base_iri: str | None = None) -> list[ox.Triple]:
    """The triples of an RDF document in one of READABLE_TYPES; raises SyntaxError or ValueError."""
    fmt = ENGINE[graph_format(media)]
    return [q.triple for q in ox.parse(data, format=fmt, base_iri=base_iri)]


def quads(data: bytes) -> Iterator[ox.Quad]:
    """The quads of an N-Quads document (a store's dump)."""
    return iter(ox.parse(data, format=ox.RdfFormat.N_QUADS))


# -- writing ---------------------------------------------------------------------------------------------------

def write_graph(media: str, triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Triples in an RDF format; quad formats put them in the default graph."""
    target = graph_format(media)
    if target == JSONLD:
        return jsonld(triples, prefixes)
    fmt = ENGINE[target]
    if target in (TRIG, NQUADS):
        items: list = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    else:
        items = triples
    used = _used_prefixes(triples, prefixes) if target in (TURTLE, TRIG, RDFXML) else None
    return ox.serialize(items, format=fmt, prefixes=used) or b""


def _used_prefixes(triples: list[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    iris = {t.predicate.value for t in triples}
    iris.update(t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode))
    iris.update(t.object.value for t in triples if isinstance(t.object, ox.NamedNode))
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


class _Compactor:
    """Compacts IRIs to prefixed names of the @context."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.by_length = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        for prefix, ns in self.by_length:
            if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns):]:
                self.used[prefix] = ns
                return f"{prefix}:{iri[len(ns):]}"
        return iri


def _jsonld_node(t: object, compact: _Compactor) -> object:
    if isinstance(t, ox.NamedNode):
        return {"@id": compact(t.value)}
    if isinstance(t, ox.BlankNode):
        return {"@id": "_:" + t.value}
    if isinstance(t, ox.Literal):
        if t.language:
            return {"@value": t.value, "@language": t.language}
        if t.datatype.value != XSD_STRING:
            return {"@value": t.value, "@type": compact(t.datatype.value)}
        return t.value
    if isinstance(t, ox.Triple):
        return {"@triple": {"@id": _jsonld_id(t.subject, compact), compact(t.predicate.value):
                            _jsonld_node(t.object, compact)}}
    raise TypeError(f"not an RDF term: {t!r}")


def _jsonld_id(t: object, compact: _Compactor) -> str:
    return "_:" + t.value if isinstance(t, ox.BlankNode) else compact(t.value)  # type: ignore[attr-defined]


def jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Compact JSON-LD: an @context of the prefixes used, and one node object per subject."""
    compact = _Compactor(prefixes)
    nodes: dict[str, dict] = {}
    for t in triples:
        sid = _jsonld_id(t.subject, compact)
        node = nodes.setdefault(sid, {"@id": sid})
        if t.predicate.value == RDF_TYPE and not isinstance(t.object, (ox.Literal, ox.Triple)):
            node.setdefault("@type", []).append(_jsonld_id(t.object, compact))
            continue
        node.setdefault(compact(t.predicate.value), []).append(_jsonld_node(t.object, compact))
    doc = {"@context": dict(sorted(compact.used.items())), "@graph": list(nodes.values())}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def write_quads(media: str, items: list[ox.Quad], prefixes: dict[str, str] | None = None) -> bytes:
    """Quads (a block of a dump) in TriG (with prefixes) or N-Quads."""
    target = graph_format(media)
    return ox.serialize(items, format=ENGINE[target], prefixes=prefixes if target == TRIG else None) or b""


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
