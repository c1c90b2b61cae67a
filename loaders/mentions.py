"""Mentions: the first pass over an article, which finds who it names (gazetteer names first, then the
model's entities), merges short and long forms of one name, and ties people and bodies to the state or
organisation they speak for."""
from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from pledgegraph.loaders.actors import GOVERNED, NER_KIND, ORG_KINDS, REGION_TITLES, ActorIndex, is_body
from pledgegraph.loaders.descriptions import GOVERNMENT_TITLES
from pledgegraph.loaders.gazetteer import Entry, Gazetteer, clean_name, from_entry, gazetteer, normalise
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.names import (common_noun, company_base, described_as_company, full_name, judicial, name_parts,
                                       measures_named, names_a_thing, portfolio, relabelled, spelled_out)
from pledgegraph.loaders.nlp import tokenizer_of
from pledgegraph.loaders.records import Actor, Article
from pledgegraph.ontology.iris import slug


_COMPANY_TITLES = {"ceo", "chief", "executive", "chairman", "chairwoman", "chairperson", "founder", "cfo", "coo"}


def _appositive_titles(tok: Token) -> list[Token]:
    """"Walter Roban, the Minister of Home Affairs": the head words of the name's appositions."""
    heads = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        heads.append(tok.head)
    return [t for h in heads for t in h.subtree if t.i <= h.i]


def _dateline(ent: SpacySpan) -> bool:
    """"SYDNEY, March 31 (Reuters) -": the place a story was filed from opens its paragraph in capitals."""
    doc = ent.doc
    starts_line = ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws
    dash = ent.end < len(doc) and doc[ent.end].text in (",", "-", "--", "\u2013", "\u2014")
    return starts_line and ent.text.isupper() and dash


_CREDIT_WORDS = {"photo", "photos", "photograph", "picture", "image", "images", "credit", "illustration", "file"}


