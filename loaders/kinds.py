"""Kinds: whether a statement is the speaker's own pledge, a forecast about someone else, a demand of an
interested party, or a threat (a sanction on another party)."""
from __future__ import annotations

from spacy.tokens import Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.conditions import unmet
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.grammar import is_passive
from pledgegraph.loaders.candidate import Candidate

PUBLIC_KINDS = {"State", "Region", "GovernmentBody", "IntergovernmentalOrganization"}


def modal_kind(cand: Candidate, actor: str | None, speaker: str | None, subject: Token | None,
               actors: ActorIndex) -> tuple[str, str | None]:
    """Whether a modal statement is the speaker's own pledge or a forecast about someone else."""
    if actor is None and speaker is not None and subject is not None and subject.pos_ == "NOUN" \
            and (is_passive(cand.action) or (cand.condition is not None and unmet(cand.condition))):
        # "the first tanks could be shipped": the speaker's side is to act
        return "Pledge", actors.speaks_for(speaker)
    if actor is None:
        return cand.kind, None
    if speaker is None:  # "would" without a speaker or a condition tells a plan in the past tense
        plan = cand.rule == "modal:will" or (cand.rule == "time:forward" and cand.kind == "Pledge") \
            or (cand.rule == "modal:would" and cand.condition is None)
        hedged = any(c.lower_ in lexicon("hedges_probable") | lexicon("hedges_possible") for c in cand.action.children
                     if c.dep_ == "advmod")  # "the bank will probably hold rates": a prediction
        return ("Pledge" if plan and not hedged else "Forecast"), actor
    if actors.same_side(actor, speaker):
        return "Pledge", actor
    if cand.rule in ("modal:will", "modal:would", "time:forward") and _relays(speaker, actors) \
            and actors.by_id[actor].kind != "Person":
        return "Pledge", actor  # "X will ..., the trade minister said": a person of unknown side reports X's plan
    return "Forecast", actor


def _relays(speaker: str, actors: ActorIndex) -> bool:
    """An outlet, or a person of unknown side who is no analyst: what they say an institution will do is its plan."""
    who = actors.by_id[speaker]
    if who.kind == "MediaOrganization":
        return True  # "according to a CNN report, the rules would ...": an outlet reports, it does not predict
    if speaker in actors.affiliation or who.kind not in ("Person", "AnonymousSource"):
        return False
    return not _forecaster(who.label)


def interested(party: str, other: str, actors: ActorIndex) -> bool:
    """A state, organisation or official who expects another party to act asks it to; a forecaster predicts."""
    who = actors.by_id[party]
    if actors.same_side(party, other) or _forecaster(who.label):
        return False
    return who.kind in PUBLIC_KINDS | {"ActorGroup"} or party in actors.affiliation


def _forecaster(label: str) -> bool:
    """"analysts", "Goldman economists": people whose business is predicting."""
    return any(w in lexicon("forecaster_nouns") for w in label.lower().split())


def rate_move(action: Token, actor: str | None, actors: ActorIndex) -> bool:
    """"The central bank could cut rates", "the Fed will hold rates": monetary policy is forecast, not pledged."""
    if actor is None or actor not in actors.by_id:
        return False
    label = actors.by_id[actor].label.lower()
    banks = any(w in label for w in lexicon("central_bank_words"))
    rates = any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("rate", "rates") for c in action.children)
    return banks and rates


def faces_sanction(action: Token) -> bool:
    """"will face fines", "could face a nationwide ban": a sanction someone would impose."""
    return action.lemma_.lower() == "face" and any(  # "a fresh wave of attacks": the sanction is in the phrase
        t.lemma_.lower() in lexicon("sanction_words") for c in action.children if c.dep_ in ("dobj", "obj")
        for t in c.subtree)


def sanction(action: Token) -> bool:
    """Whether the action holds out a sanction: tariffs, strikes, attacks, bans."""
    return any(t.lemma_.lower() in lexicon("sanction_words") for t in action.subtree)
