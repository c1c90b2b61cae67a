"""A synthetic pledgegraph dataset of N triples, shaped exactly like the loader's output (loaders/to_rdf.py).

One named graph per article (article, NIF context, actor mentions, statements with deadlines, conditions,
evidence mentions and qualified attributions) and the shared actors in graph/actors (types, labels, altLabels,
owl:sameAs to Wikidata, DBpedia and GeoNames). Actors are drawn from a Zipf-like distribution, so the first
few have thousands of incoming pg:actor / pg:issuer / pg:mentions links, as big states do in real news.

    python benchmarks/synthetic.py STORE_DIR [--triples 1000000] [--seed 1]

Every IRI comes from ontology.iris.Minter and every term from ontology.vocab; the quads are written as
N-Quads and bulk-loaded into an Oxigraph store.
"""
from __future__ import annotations

import argparse
import bisect
import io
import itertools
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from pledgegraph.ontology.iris import Minter, slug
from pledgegraph.ontology.vocab import DBR, GEONAMES, NIF, OWL, PG, PROV, RDF, RDFS, SDO, SKOS, TIME, WD, XSD

BASE = "https://w3id.org/pledgegraph/id/"
KINDS = ["Pledge", "Demand", "Threat", "Forecast"]
CERTAINTIES = ["certain", "probable", "possible", "alleged"]
ACTOR_KINDS = [("State", 0.45), ("GovernmentBody", 0.15), ("Person", 0.2), ("IntergovernmentalOrganization", 0.05),
               ("Organization", 0.1), ("MediaOrganization", 0.05)]
VERBS = {"Pledge": ["pledged to", "promised to", "committed to", "vowed to"],
         "Demand": ["demanded that {addressee}", "urged {addressee} to", "called on {addressee} to"],
         "Threat": ["threatened to", "warned it would"],
         "Forecast": ["is expected to", "will likely", "could"]}
ACTIONS = ["raise defence spending", "impose sanctions", "cut emissions", "deliver air defence systems",
           "release the hostages", "hold elections", "withdraw troops", "sign the trade agreement",
           "lift tariffs", "double aid", "build a pipeline", "end coal power", "fund the reconstruction",
           "open the border crossing", "ratify the treaty", "reduce interest rates", "expel diplomats",
           "launch a ceasefire", "buy fighter jets", "restore gas supplies"]
