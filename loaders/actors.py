"""Actors: the actors of one article (an ActorIndex, filled by mentions.py) and the resolution of noun
phrases ("Germany's finance minister", "U.S. officials", "the company", "he", "Kestrel Energy") to actors."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from pledgegraph.loaders.antecedents import (PAIR_NOUNS, apposition, coordinated_before, described_before,
                                             other_subject_before, pair_before, says_both)
from pledgegraph.loaders.gazetteer import Entry, clean_name, from_entry, gazetteer
from pledgegraph.loaders.grammar import count_of, in_subject, is_definite, names_a_pair
from pledgegraph.loaders.descriptions import (PRONOUNS, central_bank, describe, described_person, generic_body,
                                              owned_people)
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.names import NER_KIND, judicial, names_a_measure, names_a_thing, written_together
from pledgegraph.loaders.records import Actor, Span
from pledgegraph.ontology.iris import slug

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
# Definite descriptions that point back at the last actor of a kind ("the company", "the country").
_DESCRIPTIONS = {
    "State": {"country", "nation", "state", "kingdom", "republic"},
    "Region": {"province", "prefecture", "county", "canton", "territory"},
    "Organization": lexicon("company_nouns") | {"movement", "militia", "organisation", "organization"},
    "GovernmentBody": {"ministry", "department", "agency", "commission", "regulator", "service"},
    "IntergovernmentalOrganization": {"bloc", "alliance"},
}
_MEMBERS = {"ally", "allies", "member", "members"}
_NATIONS = {"nation", "country", "state", "government"}
_GOVERNMENT = {"government", "administration", "cabinet", "authorities", "executive"}
ORG_KINDS = {"Organization", "MediaOrganization", "GovernmentBody", "IntergovernmentalOrganization"}
GOVERNED = {"State", "Region"}  # a country, or a region that governs itself: what a government acts for
REGION_TITLES = {"governor", "premier"}  # "Governor Kathy Hochul" in an article about one region


@dataclass
class ActorIndex:
    """The actors of one article, which tokens name which actor, and who speaks for whom."""

    doc: Doc
    by_id: dict[str, Actor] = field(default_factory=dict)
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> actor id
    affiliation: dict[str, str] = field(default_factory=dict)  # person/body id -> the state or org it speaks for
    order: list[tuple[int, str]] = field(default_factory=list)  # (token index, actor id) in text order
    countries: set[str] = field(default_factory=set)  # the states the article names (see mentions._countries)
    home: Actor | None = None  # the state of the outlet's country-code domain, for an article that names none
    plain_names: dict[str, str] = field(default_factory=dict)  # "Washington" -> the region its governor speaks for

    def add(self, actor: Actor, span: SpacySpan) -> Actor:
        known = self.by_id.setdefault(actor.id, actor)
        text = clean_name(span.text)  # "the U.S." and "The U.S." are the alias "U.S."
        if text and text.lower() != known.label.lower() and text.lower() not in {a.lower() for a in known.aliases}:
            known.aliases.add(text)
        known.spans.append(Span(span.start_char, span.end_char, span.text))
        for tok in span:
            self.by_token[tok.i] = known.id
        self.order.append((span.start, known.id))
        return known

    def last_before(self, i: int, kinds: set[str] | None = None) -> str | None:
        """The actor named last before token i, optionally of some kinds only; an actor that was the
        subject of its clause is preferred within the current and the previous sentence (centering)."""
        sent_start = self.doc[i].sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        earlier = [(start, a) for start, a in reversed(self.order)
                   if start < i and (kinds is None or self.by_id[a].kind in kinds)
                   and self.doc[start].dep_ != "amod"]  # "the British company": the company is named, not Britain
        subjects = [a for start, a in earlier if start >= prev_start and in_subject(self.doc[start])]
        return subjects[0] if subjects else (earlier[0][1] if earlier else None)

    def main_state(self, dominant: bool = False) -> str | None:
        """The state the article names most often; with `dominant`, only one named twice as often as any other;
        if it names none (nor a region), the state of the outlet's domain ("the Cabinet" in a Sri Lankan paper)."""
        named = self._most_named("State", dominant)
        others = [a for a in self.by_id.values() if a.kind in GOVERNED and self.home and a.id != self.home.id]
        if named is None and self.home is not None and not others:
            return self.by_id.setdefault(self.home.id, self.home).id
        return named

    def national_state(self) -> str | None:
        """The sovereign state the article names most often: what "federal" or "national" refers to."""
        return self._most_named("State", False, sovereign=True)

    def main_region(self) -> str | None:
        """The region (a federated state, a province) the article names most often, if it names one."""
        return self._most_named("Region", False)

    def main_organization(self) -> str | None:
        """The company or organisation the article names most often, if it names one."""
        return self._most_named("Organization", False)

    def _most_named(self, kind: str, dominant: bool, sovereign: bool = False) -> str | None:
        counts = Counter(a for _, a in self.order if self.by_id[a].kind == kind
                         and (not sovereign or self.by_id[a].wikidata))  # gazetteer states carry their QID
        ranked = counts.most_common(2)
        if not ranked or (dominant and len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def side_of(self, actor_id: str) -> str:
        """The institution people speak for, one step up: a central bank's president speaks for the bank."""
        people = ("Person", "AnonymousSource")
        return self.affiliation.get(actor_id, actor_id) if self.by_id[actor_id].kind in people else actor_id

    def speaks_for(self, actor_id: str | None, stop_at_company: bool = False) -> str | None:
        """The state or organisation an actor speaks for (itself if none is known); with `stop_at_company`, the
        first company or bank on the way ("we" of Trevo's chief executive is Trevo, not its parent group)."""
        seen: set[str] = set()
        if actor_id in self.affiliation and self.by_id[actor_id].kind == "Person" and judicial(
                [self.by_id[actor_id].label, *self.by_id[actor_id].aliases, self.by_id[self.affiliation[actor_id]].label]):
            return actor_id  # a judge rules in their own name, not their court's or state's
        while actor_id in self.affiliation and actor_id not in seen:
            if stop_at_company and self._speaks_for_itself(actor_id):
                break
            seen.add(actor_id)
            actor_id = self.affiliation[actor_id]
        return actor_id

    def _speaks_for_itself(self, actor_id: str) -> bool:
        """A company, or a central bank: what its people say "we" will do, it does (not its parent or state)."""
        actor = self.by_id[actor_id]
        return actor.kind == "Organization" or bool(set(actor.label.lower().split()) & lexicon("central_bank_words"))

    def is_government(self, actor_id: str) -> bool:
        """Whether an actor is a state's government as a whole ("the Kremlin", "the Japanese government")."""
        actor = self.by_id[actor_id]
        return actor.kind == "GovernmentBody" and actor_id in self.affiliation and (
            actor.label.lower().startswith(("government of", "federal government of", "cabinet", "council of minister"))
            or any(a.lower().endswith(" government") for a in actor.aliases | {actor.label}))

    def same_side(self, a: str | None, b: str | None) -> bool:
        """Whether two actors are one, one speaks for the other's side, or is in the other (a group)."""
        if a is None or b is None:
            return False
        side_a, side_b = self.speaks_for(a), self.speaks_for(b)
        return a == b or side_a in (side_b, b) or a == side_b or b in self.by_id[a].members or a in self.by_id[b].members

    # -- noun phrases --------------------------------------------------------------------------

    def named(self, tok: Token) -> str | None:
        return self.by_token.get(tok.i)

    def resolve_group(self, head: Token, speaker: str | None = None) -> str | None:
        """Like `resolve`, but "Sweden and Ukraine" is one group actor whose members are both."""
        first = self.resolve(head, speaker)
        members = [first] if first else []
        # the parser may hang the second name on the first one's apposition ("von der Leyen and Trump"), or
        # a list's second item ("the LDP, Nippon Ishin and Komeito")
        conjuncts = head.conjuncts or [c for a in head.children if a.dep_ == "appos" and a.conjuncts
                                       for c in ((a, *a.conjuncts) if head.i in self.by_token else a.conjuncts)]
        parts = [head]
        for conj in conjuncts:
            other = self.resolve(conj, speaker) if conj.i > head.i else None
            if other and other not in members:
                members.append(other)
                parts.append(conj)
        return self.group(members, written_together(self, parts)) if len(members) >= 2 and first is not None else first

    def resolve(self, head: Token, speaker: str | None = None) -> str | None:
        """The actor a noun phrase headed by `head` denotes, if any."""
        if head.i in self.by_token:  # "Washington is poised to ...", said its governor: the state of Washington
            region = self.plain_names.get(head.text)
            return region if region and self.speaks_for(speaker) == region else self.by_token[head.i]
        lower = head.lower_
        if lower in ("we", "our", "us", "i", "my", "me"):
            return self.speaks_for(speaker, stop_at_company=True) if lower in ("we", "our", "us") else speaker
        speaker_kind = self.by_id[speaker].kind if speaker in self.by_id else None
        if lower in _PERSON_PRONOUNS:
            return speaker if speaker_kind == "Person" else self.last_before(head.i, {"Person"})
        if lower in _THING_PRONOUNS or (len(lower) == 1 and lower.isalpha() and lower not in ("a", "i")):
            # a stray letter in a pronoun's place is a typo for "it" ("Bosch said t plans to ...")
            if speaker_kind in ORG_KINDS | GOVERNED:
                return speaker  # "the company said it will ..."
            side = self.speaks_for(speaker) if speaker_kind == "Person" else None
            if side and side != speaker and self.by_id[side].kind in ORG_KINDS | GOVERNED \
                    and not other_subject_before(self, head, {speaker, side}):
                return side  # "Smith said ... and that it will take steps": her government
            # an outlet that reported something is rarely what "it" acts for
            return self.last_before(head.i, ORG_KINDS - {"MediaOrganization"} | GOVERNED | {"ActorGroup"})
        if lower in _PLURAL_PRONOUNS:
            if speaker_kind in ("ActorGroup", "AnonymousSource", "State", "Region", "IntergovernmentalOrganization") \
                    or (speaker in self.by_id and self.by_id[speaker].label.endswith("s")):
                return speaker
            group = coordinated_before(self, head.i, sentences=2)  # "Peru and Chile agreed ... they will"
            if group and any(self.by_id[m].kind != "Person" for m in self.by_id[group].members):
                return group  # (people's "they" is mostly the institution they speak for)
            return self.last_before(head.i, {"ActorGroup", "AnonymousSource", "State", "Region", "Organization",
                                             "IntergovernmentalOrganization"})
        if head.pos_ == "PROPN" and head.ent_type_ in ("LOC", "GPE", "ORG", "NORP", "PERSON", "FAC"):
            return self.adopt(head)
        lemma = head.lemma_.lower()
        if lemma in PAIR_NOUNS and names_a_pair(head):
            # "the two countries agreed", "both sides will": the parties last named together, or the two named most
            return coordinated_before(self, head.i, size=2 if says_both(head) else count_of(head)) \
                or pair_before(self, head.i)
        if lemma in _MEMBERS or (lemma in _NATIONS and any(c.lower_ in ("allied", "member") for c in head.children)):
            # "allies", "allied nations", "member states": the alliance the article is about
            return self.owner(head) or self.most_mentioned_before(head.i, {"IntergovernmentalOrganization"})
        if lemma in lexicon("role_nouns") or lemma in lexicon("source_nouns"):
            return described_person(self, head)
        appos = apposition(head)
        # "the rebel movement, the Shining Path"; "its chief, Ana Petrova"
        if appos is not None and (appos.i in self.by_token or appos.pos_ == "PROPN") and head.pos_ == "NOUN":
            named = self.by_token.get(appos.i) or self._name(appos)
            return described_person(self, head) if self.by_id[named].kind == "Person" else named
        owner = self.owner(head)
        place = next((self.by_token[c.i] for c in head.children if c.dep_ in ("compound", "nmod") and c.i in self.by_token),
                     None)
        if lemma in lexicon("legislature_nouns") and place and self.by_id[place].kind in GOVERNED:
            body = describe(self, head)  # "the Niigata prefectural assembly": the body, not the prefecture
            self.by_id[body].kind = "GovernmentBody"
            self.affiliation.setdefault(body, place)
            return body
        if lemma in _DESCRIPTIONS["Organization"] and head.tag_ == "NNS" and owner and self.by_id[owner].kind in GOVERNED:
            return describe(self, head, owner)  # "the country's top firms" are firms, not the country
        if owner and self.by_id[owner].kind == "Organization" and head.tag_ == "NNS" and is_agent_noun(head) \
                and lemma not in _DESCRIPTIONS["Organization"]:
            return owned_people(self, head, owner)  # "the company's shareholders" are not the company
        if lemma == "bank" and any(c.lower_ == "central" for c in head.children):
            found = central_bank(self, head, owner)
            if found is not None:
                return found
        if lemma in ("ministry", "department") and head.is_lower:  # (the tagger may call it a proper noun)
            found = generic_body(self, head, owner)  # "Poland's defence ministry"
            if found is not None:
                return found
        if lemma in ("government", "administration") and head.tag_ == "NNS" and owner is None and not is_definite(head):
            return describe(self, head)  # "the WHO urged governments to ...": governments at large, not one state's
        if lemma in _GOVERNMENT and any(c.lower_ in ("central", "federal", "national") for c in head.children):
            return self.speaks_for(owner) or self.national_state()  # not a prefecture's
        if lemma in _GOVERNMENT:
            side = self.speaks_for(speaker) if speaker else None  # "Smith said the government plans to ..."
            side = side if side in self.by_id and self.by_id[side].kind in GOVERNED else None
            return self.speaks_for(owner or self.of_owner(head)) or side or self.last_before(head.i, GOVERNED) \
                or self.main_state()
        for kind, nouns in _DESCRIPTIONS.items():
            if lemma in nouns and is_definite(head):
                extra = {"ActorGroup"} if kind == "Organization" else GOVERNED if kind in GOVERNED else set()
                kinds = {kind} | extra
                side = self.speaks_for(speaker) if speaker else None  # "according to its CFO, the company will"
                side = side if side in self.by_id and self.by_id[side].kind in kinds else None
                found = owner or side or described_before(self, head) or self.most_mentioned_before(head.i, kinds)
                if found is None and kind == "GovernmentBody":
                    return self.main_state()  # "the ministry" acts for its state
                if found is None and kind == "Organization":
                    return describe(self, head)  # "the central bank", named nowhere: an actor of its own
                return found
        return owner

    def open_world(self, head: Token, agents_only: bool) -> str | None:
        """An actor no gazetteer entry names (asked where `resolve` found none): a proper name as written
        ("Kestrel Energy") or a common noun phrase ("the unions"); with `agents_only`, only a noun that names
        people or organisations (a verb of intention already says its subject acts)."""
        lemma = head.lemma_.lower()
        if lemma in lexicon("indicators") or head.lower_ in lexicon("not_actors") or head.lower_ in PRONOUNS \
                or names_a_measure(head.text) or len(head.text) < 2:
            return None
        if head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"):
            return None
        if head.pos_ == "PROPN" and head.is_sent_start and not head.ent_type_ and is_agent_noun(head):
            return describe(self, head)  # "Teachers in Ontario will ...": a capital letter, not a name
        if head.pos_ == "PROPN" or (head.pos_ in ("PRON", "X") and head.text[:1].isupper()):  # "HCLTech" as PRON
            facility = head.lower_ in lexicon("facility_names") and any(c.dep_ == "compound" for c in head.children)
            return None if facility else self._name(head)  # "the Outer Ring Road Line" is no actor
        if head.pos_ != "NOUN":
            return None
        if agents_only and not is_agent_noun(head):
            return None
        return describe(self, head)

    def _name(self, head: Token) -> str:
        """A proper name the entity recogniser and the gazetteer missed: its compound words and itself."""
        words = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
        people = [a for i, a in self.order if i < head.i and self.by_id[a].kind == "Person"
                  and self.by_id[a].label.split()[-1] == head.text]
        if not words and people:
            return people[-1]  # "Holt said ..." after "Mara Holt": the person last named so
        start = min([t.i for t in words] + [head.i])
        span = self.doc[start:head.i + 1]
        label = clean_name(span.text)
        region = gazetteer().region(label, self.countries)  # "Punjab will build ..." in Pakistan's news
        if region is not None:
            return self.add(from_entry(region), span).id
        company = gazetteer().company(label) if head.ent_type_ in ("", "ORG") else None
        if company is not None:  # "Starbucks expects ...", untagged: a name that acts, as an organisation would
            return self.add(self.by_id.get(company.id) or from_entry(company), span).id
        kind = NER_KIND.get(head.ent_type_, "Organization")
        return self.add(self.by_id.get(slug(label)) or Actor(id=slug(label), label=label, kind=kind), span).id

    def group(self, members: list[str], written: str | None = None) -> str:
        """One group actor for several parties acting together, labelled as the article first names it ("the UN
        and the EU agreed" -> "UN and EU"; see names.written_together) where it does, else by its members' labels."""
        labels = [self.by_id[m].label for m in members]
        composed = ", ".join(labels[:-1]) + " and " + labels[-1]
        group = self.by_id.get(slug(composed))
        if group is None:
            label = written or composed
            group = Actor(id=slug(composed), label=label, kind="ActorGroup", local=True, members=members)
            if label != composed:
                group.aliases.add(composed)
            self.by_id[group.id] = group
        return group.id

    def most_mentioned_before(self, i: int, kinds: set[str]) -> str | None:
        """The actor of some kinds named most often before token i (the article's topic): "the company"."""
        counts: dict[str, int] = {}
        for start, actor_id in self.order:
            if start < i and self.by_id[actor_id].kind in kinds:
                counts[actor_id] = counts.get(actor_id, 0) + 1
        return max(counts, key=lambda k: (counts[k], max(s for s, a in self.order if a == k and s < i))) \
            if counts else None

    def adopt(self, head: Token) -> str | None:
        """An entity the first pass skipped ("Europe" as a place) that turns out to act."""
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is None:
            return None
        label = clean_name(ent.text)
        if not label or names_a_thing(label):
            return None
        entry = gazetteer().lookup(label) or gazetteer().region(label, self.countries)
        kind = "ActorGroup" if ent.label_ in ("LOC", "NORP") else NER_KIND.get(ent.label_, "Organization")
        actor = from_entry(entry) if entry else Actor(id=slug(label), label=label, kind=kind)
        added = self.add(actor, ent)
        if entry is None and is_body(label):
            self.attach_body(added.id, head)
        return added.id

    def attach_body(self, actor_id: str, tok: Token) -> None:
        """"The education ministry", "the Interior Ministry": a government body of the state named with it,
        or of the state the article is about."""
        self.by_id[actor_id].kind = "GovernmentBody"
        # its own name's words map to itself, so the first other actor among the candidates is its state
        state = next((c for c in (self.owner(tok), self.of_owner(tok), self.main_state()) if c and c != actor_id),
                     None)
        if state is not None and actor_id not in self.affiliation:
            self.affiliation[actor_id] = state

    def owner(self, head: Token) -> str | None:
        """An actor that owns or qualifies the phrase: "Germany's spending", "NATO allies", "U.S. tariffs"."""
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < head.i:
                actor = self.named(child) or (self.resolve(child) if child.dep_ == "poss" else None)
                if actor:
                    return self.resolve_group(child) if child.conjuncts else actor
                entry = gazetteer().demonym(child.text)
                if entry and child.dep_ == "amod":
                    return self.ensure(entry, child)
        return None

    def ensure(self, entry: Entry, tok: Token) -> str:
        """Register a gazetteer actor met through a demonym ("Polish")."""
        self.add(from_entry(entry), self.doc[tok.i:tok.i + 1])
        return entry.id

    def of_owner(self, head: Token) -> str | None:
        """"the head of Germany's intelligence service" -> Germany; "officials in Ankara" -> Turkey."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found = self.named(obj) or self.owner(obj)
                        if found and (prep.lower_ == "of" or self.by_id[found].kind in GOVERNED):
                            return found
        return None


def is_agent_noun(head: Token) -> bool:
    """A common noun that names people or organisations ("unions", "the company", "officials")."""
    lemma, lower = head.lemma_.lower(), head.lower_
    qualified = lemma in lexicon("collective_nouns") and any(c.dep_ in ("amod", "compound") for c in head.children)
    return any(lemma in lexicon(n) or lower in lexicon(n) for n in ("agent_nouns", "role_nouns", "source_nouns")) \
        or any(lemma in nouns for nouns in _DESCRIPTIONS.values()) or lemma in _GOVERNMENT or qualified


def is_body(label: str) -> bool:
    """A name such as "Education Ministry" or "Ministry of Finance": a government body."""
    words = label.lower().split()
    return bool(words) and (words[-1] in _DESCRIPTIONS["GovernmentBody"] | {"cabinet"}
                            or words[0] in ("ministry", "department", "cabinet"))
