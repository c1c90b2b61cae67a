"""A candidate statement, as a trigger rule finds it, and the clauses that bear on whether it commits anyone: its
condition ("if talks fail"), a refusal or a negated commitment that governs it ("refused to join")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from pledgegraph.loaders.grammar import is_negated
from pledgegraph.loaders.lexicons import lexicon


FUTURE = {"will", "shall", "'ll", "wo", "would"}
_CONDITION_MARKS = {"if", "unless", "provided", "providing"}


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
    plan: Token | None = None  # a plan noun the deadline hangs on ("unveiled a budget for 2026")


def condition_clause(tok: Token) -> Token | None:
    """The head of an 'if'/'unless' clause attached to a verb (or to the verb it is coordinated with)."""
    for head in (tok, tok.head if tok.dep_ in ("conj", "xcomp") else None):
        if head is None:
            continue
        for child in head.children:
            if is_condition(child):
                return child
            if child.dep_ == "prep" and child.lower_ == "without" and child.i > tok.i \
                    and any(o.lemma_.lower() in lexicon("pledge_nouns") for o in child.children):
                return child  # "will be hunted down without a deal": unless there is one
    return None


def sentence_condition(tok: Token) -> Token | None:
    """"threatening to strike from May 1, if the county fails to pay": an if-clause the parser hung elsewhere."""
    return next((t for t in tok.sent if is_condition(t) and not t.is_ancestor(tok)), None)


def is_condition(clause: Token) -> bool:
    """An adverbial clause opened by "if", "unless", "provided"."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in clause.children)


def declined(tok: Token) -> bool:
    """"refused to join", "failed to agree", "did not agree to cut": no commitment."""
    head = tok.head
    return tok.dep_ in ("xcomp", "ccomp") and (head.lemma_.lower() in lexicon("refusal_verbs")
                                               or (is_negated(head) and head.lemma_.lower() in COMMITTING))


COMMITTING = {"commit", "agree", "decide", "promise", "pledge"}
