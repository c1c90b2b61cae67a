"""A SPARQL tokenizer, and the few facts the endpoint needs from a query's tokens before Oxigraph runs it.

Strings, IRIs and comments are tokens of their own, so a word inside them is never mistaken for a keyword:
`SERVICE` targets are read from the token stream (with PREFIX and BASE resolved), not found by a regex.

A second reading of the text is only safe when the engine reads the same text the same way. Oxigraph's
parser reads by context (in `1<2#>` it sees `1 < 2` and a comment; a tokenizer sees an IRI), so the endpoint
never hands the engine the client's text: `canonical` writes the query back from our tokens, one token per
word, without comments, every IRI and prefixed name as a prefix of our own declared in the prologue and every
string in one plain form. What the checks read is then exactly what the engine runs; text the two could read
apart becomes a syntax error, never a hidden SERVICE, LOAD or LIMIT.
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
  | (?P<bnode>_:[\w\-.]*[\w\-])
  | (?P<pname>(?:[^\W\d_][\w\-.]*)?:(?:[\w:%\-]|\\[_~.\-!$&'()*+,;=/?\#@%]|\.(?=[\w:%\-]))*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<punct>\^\^|&&|\|\||<=|>=|!=|[{}()\[\];,.*/+\-!<>=|^?@~])
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
    """The significant tokens of a query or update (no whitespace, no comments).

    "<" is an IRI's first character or the less-than operator by where it stands, as in Oxigraph's parser:
    inside an expression's parentheses, after an operand ("FILTER(?y<3&&?y>1)"), it is the operator; anywhere
    else ("?s<http://e/p>?o", "( ?a <http://e/x> )", "FILTER(?x = <http://e/x>)") it opens an IRI."""
    out: list[Token] = []
    stack: list[str] = []  # "expr" | "list" | "group": what each open bracket holds
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind = m.lastgroup or "other"
        if kind == "iri" and stack and stack[-1] == "expr" and out and _ends_operand(out[-1]):
            m = _LESS.match(text, pos)
            assert m is not None
            kind = "punct"
        pos = m.end()
        if kind in ("ws", "comment"):
            continue
        tok = Token(kind, m.group(), m.start(), m.end())
        twin = bool(out) and out[-1].end == tok.start and out[-1].text == tok.text  # "<<" and ">>" of a triple
        if tok.text in ("(", "[", "{") or (twin and tok.text == "<"):
            stack.append("group" if tok.text == "{" else _paren_kind(stack, out) if tok.text == "(" else "list")
        elif (tok.text in (")", "]", "}") or (twin and tok.text == ">")) and stack:
            stack.pop()
        out.append(tok)
    return out


_LESS = re.compile(r"<=?")
_EXPRESSION_WORDS = {"FILTER", "BIND", "HAVING", "BY", "ASC", "DESC", "IN", "SELECT", "AS"}


def _ends_operand(tok: Token) -> bool:
    """Whether an expression may stop after this token (so that a "<" after it compares)."""
    return tok.kind in ("var", "number", "string", "langtag", "iri", "pname") or tok.text in (")", "]") \
        or tok.keyword in ("TRUE", "FALSE")


def _paren_kind(stack: list[str], before: list[Token]) -> str:
    """An opening parenthesis holds an expression (FILTER(, a function's arguments, (expr AS ?v)) or an RDF
    collection in a triple pattern."""
    prev = before[-1] if before else None
    inside = stack[-1] if stack else "group"
    if prev is None or inside == "list" and prev.text == "<":
        return "list"  # "<<( s p o )>>": a triple term
    if inside == "expr" or (prev.kind == "word" and prev.keyword != "A" and prev.keyword != "VALUES"):
        return "expr"
    if prev.kind in ("iri", "pname") and len(before) > 1 and before[-2].keyword in _EXPRESSION_WORDS:
        return "expr"  # "FILTER <fn>(...)", "ORDER BY <fn>(...)"
    return "list"


@dataclass
class Prologue:
    """The BASE and PREFIX declarations seen so far."""

    base: str | None = None
    prefixes: dict[str, str] | None = None

    def resolve(self, tok: Token) -> str | None:
        """The absolute IRI of an IRI or prefixed-name token, or None if it cannot be resolved."""
        if tok.kind == "iri":
            iri = _raw_iri(tok)
            return urljoin(self.base, iri) if self.base and not re.match(r"^[A-Za-z][\w+.\-]*:", iri) else iri
        if tok.kind == "pname":
            prefix, _, local = tok.text.partition(":")
            ns = (self.prefixes or {}).get(prefix)
            return ns + re.sub(r"\\(.)", r"\1", local) if ns is not None else None
        return None


@dataclass(frozen=True)
class ServiceCall:
    """A SERVICE clause: its endpoint IRI, or None when the target is a variable or unresolvable."""

    endpoint: str | None
    written: str
    silent: bool


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


# -- the canonical form the engine runs --------------------------------------------------------------------------

_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_WRITE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
MAX_DEPTH = 200  # brackets a query or update may nest: deeper ones would overflow the engine's parser
_GUARDED = ("SERVICE", "SILENT", "LIMIT", "OFFSET", "LOAD", "FROM", "BASE", "PREFIX")


@dataclass(frozen=True)
class Canonical:
    """A query or update as the engine will run it, and what the endpoint checks in it."""

    text: str
    services: tuple[ServiceCall, ...]
    loads: tuple[str | None, ...]  # the sources of LOAD operations, None where not absolute
    has_from: bool
    positions: tuple[tuple[int, int], ...]  # (offset in text, offset in the client's text) per token


def string_value(token: str) -> str:
    """The value of a SPARQL string token (its escapes decoded); ValueError for an escape SPARQL has not."""
    quote = 3 if token[:3] in ("\'\'\'", '"""') else 1
    body, out, i = token[quote:-quote], [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1:i + 2]
        if nxt in ("u", "U"):
            width = 4 if nxt == "u" else 8
            digits = body[i + 2:i + 2 + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise ValueError(f"bad escape \\{nxt}{digits}")
            if 0xD800 <= int(digits, 16) <= 0xDFFF:
                raise ValueError(f"\\{nxt}{digits} is a surrogate, not a character")
            out.append(chr(int(digits, 16)))
            i += 2 + width
        elif nxt in _ECHAR:
            out.append(_ECHAR[nxt].encode().decode("unicode_escape") if nxt in "tbnrf" else _ECHAR[nxt])
            i += 2
        else:
            raise ValueError(f"bad escape \\{nxt}")
    return "".join(out)


def _write_string(value: str) -> str:
    return '"' + value.translate(_WRITE_ESCAPES) + '"'


@lru_cache(maxsize=512)
def canonical(text: str, base: str | None = None) -> Canonical:
    """The query or update written back from its tokens (see the module docstring), its IRIs resolved here
    against BASE (or `base`) so that the checks and the engine read one IRI; ValueError, with a message for the
    client, where the text cannot be read."""
    toks = tokens(text)
    prologue = Prologue(base=base, prefixes={})
    declared: dict[str, str] = {}  # IRI as the engine should read it -> our prefix name
    head: list[str] = []  # the client's BASE, kept for IRI() and URI()
    body: list[tuple[str, Token]] = []
    services: list[ServiceCall] = []
    loads: list[str | None] = []
    stem = "pgq"
    while stem in text:
        stem += "q"
    in_prologue = True
    i = depth = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "other":
            raise ValueError(f"unexpected character {t.text!r} at offset {t.start}")
        if t.keyword in ("BASE", "PREFIX"):
            end = i + (2 if t.keyword == "BASE" else 3)
            decl = toks[i:end]
            if len(decl) < end - i or decl[-1].kind != "iri" or (t.keyword == "PREFIX" and decl[1].kind != "pname"):
                raise ValueError(f"malformed {t.keyword} declaration at offset {t.start}")
            if not in_prologue and t.keyword == "BASE":
                raise ValueError("BASE is accepted only at the start of a request")
            if t.keyword == "BASE":
                prologue.base = prologue.resolve(decl[1])
                head.append(f"BASE <{_raw_iri(decl[1])}>")
            else:
                name = decl[1].text
                if not name.endswith(":") or name.count(":") != 1:
                    raise ValueError(f"malformed PREFIX name {name!r}")
                assert prologue.prefixes is not None
                prologue.prefixes[name[:-1]] = prologue.resolve(decl[2]) or ""
            i = end
            continue
        in_prologue = False
        depth += (t.text in ("(", "[", "{")) - (t.text in (")", "]", "}"))
        if depth > MAX_DEPTH:
            raise ValueError(f"the request nests brackets more than {MAX_DEPTH} deep")
        word = t.keyword
        if word and word not in _GUARDED and any(word.startswith(g) for g in _GUARDED):
            raise ValueError(f"unknown word {t.text!r} at offset {t.start}")
        if word == "SERVICE":
            j = i + 1 + (i + 1 < len(toks) and toks[i + 1].keyword == "SILENT")
            target = toks[j] if j < len(toks) else None
            services.append(ServiceCall(_absolute(prologue, target), target.text if target else "",
                                        j > i + 1))
        elif word == "LOAD":
            j = i + 1 + (i + 1 < len(toks) and toks[i + 1].keyword == "SILENT")
            loads.append(_absolute(prologue, toks[j]) if j < len(toks) else None)
        body.append((_written(t, prologue, declared, stem), t))
        i += 1
    decls = [f"PREFIX {name}: <{iri}>" for iri, name in declared.items()]
    out, positions = " ".join([*head, *decls]), []
    for n, (word_text, t) in enumerate(body):
        if out and (n == 0 or _apart(text, body, n)):
            out += " "
        positions.append((len(out), t.start))
        out += word_text
    return Canonical(out, tuple(services), tuple(loads), any(t.keyword == "FROM" for t in toks), tuple(positions))


def _apart(text: str, body: list[tuple[str, Token]], n: int) -> bool:
    """Whether to write a space before body token n: where the client had space or a comment, around what we
    rewrote, and after a "<" (so that no IRI can start there) but inside "<<(" ; elsewhere tokens stay
    together, as Oxigraph reads some words differently with a space between ("BNODE()", "<<", "<<(")."""
    (before, b), (after, a) = body[n - 1], body[n]
    if text[b.end:a.start] or b.kind in _REWRITTEN or a.kind in _REWRITTEN:
        return True
    if not before.startswith("<") or after == "<":
        return False
    return not (after == "(" and n > 1 and body[n - 2][0] == "<" and body[n - 2][1].end == b.start)


_REWRITTEN = ("iri", "pname", "string")


def _raw_iri(tok: Token) -> str:
    """An IRI token's text between the brackets, with \\u escapes decoded (they may hide nothing)."""
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), tok.text[1:-1])


def _written(t: Token, prologue: Prologue, declared: dict[str, str], stem: str) -> str:
    """How one body token is written for the engine."""
    if t.kind in ("iri", "pname"):
        if t.kind == "pname" and t.text.partition(":")[0] not in (prologue.prefixes or {}):
            raise ValueError(f"the prefix {t.text.partition(':')[0] + ':'!r} is not declared")
        iri = prologue.resolve(t) or ""
        if re.search(r'[<>"{}|^`\\\x00-\x20\ud800-\udfff]', iri):
            raise ValueError(f"the IRI {t.text} has a character IRIs may not have")
        declared.setdefault(iri, f"{stem}{len(declared)}")
        return declared[iri] + ":"
    if t.kind == "string":
        return _write_string(string_value(t.text))
    return t.text


def _absolute(prologue: Prologue, tok: Token | None) -> str | None:
    """The absolute IRI a SERVICE or LOAD target names; None for a variable or anything not absolute."""
    if tok is None or tok.kind not in ("iri", "pname"):
        return None
    iri = prologue.resolve(tok)
    return iri if iri and re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", iri) else None
