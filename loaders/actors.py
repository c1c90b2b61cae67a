"""Actors: finds who an article names and resolves each name to one actor (gazetteer first)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from pledgegraph.loaders.gazetteer import Entry, gazetteer
from pledgegraph.loaders.records import Actor, Article, Span
from pledgegraph.ontology.iris import slug

_NER_KIND = {"PERSON": "Person", "ORG": "Organization", "GPE": "State", "NORP": "ActorGroup"}


@dataclass
class ActorIndex:
    """The actors of one article, and which token starts which actor's mention."""

    by_id: dict[str, Actor] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id

    def add(self, actor: Actor, span: SpacySpan) -> Actor:
        known = self.by_id.setdefault(actor.id, actor)
        known.aliases.add(span.text)
        known.spans.append(Span(span.start_char, span.end_char, span.text))
        for tok in span:
            self.by_token[tok.i] = known.id
        return known


def from_entry(e: Entry) -> Actor:
    return Actor(id=e.id, label=e.label, kind=e.kind, wikidata=e.wikidata, dbpedia=e.dbpedia, geonames=e.geonames)


def resolve(doc: Doc, article: Article) -> ActorIndex:
    """Every named actor in the parsed article."""
    index = ActorIndex()
    gaz = gazetteer()
    for ent in doc.ents:
        if ent.label_ not in _NER_KIND:
            continue
        entry = gaz.lookup(ent.text) or (gaz.capital(ent.text) if ent.label_ == "GPE" else None)
        if entry:
            index.add(from_entry(entry), ent)
        else:
            label = ent.text.removeprefix("the ").strip()
            index.add(Actor(id=slug(label), label=label, kind=_NER_KIND[ent.label_]), ent)
    return index
