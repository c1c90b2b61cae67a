"""Writes SPARQL results in the formats the command line offers."""
from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from pledgegraph.store import QueryResult, is_boolean, is_solutions, term_value

_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def write_results(result: QueryResult, fmt: str, out: BinaryIO) -> None:
    """Serialise a query result: SELECT/ASK as results formats or a table, CONSTRUCT as RDF."""
    if not is_solutions(result) and not is_boolean(result):
        out.write(ox.serialize(result, format=_GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)) or b"")
    elif fmt == "table":
        out.write(_table(result).encode("utf-8"))
    else:
        out.write(result.serialize(format=_RESULT_FORMATS.get(fmt, ox.QueryResultsFormat.JSON)) or b"")


def _table(result: QueryResult) -> str:
    if is_boolean(result):
        return f"{bool(result)}\n"
    names = [v.value for v in result.variables]
    rows = [[term_value(sol[n]) if sol[n] is not None else "" for n in names] for sol in result]
    widths = [max([len(n), *(min(len(r[i]), 60) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: " | ".join(c[:60].ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([line(names), sep, *map(line, rows), f"({len(rows)} rows)"]) + "\n"
