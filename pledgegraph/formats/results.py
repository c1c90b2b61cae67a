"""SPARQL results (SELECT, ASK) written in every results format the server offers, capped at a number of rows.

SPARQL JSON, XML, CSV and TSV are written here, not by the engine, so that a capped row list can be written;
`write_results` writes a command's result (graphs through `rdf`) and the command line's plain table.
No Flask here: the query workers import this module.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from pledgegraph.formats import CSV, FORMAT_NAMES, JSON, NTRIPLES, TSV, TURTLE, XML, solutions_format
from pledgegraph.formats.rdf import ENGINE_RESULTS, write_graph
from pledgegraph.ontology.vocab import XSD
from pledgegraph.store.base import QueryResult, is_boolean, is_solutions, term_value

XSD_STRING = str(XSD.string)


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


# -- the command line ------------------------------------------------------------------------------------------

def write_results(result: QueryResult, fmt: str, out: BinaryIO) -> None:
    """A command's result: SELECT/ASK in a results format (`fmt` json, xml, csv, tsv) or a plain table,
    CONSTRUCT as RDF (`fmt` ntriples, else Turtle)."""
    if not is_solutions(result) and not is_boolean(result):
        out.write(write_graph(NTRIPLES if fmt == "ntriples" else TURTLE, list(result), {}))  # type: ignore[arg-type]
    elif fmt == "table":
        out.write(_table(result).encode("utf-8"))
    else:
        out.write(result.serialize(format=ENGINE_RESULTS[FORMAT_NAMES.get(fmt, JSON)]) or b"")


def _table(result: QueryResult) -> str:
    if is_boolean(result):
        return f"{bool(result)}\n"
    names = [v.value for v in result.variables]
    rows = [[term_value(sol[n]) if sol[n] is not None else "" for n in names] for sol in result]
    widths = [max([len(n), *(min(len(r[i]), 60) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: " | ".join(c[:60].ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([line(names), sep, *map(line, rows), f"({len(rows)} rows)"]) + "\n"