AMOUNTS = ["$1 billion", "€500 million", "2% of GDP", "3.5% of GDP", "£20 billion", "10,000 troops"]
TOPICS = ["defence", "trade", "climate", "energy", "security", "aid", "migration", "elections"]
PUBLISHERS = ["Reuters", "Associated Press", "AFP", "BBC News", "Al Jazeera", "The Guardian", "Deutsche Welle"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

_XSD_INT = str(XSD.integer)
_NNI = str(XSD.nonNegativeInteger)


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, datatype: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


# Pre-rendered terms, so the hot loop only joins strings.
T = {name: _iri(str(term)) for name, term in {
    "type": RDF.type, "label": RDFS.label, "altLabel": SKOS.altLabel, "sameAs": OWL.sameAs,
    "Article": PG.Article, "NewsArticle": SDO.NewsArticle, "headline": SDO.headline, "url": SDO.url,
    "datePublished": SDO.datePublished, "publisher": SDO.publisher, "inLanguage": SDO.inLanguage,
    "text": SDO.text, "about": SDO.about, "Context": NIF.Context, "isString": NIF.isString,
    "beginIndex": NIF.beginIndex, "endIndex": NIF.endIndex, "anchorOf": NIF.anchorOf,
    "referenceContext": NIF.referenceContext, "String": NIF.String, "Mention": PG.Mention,
    "wasDerivedFrom": PROV.wasDerivedFrom, "wasAttributedTo": PROV.wasAttributedTo,
    "qualifiedAttribution": PROV.qualifiedAttribution, "Attribution": PROV.Attribution, "agent": PROV.agent,
    "hadRole": PROV.hadRole, "mentions": PG.mentions, "action": PG.action, "actor": PG.actor,
    "issuer": PG.issuer, "addressee": PG.addressee, "negated": PG.negated, "amount": PG.amount,
    "deadline": PG.deadline, "Deadline": PG.Deadline, "asWritten": PG.asWritten, "condition": PG.condition,
    "Condition": PG.Condition, "dependsOn": PG.dependsOn, "certainty": PG.certainty, "evidence": PG.evidence,
    "rule": PG.rule, "confidence": PG.confidence, "reporter": PG.reporter, "source": PG.source,
    "inXSDgYear": TIME.inXSDgYear, "inXSDgYearMonth": TIME.inXSDgYearMonth, "inXSDDate": TIME.inXSDDate,
}.items()}
T.update({kind: _iri(str(getattr(PG, kind))) for kind in KINDS + CERTAINTIES + [k for k, _ in ACTOR_KINDS]})


class _Actors:
    """The shared actors, drawn with Zipf-like weights so a few have thousands of incoming links."""

    def __init__(self, rng: random.Random, minter: Minter, n: int) -> None:
        self.rng = rng
        self.iris: list[str] = []
        self.labels: list[str] = []
        self.kinds: list[str] = []
        kinds, weights = zip(*ACTOR_KINDS)
        for i in range(n):
            kind = rng.choices(kinds, weights)[0]
            label = f"{kind} {_name(rng, i)}"
            self.labels.append(label)
            self.kinds.append(kind)
            self.iris.append(_iri(str(minter.actor(slug(label)))))
        cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(n)))
        self._cumulative = cumulative
        self._total = cumulative[-1]

    def draw(self) -> int:
        return bisect.bisect_left(self._cumulative, self.rng.random() * self._total)

    def quads(self, graph: str) -> Iterator[str]:
        rng = self.rng
        for i, iri in enumerate(self.iris):
            yield f"{iri} {T['type']} {T[self.kinds[i]]} {graph} .\n"
            yield f"{iri} {T['label']} {_lit(self.labels[i])} {graph} .\n"
            for alias in range(rng.randint(0, 2)):
                yield f"{iri} {T['altLabel']} {_lit(self.labels[i].split()[-1] + ' ' + 'ABC'[alias])} {graph} .\n"
            if rng.random() < 0.8:
                yield f"{iri} {T['sameAs']} {_iri(str(WD[f'Q{1000 + i}']))} {graph} .\n"
                yield f"{iri} {T['sameAs']} {_iri(str(DBR[slug(self.labels[i]).replace('-', '_')]))} {graph} .\n"
            if self.kinds[i] == "State":
                yield f"{iri} {T['sameAs']} {_iri(str(GEONAMES[str(2_000_000 + i) + '/']))} {graph} .\n"


_SYLLABLES = ["ka", "lo", "ri", "ta", "mo", "ne", "su", "va", "de", "gi", "ro", "pa", "li", "zu", "me", "to"]


