"""Wording: the evidence sentence, the action and the amount, as the article phrases them."""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan, Token

from pledgegraph.loaders.records import Span
from pledgegraph.loaders.candidate import condition_clause


def is_bullet(sent: SpacySpan) -> bool:
    return sent.text.lstrip().startswith(("\u2022", "\u00b7", "* ", "- "))


def evidence_span(sent: SpacySpan) -> Span:
    """The sentence, without surrounding whitespace and list bullets."""
    text = sent.text
    lead = len(text) - len(text.lstrip(" \t\n\u2022\u00b7*-"))
    body = text.strip(" \t\n\u2022\u00b7*-")
    begin = sent.start_char + lead
    return Span(begin, begin + len(body), body)


def phrase(tok: Token) -> str:
    tokens = list(tok.subtree)
    return tok.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,;")


def action_text(tok: Token, apart: Iterable[Token] = ()) -> str:
    """What is to be done, as a verb phrase: the action word and what follows it in its phrase, without
    its subject, modal, negation (a statement carries that apart), sentence adverbials, condition or a
    clause with a subject of its own ("will not cut jobs, the CEO said" -> "cut jobs")."""
    drop = {t.i for verb in apart for t in verb.subtree}  # coordinated verbs that are statements of their own
    condition = condition_clause(tok)
    for child in tok.children:
        before = child.i < tok.i and child.dep_ not in ("auxpass", "prt")  # keep a passive "be", a particle
        if before or child == condition or _own_clause(child) \
                or child.dep_ in ("nsubj", "nsubjpass", "mark", "parataxis") \
                or (child.dep_ == "prep" and child.lower_ in ("according", "despite")) or _absolute(child):
            drop |= {t.i for t in child.subtree}
    words = [t for t in tok.subtree if t.i not in drop]
    while len(words) > 1 and (words[-1].is_punct or words[-1].is_space or words[-1].dep_ == "cc"):
        words.pop()
    text = re.sub(r"\s*\([^()]*$", "", _contiguous(words))  # an abbreviation cut from its closing bracket
    return text.strip(" ,;:\"“”'")[:300] if words and text else tok.text


def _absolute(child: Token) -> bool:
    """", with Peru pledging to free detainees": another party's act told alongside, not this one's."""
    if child.dep_ != "prep" or child.lower_ != "with":
        return False
    told = [t for t in child.children if t.dep_ in ("pcomp", "pobj")]
    return any(t.tag_ == "VBG" and any(c.dep_ == "nsubj" for c in t.children) for t in told) \
        or any(g.tag_ == "VBG" for t in told if t.pos_ == "PROPN" for g in t.children)


def _own_clause(child: Token) -> bool:
    """A coordinated or adverbial clause with a subject or a modal of its own: a statement of its own."""
    return child.dep_ in ("conj", "advcl") and child.i > child.head.i \
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") or (c.dep_ == "aux" and c.lower_ != "to")
                for c in child.children)  # "..., while X will ...", "... and will face ..."


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


def amount(action: Token, trigger: Token | None = None) -> str | None:
    """The first sum of money or share in the action ("spend $1.1 trillion"), else in the trigger's object
    ("pledged $80 billion to build ...")."""
    spans = [(action.left_edge.i, action.right_edge.i)]
    if trigger is not None:
        spans += [(c.left_edge.i, c.right_edge.i) for c in trigger.children if c.dep_ in ("dobj", "obj")]
    for left, right in spans:
        for ent in action.doc.ents:
            if ent.label_ in ("MONEY", "PERCENT") and left <= ent.start <= right:
                return ent.text
    return None
