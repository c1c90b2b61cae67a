"""Authors the pledgegraph ontology with owlready2 and writes it, sorted and canonical, to pledgegraph.ttl.

Regenerate with `python -m pledgegraph.ontology.build`; `--check` exits 1 when the committed file is stale.
"""
from __future__ import annotations

import io
import sys
import types
from collections.abc import Iterable, Sequence
from pathlib import Path

import owlready2 as owl
from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from pledgegraph.ontology import ONTOLOGY_TTL
from pledgegraph.ontology.vocab import FOAF, NIF, NS, OWL, PG, PREFIXES, PROV, RDFS, SDO, SKOS, TIME, XSD

VERSION = "0.1.0"
LANG = "en"

Entity = type  # an owlready2 class or property (both are Python classes)


def split_iri(iri: URIRef) -> tuple[str, str]:
    """An IRI as (namespace, local name), cut after its last '#' or '/'."""
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/")) + 1
    return text[:cut], text[cut:]


class Builder:
    """Declares terms in one owlready2 ontology; every pg: term gets a label, a comment and rdfs:isDefinedBy."""

    def __init__(self) -> None:
        self.world = owl.World()
        self.onto = self.world.get_ontology(NS)
        self.terms: dict[URIRef, Entity] = {}

    def _new(self, iri: URIRef, bases: tuple[type, ...]) -> Entity:
        ns, name = split_iri(iri)
        with self.onto.get_namespace(ns):
            entity = types.new_class(name, bases)
        self.terms[iri] = entity
        return entity

    def _describe(self, thing: object, label: str, comment: str) -> None:
        thing.label = [owl.locstr(label, LANG)]
        thing.comment = [owl.locstr(comment, LANG)]
        thing.isDefinedBy = [self.onto]

    def external_class(self, iri: URIRef) -> Entity:
        """A class declared before, or an outside class our axioms refer to (declared, never described)."""
        return self.terms.get(iri) or self._new(iri, (owl.Thing,))

    def external_property(self, iri: URIRef, kind: type) -> Entity:
        """An outside property our axioms or our data use, declared with its OWL kind."""
        return self.terms.get(iri) or self._new(iri, (kind,))

    def cls(self, iri: URIRef, parents: Sequence[URIRef], label: str, comment: str) -> Entity:
        bases = tuple(self.external_class(p) for p in parents) or (owl.Thing,)
        entity = self._new(iri, bases)
        self._describe(entity, label, comment)
        return entity

    def prop(self, iri: URIRef, kind: type, domain: object, range_: object, label: str, comment: str,
             parents: Iterable[URIRef] = (), functional: bool = False) -> Entity:
        bases = (kind, owl.FunctionalProperty) if functional else (kind,)
        entity = self._new(iri, bases)
        for parent in parents:
            entity.is_a.append(self.terms[parent])
        entity.domain = [domain]
        entity.range = [range_]
        self._describe(entity, label, comment)
        return entity

    def individual(self, iri: URIRef, types_: Sequence[URIRef], label: str, comment: str) -> owl.Thing:
        ns, name = split_iri(iri)
        first, *more = (self.external_class(t) for t in types_)
        thing = first(name, namespace=self.onto.get_namespace(ns))
        thing.is_a.extend(more)
        self._describe(thing, label, comment)
        return thing

    def __getitem__(self, iri: URIRef) -> Entity:
        return self.terms[iri]


def declare_outside_terms(b: Builder) -> None:
    """The outside terms that our axioms refer to or that the article graphs use with a fixed OWL kind."""
    for iri in (PROV.wasDerivedFrom, PROV.wasAttributedTo, PROV.qualifiedAttribution, PROV.agent, PROV.hadRole,
                NIF.referenceContext, SDO.agent, SDO.recipient, SDO.mentions, SDO.about, FOAF.member,
                SKOS.inScheme, SKOS.hasTopConcept, SKOS.topConceptOf):
        b.external_property(iri, owl.ObjectProperty)
    for iri in (NIF.anchorOf, NIF.beginIndex, NIF.endIndex, NIF.isString):
        b.external_property(iri, owl.DataProperty)
    for iri in (SKOS.prefLabel, SKOS.altLabel, SKOS.definition):
        b.external_property(iri, owl.AnnotationProperty)
    for iri in (PROV.Attribution, NIF.Context):
        b.external_class(iri)


