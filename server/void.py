"""The VoID description of the dataset: endpoint, dumps, vocabularies, counts and linksets to other datasets."""
from __future__ import annotations

from pledgegraph.ontology.vocab import (DBR, DCTERMS, FOAF, GEONAMES, NIF, NS, OWL, PROV, RDF, SDO, SKOS, TIME,
                                        VOID, WD, XSD)
from pledgegraph.formats.rdf import Triple, iri, literal, triple
from pledgegraph.server.page_queries import Iri, build, select

# The datasets actors link to: (fragment, title, homepage, IRI space).
TARGETS: list[tuple[str, str, str, str]] = [
    ("wikidata", "Wikidata", "https://www.wikidata.org/", str(WD)),
    ("dbpedia", "DBpedia", "https://www.dbpedia.org/", str(DBR)),
    ("geonames", "GeoNames", "https://www.geonames.org/", str(GEONAMES)),
]
VOCABULARIES = [NS, str(SDO), str(PROV), str(NIF._NS), str(TIME), str(SKOS), str(OWL), str(DCTERMS)]


_n = iri


def _int(value: int) -> object:
    return literal(value, XSD.integer)


def linkset_counts() -> dict[str, int]:
    """How many owl:sameAs links point into each target dataset."""
    return {frag: int(select(build("linkset", space=space))[0].get("n", 0)) for frag, _t, _h, space in TARGETS}


def describe(doc: str, root: str, base_iri: str) -> list[Triple]:
    """The VoID triples of a document at `doc` describing the dataset served from `root`."""
    ds = _n(doc + "#dataset")
    out: list[Triple] = []

    def add(s: object, p: object, o: object) -> None:
        out.append(triple(s, _n(p), o))  # type: ignore[arg-type]

    add(_n(doc), RDF.type, _n(VOID.DatasetDescription))
    add(_n(doc), FOAF.primaryTopic, ds)
    add(ds, RDF.type, _n(VOID.Dataset))
    add(ds, DCTERMS.title, literal("pledgegraph"))
    add(ds, DCTERMS.description, literal("Who committed to what, by when: pledges, demands, threats and forecasts "
                                            "extracted from news articles, with their evidence."))
    add(ds, FOAF.homepage, _n(root))
    add(ds, VOID.sparqlEndpoint, _n(root + "sparql"))
    add(ds, VOID.dataDump, _n(root + "dump?format=nquads"))
    add(ds, VOID.dataDump, _n(root + "dump?format=trig"))
    add(ds, VOID.uriSpace, literal(base_iri))
    add(ds, VOID.rootResource, _n(root))
    for vocab in VOCABULARIES:
        add(ds, VOID.vocabulary, _n(vocab))
    stats = select(build("void_stats"))[0]
    add(ds, VOID.triples, _int(int(stats.get("triples", 0))))
    add(ds, VOID.distinctSubjects, _int(int(stats.get("subjects", 0))))
    add(ds, VOID.properties, _int(int(stats.get("properties", 0))))
    for row in select(build("void_classes")):
        part = _n(f"{doc}#class-{len(out)}")
        add(ds, VOID.classPartition, part)
        add(part, VOID["class"], _n(row["class"]))
        add(part, VOID.entities, _int(int(row["n"])))
    counts = linkset_counts()
    for frag, title, homepage, space in TARGETS:
        target = _n(f"{doc}#{frag}")
        add(target, RDF.type, _n(VOID.Dataset))
        add(target, DCTERMS.title, literal(title))
        add(target, FOAF.homepage, _n(homepage))
        add(target, VOID.uriSpace, literal(space))
        linkset = _n(f"{doc}#links-{frag}")
        add(ds, VOID.subset, linkset)
        add(linkset, RDF.type, _n(VOID.Linkset))
        add(linkset, VOID.subjectsTarget, ds)
        add(linkset, VOID.objectsTarget, target)
        add(linkset, VOID.linkPredicate, _n(OWL.sameAs))
        add(linkset, VOID.triples, _int(counts[frag]))
    return out


__all__ = ["describe", "linkset_counts", "TARGETS", "Iri"]
