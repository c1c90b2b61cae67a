"""Tracks: one commitment followed across the articles that report it, and whether it was kept.

After each load the tracks are rebuilt from every statement and status report in the store, in the order they
were published (then by IRI), so that loading articles in any order, or again, gives the same tracks:

- A **statement** joins a live track of the same kind whose actors it shares (its issuers, when neither names
  who is to act) and whose gist it shares (`similar`: the lemmas of the action's content words, years left out)
  when their deadlines agree or one has none. The same commitment with another deadline, reported later,
  starts a new track that supersedes the old one. Anything else starts a track of its own.
- A **status report** ("met its target", "dropped the plan", "slipped to 2027") goes to the live track it
  matches best: its actor among the track's actors or issuers, at least `MIN_SHARED` gist lemmas in common (one
  is enough when the report names the track's deadline year), reported no earlier than the track began. A
  report of a new date supersedes the track with a new one due then. A report that matches nothing stays
  unattached, with its content.
- A track's **status** is that of its latest report (`pending` without any); `superseded` once a newer track
  replaces it. Whether a track is **overdue** depends on the day asked: its latest deadline has passed and its
  status is not one that settles it (vocab.SETTLED_STATUSES); `overdue()` says it, OVERDUE_QUERY asks the store.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal, URIRef

from pledgegraph import periods
from pledgegraph.ontology.iris import Minter
from pledgegraph.ontology.vocab import PG, RDF, RDFS, SETTLED_STATUSES, STATEMENT_KINDS, sparql_prefixes
from pledgegraph.store import TripleStore, term_value

MIN_JACCARD = 0.5  # two actions are one when half their lemmas are shared ...
MIN_SHARED = 2  # ... or at least two lemmas and a third of them
MIN_JACCARD_SHARED = 0.3

_DUE = "pg:deadline/(time:inXSDgYear|time:inXSDgYearMonth|time:inXSDDate)"
STATEMENTS_QUERY = """SELECT ?s ?kind ?action ?actor ?issuer ?gist ?due ?published WHERE {
  VALUES ?kind { %s }
  ?s a ?kind ; pg:action ?action .
  OPTIONAL { ?s pg:actor ?actor } OPTIONAL { ?s pg:issuer ?issuer } OPTIONAL { ?s pg:gist ?gist }
  OPTIONAL { ?s %s ?due } OPTIONAL { ?s prov:wasDerivedFrom/schema:datePublished ?published }
}""" % (" ".join(f"<{k}>" for k in STATEMENT_KINDS), _DUE)  # VALUES, not FILTER IN: Oxigraph plans it far better
REPORTS_QUERY = """SELECT ?s ?status ?action ?actor ?gist ?due ?published WHERE {
  ?s a pg:StatusReport ; pg:status ?status ; pg:action ?action .
  OPTIONAL { ?s pg:actor ?actor } OPTIONAL { ?s pg:gist ?gist } OPTIONAL { ?s %s ?due }
  OPTIONAL { ?s prov:wasDerivedFrom/schema:datePublished ?published }
}""" % _DUE
# A complete query (prefixes included): tracks whose latest deadline (the last day of a year or month) is before
# %(today)s, an ISO date, and whose status does not settle them; the deadlines are those of its statements and of
# a report that moved it.
OVERDUE_QUERY = sparql_prefixes().replace("%", "%%") + """SELECT ?track (MAX(?end) AS ?latest) WHERE {
  ?track a pg:Track ; pg:status ?status .
  FILTER(?status NOT IN (%s))
  ?report pg:track ?track ; %s ?due .
  FILTER NOT EXISTS { ?report pg:status ?said FILTER(?said != pg:superseded) }
  BIND(STR(?due) AS ?d)
  BIND(IF(STRLEN(?d) = 4, CONCAT(?d, "-12-31"), IF(STRLEN(?d) = 7, CONCAT(?d, "-31"), SUBSTR(?d, 1, 10))) AS ?end)
}
GROUP BY ?track
HAVING (MAX(?end) < "%%(today)s")""" % (", ".join(f"<{s}>" for s in SETTLED_STATUSES), _DUE)


@dataclass
class Report:
    """A statement or a status report, as tracking sees it."""

    iri: str
    kind: str | None  # the statement's class IRI; None for a status report
    status: str | None = None  # a status report's status IRI
    action: str = ""
    actors: set[str] = field(default_factory=set)
    issuers: set[str] = field(default_factory=set)
    gist: set[str] = field(default_factory=set)
    dues: set[str] = field(default_factory=set)
    published: str = ""

    def order(self) -> tuple[str, str]:
        return (self.published or "9999", self.iri)


@dataclass(eq=False)
class Track:
    """One commitment and the reports on it."""

    founder: Report
    kind: str
    actors: set[str]
    issuers: set[str]
    gist: set[str]
    dues: set[str]
    members: list[str] = field(default_factory=list)
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (status IRI, report IRI, published)
    supersedes: Track | None = None
    superseded_by: Track | None = None

    @property
    def key(self) -> str:
        return hashlib.sha1(self.founder.iri.encode("utf-8")).hexdigest()[:16]

    @property
    def status(self) -> str:
        return self.history[-1][0] if self.history else str(PG.pending)


def similar(a: set[str], b: set[str]) -> bool:
    """Two gists say the same action: most lemmas shared, and the same numbers where both give some ("2%" and
    "3.5%" are two targets); years are compared as deadlines, not here."""
    a, b = _without_years(a), _without_years(b)
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return False
    shared = len(a & b)
    if not shared:
        return False
    jaccard = shared / len(a | b)
    return jaccard >= MIN_JACCARD or (shared >= MIN_SHARED and jaccard >= MIN_JACCARD_SHARED)


def _numbers(gist: set[str]) -> set[str]:
    return {w for w in gist if w.replace(".", "", 1).isdigit()}


def _without_years(gist: set[str]) -> set[str]:
    return {w for w in gist if not (len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2199)}


def _agree(a: set[str], b: set[str]) -> bool:
    """Deadlines agree when either is unknown or they share a reading (a year and a day in it agree)."""
    return not a or not b or any(x.startswith(y) or y.startswith(x) for x in a for y in b)


class Tracks:
    """The tracks built so far, indexed by (actor, gist lemma) and by gist lemma, so that a report is compared
    only with the tracks that could hold it (they must share an actor and a lemma), not with all of them."""

    def __init__(self) -> None:
        self.all: list[Track] = []
        self._by_key: dict[str, dict[int, Track]] = {}

    def index(self, track: Track) -> None:
        lemmas = _without_years(track.gist)
        keys = {f"{a}|{w}" for a in track.actors | track.issuers for w in lemmas} | {f"w:{w}" for w in lemmas}
        for key in keys:
            self._by_key.setdefault(key, {})[id(track)] = track

    def candidates(self, item: Report) -> list[Track]:
        """Live tracks sharing an actor and a gist lemma with the item (a lemma, for a report naming no actor)."""
        who = item.actors or (item.issuers if item.kind is not None else set())
        lemmas = _without_years(item.gist)
        keys = [f"{a}|{w}" for a in who for w in lemmas] if who else [f"w:{w}" for w in lemmas]
        found = {i: t for key in keys for i, t in self._by_key.get(key, {}).items() if t.superseded_by is None}
        return sorted(found.values(), key=lambda t: t.founder.order())


def build_tracks(statements: Iterable[Report], reports: Iterable[Report]) -> list[Track]:
    """The tracks of every statement and report, taken in the order they were published."""
    tracks = Tracks()
    for item in sorted([*statements, *reports], key=Report.order):
        if item.kind is not None:
            _add_statement(item, tracks)
        else:
            _add_report(item, tracks)
    return tracks.all


def _new(item: Report, tracks: Tracks, kind: str, old: Track | None = None) -> Track:
    """A track founded by `item`; with `old`, the same commitment with a new deadline, superseding it."""
    track = Track(item, kind, set(item.actors), set(item.issuers), set(item.gist), set(item.dues))
    if old is not None:
        track.actors |= old.actors
        track.issuers |= old.issuers
        track.gist |= old.gist
    track.members.append(item.iri)
    if old is not None:
        old.superseded_by, track.supersedes = track, old
        old.history.append((str(PG.superseded), item.iri, item.published))
    tracks.all.append(track)
    tracks.index(track)
    return track


def _same_actor(item: Report, track: Track) -> bool:
    if item.actors or track.actors:
        return bool(item.actors & track.actors)
    return bool(item.issuers & track.issuers)


def _add_statement(item: Report, tracks: Tracks) -> None:
    matches = [t for t in tracks.candidates(item)
               if t.kind == item.kind and _same_actor(item, t) and similar(item.gist, t.gist)]
    agreeing = [t for t in matches if _agree(item.dues, t.dues)]
    if agreeing:
        track = max(agreeing, key=lambda t: (len(item.gist & t.gist), t.founder.order()))
        track.members.append(item.iri)
        track.gist |= item.gist
        track.dues = track.dues or set(item.dues)
        track.actors |= item.actors
        track.issuers |= item.issuers
        tracks.index(track)
        return
    later = [t for t in matches if item.published and t.founder.published and item.published > t.founder.published]
    _new(item, tracks, item.kind, max(later, key=lambda t: t.founder.order()) if later else None)  # type: ignore[arg-type]


def _add_report(item: Report, tracks: Tracks) -> None:
    best, best_score = None, (0, 0.0)
    gist = _without_years(item.gist)
    for t in tracks.candidates(item):
        if item.actors and not item.actors & (t.actors | t.issuers):
            continue
        if item.published and t.founder.published and item.published < t.founder.published:
            continue
        theirs = _without_years(t.gist)
        shared = gist & theirs
        named_due = item.status != str(PG.superseded) and any(d[:4] == e[:4] for d in item.dues for e in t.dues)
        need = MIN_SHARED + (0 if item.actors else 1) - (1 if named_due else 0)
        if len(shared) < max(need, 1):
            continue
        score = (len(shared), len(shared) / len(gist | theirs))
        if score > best_score:
            best, best_score = t, score
    if best is None:
        return
    if item.status == str(PG.superseded) and item.dues and not _agree(item.dues, best.dues):
        _new(item, tracks, best.kind, best)
        return
    best.members.append(item.iri)
    if item.status != str(PG.superseded):
        best.history.append((item.status or str(PG.pending), item.iri, item.published))


def read(store: TripleStore) -> tuple[list[Report], list[Report]]:
    """The statements and status reports in the store."""
    statements: dict[str, Report] = {}
    for row in store.query(sparql_prefixes() + STATEMENTS_QUERY):
        r = statements.setdefault(term_value(row["s"]), Report(term_value(row["s"]), term_value(row["kind"])))
        _fill(r, row)
        if row["issuer"] is not None:
            r.issuers.add(term_value(row["issuer"]))
    reports: dict[str, Report] = {}
    for row in store.query(sparql_prefixes() + REPORTS_QUERY):
        r = reports.setdefault(term_value(row["s"]), Report(term_value(row["s"]), None, term_value(row["status"])))
        _fill(r, row)
    return list(statements.values()), list(reports.values())


def _fill(r: Report, row: object) -> None:
    r.action = r.action or term_value(row["action"])  # type: ignore[index]
    if row["actor"] is not None:  # type: ignore[index]
        r.actors.add(term_value(row["actor"]))  # type: ignore[index]
    if row["gist"] is not None:  # type: ignore[index]
        r.gist |= set(term_value(row["gist"]).split())  # type: ignore[index]
    if row["due"] is not None:  # type: ignore[index]
        r.dues.add(term_value(row["due"]))  # type: ignore[index]
    if row["published"] is not None:  # type: ignore[index]
        r.published = term_value(row["published"])[:10]  # type: ignore[index]


def to_graph(tracks: list[Track], minter: Minter) -> Graph:
    """The tracks graph: each track, its status, what it supersedes, and each report's pg:track."""
    g = Graph()
    for t in tracks:
        iri = minter.track(t.key)
        g.add((iri, RDF.type, PG.Track))
        g.add((iri, PG.status, URIRef(t.status)))
        g.add((iri, RDFS.label, Literal(t.founder.action)))
        if t.supersedes is not None:
            g.add((iri, PG.supersedes, minter.track(t.supersedes.key)))
        for member in t.members:
            g.add((URIRef(member), PG.track, iri))
    return g


