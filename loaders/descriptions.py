"""Descriptions: actors an article names only by a description, as local actors of their own ("Germany's
finance minister", "U.S. officials", "five unnamed interlocutors", "the industry", "the nurses' union")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from pledgegraph.loaders.gazetteer import gazetteer
from pledgegraph.loaders.grammar import count_of
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.records import Actor
from pledgegraph.ontology.iris import slug

if TYPE_CHECKING:
    from pledgegraph.loaders.actors import ActorIndex

PRONOUNS = {"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
            "them", "their", "this", "that", "these", "those", "who", "which", "what", "there", "one", "some",
            "many", "all", "both", "each", "others", "anyone", "everyone", "nobody", "none"}
NOT_AGENTS = ("instrument_nouns", "pledge_nouns", "activities", "indicators", "forecast_nouns")
_PLURAL = ("NNS", "NNPS")  # ("Teachers" opening a sentence may be tagged a plural proper noun)
GOVERNMENT_TITLES = {"minister", "pm", "chancellor", "premier", "secretary", "ambassador", "envoy", "commissioner"}


def described_person(index: ActorIndex, head: Token) -> str | None:
    """"Germany's finance minister", "a NATO spokesperson", "five unnamed interlocutors", "U.S. officials"."""
    for child in head.children:
        if child.dep_ == "appos" and child.i in index.by_token:
            person = index.by_token[child.i]
            org = index.owner(head) or index.of_owner(head)
            if org and person not in index.affiliation and org != person:
                index.affiliation[person] = org  # "the head of the rebel group, Ana Petrova"
            return person
    # "Finance Minister Erik Lund": the name is the head, the title its compound; handled by NER.
    org = index.owner(head) or index.of_owner(head)
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    left = [t for t in head.lefts if t.dep_ not in ("det", "predet", "nummod", "punct")
            and t.lower_ not in ("some", "several", "many", "other", "unnamed", "anonymous")]
    start = min([t.left_edge.i for t in left] + [head.i])
    end = (of.right_edge.i if of is not None else head.i) + 1
    label = index.doc[start:end].text
    label = re.sub(r"^(a|an|the|one|two|three|four|five|six|seven|eight|nine|ten)\s+", "", label, flags=re.I)
    public = {"federal", "government", "national", "state", "administration"}
    if org is None and (head.lemma_.lower() in GOVERNMENT_TITLES or any(t.lower_ in public for t in left)):
        # "the trade minister", "federal officials" of one state's news, or of a territory's ("Bermuda")
        org = index.main_state(dominant=True) or (index.main_region() if index.main_state() is None else None)
    if org and (head.tag_ == "NNS" or head.lemma_.lower() in lexicon("source_nouns")):
        label = _anonymous_label(index, head, org)
    count = count_of(head)
    kind = "AnonymousSource" if head.lemma_.lower() in lexicon("source_nouns") else "Person"
    actor = Actor(id=slug(label), label=label, kind=kind, local=True, count=count)
    known = index.add(actor, index.doc[start:end])
    if org and known.id != org:
        index.affiliation[known.id] = org
    return known.id

def describe(index: ActorIndex, head: Token, owner: str | None = None) -> str | None:
    """A local actor for a common noun phrase that is asked or expected to act ("the industry"); none for
    a measure, a plan or an indicator, which acts for somebody else or not at all. With an `owner` its name
    replaces the possessor: "the country's top firms" -> "India's top firms"; a place the group is in stays in
    the label ("nurses in Kerala")."""
    lemma = head.lemma_.lower()
    if any(lemma in lexicon(name) for name in NOT_AGENTS) or head.lower_ in PRONOUNS:
        return None
    # "the nurses' union" keeps its possessor; "their union" (or any, where the owner is named) does not
    dropped = {t.i for c in head.children if c.dep_ == "poss" and (c.pos_ == "PRON" or owner) for t in c.subtree}
    words = [t for t in head.subtree if t.i <= head.i and t.i not in dropped
             and t.dep_ not in ("det", "punct", "predet", "case")]
    start = min(t.i for t in words) if words else head.i
    label = index.doc[start:head.i + 1].text
    label = f"{index.by_id[owner].label}'s {label}" if owner else label
    place = _where(index, head)
    label = f"{label} in {place}" if place else label  # "nurses in Kerala": not every nurse
    actor = Actor(id=slug(label), label=label, kind="ActorGroup" if head.tag_ in _PLURAL else "Organization",
                  local=True)
    return index.add(actor, index.doc[start:head.i + 1]).id


def _where(index: ActorIndex, head: Token) -> str | None:
    """The place a group of people is said to be in ("farmers in Punjab"), as written, if it names one."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if place is None or head.tag_ not in _PLURAL or not (place.ent_type_ in ("GPE", "LOC") or (
            place.i in index.by_token and index.by_id[index.by_token[place.i]].kind in ("State", "Region"))):
        return None
    start = place.left_edge.i + (place.left_edge.dep_ == "det")  # "in the Punjab" -> "Punjab"
    return index.doc[start:place.right_edge.i + 1].text


def owned_people(index: ActorIndex, head: Token, org: str) -> str:
    """"The company's shareholders", "Acme's workers": a group of their own, named as officials are ("Acme
    workers"); they do not speak for the company."""
    label = _anonymous_label(index, head, org)
    start = min(t.i for t in head.subtree if t.i <= head.i)
    actor = Actor(id=slug(label), label=label, kind="ActorGroup", local=True, count=count_of(head))
    return index.add(actor, index.doc[start:head.i + 1]).id


def _anonymous_label(index: ActorIndex, head: Token, org: str) -> str:
    """"U.S. officials": the organisation's short name (an abbreviation if it has one) and the noun."""
    actor = index.by_id[org]
    short = next((a for a in sorted(actor.aliases, key=len) if 1 < len(a) <= 5 and a.replace(".", "").isupper()),
                 actor.label)
    noun = head.lemma_.lower() if head.tag_ != "NNS" else head.lower_
    return f"{short} {noun}"


def _state_named(index: ActorIndex, owner: str | None) -> str | None:
    """The state a body belongs to: its owner ("Nigeria's"), or with none the state the article is about."""
    if owner is not None:
        return owner if index.by_id[owner].kind == "State" else None
    return index.main_state()


def central_bank(index: ActorIndex, head: Token, owner: str | None) -> str | None:
    """"Nigeria's central bank", "the central bank" in news of one state: that state's bank where the table
    knows it, else a body of its own that answers to the state; None where no state is named."""
    state = _state_named(index, owner)
    if state is None:
        return None
    entry = gazetteer().central_bank(state)
    bank = index.ensure(entry, head) if entry is not None else describe(index, head, state)
    if bank is None:
        return None
    index.by_id[bank].kind = "GovernmentBody"
    index.affiliation.setdefault(bank, state)
    return bank


def generic_body(index: ActorIndex, head: Token, owner: str | None) -> str | None:
    """"Poland's defence ministry", "the finance ministry" in news of one state: the body the table knows by that
    generic name for the state (generic_names.csv); None where it knows none or no state is named."""
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod") and t.i not in index.by_token]
    state = _state_named(index, owner)
    if not words or state is None:
        return None
    name = " ".join(t.text.capitalize() for t in [*words, head])
    entry = gazetteer().generic(name, {state})
    if entry is None:
        return None
    body = index.ensure(entry, head)
    index.affiliation.setdefault(body, state)
    return body
