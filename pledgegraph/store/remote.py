"""A remote store: any engine that speaks the SPARQL 1.1 Protocol for Query and Update (Virtuoso, Oxigraph's
server, Fuseki), named by its query endpoint. Queries without a dataset must see the union of the named graphs:
Virtuoso does so itself; Oxigraph's server when asked per request (`--store-union-param union-default-graph`);
Fuseki with `tdb2:unionDefaultGraph`. Where engines read SPARQL differently, the requests are written so that
each reads them as SPARQL 1.1 means (see `_complete_dataset`, `_without_from`, `_with_base`, `_boolean`).

Credentials come from the environment only (PLEDGEGRAPH_STORE_USER, PLEDGEGRAPH_STORE_PASSWORD), never from the
command line; the scheme (Digest, as Virtuoso's authenticated endpoints want, or Basic) is the one the engine
asks for. Results stream: a row cap stops reading, not after reading everything."""
from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
import requests
import urllib3
from rdflib import URIRef
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from pledgegraph.errors import BadQuery, QueryTimeout, StoreError, StoreUnavailable
from pledgegraph.formats import JSON, NTRIPLES, RDFXML, TSV, TURTLE, XML, graph_format, solutions_format
from pledgegraph.formats.rdf import ENGINE, ENGINE_RESULTS
from pledgegraph.store.base import DUMP_FORMATS, GRAPHS_QUERY, QueryResult, SparqlWrites

# What to ask for by query form: some engines (Virtuoso) answer the first type named whatever the form.
_ACCEPT_SOLUTIONS = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
_ACCEPT_TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
# IRIs, strings, comments, variables and prefixed names are matched whole, so that only keywords are bare words
_WORDS = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#[^\n]*|[?$]\w+"""
                    r"""|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*|[A-Za-z]+""")
_CONNECT_TIMEOUT = 10.0
_FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Endpoints:
    """Where an engine answers: its query endpoint and its update endpoint."""

    query: str
    update: str
    union_param: str = ""  # a query parameter asking for the union default graph ("union-default-graph")

    @classmethod
    def of(cls, query: str, update: str = "", union_param: str = "") -> "Endpoints":
        """The update endpoint defaults from the query one: ".../query" -> ".../update" (Oxigraph, Fuseki),
        else the same URL (Virtuoso's /sparql takes both)."""
        base = query.rstrip("/")
        update = update or (base[: -len("/query")] + "/update" if base.endswith("/query") else query)
        return cls(query, update, union_param)


