"""Agency: who is to act and who speaks, read from a candidate's construction: its subject and speaker, a
passive's agent, the owner of a plan or measure, the parties of a truce, a person's state or company."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.attribution import Frame
from pledgegraph.loaders.grammar import first_conjunct, inherited_subject, is_definite, is_passive, partitive, subject_of
from pledgegraph.loaders.kinds import PUBLIC_KINDS
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.candidate import Candidate


_TOPIC_KINDS = {"Organization", "State", "Region", "IntergovernmentalOrganization", "GovernmentBody"}
FUTURE_RULES = ("modal", "time")
_FIRST_PERSON = {"we", "i", "us", "our"}
_OWNED = ("instrument_nouns", "pledge_nouns", "activities")


@dataclass
class Reading:
    """What the rules settle about one candidate, stage by stage."""

    kind: str
    actor: str | None
    issuer: str | None
    speaker: str | None
    subject: Token | None  # None once the subject turns out not to be who acts (a passive)
    subject_actor: str | None = None
    patient: str | None = None  # who the subject names, open-world included: the one a sanction hits


def reading(cand: Candidate, frame: Frame | None, actors: ActorIndex, previous: str | None) -> Reading | None:
    """The candidate's subject and speaker; None when its subject is an economic indicator."""
    speaker = frame.speaker if frame else None
    subject = partitive(subject_of(cand.trigger))
    if subject is None and cand.rule == "time:forward":
        subject = inherited_subject(cand.trigger)
    if subject is None and cand.trigger.dep_ == "acl" and cand.trigger.head.dep_ in ("dobj", "obj"):
        subject = subject_of(cand.trigger.head.head)  # "doctors issued a notice threatening to strike"
    if speaker is None and subject is not None and subject.lower_ in _FIRST_PERSON:
        speaker = previous  # "“By 2030 we will ...”" in a quote whose speaker the paragraph named before
    clauses = [cand.action, *(c for c in cand.trigger.children if c.dep_ in ("ccomp", "acl"))]
    subjects = [subject, *(subject_of(c) for c in clauses)]
    if any(t is not None and t.lemma_.lower() in lexicon("indicators") for t in subjects):
        return None
    r = Reading(cand.kind, cand.actor, cand.issuer, speaker, subject)
    if subject is not None:
        r.subject_actor = actors.resolve_group(subject, speaker)
        r.patient = r.subject_actor or actors.open_world(subject, agents_only=True)
    return r


