"""A SPARQL tokenizer, and the few facts the endpoint needs from a query's tokens before Oxigraph runs it.

Strings, IRIs and comments are tokens of their own, so a word inside them is never mistaken for a keyword:
`SERVICE` targets are read from the token stream (with PREFIX and BASE resolved), not found by a regex.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[^\W\d_][\w\-.]*)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-]))*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w\-.]+)
  | (?P<punct>\^\^|&&|\|\||<=|>=|!=|[{}()\[\];,.*/+\-!<>=|^?@])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str  # iri | string | var | pname | number | word | langtag | bnode | punct | other
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str:
        """The upper-cased word for a bare word, '' otherwise."""
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of a query or update (no whitespace, no comments)."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


@dataclass
class Prologue:
    """The BASE and PREFIX declarations seen so far."""

    base: str | None = None
    prefixes: dict[str, str] | None = None

    def resolve(self, tok: Token) -> str | None:
        """The absolute IRI of an IRI or prefixed-name token, or None if it cannot be resolved."""
        if tok.kind == "iri":
            iri = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), tok.text[1:-1])
            return urljoin(self.base, iri) if self.base and not re.match(r"^[A-Za-z][\w+.\-]*:", iri) else iri
        if tok.kind == "pname":
            prefix, _, local = tok.text.partition(":")
            ns = (self.prefixes or {}).get(prefix)
            return ns + re.sub(r"\\(.)", r"\1", local) if ns is not None else None
        return None


def _walk_prologue(toks: list[Token]) -> Prologue:
    p = Prologue(prefixes={})
    for i, t in enumerate(toks):
        if t.keyword == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            p.base = p.resolve(toks[i + 1])
        elif t.keyword == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "pname" \
                and toks[i + 2].kind == "iri":
            assert p.prefixes is not None
            p.prefixes[toks[i + 1].text.rstrip(":").split(":")[0]] = p.resolve(toks[i + 2]) or ""
    return p


@dataclass(frozen=True)
class ServiceCall:
    """A SERVICE clause: its endpoint IRI, or None when the target is a variable or unresolvable."""

    endpoint: str | None
    written: str
    silent: bool


@lru_cache(maxsize=512)
def analyse(text: str) -> tuple[tuple[ServiceCall, ...], bool]:
    """(SERVICE clauses, whether there is a FROM clause) of a query; cached, as clients repeat queries."""
    return tuple(service_calls(text)), any(t.keyword == "FROM" for t in tokens(text))


@lru_cache(maxsize=512)
def outer_limit(text: str) -> int | None:
    """The LIMIT of a query's outermost solution modifiers (not a subquery's), or None."""
    toks = tokens(text)
    depth = 0
    for i, t in enumerate(toks):
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif depth == 0 and t.keyword == "LIMIT" and i + 1 < len(toks) and toks[i + 1].kind == "number" \
                and toks[i + 1].text.isdigit():
            return int(toks[i + 1].text)
    return None


def service_calls(text: str) -> list[ServiceCall]:
    """Every SERVICE clause of a query or update, with its target resolved against PREFIX and BASE."""
    toks = tokens(text)
    prologue = _walk_prologue(toks)
    calls = []
    for i, t in enumerate(toks):
        if t.keyword != "SERVICE":
            continue
        j = i + 1
        silent = j < len(toks) and toks[j].keyword == "SILENT"
        if silent:
            j += 1
        target = toks[j] if j < len(toks) else None
        endpoint = prologue.resolve(target) if target is not None else None
        calls.append(ServiceCall(endpoint, target.text if target is not None else "", silent))
    return calls


def has_dataset_clause(update: str) -> bool:
    """Whether an update names its own dataset (USING, USING NAMED or WITH)."""
    return any(t.keyword in ("USING", "WITH") for t in tokens(update))


def add_using(update: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """The update with USING / USING NAMED clauses (the protocol's using-graph-uri parameters) added to
    every DELETE/INSERT ... WHERE operation."""
    clause = " ".join([*(f"USING <{g}>" for g in default_graphs), *(f"USING NAMED <{g}>" for g in named_graphs)])
    if not clause:
        return update
    toks = tokens(update)
    depth = 0
    cut: list[int] = []
    for i, t in enumerate(toks):
        if t.text == "{":
            depth += 1
        elif t.text == "}":
            depth -= 1
        elif t.keyword == "WHERE" and depth == 0 and i > 0 and toks[i - 1].text == "}":
            cut.append(t.start)
    for pos in reversed(cut):
        update = update[:pos] + clause + " " + update[pos:]
    return update


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of a query ('' if none is found)."""
    for t in tokens(text):
        if t.keyword in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            return t.keyword
    return None
