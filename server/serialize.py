"""Writes query results in every format the endpoint offers, capped at a number of rows.

SELECT and ASK: SPARQL JSON, XML, CSV and TSV (written here, so a capped row list can be written);
CONSTRUCT and DESCRIBE: Turtle, N-Triples, RDF/XML, TriG, N-Quads (Oxigraph's serializers) and JSON-LD
(written here, compacted with an @context of the ontology's prefixes).
No Flask here: the query workers import this module.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from pledgegraph.ontology.vocab import RDF, XSD

XSD_STRING = str(XSD.string)
RDF_TYPE = str(RDF.type)

JSON, XML, CSV, TSV = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values")
TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS = ("text/turtle", "application/n-triples", "application/ld+json",
                                                  "application/rdf+xml", "application/trig", "application/n-quads")

# What each kind of result can be written as, in the server's order of preference.
SOLUTIONS_TYPES = [JSON, XML, CSV, TSV, "application/json", "application/xml", "text/xml"]
BOOLEAN_TYPES = [JSON, XML, "application/json", "application/xml", "text/xml"]
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS, "application/x-turtle", "text/plain",
               "application/json", "application/xml"]

# Aliases a client may ask for: the Content-Type sent back is the one asked for, the body is the target's.
_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML}
_GRAPH_ALIASES = {"application/x-turtle": TURTLE, "text/plain": NTRIPLES, "application/json": JSONLD,
                  "application/xml": RDFXML}
_OX_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES, RDFXML: ox.RdfFormat.RDF_XML,
               TRIG: ox.RdfFormat.TRIG, NQUADS: ox.RdfFormat.N_QUADS}

# Short names for the `format=` parameter.
FORMAT_NAMES = {"json": JSON, "srj": JSON, "xml": XML, "srx": XML, "csv": CSV, "tsv": TSV,
                "turtle": TURTLE, "ttl": TURTLE, "ntriples": NTRIPLES, "nt": NTRIPLES, "n-triples": NTRIPLES,
                "jsonld": JSONLD, "json-ld": JSONLD, "rdfxml": RDFXML, "rdf": RDFXML, "rdf+xml": RDFXML,
                "trig": TRIG, "nquads": NQUADS, "nq": NQUADS, "n-quads": NQUADS}
# For `format=` names that exist for both kinds (json, xml), the graph-side meaning.
GRAPH_FORMAT_NAMES = {**FORMAT_NAMES, "json": JSONLD, "xml": RDFXML}


def solutions_format(media: str) -> str:
    return _ALIASES.get(media, media)


def graph_format(media: str) -> str:
    return _GRAPH_ALIASES.get(media, media)


def take(items: Iterable, limit: int, max_bytes: int | None = None) -> tuple[list, bool]:
    """At most `limit` items (and values of at most `max_bytes` characters in all), and whether there were
    more: counted as the engine streams them, whatever the query's own LIMIT says."""
    if max_bytes is None:
        got = list(islice(iter(items), limit + 1))
        return (got[:limit], True) if len(got) > limit else (got, False)
    out: list = []
    size = 0
    for item in items:
        size += sum(len(getattr(t, "value", "")) for t in item if t is not None)
        if len(out) == limit or size > max_bytes:
            return out, True
        out.append(item)
    return out, False


# -- SELECT / ASK ---------------------------------------------------------------------------------------------

def _json_term(t: object) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.Literal):
        out: dict = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
            direction = getattr(t, "direction", None)
            if direction is not None:
                out["its:dir"] = str(direction.value if hasattr(direction, "value") else direction).lower()
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    raise TypeError(f"not an RDF term: {t!r}")


def solutions_json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    """SPARQL JSON; each distinct term is encoded once (results repeat actors, kinds, datatypes)."""
    cache: dict[object, str] = {}
    keys = [json.dumps(v, ensure_ascii=False) + ":" for v in variables]
    parts = []
    for row in rows:
        cells = []
        for key, t in zip(keys, row):
            if t is None:
                continue
            fragment = cache.get(t)
            if fragment is None:
                fragment = cache[t] = json.dumps(_json_term(t), ensure_ascii=False, separators=(",", ":"))
            cells.append(key + fragment)
        parts.append("{" + ",".join(cells) + "}")
    return ('{"head":{"vars":' + json.dumps(variables, ensure_ascii=False) + '},"results":{"bindings":['
            + ",".join(parts) + "]}}").encode("utf-8")


def _xml_term(t: object) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Triple):
        return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
                f"<object>{_xml_term(t.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {t!r}")


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def solutions_xml(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    out = [_XML_HEAD, "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>\n"]
    cache: dict[object, str] = {}
    opens = [f"<binding name={quoteattr(v)}>" for v in variables]
    for row in rows:
        out.append("<result>")
        for open_tag, t in zip(opens, row):
            if t is not None:
                fragment = cache.get(t)
                if fragment is None:
                    fragment = cache[t] = _xml_term(t)
                out.append(f"{open_tag}{fragment}</binding>")
        out.append("</result>\n")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(t: object) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value  # type: ignore[attr-defined]


def solutions_csv(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    for row in rows:
        w.writerow([_csv_value(row[n]) for n in variables])
    return buf.getvalue().encode("utf-8")


def _tsv_value(t: object) -> str:
    if t is None:
        return ""
    return str(t).replace("\t", "\\t")


def solutions_tsv(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    lines.extend("\t".join(_tsv_value(row[n]) for n in variables) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


_SOLUTION_WRITERS = {JSON: solutions_json, XML: solutions_xml, CSV: solutions_csv, TSV: solutions_tsv}


def write_solutions(media: str, variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    return _SOLUTION_WRITERS[solutions_format(media)](variables, rows)


def write_boolean(media: str, value: bool) -> bytes:
    if solutions_format(media) == XML:
        return f'{_XML_HEAD}<head/><boolean>{"true" if value else "false"}</boolean></sparql>\n'.encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


# -- CONSTRUCT / DESCRIBE --------------------------------------------------------------------------------------

def write_graph(media: str, triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Triples in an RDF format; quad formats put them in the default graph."""
    target = graph_format(media)
    if target == JSONLD:
        return jsonld(triples, prefixes)
    fmt = _OX_FORMATS[target]
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