def _credit(span: SpacySpan) -> bool:
    """"(Illustrative photo: Jane Roe/EPA)": an agency or outlet named in a photo credit is a byline, not an actor
    of the article."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text not in ("/", ":"):
        return False
    before = doc[max(0, span.start - 8):span.start]
    line = before[max((t.i - before.start + 1 for t in before if "\n" in t.text_with_ws), default=0):]
    return any(t.lower_ in _CREDIT_WORDS for t in line)


def _matcher(doc: Doc, gaz: Gazetteer) -> tuple[PhraseMatcher, PhraseMatcher]:
    """A phrase matcher over every gazetteer name, built once per vocabulary."""
    cached = _MATCHERS.get(id(doc.vocab))
    if cached is not None:
        return cached
    exact = PhraseMatcher(doc.vocab, attr="ORTH")
    lower = PhraseMatcher(doc.vocab, attr="LOWER")
    make = doc.vocab.strings.add
    tokenize = tokenizer_of(doc)
    companies = set(gaz.by_company.values())  # found among the model's organisations only (Gazetteer.company)
    for entry in gaz.entries.values():
        if entry.id in companies:
            continue
        names = [entry.label, *entry.aliases]
        short = [n for n in names if len(n) <= 5 or n.isupper()]
        long_ = [n for n in names if n not in short]
        if short:
            exact.add(entry.id, [tokenize(n) for n in short])
            exact.add(entry.id, [tokenize("the " + n) for n in short if not n.lower().startswith("the ")])
        if long_:
            lower.add(entry.id, [tokenize(n) for n in long_])
        make(entry.id)
    _MATCHERS[id(doc.vocab)] = (exact, lower)
    return exact, lower


_MATCHERS: dict[int, tuple[PhraseMatcher, PhraseMatcher]] = {}


def _gazetteer_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[SpacySpan, Entry]]:
    """Longest non-overlapping gazetteer matches."""
    exact, lower = _matcher(doc, gaz)
    found = [(doc[s:e], doc.vocab.strings[m]) for m, s, e in [*exact(doc), *lower(doc)]]
    # the longest name wins; a leading "the" adds nothing ("the EU" loses to "EU Council")
    found.sort(key=lambda x: (-(len(x[0]) - (x[0][0].lower_ == "the")), -len(x[0].text), x[0].start))
    taken: set[int] = set()
    result = []
    for span, entry_id in found:
        if any(t.i in taken for t in span):
            continue
        first = span[1] if span[0].lower_ == "the" and len(span) > 1 else span[0]
        if not first.text[:1].isupper():
            continue  # names are capitalised: "us" is not the US, "the economist" is not The Economist
        taken.update(t.i for t in span)
        result.append((span, gaz.entries[entry_id]))
    return sorted(result, key=lambda x: x[0].start)


_PLACES = ("GPE", "LOC", "ORG")  # ORG: "the Trans Nzoia County Government"


def _countries(index: ActorIndex, places: list[tuple[SpacySpan, str]], gaz: Gazetteer) -> set[str]:
    """The states an article names, itself or through a body or person of theirs, and those it names two regions
    of ("California ... Colorado"): where a plain region name ("Alberta", "Punjab") may be linked."""
    found = {a for a in index.by_id if index.by_id[a].kind == "State"}
    found |= {gaz.entries[a].parent for a in index.by_id if a in gaz.entries and gaz.entries[a].parent}
    regions: dict[str, set[str]] = {}
    titled: set[str] = set()
    for span, label in places:
        countries = gaz.region_countries(label)
        for country in countries:
            regions.setdefault(country, set()).add(normalise(label))
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_.rstrip(".") in _REGION_TITLE_WORDS and len(countries) == 1:
            titled |= countries  # "New York Governor Kathy Hochul": a governor's state
    return found | titled | {c for c, names in regions.items() if len(names) >= 2}


_REGION_TITLE_WORDS = REGION_TITLES | {"gov", "legislature", "assembly"}  # "New York Gov.", "Niigata assembly"


def _mayors(ent: SpacySpan) -> bool:
    """"The mayor of Paris", "Paris Mayor Anne Hidalgo": the city itself, not the state it is the capital of."""
    doc = ent.doc
    before = [t.lower_ for t in doc[max(0, ent.start - 2):ent.start]]
    return before == ["mayor", "of"] or (ent.end < len(doc) and doc[ent.end].lower_ == "mayor")


def _governors_region(place: Token, index: ActorIndex, gaz: Gazetteer) -> str | None:
    """"Washington Gov. Jay Inslee": a place name the gazetteer gives a state (a capital) that a governor's or premier's
    title follows names the region of that name ("State of Washington"); the mention is relinked to it."""
    after = place.doc[place.i + 1] if place.i + 1 < len(place.doc) else None
    if after is None or after.lower_.rstrip(".") not in _REGION_TITLE_WORDS or gaz.capital(place.text) is None:
        return None
    region = next((r for r in (gaz.region(f"{w} of {place.text}") for w in ("State", "Province")) if r), None)
    if region is None:
        return None
    index.add(from_entry(region), place.doc[place.i:place.i + 1])
    index.plain_names[place.text] = region.id
    return region.id


def _states_named(doc: Doc, found: list[tuple[SpacySpan, Entry]], gaz: Gazetteer) -> set[str]:
    """The states an article names by name or demonym, or through a person or body of theirs ("Trump")."""
    named = {entry.id for _, entry in found if entry.kind == "State"}
    named |= {entry.parent for span, entry in found if entry.parent and entry.kind in ("Person", "GovernmentBody")
              and not _generic(span)}
    demonyms = (gaz.demonym(t.text) for t in doc if t.ent_type_ == "NORP")
    return named | {entry.id for entry in demonyms if entry is not None}


def _generic(span: SpacySpan) -> bool:
    """"Congress", "the Senate", "Foreign Ministry": a name that says what kind of body, not whose."""
    return set(normalise(span.text).split()) <= lexicon("institution_words")


def _foreign(span: SpacySpan, entry: Entry, found: list[tuple[SpacySpan, Entry]], states: set[str],
             gaz: Gazetteer) -> bool:
    """A name that says only what kind of body it is ("Congress", "the Senate") names a state's body only in news
    of that state: "Peru's Congress" or "Congress" in news naming only Peru is not the United States Congress."""
    if entry.parent is None or entry.kind != "GovernmentBody" or not _generic(span):
        return False
    owner = _owner_state(span, found, gaz)
    if owner is not None:
        return owner != entry.parent
    return bool(states) and entry.parent not in states


def _local_body(span: SpacySpan, found: list[tuple[SpacySpan, Entry]], states: set[str],
                gaz: Gazetteer) -> Entry | None:
    """The body a generic name denotes ("Congress", "the Finance Ministry", data/generic_names.csv): that of the state
    named just before it ("Peru's Congress"), else of the one state the article names; None when still ambiguous."""
    owner = _owner_state(span, found, gaz)
    return gaz.generic(clean_name(span.text), {owner} if owner else states)


def _owner_state(span: SpacySpan, found: list[tuple[SpacySpan, Entry]], gaz: Gazetteer) -> str | None:
    """The state named just before a name: "Peru's Congress", "the Peruvian Senate"."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].lower_ in ("'s", "’s"):
        return next((e.id for s, e in found if s.end == i and e.kind == "State"), None)
    entry = gaz.demonym(doc[i].text) if i >= 0 else None
    return entry.id if entry is not None and entry.kind == "State" else None


