"""Plain records that flow from readers through extraction to RDF; no rdflib here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Article:
    """One article as read from a file: its text and metadata."""

    text: str
    source: str  # the file (and entry) it came from
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Span:
    """A span of the article text, by character offsets."""

    begin: int
    end: int
    text: str


@dataclass
class Actor:
    """An actor as resolved within an article."""

    id: str  # stable id across articles: a gazetteer id, or a slug of the name
    label: str
    kind: str  # a pg class name: State, Person, Organization, ...
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None  # a QID such as "Q30"
    dbpedia: str | None = None  # a DBpedia resource name such as "United_States"
    geonames: str | None = None  # a GeoNames feature id
    source: str | None = None  # the public table its links come from (a URL), where it is not the curated gazetteer
    office: tuple[str, str, str] | None = None  # a person's office, its start and end dates (ISO), as the table says
    local: bool = False  # only meaningful within its article (anonymous sources)
    count: int | None = None  # how many people an anonymous source counts
    members: list[str] = field(default_factory=list)  # ids of the members of a group
    spans: list[Span] = field(default_factory=list)  # where the article names it


@dataclass
class Deadline:
    """A deadline normalised to a year, a year-month or a date, with the words as written."""

    value: str  # "2027", "2027-09" or "2027-09-30"
    words: str
    alternatives: tuple[str, ...] = ()  # other readings the text allows ("by 2035 or 2040", a season, a range)

    @property
    def precision(self) -> str:
        return precision(self.value)


def precision(value: str) -> str:
    """year, month or day, from a normalised date's length."""
    return {4: "year", 7: "month"}.get(len(value), "day")


@dataclass
class Statement:
    """A commitment (Pledge, Demand, Threat) or a Forecast found in a sentence."""

    kind: str  # "Pledge" | "Demand" | "Threat" | "Forecast"
    evidence: Span  # the sentence that states it
    action: str
    actor: str | None = None  # actor id
    issuer: str | None = None  # actor id
    addressee: str | None = None  # actor id
    deadline: Deadline | None = None
    negated: bool = False
    amount: str | None = None
    condition: str | None = None  # the antecedent as written
    depends_on: int | None = None  # index of the statement the condition refers to
    certainty: str = "certain"  # certain | probable | possible | alleged
    reporter: str | None = None  # actor id of the outlet that reported it
    sources: list[str] = field(default_factory=list)  # actor ids the reporter cites
    rule: str = ""
    confidence: float = 0.5
    gist: tuple[str, ...] = ()  # lemmas of the action's content words, sorted (what reports of it share)


@dataclass
class StatusReport:
    """A sentence on how an earlier commitment stands ("met its target", "dropped the plan", "slipped to 2027")."""

    status: str  # a local name of the status scheme: kept, partlyKept, broken, withdrawn, inProgress, stalled,
    #              or superseded (a new deadline, in `deadline`)
    evidence: Span
    action: str  # what the sentence says of it, as written (the trigger's clause)
    gist: tuple[str, ...]  # lemmas of its content words, sorted: matched against the gists of statements
    actor: str | None = None  # whose commitment (actor id), when the sentence names them
    deadline: Deadline | None = None  # a new deadline (superseded), or the deadline the sentence names
    rule: str = ""


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: dict[str, Actor] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    reports: list[StatusReport] = field(default_factory=list)
    error: str | None = None  # set when extraction failed; the article is then skipped
