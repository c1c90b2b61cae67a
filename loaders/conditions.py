"""Conditions: which demand a conditional statement depends on, and the demand an ultimatum implies."""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.grammar import infinitive, subject_of
from pledgegraph.loaders.records import Statement
from pledgegraph.loaders.wording import action_text, phrase


_UNMET = re.compile(r"\b(not|n't|never|unless|fails?|failed|miss(es|ed)?|refuses?|without|rejects?)\b")


def unmet(condition: Token) -> bool:
    """A condition that something fails to happen: "if X is not met", "unless ...", "if Y fails to ..."."""
    words = {t.lower_ for t in condition.subtree} | {t.lemma_.lower() for t in condition.subtree}
    return bool(words & {"not", "n't", "never", "unless", "fail", "miss", "refuse", "without", "reject"})


def implied_demand(threat: Statement, sent: SpacySpan, actors: ActorIndex) -> Statement | None:
    """A dated threat on an unmet condition is an ultimatum: its condition is a demand on whoever must act."""
    if threat.kind != "Threat" or threat.condition is None or threat.deadline is None:
        return None
    doc = sent.doc
    cond = next((t for t in sent if t.dep_ == "advcl" and phrase(t) == threat.condition), None)
    if cond is None or not unmet(cond):
        return None
    subj = subject_of(cond)
    target = actors.resolve(subj) if subj is not None and subj.dep_ != "nsubjpass" else None
    if target is None:  # "if the treaty is not signed": the threatened party must act
        target = next((actors.named(t) for t in doc[sent.start:sent.end] if actors.named(t)
                       and t.i > cond.i - 12 and actors.named(t) not in (threat.actor, threat.issuer)
                       and not actors.same_side(actors.named(t), threat.actor)), None)
    if target is None or actors.same_side(target, threat.actor):
        return None
    asked = infinitive(cond) if cond.lemma_.lower() in ("fail", "refuse", "neglect") else None
    return Statement(kind="Demand", evidence=threat.evidence, action=action_text(asked or cond), actor=target,
                     issuer=threat.issuer, deadline=threat.deadline, certainty=threat.certainty,
                     reporter=threat.reporter, sources=list(threat.sources), rule="derived:ultimatum",
                     confidence=0.5)


def link_conditions(statements: list[Statement], actors: ActorIndex) -> None:
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


def due(st: Statement) -> str | None:
    return st.deadline.value if st.deadline else None


def drop_superseded(statements: list[Statement], earlier: set[int]) -> list[Statement]:
    """An ultimatum restated with a new deadline replaces the older one: a dated demand told in the past
    perfect gives way to a demand of the same issuer on the same actor with another deadline."""
    def replaced(i: int) -> bool:
        old = statements[i]
        return i in earlier and old.kind == "Demand" and old.deadline is not None and any(
            j not in earlier and new.kind == "Demand" and new.actor == old.actor and new.issuer == old.issuer
            and new.deadline is not None and due(new) != due(old) for j, new in enumerate(statements))
    return [st for i, st in enumerate(statements) if not replaced(i)]
