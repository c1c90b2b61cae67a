"""Turns an Extraction into RDF: the article's graph and the shared actors' graph."""
from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from pledgegraph.loaders.records import Actor, Extraction, Span, Statement, StatusReport, precision
from pledgegraph.ontology.iris import Minter, article_key, slug
from pledgegraph.ontology.vocab import (DBR, DCTERMS, GEONAMES, NIF, OWL, PG, PREFIXES, PROV, RDF, RDFS, SDO, SKOS,
                                        TIME, WD)

_DEADLINE_PROPERTY = {"year": (TIME.inXSDgYear, XSD.gYear), "month": (TIME.inXSDgYearMonth, XSD.gYearMonth),
                      "day": (TIME.inXSDDate, XSD.date)}

_WEB_IRI = re.compile(r"https://[^\s<>\"{}|\\^`]+")  # what Turtle and N-Triples can write as an IRI
_DAY_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def _graph() -> Graph:
    """An empty graph; prefixes are bound only when one is serialised for people (see `bind_prefixes`)."""
    return Graph(store="SimpleMemory", bind_namespaces="none")  # no context index: twice as fast to fill


def bind_prefixes(g: Graph) -> Graph:
    """Bind the ontology's prefix table, for Turtle meant to be read."""
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g


class RdfWriter:
    """Writes the RDF of one article's extraction under a Minter."""

    def __init__(self, minter: Minter, extraction: Extraction) -> None:
        self.m = minter
        self.x = extraction
        a = extraction.article
        self.key = article_key(a.url, a.text)
        self.article = minter.article(self.key)
        self.graph = _graph()  # the article's named graph
        self.actors = _graph()  # the shared actors' graph

    def actor_iri(self, actor_id: str) -> URIRef:
        actor = self.x.actors[actor_id]
        return self.m.local_actor(self.key, actor.label) if actor.local else self.m.actor(actor.id)

    def write(self) -> tuple[Graph, Graph]:
        self._article()
        for actor in self.x.actors.values():
            self._actor(actor)
        iris = [self.m.commitment(self.key, n) for n in range(len(self.x.statements))]
        for n, st in enumerate(self.x.statements):
            self._statement(n, st, iris)
        for n, report in enumerate(self.x.reports):
            self._report(n, report)
        return self.graph, self.actors

    def _article(self) -> None:
        g, a, art = self.graph, self.x.article, self.article
        g.add((art, RDF.type, PG.Article))
        g.add((art, RDF.type, SDO.NewsArticle))
        if a.title:
            g.add((art, SDO.headline, Literal(a.title)))
        if a.url:
            g.add((art, SDO.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.published:
            g.add((art, SDO.datePublished, Literal(a.published.isoformat(), datatype=XSD.date)))
        if a.publisher:
            g.add((art, SDO.publisher, Literal(a.publisher)))
        if a.language:
            g.add((art, SDO.inLanguage, Literal(a.language)))
        g.add((art, SDO.text, Literal(a.text)))
        ctx = self.m.context(self.key)
        g.add((ctx, RDF.type, NIF.Context))
        g.add((ctx, NIF.isString, Literal(a.text)))
        g.add((ctx, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
        g.add((ctx, NIF.endIndex, Literal(len(a.text), datatype=XSD.nonNegativeInteger)))
        g.add((ctx, PROV.wasDerivedFrom, art))

    def _actor(self, actor: Actor) -> None:
        iri = self.actor_iri(actor.id)
        # Local actors live in the article's graph; shared ones in the actors' graph, once.
        g = self.graph if actor.local else self.actors
        g.add((iri, RDF.type, getattr(PG, actor.kind)))
        g.add((iri, RDFS.label, Literal(actor.label)))
        for alias in sorted(actor.aliases - {actor.label}):
            g.add((iri, SKOS.altLabel, Literal(alias)))
        if actor.wikidata:
            g.add((iri, OWL.sameAs, WD[actor.wikidata]))
        if actor.dbpedia:
            g.add((iri, OWL.sameAs, DBR[actor.dbpedia]))
        if actor.geonames:
            g.add((iri, OWL.sameAs, GEONAMES[actor.geonames + "/"]))
        for source in (actor.source or "").split():  # the public tables the actor and its links come from
            if _WEB_IRI.fullmatch(source):
                g.add((iri, DCTERMS.source, URIRef(source)))
        if actor.office:  # schema.org's role pattern: the person is a member in a role, with its dates
            name, start, end = actor.office
            role = URIRef(f"{iri}#office-{slug(name)}-{start}")  # one node per office and term
            g.add((iri, SDO.jobTitle, Literal(name)))
            g.add((iri, SDO.memberOf, role))
            g.add((role, RDF.type, SDO.Role))
            g.add((role, SDO.roleName, Literal(name)))
            for prop, day in ((SDO.startDate, start), (SDO.endDate, end)):
                if day:  # a year, a month or a day, as the source gives it; no end while the office is held
                    g.add((role, prop, Literal(day, datatype=_DAY_TYPES.get(len(day), XSD.date))))
        if actor.count is not None:
            g.add((iri, PG.count, Literal(actor.count)))
        for member in actor.members:
            g.add((iri, PG.member, self.actor_iri(member)))
        self.graph.add((self.article, PG.mentions, iri))
        for span in actor.spans:
            self.graph.add((self._mention(span), SDO.about, iri))

    def _mention(self, span: Span) -> URIRef:
        iri = self.m.mention(self.key, span.begin, span.end)
        g = self.graph
        g.add((iri, RDF.type, PG.Mention))
        g.add((iri, RDF.type, NIF.String))
        g.add((iri, NIF.anchorOf, Literal(span.text)))
        g.add((iri, NIF.beginIndex, Literal(span.begin, datatype=XSD.nonNegativeInteger)))
        g.add((iri, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        g.add((iri, NIF.referenceContext, self.m.context(self.key)))
        return iri

    def _statement(self, n: int, st: Statement, iris: list[URIRef]) -> None:
        g, c = self.graph, iris[n]
        g.add((c, RDF.type, getattr(PG, st.kind)))
        g.add((c, PG.action, Literal(st.action)))
        for prop, actor_id in ((PG.actor, st.actor), (PG.issuer, st.issuer), (PG.addressee, st.addressee)):
            if actor_id:
                g.add((c, prop, self.actor_iri(actor_id)))
        if st.issuer:
            g.add((c, PROV.wasAttributedTo, self.actor_iri(st.issuer)))
        if st.negated:
            g.add((c, PG.negated, Literal(True)))
        if st.amount:
            g.add((c, PG.amount, Literal(st.amount)))
        if st.deadline:
            for reading, value in enumerate((st.deadline.value, *st.deadline.alternatives)):
                d = self.m.deadline(self.key, n, reading)
                prop, datatype = _DEADLINE_PROPERTY[precision(value)]
                g.add((c, PG.deadline, d))
                g.add((d, RDF.type, PG.Deadline))
                g.add((d, prop, Literal(value, datatype=datatype)))
                g.add((d, PG.asWritten, Literal(st.deadline.words)))
        if st.condition:
            cond = self.m.condition(self.key, n)
            g.add((c, PG.condition, cond))
            g.add((cond, RDF.type, PG.Condition))
            g.add((cond, PG.asWritten, Literal(st.condition)))
            if st.depends_on is not None:
                g.add((cond, PG.dependsOn, iris[st.depends_on]))
        g.add((c, PG.certainty, getattr(PG, st.certainty)))
        g.add((c, PG.evidence, self._mention(st.evidence)))
        g.add((c, PROV.wasDerivedFrom, self.article))
        for role, actor_ids in (("reporter", [st.reporter] if st.reporter else []), ("source", st.sources)):
            for i, actor_id in enumerate(actor_ids):
                q = self.m.attribution(self.key, n, f"{role}{i}")
                g.add((c, PROV.qualifiedAttribution, q))
                g.add((q, RDF.type, PROV.Attribution))
                g.add((q, PROV.agent, self.actor_iri(actor_id)))
                g.add((q, PROV.hadRole, getattr(PG, role)))
        g.add((c, PG.rule, Literal(st.rule)))
        g.add((c, PG.confidence, Literal(round(st.confidence, 3), datatype=XSD.decimal)))
        if st.gist:
            g.add((c, PG.gist, Literal(" ".join(st.gist))))

    def _report(self, n: int, report: StatusReport) -> None:
        g, r = self.graph, self.m.report(self.key, n)
        g.add((r, RDF.type, PG.StatusReport))
        g.add((r, PG.status, getattr(PG, report.status)))
        g.add((r, PG.action, Literal(report.action)))
        if report.gist:
            g.add((r, PG.gist, Literal(" ".join(report.gist))))
        if report.actor:
            g.add((r, PG.actor, self.actor_iri(report.actor)))
        if report.deadline:
            d = self.m.report_deadline(self.key, n)
            prop, datatype = _DEADLINE_PROPERTY[precision(report.deadline.value)]
            g.add((r, PG.deadline, d))
            g.add((d, RDF.type, PG.Deadline))
            g.add((d, prop, Literal(report.deadline.value, datatype=datatype)))
            g.add((d, PG.asWritten, Literal(report.deadline.words)))
        g.add((r, PG.evidence, self._mention(report.evidence)))
        g.add((r, PROV.wasDerivedFrom, self.article))
        g.add((r, PG.rule, Literal(report.rule)))


def to_rdf(minter: Minter, extraction: Extraction) -> tuple[URIRef, Graph, Graph]:
    """The article's graph IRI, its graph, and the triples about shared actors."""
    writer = RdfWriter(minter, extraction)
    graph, actors = writer.write()
    return minter.article_graph(writer.key), graph, actors


__all__ = ["to_rdf", "RdfWriter"]
