"""Commitments and forecasts: from the triggers of each sentence to statements with who is to act,
who said so, the action, deadline, amount, condition and certainty."""
from __future__ import annotations

import logging
from functools import lru_cache

from spacy.tokens import Doc, Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex, is_agent_noun
from pledgegraph.loaders.agency import FUTURE_RULES, Reading, reading, state_measure, who_acts
from pledgegraph.loaders.attribution import Frame, certainty, frames, reporters, speaker_for
from pledgegraph.loaders.conditions import drop_superseded, due, implied_demand, link_conditions, unmet
from pledgegraph.loaders.deadlines import TimeExpression, find_times
from pledgegraph.loaders.grammar import infinitive, is_passive
from pledgegraph.loaders.kinds import PUBLIC_KINDS, faces_sanction, interested, modal_kind, rate_move, sanction
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.records import Article, Statement
from pledgegraph.loaders.timing import (dated_conjuncts, deadline_of, is_today, not_forward, reporting_time, routine,
                                        spare_deadline, split_dated, told_in_past)
from pledgegraph.loaders.candidate import Candidate
from pledgegraph.loaders.triggers import candidates, forward_time
from pledgegraph.loaders.wording import action_text, amount, evidence_span, is_bullet, phrase


log = logging.getLogger(__name__)


def find(doc: Doc, article: Article, actors: ActorIndex) -> list[Statement]:
    """Every statement the rules find in the article."""
    sents = list(doc.sents)
    reporter, sources = reporters(sents, actors)
    statements: list[Statement] = []
    earlier: set[int] = set()  # statements reported in the past perfect ("Trump had said he would ...")
    previous: str | None = None  # the last speaker named: "we" in a quote without a frame of its own is theirs
    today = article.published.isoformat() if article.published is not None else None
    for k, sent in enumerate(sents):
        if sent.text.strip().endswith("?"):
            continue
        found = candidates(sent, actors)
        all_times = find_times(sent, article.published, False)
        if not found and not all_times:
            continue  # no statement here: spare the frames
        sentence_frames = frames(sent, actors)
        pluperfect = any(any(c.lower_ == "had" for c in f.verb.children) for f in sentence_frames)
        # what is reported looks forward ("economists said the Fed will cut rates in September"); when it
        # was said is filtered out by _reporting_time, so the finder is not told the reporting is past
        times = [t for t in all_times
                 if not t.past and not reporting_time(t, sentence_frames) and not is_today(t, doc, article)]
        if today is not None:  # without a publication date no time is known to lie ahead
            found += forward_time(sent, [t for t in times if min(v >= today[:len(v)] for v in t.values)], found)
        found = split_dated(found, times)
        seen: set[tuple] = set()
        spare = spare_deadline(times, found)
        before = sents[k - 1].start_char if k else 0  # a statement from the sentence before this one is recent
        recent = statements[-1].actor if statements and statements[-1].evidence.begin >= before else None
        stated = [_statement(c, sent, actors, sentence_frames, times, previous, spare, recent) for c in found]
        previous = next((f.speaker for f in reversed(sentence_frames) if f.speaker), previous)
        for st in _merge_event_anaphora(stated):
            key = (st.actor, st.action)  # one statement per actor and action, whichever rule found it first
            if key in seen:
                continue
            seen.add(key)
            if not is_bullet(sent):  # "• In August, ...": a teaser of other news, not this report's
                st.reporter = reporter
                st.sources = st.sources + [s for s in sources if s not in st.sources]
            if pluperfect:
                earlier.add(len(statements))
            statements.append(st)
            demand = implied_demand(st, sent, actors)
            if demand is not None and not any(
                    d.kind == "Demand" and d.actor == demand.actor and due(d) == due(demand) for d in statements):
                statements.append(demand)
    statements = drop_superseded(statements, earlier)
    link_conditions(statements, actors)
    return statements


