"""Names: how news writes one actor's name: a title run into a name, a surname or an acronym standing for
the full name, a minister's portfolio for the ministry, a company's legal designator, a common noun that
only looks like a brand."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from pledgegraph.loaders.gazetteer import clean_name
from pledgegraph.loaders.lexicons import lexicon

NER_KIND = {"PERSON": "Person", "ORG": "Organization", "GPE": "Region", "NORP": "ActorGroup"}  # the model's tags

if TYPE_CHECKING:
    from pledgegraph.loaders.actors import ActorIndex


def name_parts(ent: SpacySpan) -> list[SpacySpan]:
    """"Brandt Minerals Chairman Piet Olsen" tagged as one name: the organisation before the title and
    the person after it, without the title; "chipmaker Orvel Systems": the name without the lower-case word."""
    doc, roles = ent.doc, lexicon("role_nouns")
    lead = ent.start
    while lead < ent.end - 1 and (doc[lead].is_lower and doc[lead].pos_ in ("NOUN", "ADJ") or (
            doc[lead].is_sent_start and doc[lead].lower_ in lexicon("company_nouns"))):  # "Steelmaker X said"
        lead += 1
    if lead > ent.start:
        ent = SpacySpan(doc, lead, ent.end, label=ent.label_)
    first = next((i for i in range(ent.start, ent.end - 1) if doc[i].lemma_.lower() in roles
                  and doc[i + 1].pos_ == "PROPN" and doc[i + 1].lemma_.lower() not in roles), None)
    if first is None:
        return [ent]
    start = first
    while start > ent.start and doc[start - 1].lemma_.lower() in roles:
        start -= 1  # "Chief Executive Officer" before the name
    person = doc[first + 1:ent.end]
    if len(person) < 2 and ent.label_ != "PERSON":
        return [ent]  # "Central Bank Executive Board" names no person
    parts = [SpacySpan(doc, ent.start, start, label=ent.label_)] if start > ent.start else []
    return parts + [SpacySpan(doc, first + 1, ent.end, label="PERSON")]


def full_name(label: str, start: int, full_names: list[tuple[int, str]]) -> str | None:
    """The full name a surname stands for: the last one named before it with that surname, else the first;
    the longest form of that name ("Dar" after "Ishaq Dar" and "Mohammed Ishaq Dar" is the latter)."""
    same = [(i, name) for i, name in full_names if _ends_with(name, label.split()[-1:])]
    longer = [(i, name) for i, name in same if _ends_with(name, label.split()) and len(name) > len(label)]
    same = longer or same  # "De Moraes" is Alexandre De Moraes, even where named before him
    before = [name for i, name in same if i <= start]
    chosen = before[-1] if before else (same[0][1] if same else None)
    return max((name for _, name in same if _ends_with(name, chosen.split())), key=len) if chosen else None


def _ends_with(name: str, words: list[str]) -> bool:
    return name.split()[-len(words):] == words


def spelled_out(label: str, index: ActorIndex) -> str | None:
    """The organisation named earlier whose initials an acronym is: "LDP" of "Liberal Democratic Party"."""
    if not is_acronym(label):
        return None
    return next((a.id for a in index.by_id.values() if a.kind != "State" and initials(a.label) == label), None)


def is_acronym(label: str) -> bool:
    return 2 <= len(label) <= 6 and label.isalpha() and label.isupper()


def initials(label: str) -> str:
    """The initials of a name of two words or more ("Value Added Tax" -> "VAT"); "" for a shorter one."""
    words = [w for w in re.split(r"[\s-]+", label) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def portfolio(ent: SpacySpan, label: str) -> str:
    """The office a minister's portfolio names: "the Minister of Home Affairs" heads the Ministry of Home Affairs,
    "the Secretary for Transport" the Department for Transport."""
    words = label.split()
    if len(words) > 2 and words[0].lower() in ("minister", "secretary") and words[1] in ("of", "for"):
        title, prep, label = words[0].lower(), words[1], " ".join(words[2:])  # the recogniser took the title in
    else:
        title, prep = ent.root.head.head.lemma_.lower(), ent.root.head.lower_
        if ent.root.dep_ != "pobj" or prep not in ("of", "for") or title not in ("minister", "secretary"):
            return label
    if ent.label_ != "ORG" or label.lower().startswith(("ministry", "department")):
        return label
    return f"{'Ministry' if title == 'minister' else 'Department'} {prep} {label}"


def common_noun(ent: SpacySpan) -> bool:
    """A one-word name read as a common noun: "the upcoming Budget" is no car-rental firm."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return len(ent) == 1 and before is not None and before.dep_ in ("det", "amod") and not before.ent_type_


