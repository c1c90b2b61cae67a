"""Asking and holding out: the constructions by which one party asks another to act ("wants Europe to take over",
"gave Hamas three days to", "demanding that states cut") or holds out a sanction ("threatened tariffs", "warned that
attacks will lead to retaliation", "an ultimatum to withdraw")."""
from __future__ import annotations

from spacy.tokens import Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.candidate import FUTURE, Candidate, condition_clause, declined, sentence_condition
from pledgegraph.loaders.descriptions import describe
from pledgegraph.loaders.grammar import aux_words, infinitive, is_negated, is_passive, subject_of
from pledgegraph.loaders.lexicons import lexicon


def demand(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"X wants Y to ...", "X urged Y to ...", "X called on Y to ...", "X gave Y until D to ..."."""
    if declined(verb):
        return []
    action = infinitive(verb) or _noun_infinitive(verb) or _mandative(verb)
    objects = [c for c in verb.children if c.dep_ in ("nsubjpass", "dative", "iobj", "dobj", "obj")
               and c.pos_ in ("PROPN", "NOUN", "PRON") and not _is_period(c)]
    if not objects and verb.dep_ == "conj" and is_passive(verb):  # "was ordered to ... and given a month to ..."
        objects = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    # "Facebook has been given five months to ...": the passive subject is the one asked
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon") and verb.lemma_.lower() == "call":
            objects += [c for c in child.children if c.dep_ == "pobj"]
    # "gave Hamas three days to ...": the object that names an actor is the one asked
    target = next((o for o in objects if actors.resolve(o) is not None),
                  next((o for o in objects if o.pos_ == "PROPN"), objects[0] if objects else None))  # a name first
    if action is not None and target is None:
        target = next((c for c in action.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if action is not None and target is None and verb.lemma_.lower() in ("want", "seek"):
        # "We want to finish the bridge": wanting to act oneself is a pledge
        return [Candidate("Pledge", f"control:{verb.lemma_.lower()}", verb, action, negated=is_negated(verb),
                          condition=condition_clause(action), confidence=0.6)]
    if action is None or target is None:
        return []
    if _beneficiaries(target, action):
        # "Prabowo wants 85 million people to have access to the programme": the wanter's own plan for them
        return [Candidate("Pledge", f"control:{verb.lemma_.lower()}", verb, action, negated=is_negated(verb),
                          condition=condition_clause(action), confidence=0.6)]
    imposer = subject_of(verb)
    if imposer is not None and imposer.pos_ == "NOUN" and imposer.lemma_.lower() in lexicon("instrument_nouns"):
        # "the cap would require oil companies to cut emissions": a law's obligation is its maker's pledge
        return [Candidate("Pledge", f"obligation:{verb.lemma_.lower()}", verb, action, negated=is_negated(verb),
                          condition=condition_clause(action), confidence=0.6)]
    actor = actors.resolve_group(target)
    if actor is None and target.pos_ == "NOUN" and target.dep_ in ("dobj", "obj", "dative", "iobj", "pobj"):
        actor = describe(actors, target)  # "challenged the industry to ...": an addressee the gazetteer can't name
    elif actor is None and target.pos_ == "PROPN":
        actor = actors.open_world(target, agents_only=False)  # a name the recogniser missed
    elif actor is None and target.dep_ == "nsubjpass" and target.head == action:
        actor = actors.main_state()  # "insisted the referendum be held in September": whoever governs
    cands = [Candidate("Demand", f"demand:{verb.lemma_.lower()}", verb, action,
                       actor=actor, negated=is_negated(action), confidence=0.75)]
    # "given four months to repay the fares, and seven months to close the lounges": one demand a period
    for conj in verb.children:
        more = infinitive(conj) if conj.dep_ == "conj" and conj.pos_ == "NOUN" and _is_period(conj) else None
        if more is not None:
            cands.append(Candidate("Demand", f"demand:{verb.lemma_.lower()}", verb, more, actor=actor,
                                   negated=is_negated(more), confidence=0.75))
    # An ultimatum: "... to reach a deal or face sanctions" is a Demand plus a conditional Threat.
    for conj in action.children:
        if conj.dep_ == "conj" and any(c.lower_ == "or" for c in action.children if c.dep_ == "cc"):
            cands.append(Candidate("Threat", "ultimatum:or", verb, conj, condition=action, confidence=0.6))
    return cands


def _beneficiaries(target: Token, action: Token) -> bool:
    """"85 million people to have access", "every household to get a meter": people counted, who are to receive."""
    counted = any(c.dep_ == "nummod" or c.lower_ in ("every", "each", "all") for c in target.children)
    return target.pos_ == "NOUN" and counted and action.lemma_.lower() in lexicon("beneficiary_verbs")


def _is_period(noun: Token) -> bool:
    """"three months", "a maximum of three months": the time given, not the one it is given to."""
    return noun.ent_type_ in ("DATE", "TIME", "CARDINAL") or any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.ent_type_ in ("DATE", "TIME") for o in p.children)
        for p in noun.children) or any(c.dep_ == "compound" and c.ent_type_ in ("DATE", "TIME")
                                       for c in noun.children)  # "a 90-day period"


def _mandative(verb: Token) -> Token | None:
    """"demanding that member states cut their quotas": the that-clause of a demand, whose subject is asked."""
    if verb.lemma_.lower() in ("tell", "warn", "say"):
        return None  # "told them that ...", "warned that ...": reports and forecasts, not demands
    for child in verb.children:
        base = child.tag_ in ("VB", "VBP") or child.lower_ == child.lemma_.lower() \
            or any(c.dep_ == "auxpass" and c.lower_ == "be" for c in child.children)  # "that they cut", "be paid"
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX") and base \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            return child
    return None


def _noun_infinitive(verb: Token) -> Token | None:
    """"gave the government a nine-month deadline to act", "gave Musk 24 hours to name": the object's infinitive."""
    for obj in verb.children:
        if obj.dep_ in ("dobj", "obj") and obj.pos_ == "NOUN":
            found = infinitive(obj)
            if found is not None:
                return found
    return None


def threat(verb: Token) -> list[Candidate]:
    """"X threatened to ...", "X threatened tariffs if ..."."""
    action = infinitive(verb) or next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if action is None or not verb.lower_.startswith("threaten"):
        return []
    condition = condition_clause(verb) or condition_clause(action) or sentence_condition(verb)
    return [Candidate("Threat", "threat:threaten", verb, action, condition=condition, confidence=0.75)]


def sanction_readied(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"The EU is preparing countermeasures against the United States": a sanction readied against another party."""
    sanction = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in
                     lexicon("sanction_words")), None)
    if sanction is None or infinitive(verb) is not None:
        return []
    against = [o for p in (*verb.children, *sanction.children) if p.dep_ == "prep" and p.lower_ == "against"
               for o in p.children if o.dep_ == "pobj"]
    target = actors.resolve(against[0]) if against else None
    return [Candidate("Threat", f"threat:{verb.lemma_.lower()}", verb, verb, addressee=target,
                      condition=condition_clause(verb), confidence=0.6)] if target else []


def warned_sanction(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"Officials warned the rebels that any attack will lead to retaliation": a sanction held out to the one warned,
    by the warner's side."""
    warned = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    clauses = [*verb.children, *(warned.children if warned is not None else ())]
    # the clause that says it; the parser may hang it on the one warned ("warned the rebels that attacks will ...")
    content = next((c for c in clauses if c.dep_ in ("ccomp", "relcl") and aux_words(c) & FUTURE
                    and any(s.dep_ == "nsubj" and s.lower_ not in ("that", "who", "which") for s in c.children)), None)
    if verb.lemma_.lower() != "warn" or warned is None or content is None \
            or not any(t.lemma_.lower() in lexicon("sanction_words") for t in content.subtree):
        return []
    target = actors.resolve(warned) or actors.open_world(warned, agents_only=True)
    warner = subject_of(verb)
    issuer = (actors.resolve(warner) or actors.open_world(warner, agents_only=True)) if warner is not None else None
    return [Candidate("Threat", "threat:warn", verb, content, issuer=issuer, addressee=target,
                      condition=condition_clause(content), confidence=0.6)] if target else []


def ultimatum(noun: Token, actors: ActorIndex) -> list[Candidate]:
    """"X's ultimatum to withdraw its troops": a Demand on its addressee and a Threat of its issuer."""
    action = infinitive(noun)
    if action is None or noun.lemma_.lower() != "ultimatum":
        return []
    issuer = actors.owner(noun)
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None) if noun.dep_ in ("dobj", "obj") \
        else None
    if issuer is None and subject is not None:
        issuer = actors.resolve(subject)  # "ECOWAS announced a one-week ultimatum to ..."
    cands = [Candidate("Demand", "noun:ultimatum", noun, action, issuer=issuer, confidence=0.6)]
    cands.append(Candidate("Threat", "noun:ultimatum", noun, noun, actor=actors.speaks_for(issuer), issuer=issuer,
                           condition=action, confidence=0.5))
    return cands


def time_given(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"The Treasury has less than a week to respond", "the government has until Thursday to": a time limit set on the
    subject, a Demand (of whoever set it: "an ultimatum by the unions")."""
    period = next((c for c in verb.children if (c.dep_ in ("dobj", "obj") and _is_period(c))
                   or (c.dep_ == "prep" and c.lower_ == "until")), None)  # "has until Thursday to respond"
    if verb.lemma_.lower() != "have" or period is None:
        return []
    action = next((c for c in (*period.children, *verb.children)
                   if c.dep_ in ("relcl", "acl", "xcomp", "advcl") and c.pos_ == "VERB"
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    subject = subject_of(verb)
    if action is None or subject is None:
        return []
    actor = actors.resolve_group(subject) or actors.open_world(subject, agents_only=False)
    setter = next((o for t in action.subtree if t.lemma_.lower() in ("ultimatum", "deadline", "demand")
                   for p in t.children if p.dep_ == "prep" and p.lower_ == "by" for o in p.children
                   if o.dep_ == "pobj"), None)
    issuer = (actors.resolve_group(setter) or actors.open_world(setter, agents_only=True)) if setter is not None \
        else None
    return [Candidate("Demand", "demand:have", verb, action, actor=actor, issuer=issuer, negated=is_negated(action),
                      confidence=0.6)] if actor else []