def _statement(cand: Candidate, sent: SpacySpan, actors: ActorIndex, sentence_frames: list[Frame],
               times: list[TimeExpression], previous: str | None = None,
               spare: TimeExpression | None = None, recent: str | None = None) -> Statement | None:
    """One candidate read to a statement, or dropped with the reason logged; `recent` is the actor of the
    statement before, if it was in this sentence's predecessor."""
    frame = speaker_for(cand.trigger, sentence_frames)
    if frame is not None and frame.verb.lemma_.lower() in ("deny", "reject"):
        return _drop(cand, "denied or rejected by its speaker")
    r = reading(cand, frame, actors, previous)
    if r is None:  # "inflation will slow", "a forecast that the economy would grow": no actor is to act
        return _drop(cand, "subject is an economic indicator, not an actor")
    who_acts(cand, r, actors, recent)
    reason = _not_a_statement(cand, frame) or _settle_kind(cand, r, frame, actors)
    if reason:
        return _drop(cand, reason)
    if r.actor is None:
        if r.subject is None or r.subject.lower_ not in ("this", "that", "it"):
            return _drop(cand, "no actor")
    else:
        r.actor = state_measure(r.actor, r.kind, cand.action, actors)
        if r.kind == "Forecast" and cand.rule.startswith("noun") and actors.by_id[r.actor].kind in PUBLIC_KINDS:
            r.kind = "Pledge"  # a government's own projections and estimates are its plans; a company's are guidance
    sources = _settle_issuer(cand, r, actors)
    deadline = deadline_of(cand, times, spare)
    reported_future = cand.rule == "modal:would" and frame is not None  # "said the group would resume"
    held_out = cand.condition is not None and sanction(cand.action)  # "if X fails ..., the EU could suspend ..."
    if deadline is None and not (cand.strong or reported_future or held_out):
        return _drop(cand, "weak trigger without a deadline")
    if deadline is None and told_in_past(cand) and cand.condition is None:  # "promised to ... if re-elected" stands
        return _drop(cand, "undated and told in the past")
    effect = _effect(cand, r, actors)
    if deadline is None and effect == "plain":
        return _drop(cand, "what a measure will bring about, not an actor's act")
    if effect == "figure" and r.kind == "Pledge":
        r.kind = "Forecast"  # "the construction phase will create up to 1,000 jobs": an expected effect, in figures
    tokens = [*cand.action.children, *cand.trigger.children, cand.trigger, *_sentence_hedges(sent)]
    action = action_text(cand.action, dated_conjuncts(cand.action, times))
    return Statement(
        kind=r.kind, evidence=evidence_span(sent), action=action, actor=r.actor, issuer=r.issuer,
        addressee=cand.addressee, deadline=deadline, negated=cand.negated, amount=amount(cand.action, cand.trigger),
        condition=phrase(cand.condition) if cand.condition is not None else None,
        certainty=certainty([t for t in tokens if t.dep_ in ("aux", "advmod") or t == cand.trigger]
                            + [t for t in _sentence_hedges(sent) if t.lower_ in lexicon("hedges_alleged")]),
        rule=cand.rule, confidence=cand.confidence + (0.15 if deadline else 0.0), sources=sources,
    )


def _effect(cand: Candidate, r: Reading, actors: ActorIndex) -> str | None:
    """"The truce will provide a pause", "these commitments will help us": a thing, not an actor, as the subject of
    a verb of effect: "plain"; with a sum or a share ("will create up to 1,000 jobs"): "figure"; else None."""
    subject = r.subject
    if subject is None or subject.pos_ != "NOUN" or actors.named(subject) or not cand.rule.startswith("modal"):
        return None
    if is_agent_noun(subject) or cand.action.lemma_.lower() not in lexicon("effect_verbs"):
        return None  # "the company will help", "the ministry will allow"
    figures = any(t.like_num or t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") for t in cand.action.subtree)
    return "figure" if figures else "plain"


def _not_a_statement(cand: Candidate, frame: Frame | None) -> str | None:
    """Why a candidate states no commitment at all, if it does not: a time that does not look forward, a
    routine event, a judgement, a description."""
    if cand.rule == "time:forward" and cand.plan is None:  # a plan for a future date looks forward whenever told
        reason = not_forward(cand.action, frame)
        if reason:
            return reason
    if cand.rule.startswith("modal") and routine(cand.action):
        return "a routine event"
    if cand.action.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in lexicon("judgement_adjs") for c in cand.action.children):
        return "a judgement, not an action"  # "it will be difficult to achieve"
    if cand.rule.startswith("modal") and cand.action.lemma_.lower() == "be" \
            and any(c.dep_ == "attr" and infinitive(c) is None for c in cand.action.children):
        # "the plant will be the company's first in Odense", not "they would be the first ones to be released"
        return "a description, not an action"
    return None


