"""Timing: the deadline of a candidate statement, and whether the time it hangs on looks forward at all
(not when something was said, not a routine event, not a past event or a present state)."""
from __future__ import annotations

from dataclasses import replace
from itertools import islice

from spacy.tokens import Doc, Token

from pledgegraph.loaders.attribution import Frame
from pledgegraph.loaders.deadlines import TimeExpression
from pledgegraph.loaders.lexicons import lexicon, word_in
from pledgegraph.loaders.records import Article, Deadline
from pledgegraph.loaders.grammar import aux_words, first_conjunct
from pledgegraph.loaders.candidate import FUTURE, Candidate


def _finite_head(verb: Token) -> Token | None:
    """The finite verb an infinitive or participle hangs on ("was" in "the goal was to close ...")."""
    for t in [verb, *verb.ancestors]:
        if t.pos_ in ("VERB", "AUX") and (t.tag_ in ("VBD", "VBZ", "VBP") or aux_words(t) - {"to"}):
            return t
        if t.dep_ not in ("xcomp", "pcomp", "prep", "acomp", "advcl"):
            return None
    return None


def routine(verb: Token) -> bool:
    """"will meet in Oslo", "talks will be held on Monday": a meeting, trip or ceremony, not a commitment."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.lemma_.lower() in lexicon("routine_events") and not objects:
        return True  # "will meet in Oslo", not "will meet the target" nor "the target will be met"
    if verb.lemma_.lower() in ("be", "have") and any(t.lemma_.lower() in lexicon("routine_events")
                                                     for t in verb.subtree if t.pos_ == "NOUN"):
        return True  # "will be in Osaka for a meeting", "will have a series of meetings"
    events = [*objects, *(c for c in verb.children if c.dep_ == "nsubj")]
    if verb.dep_ in ("acl", "relcl"):
        events.append(verb.head)  # "the summit starting Tuesday", "talks that open on Monday"
    return any(c.lemma_.lower() in lexicon("routine_events") for c in events)


def not_forward(verb: Token, frame: Frame | None) -> str | None:
    """Why a verb with a forward time expression states no commitment, if it does not."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon("reporting_verbs") or (frame is not None and frame.verb == verb):
        return "the time is when it was said"
    if routine(verb):
        return "a routine event"
    aux = aux_words(verb)
    if verb.tag_ == "VBD" and not aux or aux & {"has", "have", "had"} and verb.tag_ == "VBN" or "did" in aux:
        return "a past event"
    finite = _finite_head(verb)
    if finite is not None and finite != verb and finite.tag_ == "VBD" and not aux_words(finite) & FUTURE \
            and finite.lemma_.lower() not in lexicon("reporting_verbs"):
        return "a past plan"  # "the goal was to close 13 plants by 2030"
    if (lemma == "be" or verb.norm_ in ("be", "are", "is", "am")) and not aux & FUTURE:
        return "a state, not an action"
    return None


def deadline_of(cand: Candidate, times: list[TimeExpression], spare: TimeExpression | None = None) -> Deadline | None:
    """The time expression attached nearest to the action (or to its condition); else the sentence's spare one."""
    # "keep it open after 2030", "extend it beyond March": a time after which the action goes on is no deadline;
    # "soldiers who stay after June 1 will be held liable": one that dates its condition is
    own = {t.i for t in cand.action.subtree} - {t.i for c in cand.action.children
                                                if c.dep_ in ("nsubj", "nsubjpass", "advcl") for t in c.subtree}
    inside = [t for t in in_scope(cand, times) if t.relation != "after" or t.head not in own]
    inside = inside or ([spare] if spare is not None and spare.relation != "after" else []) \
        or _main_clause_due(cand, times)
    if not inside:
        return None
    doc = cand.action.doc
    best = min(inside, key=lambda t: (_rank(t, doc), abs(t.head - cand.action.i)))
    return Deadline(best.values[0], best.words, tuple(v for v in best.values[1:] if v != best.values[0]))


def _main_clause_due(cand: Candidate, times: list[TimeExpression]) -> list[TimeExpression]:
    """"With the assembly expected to approve it, all steps will be done by year-end": an adverbial clause with no
    date of its own is due when its main clause is."""
    if cand.trigger.dep_ != "advcl":
        return []
    main = cand.trigger.head
    own = {t.i for t in main.subtree} - {t.i for t in cand.trigger.subtree}
    return [t for t in times if t.head in own and t.relation in ("by", "until", "before", "within")]


def spare_deadline(times: list[TimeExpression], found: list[Candidate]) -> TimeExpression | None:
    """"By the end of 2026, the first phase of the plan: the line opens": a sentence's one deadline, lent to a
    statement whose phrase has none, unless a statement of the sentence has it in its own phrase."""
    if len(times) != 1 or times[0].relation not in ("by", "until", "within", "before", "in"):
        return None
    claimed = any(in_scope(c, times) for c in found if c.rule != "time:forward")
    return None if claimed else times[0]


