"""The ontology file (ontology/pledgegraph.ttl): its bytes, its triples, and its terms for the HTML documentation."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from pledgegraph.formats import TURTLE
from pledgegraph.formats.rdf import Triple, is_blank, parse
from pledgegraph.ontology import ONTOLOGY_TTL
from pledgegraph.ontology.vocab import NS, ONTOLOGY_IRI, RDFS, sparql_prefixes
from pledgegraph.server.page_queries import query_file
from pledgegraph.store import OxigraphStore, TripleStore

_KIND_ORDER = ["Classes", "Object properties", "Datatype properties", "Annotation properties", "Properties",
               "Individuals"]
_KIND = {"Class": "Classes", "ObjectProperty": "Object properties", "DatatypeProperty": "Datatype properties",
         "AnnotationProperty": "Annotation properties", "Property": "Properties", "NamedIndividual": "Individuals",
         "Concept": "Individuals", "ConceptScheme": "Individuals"}


@dataclass
class Term:
    iri: str
    name: str
    kinds: set[str] = field(default_factory=set)
    values: dict[str, list[str]] = field(default_factory=dict)  # property IRI -> values (IRIs or text)


def path() -> Path:
    return Path(ONTOLOGY_TTL)


_cache: dict[str, object] = {}


def _load() -> tuple[bytes, list[Triple], TripleStore]:
    """The file's bytes, its triples, and an in-memory store holding them (read again when the file changes)."""
    p = path()
    stamp = f"{p}:{p.stat().st_mtime_ns}"
    if _cache.get("stamp") != stamp:
        data = p.read_bytes()
        found = parse(data, TURTLE, str(ONTOLOGY_IRI))
        store = OxigraphStore(None)
        store.replace_graph(URIRef(str(ONTOLOGY_IRI)), Graph().parse(data=data, format="turtle",
                                                                     publicID=str(ONTOLOGY_IRI)))
        _cache.update(stamp=stamp, data=data, triples=found, store=store)
    return _cache["data"], _cache["triples"], _cache["store"]  # type: ignore[return-value]


def turtle() -> bytes:
    """The ontology file as it is."""
    return _load()[0]


def triples() -> list[Triple]:
    return _load()[1]


def query_text() -> str:
    return sparql_prefixes() + query_file("ontology_terms")


def header() -> dict[str, list[str]]:
    """The ontology's own annotations (title, description, version, ...)."""
    out: dict[str, list[str]] = {}
    for t in _load()[1]:
        if t.subject.value == str(ONTOLOGY_IRI) and not is_blank(t.subject):
            out.setdefault(t.predicate.value, []).append(t.object.value)
    return out


def terms() -> dict[str, list[Term]]:
    """The ontology's own terms (in its namespace), grouped by kind, in a fixed order."""
    by_iri: dict[str, Term] = {}
    for sol in _load()[2].query(query_text()):
        iri = sol["term"].value
        if not iri.startswith(NS):
            continue
        term = by_iri.setdefault(iri, Term(iri, iri[len(NS):]))
        term.kinds.add(_KIND.get(sol["kind"].value.rsplit("#", 1)[-1], "Individuals"))
        if sol["p"] is not None and sol["o"] is not None and not is_blank(sol["o"]):
            values = term.values.setdefault(sol["p"].value, [])
            if sol["o"].value not in values:
                values.append(sol["o"].value)
    first = [str(RDFS.label), str(RDFS.comment)]
    for term in by_iri.values():
        term.values = dict(sorted(term.values.items(), key=lambda kv: (first.index(kv[0]) if kv[0] in first else 2,
                                                                        kv[0])))
    groups: dict[str, list[Term]] = {k: [] for k in _KIND_ORDER}
    for term in sorted(by_iri.values(), key=lambda t: t.name.lower()):
        groups[min(term.kinds, key=_KIND_ORDER.index)].append(term)
    return {k: v for k, v in groups.items() if v}