def declare_classes(b: Builder) -> None:
    """Actors, statements and what statements point at, with their alignments."""
    b.cls(PG.Actor, [PROV.Agent, FOAF.Agent], "actor",
          "Anyone who pledges, demands, threatens or forecasts, or of whom something is demanded or expected.")
    b.cls(PG.Person, [PG.Actor, FOAF.Person, SDO.Person], "person", "A human being acting in their own name or "
          "for a body, such as a minister or an official.")
    b.cls(PG.Organization, [PG.Actor, FOAF.Organization, SDO.Organization], "organization",
          "A company, party, body or institution that acts as one.")
    b.cls(PG.GovernmentBody, [PG.Organization, SDO.GovernmentOrganization], "government body",
          "A government, ministry, agency, parliament or armed force of a state.")
    b.cls(PG.IntergovernmentalOrganization, [PG.Organization], "intergovernmental organization",
          "An organization whose members are states, such as NATO, the European Union or the United Nations.")
    b.cls(PG.MediaOrganization, [PG.Organization, SDO.NewsMediaOrganization], "media organization",
          "A news agency or outlet; the reporter of what an article states.")
    b.cls(PG.State, [PG.Actor], "state", "A sovereign country as a political actor, such as the United States.")
    b.cls(PG.Region, [PG.Actor], "region",
          "A part of a country that governs itself, such as a federated state, province, prefecture, county or city, "
          "or a dependent territory such as Bermuda, as a political actor.")
    b.cls(PG.ActorGroup, [PG.Actor, FOAF.Group], "actor group",
          "Several actors named together and acting together, such as 'European allies'; see pg:member.")
    b.cls(PG.AnonymousSource, [PG.Actor], "anonymous source",
          "Unnamed people an article cites, such as 'five unnamed interlocutors'; see pg:count.")

    b.cls(PG.Commitment, [PROV.Entity], "commitment",
          "A statement that an actor will or must do something: a pledge, a demand or a threat.")
    b.cls(PG.Pledge, [PG.Commitment], "pledge",
          "A commitment by which an actor binds itself: a pledge, promise, plan, target or agreement.")
    b.cls(PG.Demand, [PG.Commitment], "demand",
          "A commitment by which one actor wants another to act: a demand, call or ultimatum.")
    b.cls(PG.Threat, [PG.Commitment], "threat",
          "A commitment to a sanction that an actor holds out if another fails to act; its deadline is when "
          "its condition falls due.")
    b.cls(PG.Forecast, [PROV.Entity], "forecast",
          "A dated prediction or warning about what an actor may do; not a commitment.")
    b.cls(PG.Deadline, [TIME.Instant], "deadline",
          "When a commitment or forecast falls due: exactly one of time:inXSDgYear, time:inXSDgYearMonth or "
          "time:inXSDDate, with the words as written in pg:asWritten.")
    b.cls(PG.Condition, [], "condition",
          "The antecedent a commitment hangs on ('if Europe misses the deadline'), as written, optionally "
          "pointing at the commitment it depends on.")
    b.cls(PG.Mention, [NIF.String], "mention",
          "A span of an article's text, by character offsets into its nif:Context: the evidence of a "
          "statement, or where an actor is named.")
    b.cls(PG.Article, [PROV.Entity], "article",
          "A news article: the source every statement is derived from; the same class as schema:NewsArticle.")
    b[PG.Article].equivalent_to.append(b.external_class(SDO.NewsArticle))
    b.cls(PG.Certainty, [SKOS.Concept], "certainty",
          "How sure the article is that a statement was made or will hold; a concept of pg:CertaintyScheme.")
    b.cls(PG.Track, [PROV.Entity], "track",
          "One commitment or forecast followed across the articles that report it: its statements (each the "
          "report of one article) and the status reports on it. A new deadline starts a new track that "
          "supersedes the old one.")
    b.cls(PG.StatusReport, [PROV.Entity], "status report",
          "A sentence saying how an earlier commitment stands: met, missed, delayed, dropped, under way; not a "
          "new commitment. Its status is a concept of pg:StatusScheme; a report of a new deadline carries it.")
    b.cls(PG.Status, [SKOS.Concept], "status",
          "How a tracked commitment stands; a concept of pg:StatusScheme.")


def statement_class(b: Builder) -> object:
    """Commitments and forecasts: the domain of the statement properties."""
    return b[PG.Commitment] | b[PG.Forecast]


def declare_properties(b: Builder) -> None:
    """Object and datatype properties, with domains, ranges and alignments."""
    declare_statement_properties(b)
    declare_tracking_properties(b)


def declare_tracking_properties(b: Builder) -> None:
    """Tracks, status reports and statuses."""
    reported = statement_class(b) | b[PG.StatusReport]
    op, dp = owl.ObjectProperty, owl.DataProperty
    b.prop(PG.track, op, reported, b[PG.Track], "track",
           "The track a statement or status report reports on.", functional=True)
    b.prop(PG.status, op, b[PG.Track] | b[PG.StatusReport], b[PG.Status], "status",
           "A track's current status, or the status a report gives, from pg:StatusScheme.", functional=True)
    b.prop(PG.supersedes, op, b[PG.Track], b[PG.Track], "supersedes",
           "The older track this one replaces: the same commitment with a new deadline.")
    b.prop(PG.gist, dp, reported, str, "gist",
           "The lemmas of the content words of what is to be done (or of what a status report is about), "
           "sorted and space-separated: what reports of one commitment share.", functional=True)