def resolve(doc: Doc, article: Article) -> ActorIndex:
    """Every named actor in the parsed article, gazetteer names first, then the model's entities."""
    gaz = gazetteer()
    home = gaz.home_state(article.url)
    index = ActorIndex(doc, home=from_entry(home) if home else None)
    claimed: set[int] = set()
    found = _gazetteer_spans(doc, gaz)
    states = _states_named(doc, found, gaz) or ({home.id} if home else set())
    found = [(span, entry) for span, entry in found if not _credit(span)]
    for span, entry in found:
        if entry.kind != "Region" and _foreign(span, entry, found, states, gaz):
            entry = _local_body(span, found, states, gaz)  # "Congress" in news of Peru: Peru's, if the tables know it
        if entry is not None and entry.kind != "Region":
            index.add(from_entry(entry), span)
            claimed.update(t.i for t in span)
    mentions, measures = [], measures_named([clean_name(e.text) or "" for e in doc.ents])
    for ent in relabelled([part for whole in doc.ents for part in name_parts(whole)]):
        if ent.label_ not in NER_KIND or any(t.i in claimed for t in ent):
            continue
        label = portfolio(ent, clean_name(ent.text))
        if not label or not label[0].isupper() or len(label) < 2:
            continue
        if label.lower() in lexicon("not_actors") or names_a_thing(label) or label in measures or _dateline(ent) \
                or _credit(ent):
            continue
        if ent.label_ == "NORP" and gaz.demonym(label) is not None:
            index.add(from_entry(gaz.demonym(label)), ent)  # "Qatari mediators" name Qatar
            continue
        if ent.label_ == "NORP" and not label.endswith("s"):
            continue  # an adjective ("European"); groups are plural nouns ("Houthis")
        mentions.append((ent, label))
    places = [span for span, entry in found if entry.kind == "Region"]
    index.countries = _countries(index, [(ent, label) for ent, label in mentions if ent.label_ in ("GPE", "LOC")]
                                 + [(span, span.text) for span in places], gaz)
    for span in places:  # a region's name: linked where the article's country allows (Gazetteer.region)
        region = gaz.region(span.text, index.countries)
        longer = any(e.start <= span.start and span.end <= e.end and len(e) > len(span) for e in doc.ents
                     if e.label_ in ("GPE", "LOC") and gaz.capital(e.text))  # "New Delhi" is not "Delhi"
        if region is not None and not longer and not any(t.i in claimed for t in span):
            index.add(from_entry(region), span)
            claimed.update(t.i for t in span)
    mentions = [(ent, label) for ent, label in mentions if not any(t.i in claimed for t in ent)]
    full_names = [(ent.start, label) for ent, label in mentions if ent.label_ == "PERSON" and " " in label]
    known = {e.label: e.id for span, e in found if e.kind == "Person" and e.id in index.by_id}  # "Petro" after
    full_names += [(span.start, e.label) for span, e in found if e.label in known]  # "Gustavo Petro", a known one
    surnames = {normalise(label.split()[-1]) for _, label in full_names}  # "Smith's" after "Danielle Smith"
    companies = {company_base(label): label for ent, label in mentions if ent.label_ == "ORG"}
    votes: dict[str, dict[str, int]] = {}
    for ent, label in mentions:
        votes.setdefault(label, {}).setdefault(ent.label_, 0)
        votes[label][ent.label_] += 1
    for ent, label in mentions:
        before = doc[ent.start - 2] if ent.start >= 2 and doc[ent.start - 1].text == "(" else None
        if before is not None and before.i in index.by_token and ent.end < len(doc) and doc[ent.end].text == ")":
            index.add(index.by_id[index.by_token[before.i]], ent)  # "Sysco Corp. (SYY)": a ticker or acronym
            continue
        entry = gaz.lookup(label) or (gaz.capital(label) if ent.label_ == "GPE" and not _mayors(ent) else None) \
            or (gaz.region(label, index.countries) if ent.label_ in _PLACES else None) \
            or (gaz.company(label) if (ent.label_ == "ORG" or described_as_company(ent)) and not common_noun(ent)
                and normalise(label) not in surnames else None)  # "drugmaker Novo Nordisk", whatever the model said
        if entry is None or _foreign(ent, entry, found, states, gaz):
            entry = _local_body(ent, found, states, gaz)
        if entry is not None:
            index.add(from_entry(entry), ent)
            continue
        if ent.label_ == "ORG" and label in companies and companies[label] != label:
            label = companies[label]  # "Toyota" after "Toyota Motor Corp." is the same company
        base = company_base(label)
        if ent.label_ == "ORG" and base != label and slug(base) in index.by_id:
            index.add(index.by_id[slug(base)], ent)
            continue
        spelled = spelled_out(label, index) if ent.label_ == "ORG" else None
        if spelled is not None:
            index.add(index.by_id[spelled], ent)  # "the LDP" after "the Liberal Democratic Party"
            continue
        full = full_name(label, ent.start, full_names)
        company = described_as_company(ent)  # "Swiss chipmaker Orvel Systems", whatever the recogniser thought
        if full is not None and (label == full or " " not in label or full.endswith(" " + label)) and not company:
            actor = index.by_id.get(known.get(full, slug(full))) or Actor(id=slug(full), label=full, kind="Person")
        else:
            kind = "Organization" if company else NER_KIND[max(votes[label], key=lambda k: votes[label][k])]
            if kind == "Person" and ent.start > 0 and doc[ent.start - 1].lower_ in ("the", "'s", "\u2019s") \
                    and label.endswith("s"):
                kind = "ActorGroup"  # "the Houthis": people are not named with an article
            actor = index.by_id.get(slug(label)) or Actor(id=slug(label), label=label, kind=kind)
        index.add(actor, ent)
    _affiliations(doc, index)
    _offices_held(index, article, gaz)
    return index


