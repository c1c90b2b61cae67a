"""Mints pledgegraph's IRIs from a base, and names the store's graphs."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from pledgegraph.ontology.vocab import ONTOLOGY_IRI


def slug(text: str) -> str:
    """A lowercase ASCII slug: 'Côte d'Ivoire' -> 'cote-d-ivoire'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def article_key(url: str | None, text: str) -> str:
    """A stable key for an article: from its URL when it has one, else from its text."""
    basis = (url or "").strip() or "text:" + " ".join(text.split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


class Minter:
    """Mints the IRIs of one dataset under a base IRI (ending in '/')."""

    def __init__(self, base: str) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def article(self, key: str) -> URIRef:
        return self._iri("article", key)

    def context(self, key: str) -> URIRef:
        """The NIF context: the article's whole text."""
        return self._iri("article", key, "text")

    def mention(self, key: str, begin: int, end: int) -> URIRef:
        return self._iri("mention", key, f"{begin}-{end}")

    def commitment(self, key: str, n: int) -> URIRef:
        return self._iri("statement", key, str(n))

    def deadline(self, key: str, n: int, reading: int = 0) -> URIRef:
        """The deadline of statement n; reading > 0 names another reading of an ambiguous date."""
        return self._iri("deadline", key, str(n) if reading == 0 else f"{n}.{reading}")

    def report(self, key: str, n: int) -> URIRef:
        """Status report n of an article."""
        return self._iri("report", key, str(n))

    def report_deadline(self, key: str, n: int) -> URIRef:
        return self._iri("deadline", key, f"r{n}")

    def track(self, key: str) -> URIRef:
        """A tracked commitment: `key` is derived from the report that founded it (pledgegraph/tracking.py)."""
        return self._iri("track", key)

    def tracks_graph(self) -> URIRef:
        """The graph of the tracks, rebuilt from every statement and report after each load."""
        return self._iri("graph", "tracks")

    def condition(self, key: str, n: int) -> URIRef:
        return self._iri("condition", key, str(n))

    def attribution(self, key: str, n: int, role: str) -> URIRef:
        return self._iri("attribution", key, f"{n}-{role}")

    def actor(self, actor_id: str) -> URIRef:
        """A shared actor: one IRI per real actor across all articles."""
        return self._iri("actor", actor_id)

    def local_actor(self, key: str, label: str) -> URIRef:
        """An actor that only exists within one article (an anonymous source)."""
        return self._iri("actor", key, slug(label))

    def article_graph(self, key: str) -> URIRef:
        return self._iri("graph", "article", key)

    def actors_graph(self) -> URIRef:
        return self._iri("graph", "actors")

    def local(self, iri: str) -> str | None:
        """The path of one of our IRIs below the base, or None if it is not ours."""
        return iri[len(self.base):] if iri.startswith(self.base) else None


ONTOLOGY_GRAPH = ONTOLOGY_IRI
