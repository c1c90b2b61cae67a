"""Status reports: sentences that say how an earlier commitment stands, not new commitments.

"Germany met the 2% target", "the deadline passed without a deal", "the launch slipped to 2027", "the
government quietly dropped the pledge", "has so far delivered 40 of the 100 promised buses". A report is a
status verb (lexicons status_*.txt) told as done, past or perfect, never future, hedged or asked, in a clause
that names or recalls a commitment (commitment_words.txt: "its target", "the buses it promised") or, for a
verb that moves a date, with the new date. Recall first: which track a report belongs to is decided later,
across articles, by its actor and the words it shares with the track's statements (pledgegraph/tracking.py).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.deadlines import TimeExpression, find_times
from pledgegraph.loaders.gist import gist_of
from pledgegraph.loaders.grammar import is_negated, subject_of
from pledgegraph.loaders.lexicons import lexicon, word_in
from pledgegraph.loaders.records import Article, Deadline, StatusReport
from pledgegraph.loaders.wording import action_text, evidence_span

# Lexicon -> the status its verbs report (status_revised: superseded with a new date, else stalled).
VERB_STATUSES = [("status_kept", "kept"), ("status_broken", "broken"), ("status_withdrawn", "withdrawn"),
                 ("status_revised", "superseded"), ("status_progress", "inProgress"),
                 ("status_stalled", "stalled")]
NOT_DONE = {"will", "would", "shall", "may", "might", "could", "should", "must", "can", "to", "'ll"}
PARTLY = {"partly", "partially", "only", "halfway"}
LAPSE_VERBS = {"pass", "expire", "lapse", "elapse"}
PARTICLE_VERBS = {"push", "move"}  # move a date only with "back"
# Objects that a status verb makes rather than keeps: an agreement "reached", an ultimatum "delivered".
MADE_NOT_KEPT = {"agreement", "deal", "accord", "truce", "ceasefire", "compromise", "settlement", "consensus",
                 "understanding", "ultimatum", "warning", "speech", "message"}
CONDITIONAL = {"if", "unless", "whether", "once"}
STALLING = {"delay", "postpone", "defer", "slip", "reschedule"}  # without a new date: stalled
TRUE_WORDS = {"true", "right", "correct", "accurate"}
HAPPEN = {"materialise", "materialize", "happen"}
FALSE_WORDS = {"wrong", "false", "mistaken", "premature"}


def find(doc: Doc, article: Article, actors: ActorIndex) -> list[StatusReport]:
    """Every status report of the article, at most one per status verb."""
    reports: list[StatusReport] = []
    for sent in doc.sents:
        if sent.text.strip().endswith("?"):
            continue
        times: list[TimeExpression] | None = None  # read only for a sentence with a status verb
        for tok in sent:
            status = _status(tok)
            if status is None or not _told_as_done(tok):
                continue
            if times is None:
                times = [t for t in find_times(sent, article.published, True) if not t.in_name]
            report = _report(tok, status, sent, times, actors)
            if report is not None:
                reports.append(report)
    return reports


def _report(tok: Token, status: str, sent: SpacySpan, times: list[TimeExpression],
            actors: ActorIndex) -> StatusReport | None:
    clause = list(tok.subtree)
    recalls = any(word_in(t, "commitment_words") for t in _clause_and_head(tok, clause))
    new_date = _new_date(tok, times) if status == "superseded" else None
    if status == "superseded" and new_date is None:
        status = "stalled" if recalls and tok.lemma_.lower() in STALLING else ""
    if not status or not (recalls or new_date is not None):
        return None
    if status in ("withdrawn", "kept", "broken") and tok.lemma_.lower() not in LAPSE_VERBS \
            and not _names_commitment(tok):
        return None  # "withdrew its troops", "kept the brand name": acts; "withdrew its offer", "kept its word"
    if status == "kept" and _partly(tok, clause):
        status = "partlyKept"
    named = new_date or _named_date(clause, times)
    deadline = Deadline(named.values[0], named.words) if named is not None else None
    told = _told_clause(tok)  # ", meeting its target" hangs on the clause that tells what was done
    gist = gist_of(t for t in clause + (list(told.subtree) if told is not None else []) if t != tok)
    if len(gist) < 2:
        gist = gist_of(t for t in sent if t != tok)
    whose = _whose(told, actors) if told is not None else None
    return StatusReport(status=status, evidence=evidence_span(sent), action=action_text(tok), gist=gist,
                        actor=whose or _whose(tok, actors), deadline=deadline, rule=f"status:{tok.lemma_.lower()}")


def _names_commitment(tok: Token) -> bool:
    """The verb's object (or a verb it governs: "failed to meet its goal") names a commitment: "dropped its
    plan", "withdrew the offer", "delivered 40 of the 100 promised buses", "demands are not met"."""
    verbs = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    return any(word_in(t, "commitment_words") for v in verbs for c in v.children
               if c.dep_ in ("dobj", "nsubjpass", "nsubj", "prep") for t in c.subtree)


