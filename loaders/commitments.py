"""Commitments and forecasts: rules over the dependency parse that find pledges, demands, threats and
forecasts, with who is to act, who said so, the action, deadline, amount, condition and certainty.

Each rule keys on grammar (a modal on a verb, a control verb with its infinitive, a demand verb with
an object and an infinitive, a commitment noun with its infinitive) and on the lexicons in
data/lexicons/, never on the words of one article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.attribution import Frame, certainty, frames, reporters, speaker_for, subject_of
try:
    from pledgegraph.loaders.deadlines import TimeExpression, find_times
except ImportError:  # TEMPORARY while loaders/deadlines.py is being written
    from typing import Any as TimeExpression  # type: ignore[assignment]

    def find_times(*_args: object) -> list:  # type: ignore[misc]
        return []
from pledgegraph.loaders.lexicons import lexicon, word_in
from pledgegraph.loaders.records import Article, Deadline, Span, Statement

_FUTURE = {"will", "shall", "'ll", "wo", "would"}
_POSSIBLE = {"may", "might", "could"}
_OBLIGATION = {"must"}
_CLAUSE_DEPS = {"relcl", "acl", "amod", "pcomp", "csubj"}
_CONDITION_MARKS = {"if", "unless", "provided", "providing"}
_PUBLIC_KINDS = {"State", "GovernmentBody", "IntergovernmentalOrganization"}
_TOPIC_KINDS = {"Organization", "State", "IntergovernmentalOrganization", "GovernmentBody"}


@dataclass
class Candidate:
    """A statement found by one rule, before its actor and deadline are settled."""

    kind: str
    rule: str
    trigger: Token  # the word that signals the statement
    action: Token  # the head of what is to be done
    actor: str | None = None
    issuer: str | None = None
    addressee: str | None = None
    negated: bool = False
    condition: Token | None = None  # head of the condition clause
    confidence: float = 0.6
    strong: bool = True  # found by a rule precise enough to keep without a deadline
    extra_tokens: list[Token] = field(default_factory=list)


def find(doc: Doc, article: Article, actors: ActorIndex) -> list[Statement]:
    """Every statement the rules find in the article."""
    sents = list(doc.sents)
    reporter, sources = reporters(sents, actors)
    statements: list[Statement] = []
    for sent in sents:
        if sent.text.strip().endswith("?"):
            continue
        sentence_frames = frames(sent, actors)
        past_reporting = any(f.past for f in sentence_frames)
        times = [t for t in find_times(sent, article.published, past_reporting)
                 if not t.past and not _reporting_time(t, sentence_frames) and not _today(t, doc, article)]
        seen: set[tuple] = set()
        for st in _merge_event_anaphora(
                [_statement(c, sent, actors, sentence_frames, times) for c in _candidates(sent, actors, sentence_frames)]):
            key = (st.kind, st.actor, st.deadline.value if st.deadline else None, st.action)
            if key in seen:
                continue
            seen.add(key)
            if not _bullet(sent):  # "• In August, ...": a teaser of other news, not this report's
                st.reporter = reporter
                st.sources = st.sources + [s for s in sources if s not in st.sources]
            statements.append(st)
            demand = _implied_demand(st, sent, actors)
            if demand is not None and not any(
                    d.kind == "Demand" and d.actor == demand.actor and _due(d) == _due(demand) for d in statements):
                statements.append(demand)
    _link_conditions(statements, actors)
    return statements


# -- rules -------------------------------------------------------------------------------------

def _candidates(sent: SpacySpan, actors: ActorIndex, sentence_frames: list[Frame]) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and word_in(tok, "pledge_verbs"):
            found += _control(tok)
        if tok.pos_ == "VERB" and word_in(tok, "demand_verbs"):
            found += _demand(tok, actors)
        if tok.pos_ == "VERB" and word_in(tok, "threat_verbs"):
            found += _threat(tok)
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
            found += _ultimatum(tok, actors)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _CLAUSE_DEPS:
            found += _modal(tok)
    return found


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _infinitive(tok: Token) -> Token | None:
    """The infinitive complement of a verb, adjective or noun ("plans to spend" -> spend)."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl") and child.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def _condition(tok: Token) -> Token | None:
    """The head of an 'if'/'unless' clause attached to a verb (or to the verb it is coordinated with)."""
    for head in (tok, tok.head if tok.dep_ in ("conj", "xcomp") else None):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in child.children):
                return child
            if child.dep_ == "prep" and child.lower_ == "without" and child.i > tok.i:
                return child
    return None