def _offices_held(index: ActorIndex, article: Article, gaz: Gazetteer) -> None:
    """A known person's office is the one held when the article appeared, where the office table knows it."""
    day = article.published.isoformat() if article.published else None
    for actor in index.by_id.values():
        office = gaz.office_on(actor.id, day) if actor.kind == "Person" else None
        if office is not None:
            actor.office = (office.name, office.start, office.end)


def _parent_company(tok: Token, index: ActorIndex) -> str | None:
    """The company named in the description before a company's name: "Marlow Holdings logistics unit Trevo"."""
    own = index.by_token.get(tok.i)
    if not any(c.dep_ == "compound" and c.lemma_.lower() in lexicon("company_nouns") for c in tok.children):
        return None
    named = [index.by_token.get(t.i) for t in tok.subtree if t.i < tok.i]
    return next((a for a in named if a not in (None, own) and index.by_id[a].kind == "Organization"), None)


def _nearest_body(first: Token, name: Token, index: ActorIndex) -> str | None:
    """A body of the first-named state between it and a person's name: "Brazil's Supreme Court Justice X"."""
    state = index.by_token[first.i]
    between = (index.by_token.get(i) for i in range(name.i - 1, first.i, -1))
    body = next((b for b in between if b and b != state and (index.affiliation.get(b) == state or (
        b not in index.affiliation and (is_body(index.by_id[b].label) or judicial([index.by_id[b].label]))))), None)
    if body is not None and index.by_id[state].kind in GOVERNED:
        index.affiliation.setdefault(body, state)  # the court is Brazil's too
    return body