def in_scope(cand: Candidate, times: list[TimeExpression]) -> list[TimeExpression]:
    """The time expressions within the phrase of a candidate: its action, trigger, condition; a coordinated
    clause of its own, or a coordinated verb with a date of its own, keeps its date to itself."""
    action = cand.action
    scope = {t.i for t in action.subtree}
    if cand.trigger.pos_ == "NOUN" or cand.rule.startswith(("expectation", "control", "demand", "ultimatum")):
        scope |= {t.i for t in cand.trigger.subtree}
    if cand.trigger.dep_ == "relcl":
        scope |= {t.i for t in cand.trigger.head.subtree}
    noun = first_conjunct(cand.trigger)
    if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "obj"):
        for prep in noun.head.children:  # "proposed a target for 2040"
            if prep.dep_ == "prep" and prep.i > noun.i:
                scope |= {t.i for t in prep.subtree}
    if cand.condition is not None:
        scope |= {t.i for t in cand.condition.subtree}
    for conj in action.children:
        if conj.dep_ == "conj" and (any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
                                    or word_in(conj, "threat_verbs") or word_in(conj, "demand_verbs")):
            scope -= {t.i for t in conj.subtree}
    for conj in dated_conjuncts(action, times):
        scope -= {t.i for t in conj.subtree}
    doc = action.doc
    if action in dated_conjuncts(action.head, times):  # the other verbs' dates are theirs
        scope -= {t.i for t in action.head.subtree} - {t.i for t in action.subtree}
    # "the assembly, which convenes on Dec. 2, is expected to approve it": an aside about the subject has its own
    # time; a restrictive clause does not ("soldiers who stay after June 1 will be held liable": its condition)
    for verb in (cand.trigger, action):
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            for clause in (c for c in subject.children if c.dep_ == "relcl" and not c.is_ancestor(action)
                           and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","):
                scope -= {t.i for t in clause.subtree}
    chars = {doc[i].idx for i in scope}
    return [t for t in times if t.head in scope or not chars.isdisjoint(range(t.begin, t.end))]


def _rank(t: TimeExpression, doc: Doc) -> int:
    """Deadlines proper first ("by 2030"), then points in time, then starting points ("from 2025")."""
    if t.relation in ("by", "until", "within", "before"):
        return 0
    head = doc[t.head]
    near = [head, *islice(head.ancestors, 2)]
    if t.relation in ("from", "since") or any(a.lower_ == "from" and a.dep_ == "prep" for a in near):
        return 2
    return 1


def is_today(t: TimeExpression, doc: Doc, article: Article) -> bool:
    """"Today's announcement", "Today, we ...": the reporting day qualifying an event or opening a sentence is
    no deadline."""
    span = doc.char_span(t.begin, t.end, alignment_mode="expand")
    opening = next((tok for tok in span[0].sent if not (tok.is_punct or tok.is_space)), None) if span else None
    if span is not None and span.text.lower() == "today" and span[0] == opening:
        return True  # "Today, we have a package of measures": the present, not a deadline
    if span is None or not any(tok.dep_ == "poss" for tok in span):
        return False
    # "Friday's announcement", "today's meeting": a day qualifies an event; "next year's target" may be a deadline
    return len(t.values[0]) == 10 or (article.published is not None and t.values[0] <= article.published.isoformat())


def reporting_time(t: TimeExpression, sentence_frames: list[Frame]) -> bool:
    """"X said on Tuesday (that) ...", "said in May they will ...": when it was said, not a deadline."""
    for frame in sentence_frames:
        verb = frame.verb
        after = verb.doc[verb.i + 1:verb.i + 4]
        # (not "threatened to strike on October 1": the time of a verb of its own)
        between = [tok for tok in after if tok.idx < t.begin]
        if len(after) and after[0].idx <= t.begin <= after[-1].idx and t.relation in ("on", "in", "", "at", "last") \
                and not any(tok.pos_ in ("VERB", "AUX") or tok.lower_ == "to" for tok in between):
            return True
    return False


def told_in_past(cand: Candidate) -> bool:
    """An undated plan noun under a verb in the simple past is most often history ("the plan was to ...",
    "it shelved plans to ..."); a verb of committing told in the past still binds ("the two nations agreed to
    ...": GUIDE, past statements with future content)."""
    if cand.trigger.pos_ == "NOUN":
        verb = next((a for a in cand.trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        return verb is not None and verb.tag_ == "VBD"
    return False


def dated_conjuncts(verb: Token, times: list[TimeExpression]) -> list[Token]:
    """"plans to close two plants by 2027 and open one by 2029": verbs coordinated with `verb` that have a date
    of their own while `verb` has one too; each is a statement of its own."""
    heads = {t.head for t in times}
    conjs = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
             and not any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)]
    dated = [c for c in conjs if heads & {t.i for t in c.subtree}]
    rest = {t.i for t in verb.subtree} - {t.i for c in dated for t in c.subtree}
    return dated if dated and heads & rest else []


def split_dated(found: list[Candidate], times: list[TimeExpression]) -> list[Candidate]:
    """The candidates, and one more for each verb coordinated with an action that has a date of its own."""
    out: list[Candidate] = []
    queue = list(found)
    while queue:
        cand = queue.pop(0)
        out.append(cand)
        queue += [replace(cand, action=v) for v in dated_conjuncts(cand.action, times)
                  if not any(c.action == v for c in [*out, *queue])]
    return out