def declare_statement_properties(b: Builder) -> None:
    """The properties of statements and actors."""
    st, actor = statement_class(b), b[PG.Actor]
    op, dp = owl.ObjectProperty, owl.DataProperty
    reported = st | b[PG.StatusReport]
    b.prop(PG.actor, op, reported, actor, "actor", "Who is to act: the actor that is to do the action.",
           parents=[SDO.agent])
    b.prop(PG.issuer, op, st, actor, "issuer", "Who pledged, demanded, threatened or forecast.",
           parents=[PROV.wasAttributedTo])
    b.prop(PG.addressee, op, st, actor, "addressee", "To whom a demand, threat or pledge was addressed.",
           parents=[SDO.recipient])
    b.prop(PG.deadline, op, reported, b[PG.Deadline], "deadline",
           "When the statement falls due. Where the text allows several readings ('by 2035 or 2040', a season, "
           "a range), the statement has one deadline per reading, any of which may be meant.")
    b.prop(PG.condition, op, st, b[PG.Condition], "condition", "The antecedent the statement hangs on.",
           functional=True)
    b.prop(PG.dependsOn, op, b[PG.Condition], st, "depends on",
           "The commitment or forecast whose outcome a condition refers to.")
    b.prop(PG.certainty, op, st, b[PG.Certainty], "certainty", "How certain the statement is, from "
           "pg:CertaintyScheme.", functional=True)
    b.prop(PG.evidence, op, reported, b[PG.Mention], "evidence", "The mention (a sentence) that states it.",
           parents=[PROV.wasDerivedFrom])
    b.prop(PG.member, op, b[PG.ActorGroup], actor, "member", "An actor that belongs to an actor group.",
           parents=[FOAF.member])
    b.prop(PG.mentions, op, b[PG.Article], actor, "mentions", "An actor the article names.",
           parents=[SDO.mentions])

    b.prop(PG.action, dp, reported, str, "action", "What is to be done (or predicted), as phrased in the article.",
           functional=True)
    b.prop(PG.negated, dp, st, bool, "negated", "True when the action is not to be done ('will not buy').",
           functional=True)
    b.prop(PG.amount, dp, st, str, "amount", "Money or a share involved, as written ('$1.1 trillion', '5%').")
    b.prop(PG.asWritten, dp, b[PG.Deadline] | b[PG.Condition], str, "as written",
           "The words of a deadline or condition as the article writes them.", functional=True)
    b.prop(PG.count, dp, b[PG.AnonymousSource], int, "count", "How many people an anonymous source counts.",
           functional=True)
    b.prop(PG.rule, dp, reported, str, "rule", "The name of the extraction rule that found the statement or report.",
           functional=True)
    b.prop(PG.confidence, dp, st, owl.ConstrainedDatatype(float, min_inclusive=0, max_inclusive=1),
           "confidence", "The extractor's confidence in the statement, a decimal from 0 to 1.", functional=True)


CERTAINTIES = [
    (PG.certain, "certain", "Stated as a fact or a firm decision ('will', 'has agreed')."),
    (PG.probable, "probable", "Stated as likely ('is expected to', 'plans to')."),
    (PG.possible, "possible", "Stated as a possibility ('may', 'could', 'is considering')."),
    (PG.alleged, "alleged", "Reported on someone's word and not confirmed ('allegedly', 'reportedly')."),
]
STATUSES = [
    (PG.pending, "pending", "Nothing has been reported on it since it was made."),
    (PG.inProgress, "in progress", "Reported under way: work has begun, or it is on track."),
    (PG.stalled, "stalled", "Reported stuck, on hold or behind, with no new deadline."),
    (PG.kept, "kept", "Reported done: a pledge met, a demand complied with, a threat carried out, a forecast "
     "come true."),
    (PG.partlyKept, "partly kept", "Reported done in part ('40 of the 100 promised buses')."),
    (PG.broken, "broken", "Reported not done: a deadline missed, a promise broken, a forecast proved wrong."),
    (PG.superseded, "superseded", "Replaced by a newer commitment, such as the same one with a new deadline "
     "(which has its own track, pg:supersedes this one)."),
    (PG.withdrawn, "withdrawn", "Reported dropped, abandoned or withdrawn by the one who made it."),
]
ROLES = [
    (PG.reporter, "reporter", "The role of the outlet that reported a statement."),
    (PG.source, "source", "The role of whom the reporter cites for a statement."),
]