def who_acts(cand: Candidate, r: Reading, actors: ActorIndex, recent: str | None = None) -> None:
    """Who is to act and who says so, by the construction that found the candidate; `recent` is who acts in the
    statement just before (in this sentence or the one before), if any."""
    speaker, subject = r.speaker, r.subject
    if r.kind == "Demand" and cand.rule.startswith("demand") and is_passive(cand.trigger):
        r.issuer = _passive_agent(cand.trigger, actors) or speaker  # "X was given five months to ...": X is asked
    elif cand.rule == "demand:have":
        r.issuer = r.issuer or speaker  # "X has a week to respond": X is asked, by whoever set the time
    elif r.kind == "Demand" and cand.rule.startswith("demand"):
        r.issuer = r.subject_actor or speaker or (actors.open_world(subject, agents_only=False)
                                                  if subject is not None else None)
    elif r.kind == "Demand":  # "must", an ultimatum noun
        passive = is_passive(cand.action)
        r.actor = r.actor or (_passive_agent(cand.action, actors) if passive else r.subject_actor)
        r.issuer = r.issuer or speaker
        members = actors.by_id[r.actor].members if r.actor in actors.by_id else []
        if cand.rule == "modal:must" and members \
                and (r.issuer is None or actors.same_side(r.issuer, r.actor) or r.issuer in members):
            r.kind, r.issuer = "Pledge", r.actor  # "both sides must avoid ...": what a deal's parties take on
    elif cand.trigger.pos_ == "NOUN":  # (a subject of its own: "Shell and BP plan to ..." with "plan" a noun)
        r.actor = r.actor or _noun_owner(cand.trigger, actors, speaker) or r.subject_actor
    elif cand.trigger.dep_ == "relcl" and subject is not None and subject.lower_ in ("that", "which", "who"):
        # "the summit opening Monday that seeks to adopt ...": the relative pronoun is the noun
        noun = cand.trigger.head  # "agreed to a truce that will begin on Friday": whoever agreed to it owns it
        taken = noun.dep_ in ("dobj", "obj") or (noun.dep_ == "pobj" and noun.head.lower_ == "to")
        r.actor = r.actor or actors.resolve(noun, speaker) or actors.owner(noun) \
            or (_noun_owner(noun, actors, speaker) if taken else None) or _open_world_actor(cand, noun, speaker, actors)
    elif is_passive(cand.action) and cand.rule.startswith(FUTURE_RULES):
        # "X will be sanctioned": X undergoes the action; the agent, the parties of "a truce between X and Y" or
        # the speaker's side acts
        r.actor = r.actor or _passive_agent(cand.action, actors) \
            or (_between(subject, actors) if subject is not None else None) \
            or (actors.speaks_for(speaker) if speaker else None)
        if r.actor is None and subject is not None and subject.lemma_.lower() in lexicon("facility_nouns"):
            r.actor = _open_world_actor(cand, subject, speaker, actors)  # "the Purple Line will be completed"
        agent = _agent_noun(cand.action)
        if r.actor is None and (agent is not None or subject is not None):
            # "will not be paid for by the scheme", "the truce will be implemented": the measure's owner
            r.actor = named_before_by(agent, actors) if agent is not None else named_before_by(subject, actors)
        if r.actor is None and subject is not None and subject.pos_ == "NOUN":
            # "foreign buyers will also be excluded": who acted in the sentence before, else whoever the news
            # is about ("the levy would be introduced from 2031")
            r.actor = recent or actors.most_mentioned_before(cand.action.i, _TOPIC_KINDS)
        r.subject = None
    elif cand.rule == "effect":
        # "the new law takes effect on ...": a measure of whoever made it, else the state the article is about
        r.actor = r.subject_actor or (actors.owner(subject) or _between(subject, actors)
                                      or named_before_by(subject, actors) if subject is not None else None) \
            or _institution_of(speaker, actors, upwards=True) \
            or actors.most_mentioned_before(cand.trigger.i, PUBLIC_KINDS) or actors.main_state()
    elif cand.rule.startswith("expectation") and r.subject_actor is None and subject is not None \
            and subject.pos_ == "NOUN" and subject.lemma_.lower() in lexicon("activities"):
        # "Output at the mine is expected to begin in 2027": the article's topic actor
        r.actor = actors.owner(subject) or actors.most_mentioned_before(subject.i, _TOPIC_KINDS)
    elif cand.rule.startswith("control") and is_passive(cand.trigger):
        # "the details were planned to be agreed within 10 days": whoever planned it, not the details
        r.actor = r.actor or _passive_agent(cand.trigger, actors) or (actors.side_of(speaker) if speaker else None)
        r.subject = None
    elif cand.rule.startswith("forecast:") and r.subject_actor is not None and _expects_of_a_thing(cand):
        # "“I expect net purchases to end in July,” the bank's president wrote": the bank's purchases
        r.actor = r.actor or actors.side_of(r.subject_actor)
    else:
        r.actor = r.actor or r.subject_actor
    if r.actor is None and r.subject is not None and not (r.kind == "Demand" and cand.rule.startswith("demand")):
        r.actor = _open_world_actor(cand, r.subject, speaker, actors)
    if r.actor is not None and r.kind in ("Pledge", "Forecast"):
        r.actor = _with_the_other_party(cand.action, r.actor, actors)


