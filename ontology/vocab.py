"""The only module that spells IRIs: our closed `PG` namespace, the outside vocabularies, and prefixes."""
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, VOID, XSD, DefinedNamespace

NS = "https://w3id.org/pledgegraph/ns#"
ONTOLOGY_IRI = URIRef("https://w3id.org/pledgegraph/ns")


class PG(DefinedNamespace):
    """pledgegraph's own terms; a misspelt term raises instead of minting a new IRI."""

    _NS = Namespace(NS)
    _fail = True

    # classes: actors
    Actor: URIRef  # anyone who commits, demands, threatens, forecasts or is asked to act
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef  # a ministry, agency, parliament or government of a state
    IntergovernmentalOrganization: URIRef  # NATO, EU, UN, ...
    MediaOrganization: URIRef  # a news agency or outlet
    State: URIRef  # a sovereign country as a political actor
    Region: URIRef  # a federated state, province, prefecture, county or city, or a dependent territory, as a political actor
    ActorGroup: URIRef  # several actors acting together ("European allies")
    AnonymousSource: URIRef  # unnamed people ("five unnamed interlocutors")
    # classes: statements
    Commitment: URIRef  # a statement that an actor will or must do something
    Pledge: URIRef  # an actor binds itself
    Demand: URIRef  # one actor wants another to act
    Threat: URIRef  # a sanction held out if another fails
    Forecast: URIRef  # a dated prediction about what an actor may do
    Deadline: URIRef  # when a commitment falls due
    Condition: URIRef  # the antecedent a commitment hangs on
    Mention: URIRef  # a span of an article's text (a nif:String)
    Article: URIRef  # a news article (schema:NewsArticle)
    Certainty: URIRef  # a concept of the certainty scheme
    Track: URIRef  # one commitment followed across the articles that report it
    StatusReport: URIRef  # a sentence saying how a commitment stands (met, missed, delayed, dropped)
    Status: URIRef  # a concept of the status scheme
    # object properties
    actor: URIRef  # who is to act
    issuer: URIRef  # who pledged, demanded, threatened or forecast
    addressee: URIRef  # to whom it was addressed
    deadline: URIRef
    condition: URIRef
    dependsOn: URIRef  # from a condition to the commitment it depends on
    certainty: URIRef
    evidence: URIRef  # the mention that states it
    member: URIRef  # a member of an actor group
    mentions: URIRef  # an article mentions an actor
    # datatype properties
    action: URIRef  # what is to be done, as phrased
    negated: URIRef  # the action is not to be done
    amount: URIRef  # money or share involved, as written
    asWritten: URIRef  # the words of a deadline or condition as written
    count: URIRef  # how many people an anonymous source counts
    rule: URIRef  # the extraction rule that found a statement
    confidence: URIRef  # the extractor's confidence, 0..1
    track: URIRef  # from a statement or status report to the track it reports on
    status: URIRef  # a track's current status, or the status a report gives
    supersedes: URIRef  # from a track to the older one it replaces (a new deadline)
    gist: URIRef  # the lemmas of an action's content words: what reports of one commitment share
    # individuals
    CertaintyScheme: URIRef
    certain: URIRef
    probable: URIRef
    possible: URIRef
    alleged: URIRef
    StatusScheme: URIRef
    pending: URIRef
    inProgress: URIRef
    stalled: URIRef
    kept: URIRef
    partlyKept: URIRef
    broken: URIRef
    superseded: URIRef
    withdrawn: URIRef
    reporter: URIRef  # role: the outlet that reported a statement
    source: URIRef  # role: who the reporter cites


class NIF(DefinedNamespace):
    """The NIF 2.0 core terms pledgegraph uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    String: URIRef
    Context: URIRef
    RFC5147String: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    isString: URIRef
    sourceUrl: URIRef


SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")  # media types as IRIs (service description)
WD = Namespace("http://www.wikidata.org/entity/")
DBR = Namespace("http://dbpedia.org/resource/")
GEONAMES = Namespace("https://sws.geonames.org/")

# The single table of prefixes used by queries, the query page and the pages.
PREFIXES: dict[str, str] = {
    "pg": NS,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "time": str(TIME),
    "schema": str(SDO),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "nif": str(NIF._NS),
    "void": str(VOID),
    "sd": str(SD),
    "wd": str(WD),
    "dbr": str(DBR),
}


# The kinds of statement and of actor, each listed once: page queries (%statement_kinds%, %actor_kinds%), pages
# and templates take them from here, so a new kind is declared in the ontology and added here, nowhere else.
COMMITMENT_KINDS = (PG.Pledge, PG.Demand, PG.Threat)
FORECAST_KINDS = (PG.Forecast,)
STATEMENT_KINDS = (*COMMITMENT_KINDS, *FORECAST_KINDS)
# The statuses of a tracked commitment, in the order a page lists them (local names fixed: docs/ontology.md), and
# those that end it: a track with one of these is never overdue.
STATUSES = (PG.pending, PG.inProgress, PG.stalled, PG.kept, PG.partlyKept, PG.broken, PG.superseded, PG.withdrawn)
SETTLED_STATUSES = (PG.kept, PG.partlyKept, PG.superseded, PG.withdrawn)
ACTOR_KINDS = (PG.State, PG.Region, PG.Person, PG.Organization, PG.GovernmentBody, PG.IntergovernmentalOrganization,
               PG.MediaOrganization, PG.ActorGroup, PG.AnonymousSource)


def sparql_prefixes() -> str:
    """The PREFIX lines of every prefix in PREFIXES."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = ["PG", "COMMITMENT_KINDS", "FORECAST_KINDS", "STATEMENT_KINDS", "ACTOR_KINDS", "STATUSES",
           "SETTLED_STATUSES", "NIF", "SD", "FORMATS", "WD", "DBR", "GEONAMES", "PREFIXES", "NS", "ONTOLOGY_IRI",
           "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SDO", "SKOS", "TIME", "VOID", "XSD"]