def _affiliations(doc: Doc, index: ActorIndex) -> None:
    """Who speaks for whom: a person's title names their state ("Polish Prime Minister Donald Tusk")."""
    gaz = gazetteer()
    table_side: dict[str, str] = {}  # a person of a public table: the side its table gives, unless the text says
    for actor in list(index.by_id.values()):  # parents join index.by_id inside the loop
        entry = gaz.entries.get(actor.id)
        if entry is not None and entry.kind == "Person" and gaz.entries.get(entry.parent, entry).kind == "Organization":
            continue  # a chief executive acts for one company or another, or in their own name: the text says which
        if entry is not None and entry.parent and entry.kind != "Region":  # a region speaks for itself
            if entry.kind == "Person" and entry.source:
                table_side[actor.id] = entry.parent  # "Bank of Canada Governor X": the bank, not the state
            else:
                index.affiliation[actor.id] = entry.parent
            if entry.parent not in index.by_id and entry.parent in gaz.entries:
                parent = gaz.entries[entry.parent]
                index.by_id[parent.id] = from_entry(parent)
    for tok in doc:  # the plainest statement of a person's side first: "Takahiro Mori, Nippon Steel's negotiator"
        actor_id = index.by_token.get(tok.i)
        if actor_id is not None and actor_id not in index.affiliation and index.by_id[actor_id].kind == "Person":
            owners = [index.owner(t) or index.of_owner(t) for t in tok.children if t.dep_ == "appos"]
            owner = next((o for o in owners if o not in (None, actor_id)), None)
            if owner is not None:
                index.affiliation[actor_id] = owner
    for tok in doc:
        actor_id = index.by_token.get(tok.i)
        side = index.by_id.get(table_side.get(actor_id or "", ""))
        if side is not None and side.kind == "Region":
            for left in doc[max(0, tok.i - 3):tok.i]:  # a known governor: "Washington Gov. Jay Inslee" makes the
                _governors_region(left, index, gaz)  # article's later plain "Washington" the state, not the capital
        if actor_id is None or actor_id in index.affiliation:
            continue
        if index.by_id[actor_id].kind == "Organization" and is_body(index.by_id[actor_id].label):
            index.attach_body(actor_id, tok)  # "the Education Ministry said ..."
            continue
        if index.by_id[actor_id].kind in ("Organization", "GovernmentBody"):
            state = index.of_owner(tok) or index.owner(tok)
            if state and state != actor_id and index.by_id[state].kind in GOVERNED:
                index.affiliation[actor_id] = state  # "the Defence Council of Chile"
            parent = _parent_company(tok, index)
            if parent is not None and actor_id not in index.affiliation:
                index.affiliation[actor_id] = parent  # "Marlow Holdings logistics unit Trevo"
            continue
        if index.by_id[actor_id].kind != "Person":
            continue
        # the tokens before the name in its phrase: "US President", "Brazil's Deputy Trade Minister"
        head = tok if tok.head.i not in index.by_token or tok.head.i == tok.i else tok.head
        for left in head.subtree:
            if left.i >= tok.i:
                break
            other = index.by_token.get(left.i)
            if other and other != actor_id and index.by_id[other].kind in ORG_KINDS | GOVERNED:
                index.affiliation[actor_id] = _nearest_body(left, tok, index) or _governors_region(left, index, gaz) \
                    or other
                break
            entry = gaz.demonym(left.text)
            if entry is not None:
                index.affiliation[actor_id] = index.ensure(entry, left)
                break
        if actor_id not in index.affiliation and actor_id in table_side:
            index.affiliation[actor_id] = table_side[actor_id]  # before any guess from the article's main actors
        if actor_id not in index.affiliation:
            title = [*doc[max(0, tok.i - 3):tok.i], *_appositive_titles(tok)]
            named = any(t.ent_type_ in ("NORP", "GPE", "ORG") and t.lemma_.lower() not in lexicon("role_nouns")
                        for t in title)
            lemmas = {t.lemma_.lower() for t in title}
            region = index.main_region()
            main = index.main_state() or region  # a territory's ministers ("Bermuda") name no state
            same_sentence = [a for i, a in reversed(index.order) if tok.sent.start <= i < tok.i
                             and index.by_id[a].kind in ("Organization", "GovernmentBody")]
            company = next(iter(same_sentence), None) or index.most_mentioned_before(tok.i, {"Organization"}) \
                or index.main_organization()  # "At a transit commission meeting, its CEO X said"
            if lemmas & REGION_TITLES and not named and region is not None:
                index.affiliation[actor_id] = region  # "Premier Danielle Smith" in an article about one province
            elif lemmas & GOVERNMENT_TITLES and not named and main is not None:
                index.affiliation[actor_id] = main  # "Finance Minister X" in an article about one state
            elif lemmas & _COMPANY_TITLES and not named and company is not None:
                index.affiliation[actor_id] = company  # "chief executive X" in an article about one company
    for actor_id, side in table_side.items():
        index.affiliation.setdefault(actor_id, side)