def _settle_kind(cand: Candidate, r: Reading, frame: Frame | None, actors: ActorIndex) -> str | None:
    """Pledge, Demand, Threat or Forecast, by who speaks and what is held out; a reason when none holds."""
    speaker = r.speaker
    if cand.rule.startswith(FUTURE_RULES) and r.kind in ("Pledge", "Forecast") and cand.rule != "modal:must":
        r.kind, r.actor = modal_kind(cand, r.actor, speaker, r.subject, actors)
    if frame is not None and frame.verb.lemma_.lower() in lexicon("forecast_verbs") - {"warn"} and r.kind == "Pledge" \
            and not actors.same_side(r.actor, speaker):
        r.kind = "Forecast"  # "analysts predict that Tesla will ...": a prediction, whoever is to act
    if r.kind == "Pledge" and cand.trigger.lower_ in lexicon("readiness_adjs") and speaker is not None \
            and not actors.same_side(r.actor, speaker):
        r.kind = "Forecast"  # "the spy chief said Russia was ready to attack": a third party's reading of it
    if cand.rule == "forecast:expect" and cand.actor is not None and r.subject_actor is not None \
            and interested(r.subject_actor, cand.actor, actors):
        r.kind, r.issuer = "Demand", r.subject_actor  # "India expects rich countries to pay": a party asks another
    if r.kind == "Pledge" and rate_move(cand.action, r.actor, actors):
        r.kind = "Forecast"  # a central bank's rate move is a forecast, whoever signals it
    if r.kind in ("Pledge", "Forecast") and faces_sanction(cand.action):
        # "platforms will face fines of up to $50 million": the authority that would fine them threatens
        authority = (actors.speaks_for(speaker) if speaker and actors.by_id[speaker].kind != "Person" else None) \
            or (actors.speaks_for(speaker) if speaker in actors.affiliation else None) \
            or actors.most_mentioned_before(cand.action.i, PUBLIC_KINDS) or actors.main_state()
        if authority is not None and authority != r.actor:
            cand.addressee = cand.addressee or r.actor
            r.kind, r.actor, r.issuer = "Threat", authority, r.issuer or authority
    if r.kind == "Pledge" and is_passive(cand.action) and sanction(cand.action) and r.patient is not None \
            and r.actor is not None and not actors.same_side(r.patient, r.actor):
        r.kind = "Threat"  # "troops still there after May 1 will be held liable": a sanction on another party
        cand.addressee = cand.addressee or r.patient
    if r.kind == "Threat" and cand.condition is None and cand.addressee is None:
        return "threat without a condition"
    if r.kind == "Pledge" and cand.condition is not None and (sanction(cand.action) or unmet(cand.condition)):
        r.kind = "Threat"  # "if talks fail ..., the blockade will continue"
    if r.kind == "Forecast" and cand.condition is not None and actors.same_side(r.actor, speaker) \
            and (sanction(cand.action) or cand.rule == "modal:possible"):
        r.kind = "Threat"  # "we could strike back if ...": a possibility one's own side holds out
    return None


def _settle_issuer(cand: Candidate, r: Reading, actors: ActorIndex) -> list[str]:
    """Who issued the statement where no rule said so; the sources a pledge reported by a third party cites."""
    sources: list[str] = []
    if r.kind == "Pledge" and r.speaker is not None and r.issuer is None and not actors.same_side(r.actor, r.speaker):
        r.issuer, sources = r.actor, [r.speaker]  # "Budanov said Russia plans ...": Russia pledged; Budanov the source
    if r.issuer is None and r.kind in ("Pledge", "Threat"):
        r.issuer = r.speaker or r.actor
    elif r.issuer is None and r.kind == "Forecast":
        # "the company expects to complete ...": guidance about oneself is issued by oneself
        r.issuer = r.speaker or (r.actor if cand.rule.startswith("forecast") and cand.actor is None else None)
    return sources


@lru_cache(maxsize=4)
def _sentence_hedges(sent: SpacySpan) -> tuple[Token, ...]:
    """The sentence's auxiliaries, adverbs and hedge words, found once for all its candidates."""
    hedges = lexicon("hedges_alleged")
    return tuple(t for t in sent if t.dep_ in ("aux", "advmod") or t.lower_ in hedges)


def _drop(cand: Candidate, reason: str) -> None:
    """A candidate given up, with the reason logged at DEBUG level."""
    log.debug("dropped %s at %r (%s): %s", cand.rule, cand.trigger.text, cand.trigger.sent.text[:80], reason)
    return None


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