def _with_the_other_party(action: Token, actor: str, actors: ActorIndex) -> str:
    """"Ethiopia expects to reach an agreement with its creditors": a deal two parties make is both's."""
    deal = next((c for c in action.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _DEALS), None)
    # "an agreement with the IMF", "an agreement on the review of its loan with the IMF"
    other = next((o for p in (action.subtree if deal is not None else ()) if p.dep_ == "prep" and p.lower_ == "with"
                  for o in p.children if o.dep_ == "pobj"), None)
    party = (actors.resolve_group(other) or actors.open_world(other, agents_only=True)) if other is not None else None
    if party is None or actors.same_side(party, actor):
        return actor
    return actors.group([actor, party])


_DEALS = {"agreement", "deal", "accord", "pact", "treaty", "settlement", "compromise"}


def state_measure(actor: str, kind: str, action: Token, actors: ActorIndex) -> str:
    """A person's measure for their state is the state's: "Trump threatened tariffs" -> the United States;
    what a national government does, its state does ("the Italian government will fund" -> Japan)."""
    if actors.is_government(actor):
        return actors.speaks_for(actor) or actor
    members = actors.by_id[actor].members
    if members:  # "von der Leyen and Trump agreed to ...": the EU and the United States
        sides = list(dict.fromkeys(state_measure(m, kind, action, actors) for m in members))
        # "he and his department will ...": a body that answers to another member's side is that side
        kept = [s for s in sides if actors.speaks_for(s) == s or actors.speaks_for(s) not in sides]
        if len(kept) == 1 < len(sides):
            return kept[0]
        return actors.group(sides) if sides != members and len(sides) > 1 else actor
    if actors.by_id[actor].kind not in ("Person", "AnonymousSource") or actor not in actors.affiliation:
        return actor  # ("U.S. officials" threaten for the United States)
    state = actors.speaks_for(actor)
    if state is None or state == actor:
        return actor
    objects = [c for c in action.children if c.dep_ in ("dobj", "obj", "prt")]
    objects += [o for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    words = {action.lemma_.lower()} | {c.lemma_.lower() for c in objects}  # "unveil the pullout of peacekeepers"
    personal = action.lemma_.lower() in lexicon("reporting_verbs") | lexicon("routine_events") | {"be", "announce"}
    if kind == "Threat" or words & lexicon("state_measures") or (kind in ("Pledge", "Demand") and not personal):
        return state  # a head of state, minister or chief executive pledges for their state or company
    return actor


def _noun_owner(noun: Token, actors: ActorIndex, speaker: str | None) -> str | None:
    """Whose plan: "Canada's plans", "the government's plans", or the subject of "Canada unveiled plans"."""
    noun = first_conjunct(noun)
    owner = _owner(noun, actors)
    if owner is None and noun.dep_ in ("dobj", "obj", "pobj"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        subj = subject_of(verb)
        owner = (actors.resolve_group(subj, speaker) or actors.open_world(subj, agents_only=True)) \
            if subj is not None else None  # "rivals have made commitments to ...": open-world owners too
    unknown_name = any(c.dep_ in ("compound", "nmod", "poss") and c.pos_ == "PROPN" for c in noun.children)
    if owner is None and not unknown_name and (_is_definite_noun(noun) or any(c.dep_ == "compound"
                                                                              for c in noun.children)):
        owner = actors.speaks_for(speaker) if speaker else actors.most_mentioned_before(noun.i, _TOPIC_KINDS)
    return owner


def _owner(noun: Token, actors: ActorIndex) -> str | None:
    """Whose measure a noun names: "Canada's plan" -> Canada; "the federal cap" in news of a province -> its country."""
    if any(c.lower_ in ("federal", "national", "central") for c in noun.children):
        return actors.national_state() or actors.owner(noun)
    return actors.owner(noun)


def _is_definite_noun(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "its", "their") for c in noun.children)


def _expects_of_a_thing(cand: Candidate) -> bool:
    """"expects net purchases to end": the expected event has a subject of its own, and it is no actor."""
    target = next((c for c in cand.trigger.children if c.dep_ in ("dobj", "obj")), None) \
        or next((c for c in cand.action.children if c.dep_ == "nsubj"), None)
    return target is not None and cand.actor is None and cand.action is not cand.trigger


def _institution_of(speaker: str | None, actors: ActorIndex, upwards: bool = False) -> str | None:
    """The institution a speaker speaks for (one step up, or all the way with `upwards`); none for an outlet or a
    person of no known side, who tells of "the rules" of the one the news is about, not of their own."""
    if speaker is None or actors.by_id[speaker].kind == "MediaOrganization":
        return None
    side = actors.speaks_for(speaker) if upwards else actors.side_of(speaker)
    return side if side is not None and actors.by_id[side].kind not in ("Person", "AnonymousSource") else None


def _between(noun: Token, actors: ActorIndex) -> str | None:
    """The parties of "a truce between X and Y", as one group."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            return actors.resolve_group(obj) if obj is not None else None
    return None


def _open_world_actor(cand: Candidate, subject: Token, speaker: str | None, actors: ActorIndex) -> str | None:
    """Who acts when the subject names no known actor: a measure's owner ("the budget sets aside ..."), else
    the subject itself as an actor of its own; a verb of intention or asking needs no agent noun for that."""
    if any(subject.lemma_.lower() in lexicon(name) for name in (*_OWNED, "facility_nouns")):  # "the Purple Line"
        parties = _between(subject, actors)  # "a ceasefire between Thailand and Cambodia will remain valid"
        if parties is not None:
            return parties
        side = _institution_of(speaker, actors)
        works = {"Organization"} if subject.lemma_.lower() in lexicon("facility_nouns") else set()
        return _owner(subject, actors) or side or named_before_by(subject, actors) \
            or (actors.most_mentioned_before(subject.i, works) if works else None) \
            or actors.most_mentioned_before(subject.i, _TOPIC_KINDS)
    owner = actors.owner(subject) if subject.pos_ == "NOUN" else None
    if owner is not None:
        return owner  # "its emissions will become negative by 2032": what is its owner's to do
    return actors.open_world(subject, agents_only=not cand.rule.startswith(("control", "forecast")))


def named_before_by(noun: Token, actors: ActorIndex) -> str | None:
    """Whose measure "the ceasefire" or "the program" is, told by where it was first named: "the two sides
    signed an agreement for a ceasefire", "the parties agreed to launch a program"."""
    if not is_definite(noun) or noun.lemma_.lower() not in lexicon("pledge_nouns") | lexicon("instrument_nouns"):
        return None
    first = next((t for t in noun.doc[:noun.i] if t.pos_ == "NOUN" and t.lemma_ == noun.lemma_), None)
    while first is not None and first.dep_ == "pobj" and first.head.head.pos_ == "NOUN":
        first = first.head.head  # "an agreement for a six-month ceasefire": the agreement's owner
    if first is None or first.dep_ not in ("dobj", "obj", "pobj", "nsubj", "nsubjpass"):
        return None
    owner = actors.owner(first)
    if owner is None and first.dep_ in ("dobj", "obj", "pobj"):
        subject = subject_of(first.head if first.dep_ != "pobj" else first.head.head)
        owner = actors.resolve_group(subject) if subject is not None and subject.pos_ != "PRON" else None
    return owner  # (not a pronoun's guess: "it will be split into two phases ... the first phase")


def _agent_noun(verb: Token) -> Token | None:
    """The noun of a passive's "by" phrase ("paid for by the scheme")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _passive_agent(tok: Token, actors: ActorIndex) -> str | None:
    """Who does what a passive verb says: "released by the minister and the commissioner" (one group)."""
    for child in tok.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "with"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return actors.resolve_group(obj)
    return None