def described_as_company(ent: SpacySpan) -> bool:
    """A name whose own phrase calls it a company: "chipmaker Orvel Systems", "Trevo, the logistics unit"."""
    words = [c for c in ent.root.children if c.dep_ in ("compound", "appos") and c.i not in range(ent.start, ent.end)]
    return any(w.lemma_.lower() in lexicon("company_nouns") for w in words)


DESIGNATORS = {"corp", "corporation", "inc", "incorporated", "ltd", "limited", "co", "plc", "ag", "sa", "nv", "se",
                "group", "holdings", "motor", "motors", "company", "llc"}


def company_base(label: str) -> str:
    """"Toyota Motor Corp." -> "Toyota": a company's name without its legal designators."""
    words = label.replace(".", "").split()
    while len(words) > 1 and words[-1].lower() in DESIGNATORS:
        words.pop()
    return " ".join(words)


def judicial(names: Iterable[str]) -> bool:
    """Whether a person's names or their body's name say they sit on a court ("Judge X", "Supreme Court")."""
    return any(word in lexicon("court_words") for name in names for word in name.lower().split())


def names_a_measure(label: str) -> bool:
    """"Value Added Tax", "the upcoming Budget": the name of a tax, law or budget, never of an actor."""
    return bool(label.split()) and label.split()[-1].lower() in lexicon("measure_names")


def names_a_facility(label: str) -> bool:
    """"the Purple Line", "Hinkley Point C plant": a name of two words or more for a built thing, never an actor."""
    return len(label.split()) > 1 and label.split()[-1].lower() in lexicon("facility_names")


def names_a_thing(label: str) -> bool:
    """A name of a measure or a facility, which the recogniser may take for an actor's."""
    return names_a_measure(label) or names_a_facility(label)


def measures_named(names: list[str]) -> set[str]:
    """The acronyms of the measures among some names: "VAT" where "Value Added Tax" is named."""
    return {initials(name) for name in names if names_a_measure(name)} - {""}


def relabelled(ents: list[SpacySpan]) -> list[SpacySpan]:
    """The model's names, where a name it tagged as an actor elsewhere in the article keeps that tag wherever it
    tags it otherwise ("Kestrel Energy" an organisation, later a facility): one name, one kind of bearer; and a
    name it missed beside one it tagged ("Shell and BP plan to ...") is of the same kind."""
    kinds = {ent.text: ent.label_ for ent in ents if ent.label_ in NER_KIND}
    found = [SpacySpan(ent.doc, ent.start, ent.end, label=kinds[ent.text])
             if ent.label_ not in NER_KIND and ent.text in kinds else ent for ent in ents]
    return sorted(found + _conjoined_names(found), key=lambda e: e.start)


def _conjoined_names(ents: list[SpacySpan]) -> list[SpacySpan]:
    """Proper names coordinated with a tagged organisation or person that the model left untagged."""
    tagged = {t.i for ent in ents for t in ent}
    added = []
    for ent in ents:
        if ent.label_ not in ("ORG", "PERSON"):
            continue
        for conj in ent.root.conjuncts:
            words = [t for t in conj.subtree if t.i <= conj.i and (t == conj or t.dep_ in ("compound", "flat"))]
            if conj.pos_ == "PROPN" and not any(t.i in tagged for t in words) and conj.text[:1].isupper():
                added.append(SpacySpan(ent.doc, min(t.i for t in words), conj.i + 1, label=ent.label_))
                tagged.update(t.i for t in words)
    return added


_WRITTEN_MAX = 16  # tokens: a longer stretch between two parties' names is not one name for both


def written_together(index: ActorIndex, parts: list[Token]) -> str | None:
    """The words that name a coordination of organisations or places, from its first party's name to its last's
    ("Green Party, Farmers' Union (the rural party) and Liberal Alliance"); None where a party
    is a person (whose full names say more), a description or a demonym ("Egyptian and Qatari mediators")."""
    named = [index.by_token.get(t.i) for t in parts]
    if any(a is None or index.by_id[a].kind == "Person" or t.dep_ == "amod" for t, a in zip(parts, named)):
        return None
    start, end = _name_edges(index, parts[0])[0], _name_edges(index, parts[-1])[1]
    words = index.doc[start:end]
    if end - start > _WRITTEN_MAX or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    kept = [t for t in words if not (t.dep_ == "det" and t.head.i in index.by_token)]  # "the Farmers Union"
    return clean_name("".join(t.text_with_ws for t in kept)) or None


def _name_edges(index: ActorIndex, tok: Token) -> tuple[int, int]:
    """Where the name a conjunct heads begins and ends."""
    actor = index.by_token[tok.i]
    start, end = tok.i, tok.i + 1
    while start > 0 and index.by_token.get(start - 1) == actor:
        start -= 1
    while end < len(index.doc) and index.by_token.get(end) == actor:
        end += 1
    return start, end
