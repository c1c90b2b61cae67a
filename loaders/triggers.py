"""Triggers: the grammatical patterns that signal a statement, each yielding a Candidate (loaders/candidate.py).

A modal on a verb ("will raise", "may stop", "must be reached"), a control verb with its infinitive
("plans to spend"), an expectation ("is expected to"), a commitment or forecast noun ("plans to", "guidance
for 2026"), a forward time expression; the demands, threats and ultimatums are asking.py's. The words come from the
lexicons in data/lexicons/, never from one article.
"""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.asking import demand, sanction_readied, threat, time_given, ultimatum, warned_sanction
from pledgegraph.loaders.candidate import COMMITTING, FUTURE, Candidate, condition_clause, declined
from pledgegraph.loaders.grammar import aux_words, infinitive, is_negated, is_passive, modal_host
from pledgegraph.loaders.deadlines import TimeExpression, governing_verb
from pledgegraph.loaders.lexicons import lexicon, word_in


_POSSIBLE = {"may", "might", "could"}


_OBLIGATION = {"must"}


_CLAUSE_DEPS = {"relcl", "acl", "amod", "pcomp", "csubj"}


def candidates(sent: SpacySpan, actors: ActorIndex) -> list[Candidate]:
    """Every candidate statement the triggers find in a sentence."""
    found: list[Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and word_in(tok, "pledge_verbs"):
            found += _control(tok)
        if tok.pos_ == "VERB" and word_in(tok, "demand_verbs"):
            found += demand(tok, actors)
        if tok.pos_ == "VERB" and word_in(tok, "threat_verbs"):
            found += threat(tok)
        if tok.pos_ == "VERB" and word_in(tok, "pledge_verbs"):
            found += sanction_readied(tok, actors)
        if tok.pos_ == "VERB" and word_in(tok, "forecast_verbs") and tok.tag_ != "VBN":
            found += _expect_other(tok, actors)
        if (tok.lower_ in lexicon("expectation_adjs") or lemma in lexicon("expectation_adjs")) \
                and tok.pos_ in ("ADJ", "VERB") and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"):
            found += _expectation(tok)
        if tok.pos_ == "NOUN" and lemma in lexicon("pledge_nouns"):
            found += _commitment_noun(tok)
        if tok.pos_ == "NOUN" and word_in(tok, "forecast_nouns") and not word_in(tok, "pledge_nouns"):
            found.append(Candidate("Forecast", f"noun:{lemma}", tok, tok, confidence=0.5, strong=False))
        if tok.pos_ == "NOUN" and lemma in ("ultimatum", "deadline"):
            found += ultimatum(tok, actors)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _CLAUSE_DEPS:
            found += _modal(tok)
        if tok.pos_ in ("VERB", "AUX") and lemma == "have":
            found += time_given(tok, actors)
        if tok.pos_ == "VERB" and _funds(tok):
            found.append(Candidate("Pledge", f"funding:{lemma}", tok, tok, negated=is_negated(tok),
                                   condition=condition_clause(tok), confidence=0.6))
        if tok.pos_ == "VERB" and _takes_effect(tok):
            found.append(Candidate("Pledge", "effect", tok, tok, confidence=0.55, strong=False))
    return found


def forward_time(sent: SpacySpan, times: list[TimeExpression], found: list[Candidate]) -> list[Candidate]:
    """A verb that a forward time expression hangs on ("is banning exports from January", "looks to hire
    10,000 in the current fiscal year") where no other rule found a statement: a candidate, kept only when
    the checks in commitments.py find no reason against it (a past event, a routine event, a report)."""
    covered = {t.i for c in found for t in (c.action, c.trigger)}
    covered |= {t.i for c in found for t in c.action.subtree}
    verbs: dict[Token, Token | None] = {}
    for t in times:
        if t.past or t.in_name or t.words.lower() in ("today", "tonight", "now"):
            continue  # the present is no time ahead
        verb = governing_verb(sent.doc[t.head])
        if verb is not None and verb.i not in covered and verb not in verbs and not declined(verb):
            plan = _plan_noun(sent.doc[t.head], verb)
            if plan is None and _dates_a_noun(sent.doc[t.head]) and not _is_duration(t.words):
                continue  # "casting doubt over the September opening date": the time is the opening's, not the doubt's
            verbs[verb] = plan
    return [Candidate("Forecast" if aux_words(v) & _POSSIBLE else "Pledge", "time:forward", v, v,
                      negated=is_negated(v), condition=condition_clause(v), confidence=0.45, strong=False, plan=noun)
            for v, noun in verbs.items()]


def _dates_a_noun(tok: Token) -> bool:
    """"the September opening date", "the 2027 election": a time that modifies a noun inside a phrase."""
    return tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ == "NOUN"


def _is_duration(words: str) -> bool:
    """"a 90-day period", "a six-month truce": a stretch of time, which the period noun may be given to act in."""
    units = {line.split("\t")[0] for line in lexicon("time_units")}
    return any(w in units for w in re.split(r"[\s-]+", words.lower()))


def _plan_noun(tok: Token, verb: Token) -> Token | None:
    """"unveiled a budget for 2026", "pledged a target of 2035": a plan noun between a time and its verb."""
    for t in [tok, *tok.ancestors]:
        if t == verb:
            return None
        if t.pos_ == "NOUN" and any(t.lemma_.lower() in lexicon(name) for name in ("pledge_nouns", "instrument_nouns")):
            return t
    return None


def _funds(verb: Token) -> bool:
    """"allocates $7 million to hire nurses", "sets aside $40 million for a data centre": a sum committed to a
    purpose (an infinitive or a "for" phrase)."""
    particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")), None)
    if not (word_in(verb, "funding_verbs") or f"{verb.lemma_.lower()} {particle}" in lexicon("funding_verbs")):
        return False
    sums = [c for c in verb.children if c.dep_ in ("dobj", "obj") and any(t.ent_type_ == "MONEY" for t in c.subtree)]
    purpose = infinitive(verb) or next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    return bool(sums) and (purpose is not None or infinitive(sums[0]) is not None)


def _takes_effect(verb: Token) -> bool:
    """"The law takes effect on ...", "the ban comes into force ...": a measure due on a date."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ in ("dobj", "obj") and c.lower_ == "effect" for c in verb.children)
    return lemma in ("come", "enter", "go") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(o.lower_ in ("force", "effect") for o in c.children)
        for c in verb.children)


def _control(verb: Token) -> list[Candidate]:
    """"Russia plans to spend ...", "Germany vowed to lift ...", "we are committed to finishing ..."."""
    action = infinitive(verb) or _gerund(verb)
    expectation = is_passive(verb) and verb.lower_ in lexicon("expectation_adjs")  # "is set to raise rates"
    if action is None or declined(verb) or expectation:
        return []
    negated = is_negated(verb) or is_negated(action)
    if is_negated(verb) and verb.lemma_.lower() in COMMITTING:
        return []  # "did not commit to a date" is the absence of a commitment; "agreed not to" is a commitment
    return [Candidate("Pledge", f"control:{verb.lemma_.lower()}", verb, action, negated=negated,
                      condition=condition_clause(verb) or condition_clause(action), confidence=0.75)]


def _expect_other(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"Brokers expect the bank to post ...": a forecast by the subject about the object."""
    warning = warned_sanction(verb, actors)
    if warning:
        return warning
    action = infinitive(verb)
    target = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    rule = f"forecast:{verb.lemma_.lower()}"
    if action is None and target is not None and target.pos_ == "NOUN":
        # "Nvidia forecast second-quarter revenue of $45 billion": guidance, dated or not kept
        return [Candidate("Forecast", rule, verb, verb, confidence=0.5, strong=False)]
    if action is None:
        return []
    if target is None:
        target = next((c for c in action.children if c.dep_ == "nsubj"), None)
    if target is None:
        # "the company expects to complete the deal in 2026": a forecast about itself, kept when dated
        return [Candidate("Forecast", rule, verb, action, negated=is_negated(action), confidence=0.5, strong=False)]
    actor = actors.resolve(target) or actors.open_world(target, agents_only=True)  # "analysts expect unions to ..."
    return [Candidate("Forecast", rule, verb, action, actor=actor, negated=is_negated(action), confidence=0.55)]


_SCHEDULED = {"due", "set", "scheduled", "slated"}


def _expectation(word: Token) -> list[Candidate]:
    """"Y is expected to ...", "Y is likely to ...", "Y is ready to ... by D"."""
    action = infinitive(word)
    if action is None:
        return []
    # "is due / set / scheduled to ...": the subject's own plan on a date; "is ready / willing to ...": its own
    # intention; "is expected / likely to": a prediction
    own = word.lower_ in _SCHEDULED or word.lower_ in lexicon("readiness_adjs")
    kind = "Pledge" if own else "Forecast"
    return [Candidate(kind, f"expectation:{word.lemma_.lower()}", word, action, negated=is_negated(action),
                      condition=condition_clause(action) or condition_clause(word),
                      confidence=0.6, strong=kind == "Forecast" or word.lower_ not in _SCHEDULED)]


def _gerund(noun: Token) -> Token | None:
    """"its target of reaching net zero": the gerund a commitment noun takes through "of" or "to"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "to"):
            for obj in prep.children:
                if obj.dep_ in ("pcomp", "pobj") and obj.tag_ == "VBG":
                    return obj
    return None


def _commitment_noun(noun: Token) -> list[Candidate]:
    """"plans to slash ...", "a target to cut ... by 2040", "the ministry's plans envisage ..."."""
    action = infinitive(noun) or _gerund(noun)
    if action is None and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and \
            (noun.head.tag_ in ("VBZ", "VBP") or aux_words(noun.head) & FUTURE):
        # "the ministry's plans envisage ...", "the strategy cuts ... by the end of 2030"
        return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, noun.head, condition=condition_clause(noun.head),
                          confidence=0.55, strong=False)]
    if action is None and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in lexicon("announce_verbs"):
        action = noun.head  # "proposed a target for 2040": the deadline sits in the noun's phrase
        return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, action, confidence=0.55, strong=False)]
    if action is None:
        return []
    return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, action, negated=is_negated(action),
                      condition=condition_clause(action), confidence=0.65)]


def _modal(verb: Token) -> list[Candidate]:
    """A verb under a modal: "will raise", "may stop", "must be reached", "would resume ... if ..."."""
    aux = aux_words(verb)
    if verb.lower_ in FUTURE | _POSSIBLE | _OBLIGATION or _indirect_question(verb):
        return []
    if verb.lemma_.lower() in lexicon("pledge_verbs") | lexicon("demand_verbs") and infinitive(verb) is not None:
        return []  # the control and demand rules handle "will seek to ..."
    condition = condition_clause(verb)
    negated = is_negated(verb)
    if aux & _OBLIGATION:
        return [Candidate("Demand", "modal:must", verb, verb, negated=negated, condition=condition, confidence=0.55)]
    if aux & _POSSIBLE:
        return [Candidate("Forecast", "modal:possible", verb, verb, negated=negated, condition=condition,
                          confidence=0.5, strong=False)]
    host = modal_host(verb) if not aux else None
    if host is not None:
        aux = aux_words(host)  # "will increase ... and launch ...": the modal is shared
        if aux & _POSSIBLE or aux & _OBLIGATION:
            return []
    if aux & FUTURE or _going_to(verb):
        would_only = aux & FUTURE == {"would"}
        return [Candidate("Pledge", "modal:would" if would_only else "modal:will", verb, verb, negated=negated,
                          condition=condition, confidence=0.5 if would_only else 0.6, strong=not would_only)]
    return []


def _indirect_question(verb: Token) -> bool:
    """"(have not explained) how the U.S. will assess ...": a question, not a statement."""
    return any(c.dep_ in ("advmod", "mark", "nsubj", "dobj") and c.lower_ in ("how", "whether", "why", "what", "when")
               and c.i < verb.i for c in verb.children)


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)


