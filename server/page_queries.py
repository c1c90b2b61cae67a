"""The SPARQL behind each page: server/queries/*.rq with %name% parameters filled in safely, then run."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from pledgegraph.errors import BadQuery
from pledgegraph.ontology.vocab import sparql_prefixes
from pledgegraph.server import context
from pledgegraph.store import term_value

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


def build(name: str, **params: object) -> str:
    """The complete text of query `name` (prefixes included) with its parameters filled in."""
    body = query_file(name)

    def fill(m: re.Match[str]) -> str:
        if m.group(1) not in params:
            raise KeyError(f"query {name} needs parameter {m.group(1)}")
        return _render(params[m.group(1)])

    return sparql_prefixes() + _PARAM.sub(fill, body)


def select(text: str) -> list[dict[str, str]]:
    """Run a SELECT on the server's store: rows of variable name -> lexical value."""
    result = context.store().query(text)
    if not isinstance(result, ox.QuerySolutions):
        raise BadQuery("not a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: term_value(sol[n]) for n in names if sol[n] is not None} for sol in result]


def construct(text: str) -> list[ox.Triple]:
    """Run a CONSTRUCT on the server's store."""
    result = context.store().query(text)
    if not isinstance(result, ox.QueryTriples):
        raise BadQuery("not a CONSTRUCT query")
    return list(result)


class Queries:
    """The queries one page ran, by section, so the page can link to each."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}

    def select(self, section: str, name: str, **params: object) -> list[dict[str, str]]:
        text = build(name, **params)
        self.used.setdefault(section, text)
        return select(text)