def credentials(env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The user and password for the engine, from the environment."""
    env = os.environ if env is None else env
    user = env.get("PLEDGEGRAPH_STORE_USER", "")
    return (user, env.get("PLEDGEGRAPH_STORE_PASSWORD", "")) if user else None


class RemoteStore(SparqlWrites):
    """A SPARQL 1.1 engine over HTTP as the store."""

    path = None  # nothing on this machine's disk
    engine = "a remote SPARQL 1.1 engine"
    ground_blank_nodes = True  # see SparqlWrites

    def __init__(self, endpoints: Endpoints, read_only: bool = False, timeout: float = 30.0,
                 login: tuple[str, str] | None = None) -> None:
        self.endpoints = endpoints
        self.read_only = read_only
        self.timeout = timeout
        self._login = login
        self._auth: AuthBase | None = None
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or .netrc lookups on every request: the engine is named directly
        # queries go through a plain connection pool: a quarter of a millisecond less per query than requests,
        # which matters for the many small ones pages ask; requests (and its Digest handshake) for the rest
        self._pool = urllib3.PoolManager(maxsize=32, retries=False)
        self._query_auth = False  # set once the engine asked for credentials on its query endpoint

    def __repr__(self) -> str:
        return f"RemoteStore({self.endpoints.query!r})"

    def query(self, sparql: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None, timeout: float | None = None, union: bool = True) -> QueryResult:
        """Ask the engine; solutions and triples are parsed as they arrive. Without graphs (and with `union`,
        false for a query with FROM) the default graph is the union of all graphs."""
        kind = query_form(sparql)
        response = self._send_query(sparql, default_graphs, named_graphs, base_iri, timeout, union, _accept(kind))
        media = _media(response)
        if solutions_format(media) in (JSON, XML, TSV):
            result = ox.parse_query_results(response, format=ENGINE_RESULTS[solutions_format(media)])
            return _boolean(result) if kind == "ASK" and isinstance(result, ox.QuerySolutions) else result
        if graph_format(media) in (NTRIPLES, TURTLE, RDFXML):
            return ox.parse(response, format=ENGINE[graph_format(media)])
        response.close()
        raise StoreError(f"the store at {self.endpoints.query} answered a query in {media or 'no media type'}, "
                         "which pledgegraph cannot read")

    def answer_as(self, sparql: str, media: str, max_rows: int, max_bytes: int, default_graphs: list[str] | None = None,
                  named_graphs: list[str] | None = None, base_iri: str | None = None, timeout: float | None = None,
                  union: bool = True) -> tuple[bytes, int] | QueryResult | None:
        """The engine's answer in `media` (SPARQL JSON for SELECT, N-Triples for CONSTRUCT and DESCRIBE) as it
        came, with its number of rows or triples, when it has at most `max_rows` of them in at most `max_bytes`;
        else the answer read as `query` reads it (the caller then caps and writes it), or None where this request
        cannot tell (another type came back, or more than `max_bytes`): then `query` is the way."""
        kind = query_form(sparql)
        graph = kind in ("CONSTRUCT", "DESCRIBE")
        if kind == "ASK" or media != ("application/n-triples" if graph else "application/sparql-results+json"):
            return None
        response = self._send_query(sparql, default_graphs, named_graphs, base_iri, timeout, union, media)
        with response:
            body = response.read(max_bytes + 1, decode_content=True)
            if _media(response) != media or len(body) > max_bytes:
                return None
        if graph:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            return (body, len(triples)) if len(triples) <= max_rows else triples
        rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        count = sum(1 for _ in rows)  # type: ignore[union-attr]
        return (body, count) if count <= max_rows else ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def _send_query(self, sparql: str, default_graphs: list[str] | None, named_graphs: list[str] | None,
             base_iri: str | None, timeout: float | None, union: bool, accept: str) -> urllib3.BaseHTTPResponse:
        """The engine's streamed response to a query, the dataset sent as SPARQL 1.1 says it is meant."""
        _plain_sparql(sparql, _QUERY_STARTS)
        if default_graphs is not None or named_graphs is not None:
            sparql = _without_from(sparql)  # the protocol's dataset wins over the query's (not every engine agrees)
        else:
            sparql = _complete_dataset(sparql)
        form: list[tuple[str, str]] = [("query", _with_base(sparql, base_iri))]
        form += [("default-graph-uri", g) for g in default_graphs or []]
        form += [("named-graph-uri", g) for g in named_graphs or []]
        if union and default_graphs is None and named_graphs is None and self.endpoints.union_param:
            form.append((self.endpoints.union_param, "true"))
        return self._ask(self.endpoints.query, form, accept, timeout)

    def _ask(self, url: str, form: list[tuple[str, str]], accept: str,
             timeout: float | None) -> urllib3.BaseHTTPResponse:
        """A query's streamed answer: through the connection pool, or through requests once the engine has asked
        for credentials on its query endpoint."""
        if self._query_auth:
            response = self._post(url, form, accept, timeout, stream=True)
            response.raw.decode_content = True
            return response.raw
        limit = urllib3.Timeout(connect=_CONNECT_TIMEOUT, read=timeout or self.timeout)
        try:
            answer = self._pool.request("POST", url, body=urlencode(form), preload_content=False, timeout=limit,
                                        headers={"Accept": accept, "Content-Type": _FORM})
        except urllib3.exceptions.ReadTimeoutError as e:
            raise QueryTimeout(f"the store at {url} did not answer within {limit.read_timeout:g} s") from e
        except urllib3.exceptions.HTTPError as e:  # refused, reset, no route, not connected in time
            reason = re.search(r"\[Errno -?\d+\] [^'\")\]]+", str(e))
            raise StoreUnavailable(f"the store at {url} cannot be reached "
                                   f"({reason.group(0) if reason else type(e).__name__})") from e
        if answer.status == 401 and self._login:
            answer.drain_conn()
            self._query_auth = True
            return self._ask(url, form, accept, timeout)
        if answer.status >= 400:
            text = answer.read(8192, decode_content=True).decode("utf-8", "replace")
            answer.release_conn()
            _refuse(url, answer.status, text)
        answer.decode_content = True
        return answer

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL Update at the engine's update endpoint."""
        if self.read_only:
            raise StoreError("this store was opened read-only")
        _plain_sparql(sparql, _UPDATE_STARTS)
        for attempt in range(_RETRIES):
            try:
                self._post(self.endpoints.update, [("update", _with_base(sparql, base_iri))], "*/*", None).close()
                return
            except _Conflict as e:  # two loaders wrote at once: every write here is idempotent, so write again
                if attempt == _RETRIES - 1:
                    raise StoreUnavailable(str(e)) from e
                time.sleep(0.05 * 2 ** attempt * (1 + random.random()))

    def graphs(self) -> dict[str, int]:
        """Each named graph with its number of triples."""
        return {r["g"].value: int(r["n"].value) for r in self.query(GRAPHS_QUERY)}  # type: ignore[index,union-attr]

    def _clearing(self, graph: URIRef) -> str:
        """Dropping a graph costs an engine such as Virtuoso a tenth of a second even where there is none: ask
        first. Two loaders writing one new article at once both skip the drop and insert the same triples."""
        return super()._clearing(graph) if self.has_graph(str(graph)) else ""

    def has_graph(self, graph: str | None) -> bool:
        """Whether a named graph holds triples (engines differ on empty graphs); the default graph always is."""
        return graph is None or bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def graph_triples(self, graph: str | None) -> Iterable[ox.Triple]:
        """A named graph's triples; for the default graph, what the engine's default graph holds (the union)."""
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")  # type: ignore[return-value]

    def __len__(self) -> int:
        return sum(self.graphs().values())

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph."""
        for graph in sorted(self.graphs()):
            name = ox.NamedNode(graph)
            for t in self.graph_triples(graph):
                yield ox.Quad(t.subject, t.predicate, t.object, name)

    def dump(self, out: str | os.PathLike[str] | None, media: str = "application/n-quads") -> bytes | None:
        """Serialise the whole dataset (N-Quads or TriG, by media type) to a path, or return it as bytes."""
        return ox.serialize(self.quads(), out, format=DUMP_FORMATS[media])

    def flush(self) -> None:
        """Nothing is buffered here."""

    def _post(self, url: str, form: list[tuple[str, str]], accept: str, timeout: float | None,
              stream: bool = False) -> requests.Response:
        """One request, with the engine's own kind of authentication when it asks for one."""
        limit = (_CONNECT_TIMEOUT, timeout or self.timeout)
        try:
            response = self._session.post(url, data=form, headers={"Accept": accept}, timeout=limit,
                                          stream=stream, auth=self._auth)
            if response.status_code == 401 and self._login and self._auth is None:
                response.close()
                self._auth = _scheme(response, self._login)
                response = self._session.post(url, data=form, headers={"Accept": accept}, timeout=limit,
                                              stream=stream, auth=self._auth)
        except requests.Timeout as e:
            raise QueryTimeout(f"the store at {url} did not answer within {limit[1]:g} s") from e
        except requests.RequestException as e:
            reason = re.search(r"\[Errno -?\d+\] [^'\")\]]+", str(e))
            raise StoreUnavailable(f"the store at {url} cannot be reached "
                                   f"({reason.group(0) if reason else type(e).__name__})") from e
        if response.status_code >= 400:
            _raise_for(url, response)
        return response


def _accept(kind: str) -> str:
    return _ACCEPT_TRIPLES if kind in ("CONSTRUCT", "DESCRIBE") else _ACCEPT_SOLUTIONS


def _media(response: requests.Response | urllib3.BaseHTTPResponse) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _boolean(rows: ox.QuerySolutions) -> ox.QueryBoolean:
    """An ASK some engines answer as one row (true) or none (false) of a variable (Virtuoso: __ASK_RETVAL)."""
    value = any(all(term is None or term.value not in ("0", "false") for term in row) for row in rows)
    return ox.parse_query_results(json.dumps({"head": {}, "boolean": value}), format=ox.QueryResultsFormat.JSON)


_QUERY_STARTS = {"BASE", "PREFIX", "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_STARTS = {"BASE", "PREFIX", "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                  "WITH"}


def _plain_sparql(text: str, starts: set[str]) -> None:
    """Refuse what only one engine reads before the SPARQL proper (Virtuoso's DEFINE pragmas, which can tell it
    to fetch URLs): the first word must open a SPARQL 1.1 request."""
    first = next((m.group(0) for m in _WORDS.finditer(text) if not m.group(0).startswith(("#", "<", '"', "'"))),
                 "")
    if first.upper() not in starts:
        raise BadQuery(f"a request must start with one of {', '.join(sorted(starts))}, not {first[:40]!r}")


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside IRIs, strings and comments."""
    forms = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    return next((w.upper() for w in (m.group(0) for m in _WORDS.finditer(sparql)) if w.upper() in forms), "SELECT")


def _with_base(sparql: str, base_iri: str | None) -> str:
    """The protocol has no base parameter: a BASE declaration before the prologue does the same (on the same
    line, so the engine's line numbers stay the client's), unless the query declares its own."""
    own = any(m.group(0).upper() == "BASE" and sparql[m.end():].lstrip().startswith("<")
              for m in _WORDS.finditer(sparql))
    return f"BASE <{base_iri}> {sparql}" if base_iri and not own else sparql


_FROM = re.compile(r"""(<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#[^\n]*)"""
                   r"""|(?<![?$\w])FROM\s+(?:NAMED\s+)?(?:<[^<>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]*)""",
                   re.IGNORECASE)


_NO_GRAPH = "<urn:x-pledgegraph:no-graph>"


def _complete_dataset(sparql: str) -> str:
    """A query's FROM without FROM NAMED leaves no named graphs, and FROM NAMED alone an empty default graph
    (SPARQL 1.1, 13.2); an engine that reads them otherwise (Virtuoso) is told so by a clause naming no graph."""
    clauses = [m for m in _FROM.finditer(sparql) if m.group(1) is None]
    if not clauses:
        return sparql
    named = [m for m in clauses if re.match(r"FROM\s+NAMED\b", m.group(0), re.IGNORECASE)]
    missing = (f" FROM NAMED {_NO_GRAPH}" if not named else "") + (f" FROM {_NO_GRAPH}" if len(named) == len(clauses)
                                                                   else "")
    end = clauses[-1].end()
    return sparql[:end] + missing + sparql[end:]


def _without_from(sparql: str) -> str:
    """The query without its FROM and FROM NAMED clauses (IRIs, strings and comments left as they are)."""
    return _FROM.sub(lambda m: m.group(1) or " ", sparql)


def _scheme(response: requests.Response, login: tuple[str, str]) -> AuthBase:
    challenge = response.headers.get("WWW-Authenticate", "")
    return HTTPDigestAuth(*login) if challenge.lower().startswith("digest") else HTTPBasicAuth(*login)


_RETRIES = 6


class _Conflict(StoreError):
    """The engine stopped a write that ran into another one (a deadlock, a serialisation failure)."""


def _raise_for(url: str, response: requests.Response) -> Any:
    text = response.text
    response.close()
    _refuse(url, response.status_code, text)


def _refuse(url: str, status: int, text: str) -> Any:
    """An engine's refusal as our own error: its message for a bad query, a clear line for the rest."""
    text = text.strip()[:2000]
    if status == 409 or "40001" in text or "deadlock" in text.lower() or "conflict" in text.lower():
        raise _Conflict(f"the store at {url} stopped a write that met another one: {text[:300]}")
    if status == 400:
        raise BadQuery(text or "the store refused the query")
    if status in (401, 403):
        raise StoreError(f"the store at {url} refused the credentials (HTTP {status}); set "
                         "PLEDGEGRAPH_STORE_USER and PLEDGEGRAPH_STORE_PASSWORD")
    if status in (503, 504) and "timeout" in text.lower():
        raise QueryTimeout(f"the store at {url} stopped the query at its own time limit")
    raise StoreUnavailable(f"the store at {url} answered HTTP {status}: {text[:300]}")