def _control(verb: Token) -> list[Candidate]:
    """"Russia plans to spend ...", "Germany vowed to lift ...", "allies agreed to ..."."""
    action = _infinitive(verb)
    if action is None or _governed_by_refusal(verb):
        return []
    negated = _negated(verb) or _negated(action)
    if negated and verb.lemma_.lower() in ("commit", "agree", "decide", "promise", "pledge"):
        return []  # "did not commit to a date" is the absence of a commitment
    return [Candidate("Pledge", f"control:{verb.lemma_.lower()}", verb, action, negated=negated,
                      condition=_condition(verb) or _condition(action), confidence=0.75)]


def _demand(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"X wants Y to ...", "X urged Y to ...", "X called on Y to ...", "X gave Y until D to ..."."""
    if _governed_by_refusal(verb):
        return []
    action = _infinitive(verb)
    objects = [c for c in verb.children if c.dep_ in ("dative", "iobj", "dobj", "obj")
               and c.pos_ in ("PROPN", "NOUN", "PRON") and not c.ent_type_ in ("DATE", "TIME", "CARDINAL")]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon") and verb.lemma_.lower() == "call":
            objects += [c for c in child.children if c.dep_ == "pobj"]
    # "gave Hamas three days to ...": the object that names an actor is the one asked
    target = next((o for o in objects if actors.resolve(o) is not None), objects[0] if objects else None)
    if action is not None and target is None:
        target = next((c for c in action.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if action is not None and target is None and verb.lemma_.lower() in ("want", "seek"):
        # "We want to take the process forward": wanting to act oneself is a pledge
        return [Candidate("Pledge", f"control:{verb.lemma_.lower()}", verb, action, negated=_negated(verb),
                          condition=_condition(action), confidence=0.6)]
    if action is None or target is None:
        return []
    actor = actors.resolve(target)
    if actor is None and target.pos_ == "NOUN" and target.dep_ in ("dobj", "obj", "dative", "iobj", "pobj"):
        actor = actors.describe(target)  # "challenged the industry to ...": an addressee the gazetteer can't name
    cands = [Candidate("Demand", f"demand:{verb.lemma_.lower()}", verb, action,
                       actor=actor, negated=_negated(action), confidence=0.75)]
    # An ultimatum: "... to reach a deal or face sanctions" is a Demand plus a conditional Threat.
    for conj in action.children:
        if conj.dep_ == "conj" and any(c.lower_ == "or" for c in action.children if c.dep_ == "cc"):
            cands.append(Candidate("Threat", "ultimatum:or", verb, conj, condition=action, confidence=0.6))
    return cands


def _threat(verb: Token) -> list[Candidate]:
    """"X threatened to ...", "X threatened tariffs if ..."."""
    action = _infinitive(verb) or next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if action is None or not verb.lower_.startswith("threaten"):
        return []
    return [Candidate("Threat", "threat:threaten", verb, action, condition=_condition(verb) or _condition(action),
                      confidence=0.75)]


def _expect_other(verb: Token, actors: ActorIndex) -> list[Candidate]:
    """"Analysts expect the company to report ...": a forecast by the subject about the object."""
    action = _infinitive(verb)
    target = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if action is None:
        return []
    if target is None:
        target = next((c for c in action.children if c.dep_ == "nsubj"), None)
    if target is None:
        return []
    return [Candidate("Forecast", f"forecast:{verb.lemma_.lower()}", verb, action, actor=actors.resolve(target),
                      negated=_negated(action), confidence=0.55)]


def _expectation(word: Token) -> list[Candidate]:
    """"Y is expected to ...", "Y is likely to ...", "Y is ready to ... by D"."""
    action = _infinitive(word)
    if action is None:
        return []
    return [Candidate("Forecast", f"expectation:{word.lemma_.lower()}", word, action, negated=_negated(action),
                      confidence=0.6)]


def _commitment_noun(noun: Token) -> list[Candidate]:
    """"plans to slash ...", "a target to cut ... by 2040", "the government's plans call for ..."."""
    action = _infinitive(noun)
    if action is None and noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and \
            (noun.head.tag_ in ("VBZ", "VBP") or _aux(noun.head) & _FUTURE):
        # "the government's plans call for ...", "the plan also reduces ... by the end of 2026"
        return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, noun.head, condition=_condition(noun.head),
                          confidence=0.55, strong=False)]
    if action is None and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in lexicon("announce_verbs"):
        action = noun.head  # "proposed a target for 2040": the deadline sits in the noun's phrase
        return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, action, confidence=0.55, strong=False)]
    if action is None:
        return []
    return [Candidate("Pledge", f"noun:{noun.lemma_.lower()}", noun, action, negated=_negated(action),
                      condition=_condition(action), confidence=0.65)]


def _first_conjunct(tok: Token) -> Token:
    """"its growth and sales guidance": the conjunct that carries the phrase's role and owner."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def _noun_owner(noun: Token, actors: ActorIndex, speaker: str | None) -> str | None:
    """Whose plan: "Canada's plans", "the government's plans", or the subject of "Canada unveiled plans"."""
    noun = _first_conjunct(noun)
    owner = actors.owner(noun)
    if owner is None and noun.dep_ in ("dobj", "obj", "pobj"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        subj = subject_of(verb)
        owner = actors.resolve(subj, speaker) if subj is not None else None
    if owner is None and (_is_definite_noun(noun) or any(c.dep_ == "compound" for c in noun.children)):
        owner = actors.speaks_for(speaker) if speaker else actors.most_mentioned_before(noun.i, _TOPIC_KINDS)
    return owner


def _is_definite_noun(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "its", "their") for c in noun.children)


def _ultimatum(noun: Token, actors: ActorIndex) -> list[Candidate]:
    """"X's ultimatum to agree to a ceasefire": a Demand on its addressee and a Threat of its issuer."""
    action = _infinitive(noun)
    if action is None or noun.lemma_.lower() != "ultimatum":
        return []
    issuer = actors.owner(noun)
    cands = [Candidate("Demand", "noun:ultimatum", noun, action, issuer=issuer, confidence=0.6)]
    cands.append(Candidate("Threat", "noun:ultimatum", noun, noun, actor=actors.speaks_for(issuer), issuer=issuer,
                           condition=action, confidence=0.5))
    return cands


def _modal(verb: Token) -> list[Candidate]:
    """A verb under a modal: "will raise", "may stop", "must be reached", "would resume ... if ..."."""
    aux = _aux(verb)
    if verb.lower_ in _FUTURE | _POSSIBLE | _OBLIGATION or _indirect_question(verb):
        return []
    if verb.lemma_.lower() in lexicon("pledge_verbs") | lexicon("demand_verbs") and _infinitive(verb) is not None:
        return []  # the control and demand rules handle "will seek to ..."
    condition = _condition(verb)
    negated = _negated(verb)
    if aux & _OBLIGATION:
        return [Candidate("Demand", "modal:must", verb, verb, negated=negated, condition=condition, confidence=0.55)]
    if aux & _POSSIBLE:
        return [Candidate("Forecast", "modal:possible", verb, verb, negated=negated, condition=condition,
                          confidence=0.5, strong=False)]
    if not aux and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        aux = _aux(verb.head)  # "will increase ... and launch ...": the modal is shared
        if aux & _POSSIBLE or aux & _OBLIGATION:
            return []
    if aux & _FUTURE or _going_to(verb):
        would_only = aux & _FUTURE == {"would"}
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


def _governed_by_refusal(tok: Token) -> bool:
    """"refused to join", "failed to agree": no commitment."""
    head = tok.head
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in lexicon("refusal_verbs")


# -- assembling a statement --------------------------------------------------------------------

def _statement(cand: Candidate, sent: SpacySpan, actors: ActorIndex, sentence_frames: list[Frame],
               times: list[TimeExpression]) -> Statement | None:
    frame = speaker_for(cand.trigger, sentence_frames)
    speaker = frame.speaker if frame else None
    if frame is not None and frame.verb.lemma_.lower() in ("deny", "reject"):
        return None
    kind = cand.kind
    actor, issuer = cand.actor, cand.issuer
    subject = subject_of(cand.trigger)
    subject_actor = actors.resolve(subject, speaker) if subject is not None else None
    if kind == "Demand" and cand.rule.startswith("demand"):
        issuer = subject_actor or speaker
    elif kind == "Demand":  # "must", an ultimatum noun
        passive = _passive(cand.action)
        actor = actor or (_passive_agent(cand.action, actors) if passive else subject_actor)
        issuer = issuer or speaker
    elif cand.trigger.pos_ == "NOUN":
        actor = actor or _noun_owner(cand.trigger, actors, speaker)
    elif cand.trigger.dep_ == "relcl" and subject is not None and subject.lower_ in ("that", "which", "who"):
        # "the NATO summit starting Tuesday that aims to raise ...": the relative pronoun is the noun
        actor = actor or actors.resolve(cand.trigger.head, speaker) or actors.owner(cand.trigger.head)
    elif _passive(cand.action) and cand.rule.startswith("modal"):
        # "X will be hunted down": X undergoes the action; the agent or the speaker's side acts
        actor = actor or _passive_agent(cand.action, actors) or (actors.speaks_for(speaker) if speaker else None)
        if actor is None and subject is not None and subject.pos_ == "NOUN" and _deadline(cand, times) is not None:
            actor = actors.most_mentioned_before(cand.action.i, _TOPIC_KINDS)  # "credits would be phased in from 2036"
        subject = None
    elif cand.rule.startswith("expectation") and subject_actor is None and subject is not None \
            and subject.pos_ == "NOUN" and subject.lemma_.lower() not in lexicon("source_nouns"):
        # "Production at the plant is expected to start in 2025": the article's topic actor
        actor = actors.owner(subject) or actors.most_mentioned_before(subject.i, _TOPIC_KINDS)
    else:
        actor = actor or subject_actor
    if frame is not None and frame.verb.lemma_.lower() in lexicon("forecast_verbs") - {"warn"} and kind == "Pledge" \
            and not actors.same_side(actor, speaker):
        kind = "Forecast"
    if cand.rule.startswith("modal") and kind in ("Pledge", "Forecast"):
        kind, actor = _modal_kind(cand, actor, speaker, subject, actors)
    if kind == "Threat" and cand.condition is None:
        return None
    if kind == "Pledge" and cand.condition is not None and (_sanction(cand.action) or _unmet(cand.condition)):
        kind = "Threat"  # "if this is not met ..., the operation will go on"
    if kind == "Forecast" and cand.condition is not None and (_sanction(cand.action) or cand.rule == "modal:possible") \
            and actors.same_side(actor, speaker):
        kind = "Threat"
    if actor is None:
        if subject is None or subject.lower_ not in ("this", "that", "it"):
            return None
    else:
        actor = _state_measure(actor, kind, cand.action, actors)
        if kind == "Forecast" and cand.rule.startswith("noun") and actors.by_id[actor].kind in _PUBLIC_KINDS:
            kind = "Pledge"  # a government's own projections and estimates are its plans; a company's are guidance
    sources: list[str] = []
    if kind == "Pledge" and speaker is not None and issuer is None and not actors.same_side(actor, speaker):
        issuer, sources = actor, [speaker]  # "Budanov said Russia plans ...": Russia pledged; Budanov is the source
    if issuer is None and kind in ("Pledge", "Threat"):
        issuer = speaker or actor
    elif issuer is None and kind == "Forecast":
        issuer = speaker
    deadline = _deadline(cand, times)
    reported_future = cand.rule == "modal:would" and frame is not None  # "said the group would resume"
    if deadline is None and not (cand.strong or reported_future):
        return None
    if deadline is None and _past(cand):
        return None
    evidence = _evidence(sent)
    tokens = [*cand.action.children, *cand.trigger.children, cand.trigger, *sent]
    return Statement(
        kind=kind, evidence=evidence, action=_action_text(cand.action), actor=actor, issuer=issuer,
        addressee=cand.addressee, deadline=deadline, negated=cand.negated, amount=_amount(cand.action),
        condition=_phrase(cand.condition) if cand.condition is not None else None,
        certainty=certainty([t for t in tokens if t.dep_ in ("aux", "advmod") or t == cand.trigger]
                            + [t for t in sent if t.lower_ in lexicon("hedges_alleged")]),
        rule=cand.rule, confidence=cand.confidence + (0.15 if deadline else 0.0), sources=sources,
    )


def _implied_demand(threat: Statement, sent: SpacySpan, actors: ActorIndex) -> Statement | None:
    """A dated threat on an unmet condition is an ultimatum: its condition is a demand on whoever must act."""
    if threat.kind != "Threat" or threat.condition is None or threat.deadline is None:
        return None
    doc = sent.doc
    cond = next((t for t in sent if t.dep_ == "advcl" and _phrase(t) == threat.condition), None)
    if cond is None or not _unmet(cond):
        return None
    subj = subject_of(cond)
    target = actors.resolve(subj) if subj is not None and subj.dep_ != "nsubjpass" else None
    if target is None:  # "if a deal is not reached": the threatened party must act
        target = next((actors.named(t) for t in doc[sent.start:sent.end] if actors.named(t)
                       and t.i > cond.i - 12 and actors.named(t) not in (threat.actor, threat.issuer)
                       and not actors.same_side(actors.named(t), threat.actor)), None)
    if target is None or actors.same_side(target, threat.actor):
        return None
    asked = _infinitive(cond) if cond.lemma_.lower() in ("fail", "refuse", "neglect") else None
    return Statement(kind="Demand", evidence=threat.evidence, action=_action_text(asked or cond), actor=target,
                     issuer=threat.issuer, deadline=threat.deadline, certainty=threat.certainty,
                     reporter=threat.reporter, sources=list(threat.sources), rule="derived:ultimatum",
                     confidence=0.5)


def _merge_event_anaphora(found: list[Statement | None]) -> list[Statement]:
    """"Y is ready to attack, and this may happen by 2029": the dated "this" clause dates the other one."""
    kept = [st for st in found if st is not None and st.actor is not None]
    for st in found:
        if st is None or st.actor is not None or st.deadline is None:
            continue
        undated = [k for k in kept if k.deadline is None]
        if undated:
            undated[-1].deadline = st.deadline
    return kept


def _modal_kind(cand: Candidate, actor: str | None, speaker: str | None, subject: Token | None,
                actors: ActorIndex) -> tuple[str, str | None]:
    """Whether a modal statement is the speaker's own pledge or a forecast about someone else."""
    if actor is None and speaker is not None and subject is not None and subject.pos_ == "NOUN" \
            and (_passive(cand.action) or (cand.condition is not None and _unmet(cand.condition))):
        # "the first aircraft could be delivered": the speaker's side is to act
        return "Pledge", actors.speaks_for(speaker)
    if actor is None:
        return cand.kind, None
    if speaker is None:  # "would" without a speaker or a condition tells a plan in the past tense
        plan = cand.rule == "modal:will" or (cand.rule == "modal:would" and cand.condition is None)
        return ("Pledge" if plan else "Forecast"), actor
    if actors.same_side(actor, speaker):
        return "Pledge", actor
    if cand.rule == "modal:will" and actors.by_id[speaker].local and speaker not in actors.affiliation:
        return "Pledge", actor  # "X will ..., the trade minister said": an official of unknown side reports X's plan
    return "Forecast", actor


def _passive(tok: Token) -> bool:
    """A passive verb, or one coordinated with a passive verb and sharing its subject."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    return tok.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in tok.children) and _passive(tok.head)


def _passive_agent(tok: Token, actors: ActorIndex) -> str | None:
    for child in tok.children:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "with"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return actors.resolve(obj)
    return None


def _state_measure(actor: str, kind: str, action: Token, actors: ActorIndex) -> str:
    """A person's measure for their state is the state's: "Trump threatened tariffs" -> the United States;
    what a national government does, its state does ("the Japanese government will provide" -> Japan)."""
    if actors.is_government(actor):
        return actors.speaks_for(actor) or actor
    if actors.by_id[actor].kind != "Person" or actor not in actors.affiliation:
        return actor
    state = actors.speaks_for(actor)
    if state is None or state == actor:
        return actor
    words = {action.lemma_.lower()} | {c.lemma_.lower() for c in action.children if c.dep_ in ("dobj", "obj", "prt")}
    if kind == "Threat" or words & lexicon("state_measures"):
        return state
    return actor


def _unmet(condition: Token) -> bool:
    """A condition that something fails to happen: "if X is not met", "unless ...", "if Y fails to ..."."""
    words = {t.lower_ for t in condition.subtree} | {t.lemma_.lower() for t in condition.subtree}
    return bool(words & {"not", "n't", "never", "unless", "fail", "miss", "refuse", "without", "reject"})


_UNMET = re.compile(r"\b(not|n't|never|unless|fails?|failed|miss(es|ed)?|refuses?|without|rejects?)\b")


def _sanction(action: Token) -> bool:
    return any(t.lemma_.lower() in lexicon("sanction_words") for t in action.subtree)


def _deadline(cand: Candidate, times: list[TimeExpression]) -> Deadline | None:
    """The time expression attached nearest to the action (or to its condition)."""
    scope = {t.i for t in cand.action.subtree}
    for conj in cand.action.children:
        if conj.dep_ == "conj" and (any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
                                    or word_in(conj, "threat_verbs") or word_in(conj, "demand_verbs")):
            scope -= {t.i for t in conj.subtree}  # a coordinated clause of its own keeps its own date
    if cand.trigger.pos_ == "NOUN" or cand.rule.startswith(("expectation", "control", "demand", "ultimatum")):
        scope |= {t.i for t in cand.trigger.subtree}
    if cand.trigger.dep_ == "relcl":
        scope |= {t.i for t in cand.trigger.head.subtree}
    noun = _first_conjunct(cand.trigger)
    if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "obj"):
        for prep in noun.head.children:  # "proposed a target for 2040"
            if prep.dep_ == "prep" and prep.i > noun.i:
                scope |= {t.i for t in prep.subtree}
    if cand.condition is not None:
        scope |= {t.i for t in cand.condition.subtree}
    doc = cand.action.doc
    chars = [doc[i].idx for i in scope]
    inside = [t for t in times if t.head in scope or any(t.begin <= c < t.end for c in chars)]
    if not inside:
        return None
    best = min(inside, key=lambda t: (_rank(t, doc), abs(t.head - cand.action.i)))
    return Deadline(best.values[0], best.words, tuple(v for v in best.values[1:] if v != best.values[0]))


def _rank(t: TimeExpression, doc: Doc) -> int:
    """Deadlines proper first ("by 2030"), then points in time, then starting points ("from 2025")."""
    if t.relation in ("by", "until", "within", "before"):
        return 0
    head = doc[t.head]
    if t.relation in ("from", "since") or any(a.lower_ == "from" and a.dep_ == "prep" for a in [head, *head.ancestors][:3]):
        return 2
    return 1


def _today(t: TimeExpression, doc: Doc, article: Article) -> bool:
    """"Today's announcement": a possessive date of the reporting day qualifies an event, it is no deadline."""
    span = doc.char_span(t.begin, t.end, alignment_mode="expand")
    if span is None or not any(tok.dep_ == "poss" for tok in span):
        return False
    # "Friday's announcement", "today's meeting": a day qualifies an event; "next year's target" may be a deadline
    return len(t.values[0]) == 10 or (article.published is not None and t.values[0] <= article.published.isoformat())


def _reporting_time(t: TimeExpression, sentence_frames: list[Frame]) -> bool:
    """"X said on Tuesday (that) ...", "said in February they will ...": when it was said, not a deadline."""
    for frame in sentence_frames:
        verb = frame.verb
        after = verb.doc[verb.i + 1:verb.i + 4]
        if len(after) and after[0].idx <= t.begin <= after[-1].idx and t.relation in ("on", "in", "", "at", "last"):
            return True
    return False


def _past(cand: Candidate) -> bool:
    """An undated commitment told in the simple past is most often history ("X pledged to raise ... to 2%")."""
    if cand.rule.startswith("control"):
        return cand.trigger.tag_ == "VBD"
    if cand.trigger.pos_ == "NOUN":
        verb = next((a for a in cand.trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.tag_ == "VBD"
    return False


def _due(st: Statement) -> str | None:
    return st.deadline.value if st.deadline else None


def _bullet(sent: SpacySpan) -> bool:
    return sent.text.lstrip().startswith(("\u2022", "\u00b7", "* ", "- "))


def _evidence(sent: SpacySpan) -> Span:
    """The sentence, without surrounding whitespace and list bullets."""
    text = sent.text
    lead = len(text) - len(text.lstrip(" \t\n\u2022\u00b7*-"))
    body = text.strip(" \t\n\u2022\u00b7*-")
    begin = sent.start_char + lead
    return Span(begin, begin + len(body), body)


def _phrase(tok: Token) -> str:
    tokens = list(tok.subtree)
    return tok.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,;")


def _action_text(tok: Token) -> str:
    """What is to be done, as phrased: the action's subtree without its subject."""
    drop = set()
    condition = _condition(tok)
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "mark") or (child.dep_ == "aux" and child.lower_ == "to") \
                or child == condition:
            drop |= {t.i for t in child.subtree}
    words = [t for t in tok.subtree if t.i not in drop]
    if not words:
        return tok.text
    text = " ".join(t.text_with_ws.strip() if t.i == words[-1].i else t.text_with_ws.rstrip("\n")
                    for t in words[:1]) if len(words) == 1 else _contiguous(words)
    return text.strip(" ,;:\"“”'")[:300]


