"""The SPARQL behind each page: server/queries/*.rq with %name% parameters filled in safely, then run by the query
workers (their own lane, the endpoint's time limit), answers kept until the next write."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from flask import current_app, has_request_context, request

from pledgegraph.formats import NTRIPLES
from pledgegraph.formats.rdf import Triple, parse
from pledgegraph.errors import BadQuery
from pledgegraph.ontology.vocab import ACTOR_KINDS, COMMITMENT_KINDS, STATEMENT_KINDS, sparql_prefixes
from pledgegraph.server import context
from pledgegraph.server.result_cache import ResultCache

_PARAM = re.compile(r"%([a-z][a-z_]*)%")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@dataclass(frozen=True)
class Iri:
    """A parameter to put in a query as an IRI."""

    value: str


@dataclass(frozen=True)
class Typed:
    """A parameter to put in a query as a typed literal."""

    value: str
    datatype: str


@lru_cache(maxsize=None)
def query_file(name: str) -> str:
    return (resources.files("pledgegraph.server") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def _render(value: object) -> str:
    if isinstance(value, Iri):
        if not value.value or _IRI_FORBIDDEN.search(value.value):
            raise BadQuery(f"not an IRI: {value.value!r}")
        return f"<{value.value}>"
    if isinstance(value, Typed):
        return _render(value.value) + "^^" + _render(Iri(value.datatype))
    if isinstance(value, (list, tuple)):
        return ", ".join(_render(v) for v in value)
    if isinstance(value, set):  # a VALUES list
        return " ".join(sorted(_render(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
        return f'"{escaped}"'
    raise TypeError(f"cannot put {type(value).__name__} in a query")


# Parameters every query may use: the vocabulary's lists of kinds, as IN lists (%statement_kinds%: a, b, c)
# and as VALUES lists (%statement_kind_values%: a b c).
STANDARD_PARAMS: dict[str, object] = {
    **{f"{name}_kinds": tuple(Iri(str(k)) for k in kinds) for name, kinds in
       (("statement", STATEMENT_KINDS), ("commitment", COMMITMENT_KINDS), ("actor", ACTOR_KINDS))},
    **{f"{name}_kind_values": {Iri(str(k)) for k in kinds} for name, kinds in
       (("statement", STATEMENT_KINDS), ("commitment", COMMITMENT_KINDS), ("actor", ACTOR_KINDS))},
}


def build(name: str, **params: object) -> str:
    """The complete text of query `name` (prefixes included) with its parameters filled in."""
    body = query_file(name)
    params = {**STANDARD_PARAMS, **params}

    def fill(m: re.Match[str]) -> str:
        if m.group(1) not in params:
            raise KeyError(f"query {name} needs parameter {m.group(1)}")
        return _render(params[m.group(1)])

    return sparql_prefixes() + _PARAM.sub(fill, body)


def select(text: str) -> list[dict[str, str]]:
    """Run a SELECT through the query workers, under the endpoint's time limit: rows of variable name -> lexical
    value. A page whose query runs past the limit, or finds every worker busy, answers 503."""
    data = json.loads(_run(text, "application/sparql-results+json"))
    if "results" not in data:
        raise BadQuery("not a SELECT query")
    return [{name: cell["value"] for name, cell in row.items()} for row in data["results"]["bindings"]]


def ask(text: str) -> bool:
    """Run an ASK through the query workers, under the endpoint's time limit."""
    data = json.loads(_run(text, "application/sparql-results+json"))
    if "boolean" not in data:
        raise BadQuery("not an ASK query")
    return bool(data["boolean"])


def construct(text: str) -> list[Triple]:
    """Run a CONSTRUCT through the query workers, under the endpoint's time limit."""
    return parse(_run(text, NTRIPLES), NTRIPLES)


PAGE_ROWS = 10_000_000  # pages bound their own queries (LIMIT); the time limit is what guards them


def _run(text: str, accept: str) -> bytes:
    """One page query's answer, from the workers, or kept from an identical one since the last write."""
    runner = context.runner()
    cache = current_app.extensions["pledgegraph"]["cache"]
    req = {"query": text, "accept": accept, "max_rows": PAGE_ROWS, "union": True}
    key = ResultCache.key(req, runner.generation)
    reply = cache.get(key)
    if reply is None:
        client = (request.remote_addr or "") if has_request_context() else ""
        reply = runner.run(req, client=client, page=True)
        cache.put(key, reply)
    return reply["body"]


class Queries:
    """The queries one page ran, by section, so the page can link to each."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}

    def select(self, section: str, name: str, **params: object) -> list[dict[str, str]]:
        text = build(name, **params)
        self.used.setdefault(section, text)
        return select(text)