COUNT_QUERY = """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?kind { %s pg:StatusReport } ?s a ?kind }""" % (
    " ".join(f"<{k}>" for k in STATEMENT_KINDS))


def update(store: TripleStore, minter: Minter, attempts: int = 3) -> list[Track]:
    """Rebuild the tracks graph from the whole store. Another load writing to the same store meanwhile (loads
    fanned out over machines) is noticed by counting the reports again after the write, and the tracks are built
    once more: every load rebuilds them after its own last article, so the last to finish has seen them all."""
    tracks: list[Track] = []
    for _ in range(attempts):
        statements, reports = read(store)
        tracks = build_tracks(statements, reports)
        store.replace_graph(minter.tracks_graph(), to_graph(tracks, minter))
        counted = next(iter(store.query(sparql_prefixes() + COUNT_QUERY)))["n"]  # type: ignore[index]
        if int(term_value(counted)) == len(statements) + len(reports):
            break
    return tracks


def overdue(track: Track, today: str) -> bool:
    """Its latest deadline's period has ended by `today`, an ISO date, and its status does not settle it."""
    day = date.fromisoformat(today)
    return bool(track.dues) and max(periods.period(d)[1] for d in track.dues) < day \
        and URIRef(track.status) not in SETTLED_STATUSES


__all__ = ["build_tracks", "update", "read", "overdue", "similar", "Track", "Report", "OVERDUE_QUERY"]