def _contiguous(words: list[Token]) -> str:
    """The words' text with the original spacing; a gap (a dropped clause) becomes one space."""
    out, prev = [], None
    for t in words:
        if prev is not None and t.i != prev.i + 1:
            out.append(" ")
        elif prev is not None:
            out.append(prev.whitespace_)
        out.append(t.text)
        prev = t
    return "".join(out).replace(" ,", ",").strip()


def _amount(action: Token) -> str | None:
    for ent in action.doc.ents:
        if ent.label_ in ("MONEY", "PERCENT") and action.left_edge.i <= ent.start <= action.right_edge.i:
            return ent.text
    return None


def _link_conditions(statements: list[Statement], actors: ActorIndex) -> None:
    """A conditional statement depends on the demand its condition refers to (same actor, same due date);
    a threat without a date of its own falls due when the demand it enforces does."""
    for i, st in enumerate(statements):
        if st.condition is None or st.kind == "Demand":
            continue
        demands = [j for j, d in enumerate(statements) if d.kind == "Demand" and j != i and d.actor in actors.by_id]
        words = st.condition.lower()
        sentence = st.evidence.text.lower()

        def score(j: int) -> tuple[int, bool, bool, bool, bool, int]:
            d = statements[j]
            names = {actors.by_id[d.actor].label.lower(), *(a.lower() for a in actors.by_id[d.actor].aliases)}
            named = any(n and n in words for n in names) or any(n and n in sentence for n in names)
            same_date = bool(d.deadline and st.deadline and d.deadline.value == st.deadline.value)
            dated = st.deadline is not None or d.deadline is not None  # an undated threat enforces a dated demand
            enforced = any(o.depends_on == j for o in statements)  # already an ultimatum's demand
            return (named + same_date, dated, enforced, not d.rule.startswith("derived"), same_date, -abs(i - j))
        if demands:
            best = max(demands, key=score)
            if score(best)[0] > 0:
                st.depends_on = best
                if st.deadline is None and st.kind == "Threat" and _UNMET.search(words):
                    st.deadline = statements[best].deadline
