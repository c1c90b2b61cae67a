"""Attribution: who says a sentence's content (reporting verbs, "according to"), which outlet reported it
and on whose authority ("citing ..."), and how certain it is (hedges and modals)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from pledgegraph.loaders.actors import ActorIndex
from pledgegraph.loaders.grammar import subject_of
from pledgegraph.loaders.lexicons import lexicon

_MEDIA_VERBS = {"report", "cite", "quote"}


@dataclass
class Frame:
    """A reporting verb with its speaker and the clauses it reports."""

    verb: Token
    speaker: str | None
    content: list[Token] = field(default_factory=list)

    @property
    def past(self) -> bool:
        return self.verb.tag_ in ("VBD", "VBN")


def frames(sent: SpacySpan, actors: ActorIndex, previous: str | None = None) -> list[Frame]:
    """The reporting frames of a sentence: "X said (that) ...", "..., X said", "according to X, ..."."""
    found: list[Frame] = []
    for tok in sent:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        active = not any(c.dep_ == "auxpass" for c in tok.children)  # "is expected to" reports nobody
        reports = tok.lemma_.lower() in lexicon("reporting_verbs") or (
            tok.lemma_.lower() in lexicon("forecast_verbs") and active)
        if tok.pos_ in ("VERB", "AUX") and reports and not infinitive:
            content = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")
                       or (c.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))]
            # (the conjunct: "said the government plans to ..., and that it will ...")
            if not content and tok.dep_ == "parataxis" and tok.head != tok:
                content = [tok.head]  # "..., the interlocutors said" parsed as parataxis of the content
            subj = subject_of(tok) or _quoted(tok)
            speaker = actors.resolve(subj, previous) or actors.open_world(subj, agents_only=True) \
                if subj is not None else None
            if content or speaker:
                found.append(Frame(tok, speaker, content))
        elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in lexicon("attitude_adjs"):
            content = [c for c in tok.children if c.dep_ == "ccomp"]  # "X is hopeful a pact can be concluded"
            subj = subject_of(tok.head)
            if content and subj is not None:
                found.append(Frame(tok, actors.resolve(subj, previous) or actors.open_world(subj, agents_only=True),
                                   content))
        elif tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            obj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is not None:
                root = sent.root
                found.append(Frame(tok, actors.resolve(obj, previous), [root]))
    return found


def _quoted(verb: Token) -> Token | None:
    """"AFP quoted Hamas sources as saying that ...": the one quoted says it."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() in ("quote", "cite"):
        return next((c for c in verb.head.head.children if c.dep_ in ("dobj", "obj")), None)
    return None


def speaker_for(tok: Token, sentence_frames: list[Frame]) -> Frame | None:
    """The innermost frame whose reported clauses contain `tok`."""
    best: Frame | None = None
    for frame in sentence_frames:
        if any(c == tok or c.is_ancestor(tok) for c in frame.content):
            if best is None or best.verb.is_ancestor(frame.verb):
                best = frame
    return best


def reporters(doc_sents: list[SpacySpan], actors: ActorIndex) -> tuple[str | None, list[str]]:
    """The outlet that reported the article's news and the sources it cites, from phrases like
    "reported by Reuters", "Reuters reported", "according to Reuters", "citing five unnamed officials"."""
    reporter: str | None = None
    sources: list[str] = []
    for sent in doc_sents:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma == "report" and tok.pos_ == "VERB":
                # "Reuters reported (that) ...", "reported by the agency Reuters"; not "Siemens reported record
                # orders", where an object makes it a company's results
                news = not any(c.dep_ in ("dobj", "obj") for c in tok.children)
                for child in tok.children:
                    if child.dep_ == "nsubj" and news:
                        reporter = reporter or _media(actors, child)
                    elif child.dep_ == "agent":
                        reporter = reporter or _media(actors, next((c for c in child.children if c.dep_ == "pobj"),
                                                                   None))
            if lemma == "cite" and tok.pos_ == "VERB":
                for child in tok.children:
                    if child.dep_ in ("dobj", "obj"):
                        src = actors.resolve(child)
                        if src and src not in sources:
                            sources.append(src)
            if lemma == "tell" and tok.pos_ == "VERB":  # "two sources told Reuters"
                for child in tok.children:
                    if child.dep_ in ("dobj", "dative", "obj") and _media(actors, child, strict=True):
                        reporter = reporter or _media(actors, child, strict=True)
            if tok.text == "(" and tok.i + 2 < len(tok.doc) and tok.nbor(2).text == ")" \
                    and tok.i + 3 < len(tok.doc) and tok.nbor(3).text in ("-", "--", "\u2014", "\u2013"):
                reporter = reporter or _media(actors, tok.nbor(1), strict=True)  # "WASHINGTON (Reuters) -"
            if lemma == "according" and tok.i + 2 < len(tok.doc):
                obj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                reporter = reporter or _media(actors, obj)
    return reporter, sources


def _media(actors: ActorIndex, tok: Token | None, strict: bool = False) -> str | None:
    """The outlet named in a phrase; `strict`: only an actor known to be a media organisation."""
    if tok is None:
        return None
    kinds = ("MediaOrganization",) if strict else ("MediaOrganization", "Organization")
    for t in tok.subtree:
        actor_id = actors.named(t)
        if actor_id and actors.by_id[actor_id].kind in kinds:
            actors.by_id[actor_id].kind = "MediaOrganization" if actors.by_id[actor_id].kind == "Organization" else \
                actors.by_id[actor_id].kind
            return actor_id
    return None


def certainty(tokens: list[Token]) -> str:
    """certain, probable, possible or alleged, from the hedges and modals among the tokens."""
    words = {t.lower_ for t in tokens}
    if words & lexicon("hedges_alleged"):
        return "alleged"
    if words & lexicon("hedges_possible"):
        return "possible"
    if words & lexicon("hedges_probable"):
        return "probable"
    return "certain"
