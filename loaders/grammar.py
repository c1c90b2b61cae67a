"""Grammar: what a parsed token says about its clause and its noun phrase: subject, auxiliaries, negation,
voice, infinitive complement, coordination, definiteness and count, read from the dependency parse alone."""
from __future__ import annotations

from spacy.tokens import Token

from pledgegraph.loaders.lexicons import lexicon


def aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def infinitive(tok: Token) -> Token | None:
    """The infinitive complement of a verb, adjective or noun ("plans to spend" -> spend)."""
    for child in tok.children:
        if child.dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl") and child.pos_ in ("VERB", "AUX") \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def is_passive(tok: Token) -> bool:
    """A passive verb, or one coordinated with a passive verb and sharing its subject; "would be the first ones to
    be released" is passive too (the subject undergoes it)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.lemma_ == "be" and any(c.dep_ == "attr" and (inf := infinitive(c)) is not None
                                  and any(a.dep_ == "auxpass" for a in inf.children) for c in tok.children):
        return True
    return tok.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in tok.children) and is_passive(tok.head)


def first_conjunct(tok: Token) -> Token:
    """"its growth and sales guidance": the conjunct that carries the phrase's role and owner."""
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    host = modal_host(verb)
    if host is not None and host != verb.head:
        return _subject(host)
    if verb.dep_ in ("conj", "advcl", "xcomp", "acomp", "oprd") and verb.head != verb:
        return _subject(verb.head)
    return None


def modal_host(verb: Token) -> Token | None:
    """"will increase ... and launch ...": the verb whose auxiliaries a conjoined verb shares, also where the
    parser hung a bare verb on a participle in between ("will increase it from the sum announced and launch")."""
    if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.tag_ == "VB" and verb.head.dep_ in ("acl", "relcl"):
        return next((a for a in verb.head.ancestors if a.tag_ == "VB" and any(c.dep_ == "aux" for c in a.children)),
                    verb.head)
    return verb.head


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited from a coordinated verb when it has none of its own; for a tensed verb
    the parser left without one, the name just before it ("While X major Tata Services (TCS) plans to ...")."""
    return _subject(verb) or _name_before(verb)


def _name_before(verb: Token) -> Token | None:
    if verb.tag_ not in ("VBZ", "VBD", "VBP") or verb.dep_ not in ("ccomp", "advcl", "conj"):
        return None
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].text in (")", "]"):
        i = verb.doc[i].head.i if verb.doc[i].head.i < i else i - 1  # "(TCS)" hangs on the name it abbreviates
    name = verb.doc[i]
    while name.dep_ in ("compound", "flat", "appos") and name.head.i < verb.i and name.head != name:
        name = name.head
    return name if name.pos_ == "PROPN" and i < verb.i else None


def partitive(subject: Token | None) -> Token | None:
    """"some of the new levies will be applied": the noun the quantity is of."""
    if subject is None or subject.lower_ not in ("some", "all", "most", "many", "none", "part", "each", "both"):
        return subject
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), subject) if of is not None else subject


def inherited_subject(verb: Token) -> Token | None:
    """"The company is working on conducting trials in May": the subject of the verb the phrase hangs on,
    never that of a reporting verb."""
    for head in verb.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in lexicon("reporting_verbs"):
                return None
            found = subject_of(head)
            if found is not None:
                return found
    return None


def names_a_pair(head: Token) -> bool:
    """"both sides", "the two nations", "the parties": two parties named before."""
    return any(c.lower_ in ("both", "two") for c in head.children) or (
        head.tag_ == "NNS" and head.lemma_.lower() in ("side", "party") and is_definite(head))


def in_subject(tok: Token) -> bool:
    """A subject, or the possessor or modifier of one ("Germany's minister said")."""
    return tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ in ("compound", "poss")
                                                   and tok.head.dep_ in ("nsubj", "nsubjpass"))


def is_definite(tok: Token) -> bool:
    """"the parties", "its plan": a phrase that points back."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their") for c in tok.children)


_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "a": 1, "an": 1}


def count_of(head: Token) -> int | None:
    """How many a noun phrase counts ("three officials" -> 3, "an official" -> 1)."""
    for child in head.children:
        if child.dep_ == "nummod":
            if child.like_num and child.text.isdigit():
                return int(child.text)
            return _NUMBERS.get(child.lower_)
    if head.tag_ == "NN":
        return 1
    return None
