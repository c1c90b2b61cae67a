"""Antecedents: what a phrase that points back refers to, among the actors an article named before it ("the
parties" -> the parties last named together, "the rebel group" -> the actor last described so, "both sides" -> the
two named most, "it" -> the speaker's institution)."""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from pledgegraph.loaders.grammar import in_subject, names_a_pair
from pledgegraph.loaders.names import written_together

if TYPE_CHECKING:
    from pledgegraph.loaders.actors import ActorIndex

PAIR_NOUNS = {"side", "party", "nation", "country", "state", "government", "leader"}
_PARTY_KINDS = {"State", "Region", "Organization", "ActorGroup", "IntergovernmentalOrganization", "GovernmentBody"}


def coordinated_before(index: ActorIndex, i: int, size: int | None = None, sentences: int | None = None) -> str | None:
    """The parties last named together before token i ("Peru and Chile agreed", "a truce between Peru and
    Chile"), as one group; with `size`, only so many; with `sentences`, only in the last few sentences."""
    first = 0
    if sentences:  # walk back from token i's sentence (no list of all sentences per pronoun)
        sent = index.doc[i].sent
        for _ in range(sentences - 1):
            sent = index.doc[sent.start - 1].sent if sent.start > 0 else sent
        first = sent.start
    for tok in reversed(index.doc[first:i]):
        if tok.lemma_.lower() in PAIR_NOUNS and names_a_pair(tok) and tok.i not in index.by_token:
            found = index.resolve(tok)  # "the two nations agreed ... they will"
            if found and (size is None or len(index.by_id[found].members) == size):
                return found
        if tok.dep_ != "conj" or tok.head.dep_ == "conj":
            continue
        members: list[str] = []
        parts: list[Token] = []
        for part in [tok.head, *tok.head.conjuncts]:
            member = _party(index, part)
            if member and member not in members:
                members.append(member)
                parts.append(part)
        if len(members) >= 2 and (size is None or len(members) == size):
            return index.group(members, written_together(index, parts))
    return None


def _party(index: ActorIndex, tok: Token) -> str | None:
    """The actor one conjunct names: itself, or its apposition ("the rebel movement, the Shining Front")."""
    if tok.pos_ != "NOUN" and tok.i not in index.by_token:
        return None  # (a name the first pass did not take is not adopted here)
    found = index.resolve(tok)  # "the Peruvian government", "the rebel movement, the Shining Front"
    return found if found and not index.by_id[found].members else None


def described_before(index: ActorIndex, head: Token) -> str | None:
    """The actor last described with the same noun ("the leftist guerrilla group, the ELN" ... "the rebel group";
    "Trevo, a Danish drugmaker" ... "the drugmaker")."""
    lemma = head.lemma_.lower()
    for tok in reversed(index.doc[:head.i]):
        if tok.pos_ == "NOUN" and tok.lemma_.lower() == lemma:
            name = apposition(tok)
            if name is not None and name.i in index.by_token:
                return index.by_token[name.i]
        if tok.dep_ == "appos" and tok.lemma_.lower() == lemma and tok.head.i in index.by_token:
            return index.by_token[tok.head.i]
    return None


def pair_before(index: ActorIndex, i: int) -> str | None:
    """The two parties named most before token i, as one group ("the two nations", "both sides")."""
    counts = Counter(a for start, a in index.order
                     if start < i and index.by_id[a].kind in _PARTY_KINDS and not index.by_id[a].members)
    first_seen = {a: n for n, (_, a) in reversed(list(enumerate(index.order)))}
    top = sorted(counts, key=lambda a: (-counts[a], first_seen[a]))[:2]
    return index.group(sorted(top, key=lambda a: first_seen[a])) if len(top) == 2 else None


def other_subject_before(index: ActorIndex, head: Token, own: set[str | None]) -> bool:
    """Whether an actor other than `own` is the subject of a clause before `head` in its sentence."""
    return any(index.by_token.get(t.i) not in own for t in head.sent
               if t.i < head.i and t.i in index.by_token and in_subject(t))


def apposition(head: Token) -> Token | None:
    """The name set beside a noun ("the rebel movement, the Shining Path"); in a coordination the parser often
    hangs it on the first conjunct, but it names the conjunct just before it."""
    conjuncts = sorted([head, *head.conjuncts], key=lambda t: t.i)
    for appos in (c for t in {conjuncts[0], head} for c in t.children if c.dep_ == "appos"):
        if max((t for t in conjuncts if t.i < appos.i), key=lambda t: t.i) == head:
            return appos
    return None


def says_both(head: Token) -> bool:
    return any(c.lower_ == "both" for c in head.children)