def declare_individuals(b: Builder) -> None:
    """The certainty and status schemes (closed SKOS schemes) and the attribution roles."""
    declare_scheme(b, PG.CertaintyScheme, PG.Certainty, "certainty scheme",
                   "How certain a statement is: certain, probable, possible, alleged.", CERTAINTIES)
    declare_scheme(b, PG.StatusScheme, PG.Status, "status scheme",
                   "How a tracked commitment stands: pending, in progress, stalled, kept, partly kept, broken, "
                   "superseded, withdrawn.", STATUSES)
    b.external_class(PROV.Role)
    for iri, label, comment in ROLES:
        b.individual(iri, [PROV.Role], label, comment)


def declare_scheme(b: Builder, iri: URIRef, concept_class: URIRef, label: str, comment: str,
                   members: list[tuple[URIRef, str, str]]) -> None:
    """A closed SKOS scheme: its concepts are exactly `members`, and they are different things."""
    scheme = b.individual(iri, [SKOS.ConceptScheme], label, comment)
    scheme.prefLabel = [owl.locstr(label, LANG)]
    concepts = []
    for member, name, definition in members:
        concept = b.individual(member, [concept_class, SKOS.Concept], name, definition)
        concept.prefLabel = [owl.locstr(name, LANG)]
        concept.definition = [owl.locstr(definition, LANG)]
        concept.inScheme = [scheme]
        concept.topConceptOf = [scheme]
        concepts.append(concept)
    scheme.hasTopConcept = concepts
    b[concept_class].equivalent_to.append(owl.OneOf(concepts))
    owl.AllDifferent(concepts)


def declare_disjointness(b: Builder) -> None:
    """What cannot be both: actors vs statements vs their parts, and the kinds within each."""
    owl.AllDisjoint([b[t] for t in (PG.Actor, PG.Commitment, PG.Forecast, PG.Deadline, PG.Condition, PG.Mention,
                                    PG.Article, PG.Certainty, PG.Track, PG.StatusReport, PG.Status)])
    b[PG.Commitment].disjoint_unions.append([b[PG.Pledge], b[PG.Demand], b[PG.Threat]])
    owl.AllDisjoint([b[t] for t in (PG.Person, PG.Organization, PG.State, PG.Region, PG.ActorGroup)])
    owl.AllDisjoint([b[t] for t in (PG.GovernmentBody, PG.IntergovernmentalOrganization, PG.MediaOrganization)])
    # An anonymous source is one or more unnamed people: never a state or an organization as such.
    owl.AllDisjoint([b[PG.AnonymousSource], b[PG.State]])
    owl.AllDisjoint([b[PG.AnonymousSource], b[PG.Region]])
    owl.AllDisjoint([b[PG.AnonymousSource], b[PG.Organization]])


def describe_ontology(b: Builder) -> None:
    meta = b.onto.metadata
    meta.label = [owl.locstr("pledgegraph ontology", LANG)]
    meta.comment = [owl.locstr(
        "Who committed to what, by when: pledges, demands, threats and forecasts found in news articles, "
        "with their actors, issuers, deadlines, conditions, certainty and the evidence sentence.", LANG)]
    meta.versionInfo = [VERSION]


def build() -> Builder:
    """The whole ontology in a fresh owlready2 world."""
    b = Builder()
    with b.onto:
        declare_outside_terms(b)
        declare_classes(b)
        declare_properties(b)
        declare_individuals(b)
        declare_disjointness(b)
        describe_ontology(b)
    return b


def to_graph(b: Builder) -> Graph:
    """The ontology as an rdflib graph with canonical blank nodes (so output does not depend on the run)."""
    data = io.BytesIO()
    b.onto.save(data, format="ntriples")
    raw = Graph().parse(data=data.getvalue().decode("utf-8"), format="nt")
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for s, p, o in to_canonical_graph(raw):
        if p == RDFS.subClassOf and o == OWL.Thing:
            continue  # owlready2 states it of every class; it says nothing
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))  # the same literal in RDF 1.1, written plainly
        graph.add((s, p, o))
    return graph


def turtle() -> str:
    """The ontology as Turtle, byte-identical from run to run (rdflib sorts subjects and predicates)."""
    return to_graph(build()).serialize(format="turtle")


def main(argv: list[str] | None = None) -> int:
    """Write pledgegraph.ttl, or with --check say whether it is up to date."""
    args = sys.argv[1:] if argv is None else argv
    text = turtle()
    target = Path(ONTOLOGY_TTL)
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run python -m pledgegraph.ontology.build", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


__all__ = ["build", "to_graph", "turtle", "main"]

if __name__ == "__main__":
    sys.exit(main())