def _told_clause(tok: Token) -> Token | None:
    """For a participle hanging on a clause ("built the buses, meeting its target") or on the reporting verb
    after it ("built the buses, the ministry said, meeting its target"): the verb of that clause."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG":
        return None
    head = tok.head
    if word_in(head, "reporting_verbs"):
        return next((c for c in head.children if c.dep_ == "ccomp"), None)
    return head


def _status(tok: Token) -> str | None:
    """The status a verb reports, negation and "failed to" read: "did not meet" and "failed to meet" are broken."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ != "VBN":
        return None
    lemma = tok.lemma_.lower()
    if lemma in LAPSE_VERBS:  # "the deadline passed (without a deal)"
        subject = subject_of(tok)
        return "broken" if subject is not None and word_in(subject, "commitment_words") else None
    if lemma == "fail" and any(c.dep_ == "xcomp" and (_verb_status(c) == "kept" or c.lemma_ in HAPPEN)
                               for c in tok.children):
        return "broken"
    if lemma == "fall" and any(c.lower_ == "short" for c in tok.children):
        return "broken"
    if lemma in ("come", "prove") and not is_negated(tok):  # a forecast that "came true", "proved wrong"
        said = {c.lower_ for c in tok.children if c.dep_ in ("acomp", "oprd", "attr", "xcomp")}
        return "kept" if said & TRUE_WORDS else "broken" if said & FALSE_WORDS else None
    if lemma in HAPPEN and (is_negated(tok) or any(c.lower_ == "never" for c in tok.children)):
        return "broken"  # "the predicted cut never materialised" ("failed to materialise": at "fail")
    status = _verb_status(tok)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "fail":
        return None  # read at "fail"
    if status is None:
        return "inProgress" if _on_track(tok) else ("stalled" if _on_hold(tok) else None)
    if is_negated(tok):
        return "broken" if status == "kept" else None
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if lemma == "carry" and "out" not in particles:
        return None  # "carried out the threat", not "carried the bill"
    if lemma in PARTICLE_VERBS and "back" not in particles:
        return None  # "pushed back the launch", not "pushed plans through parliament"
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
    if status in ("kept", "broken") and objects & MADE_NOT_KEPT:
        return None  # "reached an agreement", "delivered the ultimatum": a commitment made, not one kept
    return status


def _verb_status(tok: Token) -> str | None:
    return next((status for name, status in VERB_STATUSES if tok.lemma_.lower() in lexicon(name)), None)


def _on_track(tok: Token) -> bool:
    """ "is on track", "is under way" """
    return tok.lemma_ == "be" and any(
        c.dep_ == "prep" and c.lower_ in ("on", "under") and any(g.lower_ in ("track", "way") for g in c.children)
        for c in tok.children) or (tok.lemma_ == "be" and any(c.lower_ == "underway" for c in tok.children))


def _on_hold(tok: Token) -> bool:
    return tok.lemma_ in ("be", "put", "remain") and any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "hold" for g in c.children) for c in tok.children)


def _told_as_done(tok: Token) -> bool:
    """Past or perfect (or "is on track"), not under a modal, a future, an infinitive of intent or an "if"."""
    if any(c.lower_ in NOT_DONE for c in tok.children if c.dep_ in ("aux", "auxpass")):
        return False
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for a in (tok, *tok.ancestors) for c in a.children
           if a.dep_ in ("advcl", "ROOT") or a == tok) \
            or any(t.lower_ == "event" for t in (*tok.ancestors, *(t for t in tok.subtree if t.i < tok.i))):
        return False  # "if the agreement is breached", "in the event the demands are not met"
    if tok.dep_ in ("amod", "compound") or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() != "fail"):
        return False
    if tok.lemma_ in ("be", "put", "remain"):
        return True
    if any(c.dep_ == "aux" and c.lower_ == "did" for c in tok.children):
        return True  # "did not meet"
    return tok.tag_ in ("VBD", "VBN") or (tok.tag_ == "VBG" and tok.dep_ == "advcl")  # ", meeting its target"


def _clause_and_head(tok: Token, clause: list[Token]) -> list[Token]:
    """The verb's clause and, for ", meeting its target" or a relative clause, the words it hangs on."""
    extra = list(tok.head.subtree) if tok.dep_ in ("advcl", "relcl", "xcomp", "conj") else []
    return clause + extra


def _new_date(tok: Token, times: list[TimeExpression]) -> TimeExpression | None:
    """The date a commitment moved to: "slipped to 2027", "extended the deadline to June", "until March"."""
    own = {t.i for t in tok.subtree}
    moved = [t for t in times if t.head in own and t.relation in ("until", "by", "in", "", "on")
             and not t.past]
    to_dates = [t for t in times if t.head in own and not t.past and t.words.lower().startswith(("to ", "until "))]
    pick = to_dates or moved
    return pick[-1] if pick else None


def _named_date(clause: list[Token], times: list[TimeExpression]) -> TimeExpression | None:
    """A date the clause names the commitment by: "its 2026 target"."""
    own = {t.i for t in clause}
    return next((t for t in times if t.head in own), None)


def _partly(tok: Token, clause: list[Token]) -> bool:
    """ "partly met", "has so far delivered 40 of the 100 promised buses" """
    if any(c.lower_ in PARTLY for c in tok.children):
        return True
    return any(t.like_num and t.head.lower_ == "of" and t.head.head.like_num for t in clause) or (
        any(t.lower_ == "so" and t.nbor(1).lower_ == "far" for t in clause if t.i + 1 < len(t.doc)))


def _whose(tok: Token, actors: ActorIndex) -> str | None:
    """Whose commitment: the verb's subject, else the owner of what it names ("Norway's plan was dropped")."""
    subject = subject_of(tok)
    if subject is not None:
        found = actors.resolve(subject)
        if found is not None:
            return found
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None:
            return actors.resolve(owner)
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    owner = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
    if owner is not None:
        return actors.resolve(owner)
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return actors.resolve(agent) if agent is not None else None


__all__ = ["find", "VERB_STATUSES"]