def _name(rng: random.Random, i: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() + f"-{i}"


def _deadline(rng: random.Random, published: date) -> tuple[str, str, str, str]:
    """(property, lexical value, datatype, words) of a deadline 0..6 years after publication."""
    due = published + timedelta(days=rng.randint(7, 6 * 365))
    precision = rng.random()
    if precision < 0.4:
        return "inXSDgYear", f"{due.year:04d}", str(XSD.gYear), f"by {due.year}"
    if precision < 0.7:
        return ("inXSDgYearMonth", f"{due.year:04d}-{due.month:02d}", str(XSD.gYearMonth),
                f"by {MONTHS[due.month - 1]} {due.year}")
    return "inXSDDate", due.isoformat(), str(XSD.date), f"by {due.day} {MONTHS[due.month - 1]} {due.year}"


def _article(rng: random.Random, m: Minter, actors: _Actors, key: str, out: io.StringIO) -> int:
    """Writes one article's named graph; returns the number of quads written."""
    g = _iri(str(m.article_graph(key)))
    art = _iri(str(m.article(key)))
    ctx = _iri(str(m.context(key)))
    published = date(2022, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
    cast = sorted({actors.draw() for _ in range(rng.randint(3, 7))})
    n_statements = rng.randint(2, 6)
    sentences: list[tuple[str, dict]] = []
    for n in range(n_statements):
        kind = rng.choice(KINDS)
        issuer, actor = rng.choice(cast), rng.choice(cast)
        addressee = rng.choice(cast) if kind in ("Demand", "Threat") else None
        action = rng.choice(ACTIONS)
        verb = rng.choice(VERBS[kind]).format(addressee=actors.labels[addressee] if addressee is not None else "")
        dl = _deadline(rng, published) if rng.random() < 0.7 else None
        amount = rng.choice(AMOUNTS) if rng.random() < 0.3 else None
        negated = rng.random() < 0.08
        cond = rng.random() < 0.15
        words = [actors.labels[issuer], verb, "not" if negated else "", action,
                 f"worth {amount}" if amount else "", dl[3] if dl else "",
                 f"if {actors.labels[rng.choice(cast)]} agrees" if cond else ""]
        sentence = " ".join(w for w in words if w) + "."
        sentences.append((sentence, {"n": n, "kind": kind, "issuer": issuer, "actor": actor,
                                     "addressee": addressee, "action": action, "deadline": dl, "amount": amount,
                                     "negated": negated, "condition": cond}))
    topic = rng.choice(TOPICS)
    lead = f"Talks on {topic} continued on {published.day} {MONTHS[published.month - 1]} {published.year}."
    text = lead
    offsets: list[int] = []
    for sentence, _ in sentences:
        text += " "
        offsets.append(len(text))
        text += sentence
    lines: list[str] = []
    add = lines.append
    add(f"{art} {T['type']} {T['Article']} {g} .\n")
    add(f"{art} {T['type']} {T['NewsArticle']} {g} .\n")
    add(f"{art} {T['headline']} {_lit(f'{actors.labels[cast[0]]} and the {topic} talks')} {g} .\n")
    add(f"{art} {T['url']} {_lit(f'https://news.example.org/{published.year}/{key}', str(XSD.anyURI))} {g} .\n")
    add(f"{art} {T['datePublished']} {_lit(published.isoformat(), str(XSD.date))} {g} .\n")
    add(f"{art} {T['publisher']} {_lit(rng.choice(PUBLISHERS))} {g} .\n")
    add(f"{art} {T['inLanguage']} {_lit('en')} {g} .\n")
    add(f"{art} {T['text']} {_lit(text)} {g} .\n")
    add(f"{ctx} {T['type']} {T['Context']} {g} .\n")
    add(f"{ctx} {T['isString']} {_lit(text)} {g} .\n")
    add(f"{ctx} {T['beginIndex']} {_lit('0', _NNI)} {g} .\n")
    add(f"{ctx} {T['endIndex']} {_lit(str(len(text)), _NNI)} {g} .\n")
    add(f"{ctx} {T['wasDerivedFrom']} {art} {g} .\n")

    def mention(begin: int, end: int) -> str:
        iri = _iri(str(m.mention(key, begin, end)))
        add(f"{iri} {T['type']} {T['Mention']} {g} .\n")
        add(f"{iri} {T['type']} {T['String']} {g} .\n")
        add(f"{iri} {T['anchorOf']} {_lit(text[begin:end])} {g} .\n")
        add(f"{iri} {T['beginIndex']} {_lit(str(begin), _NNI)} {g} .\n")
        add(f"{iri} {T['endIndex']} {_lit(str(end), _NNI)} {g} .\n")
        add(f"{iri} {T['referenceContext']} {ctx} {g} .\n")
        return iri

    for a in cast:
        add(f"{art} {T['mentions']} {actors.iris[a]} {g} .\n")
        label = actors.labels[a]
        at = text.find(label)
        if at >= 0:
            add(f"{mention(at, at + len(label))} {T['about']} {actors.iris[a]} {g} .\n")
    iris = [_iri(str(m.commitment(key, n))) for n in range(n_statements)]
    for (sentence, s), begin in zip(sentences, offsets):
        n, c = s["n"], iris[s["n"]]
        add(f"{c} {T['type']} {T[s['kind']]} {g} .\n")
        add(f"{c} {T['action']} {_lit(s['action'])} {g} .\n")
        add(f"{c} {T['actor']} {actors.iris[s['actor']]} {g} .\n")
        add(f"{c} {T['issuer']} {actors.iris[s['issuer']]} {g} .\n")
        if s["addressee"] is not None:
            add(f"{c} {T['addressee']} {actors.iris[s['addressee']]} {g} .\n")
        add(f"{c} {T['wasAttributedTo']} {actors.iris[s['issuer']]} {g} .\n")
        if s["negated"]:
            add(f"{c} {T['negated']} {_lit('true', str(XSD.boolean))} {g} .\n")
        if s["amount"]:
            add(f"{c} {T['amount']} {_lit(s['amount'])} {g} .\n")
        if s["deadline"]:
            prop, value, datatype, words = s["deadline"]
            d = _iri(str(m.deadline(key, n)))
            add(f"{c} {T['deadline']} {d} {g} .\n")
            add(f"{d} {T['type']} {T['Deadline']} {g} .\n")
            add(f"{d} {T[prop]} {_lit(value, datatype)} {g} .\n")
            add(f"{d} {T['asWritten']} {_lit(words)} {g} .\n")
        if s["condition"]:
            cond = _iri(str(m.condition(key, n)))
            at = sentence.rfind(" if ")
            add(f"{c} {T['condition']} {cond} {g} .\n")
            add(f"{cond} {T['type']} {T['Condition']} {g} .\n")
            add(f"{cond} {T['asWritten']} {_lit(sentence[at + 1:-1])} {g} .\n")
            if n > 0:
                add(f"{cond} {T['dependsOn']} {iris[rng.randrange(n)]} {g} .\n")
        add(f"{c} {T['certainty']} {T[rng.choice(CERTAINTIES)]} {g} .\n")
        add(f"{c} {T['evidence']} {mention(begin, begin + len(sentence))} {g} .\n")
        add(f"{c} {T['wasDerivedFrom']} {art} {g} .\n")
        roles = [("reporter", actors.draw())] + [("source", actors.draw()) for _ in range(rng.randint(0, 2))]
        for i, (role, who) in enumerate(roles):
            q = _iri(str(m.attribution(key, n, f"{role}{i}")))
            add(f"{c} {T['qualifiedAttribution']} {q} {g} .\n")
            add(f"{q} {T['type']} {_iri(str(PROV.Attribution))} {g} .\n")
            add(f"{q} {T['agent']} {actors.iris[who]} {g} .\n")
            add(f"{q} {T['hadRole']} {T[role]} {g} .\n")
        rule = "synthetic-" + s["kind"].lower()
        add(f"{c} {T['rule']} {_lit(rule)} {g} .\n")
        add(f"{c} {T['confidence']} {_lit(f'{rng.uniform(0.3, 0.99):.3f}', str(XSD.decimal))} {g} .\n")
    out.writelines(lines)
    return len(lines)


def quads(n_triples: int = 1_000_000, seed: int = 1, base: str = BASE) -> Iterator[str]:
    """N-Quads lines of a synthetic dataset of about n_triples triples (within one article's worth)."""
    rng = random.Random(seed)
    m = Minter(base)
    n_actors = max(50, min(5000, n_triples // 250))
    actors = _Actors(rng, m, n_actors)
    actors_graph = _iri(str(m.actors_graph()))
    written = 0
    for line in actors.quads(actors_graph):
        written += 1
        yield line
    for i in itertools.count():
        if written >= n_triples:
            return
        buf = io.StringIO()
        written += _article(rng, m, actors, f"{seed:04x}{i:012x}", buf)
        yield buf.getvalue()


def generate(store_dir: str | Path, n_triples: int = 1_000_000, seed: int = 1, base: str = BASE) -> int:
    """Bulk-load a synthetic dataset of about n_triples triples into an Oxigraph store; returns its size."""
    Path(store_dir).mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(store_dir))
    chunk: list[str] = []
    size = 0
    for block in quads(n_triples, seed, base):
        chunk.append(block)
        size += len(block)
        if size > 32_000_000:
            store.bulk_load("".join(chunk).encode("utf-8"), ox.RdfFormat.N_QUADS)
            chunk, size = [], 0
    if chunk:
        store.bulk_load("".join(chunk).encode("utf-8"), ox.RdfFormat.N_QUADS)
    store.flush()
    total = len(store)
    del store
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="directory of the Oxigraph store to create or extend")
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many triples (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    parser.add_argument("--base", default=BASE, help="base IRI of minted entities")
    parser.add_argument("--nquads", action="store_true", help="write N-Quads to standard output instead")
    args = parser.parse_args(argv)
    if args.nquads:
        sys.stdout.writelines(quads(args.triples, args.seed, args.base))
        return 0
    started = time.perf_counter()
    total = generate(args.store, args.triples, args.seed, args.base)
    print(f"{total} quads in {args.store} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
