"""A small store of hand-written articles for the page and Linked Data tests, written through the real RDF writer."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from endpoint_helpers import Reply, http

from pledgegraph.loaders.records import Actor, Article, Deadline, Extraction, Span, Statement
from pledgegraph.loaders.to_rdf import to_rdf
from pledgegraph.ontology.iris import Minter, article_key
from pledgegraph.settings import load_settings
from pledgegraph.store import open_store

BASE = load_settings(env={}).base_iri
TODAY = date.today()
XSS = "<script>alert('pwned')</script>"
IMG = '<img src=x onerror="alert(1)">'

SOURCE_TABLE = "https://github.com/example-org/places/blob/0123abcd/csv/states.csv"
P1 = "Freedonia pledged on Monday to deliver 40 tanks to Sylvania by March 2027, the defence minister said."
P2 = "Sylvania demanded that Freedonia close the border crossing by 2020 if talks fail."
P3 = f"Analysts expect Sylvania to hold elections in {TODAY.year}."
P4 = f"Freedonia is likely to ratify the treaty by {TODAY.year + 2}."
P5 = f"Freedonia pledged to deliver 40 tanks by March 2027. {XSS} {IMG}"


def span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def actors(text: str) -> dict[str, Actor]:
    """The shared actors, with the spans where `text` names them."""
    out = {
        "freedonia": Actor("freedonia", "Freedonia", "State", aliases={"Republic of Freedonia"}, wikidata="Q990001",
                           dbpedia="Freedonia", geonames="9900001"),
        "sylvania": Actor("sylvania", "Sylvania", "State", aliases={"Sylvanian Republic"}, wikidata="Q990002",
                          dbpedia="Sylvania", source=SOURCE_TABLE),
        "example-wire": Actor("example-wire", "Example Wire", "MediaOrganization"),
        "rufus-firefly": Actor("rufus-firefly", "Rufus T. Firefly", "Person", aliases={"the defence minister"},
                               office=("Defence Minister of Freedonia", "2024-01-01", "2028-12-31")),
    }
    for actor in out.values():
        for name in [actor.label, *actor.aliases]:
            at = text.find(name)
            while at >= 0:
                actor.spans.append(Span(at, at + len(name), name))
                at = text.find(name, at + len(name))
    return out


def extraction(article: Article, statements: list[Statement]) -> Extraction:
    """The article's extraction: the actors it names or its statements refer to, and the statements."""
    named = actors(article.text)
    used = {a for s in statements for a in (s.actor, s.issuer, s.addressee, s.reporter, *s.sources) if a}
    return Extraction(article, {k: a for k, a in named.items() if a.spans or k in used}, statements)


@dataclass
class Data:
    """What the tests need to know about the store they run against."""

    store: Path
    minter: Minter
    keys: dict[str, str] = field(default_factory=dict)  # article name -> key
    dated: int = 0  # statements with a deadline
    filler: int = 0  # extra pledges by Freedonia, for paging

    def iri(self, kind: str, *rest: object) -> str:
        return self.minter.base + "/".join([kind, *map(str, rest)])


def build(store_dir: Path, filler: int = 30) -> Data:
    """Write the test articles into a new store at store_dir."""
    minter = Minter(BASE)
    data = Data(store_dir, minter, filler=filler)
    extractions: list[Extraction] = []

    text1 = P1 + "\n\n" + P2
    a1 = Article(text1, "a1.txt", title="Freedonia pledges tanks", url="https://news.example.org/a1",
                 published=date(2026, 3, 2), publisher="Example Wire", language="en")
    pledge = Statement("Pledge", span(text1, P1), "deliver 40 tanks", actor="freedonia", issuer="freedonia",
                       addressee="sylvania", deadline=Deadline("2027-03", "by March 2027"), amount="40 tanks",
                       reporter="example-wire", sources=["rufus-firefly"], rule="test-pledge", confidence=0.9)
    demand = Statement("Demand", span(text1, P2), "close the border crossing", actor="freedonia", issuer="sylvania",
                       addressee="freedonia", deadline=Deadline("2020", "by 2020"), condition="if talks fail",
                       depends_on=0, certainty="probable", reporter="example-wire", rule="test-demand")
    extractions.append(extraction(a1, [pledge, demand]))

    text2 = P3 + "\n" + P4
    a2 = Article(text2, "a2.txt", title="What analysts expect", url="https://news.example.org/a2",
                 published=date(2026, 4, 1), publisher="Example Wire")
    f1 = Statement("Forecast", span(text2, P3), "hold elections", actor="sylvania",
                   deadline=Deadline(str(TODAY.year), f"in {TODAY.year}"), certainty="probable")
    f2 = Statement("Pledge", span(text2, P4), "ratify the treaty", actor="freedonia", issuer="freedonia",
                   deadline=Deadline(f"{TODAY.year + 2}-06-30", f"by {TODAY.year + 2}"), certainty="possible")
    extractions.append(extraction(a2, [f1, f2]))

    text3 = P5
    a3 = Article(text3, "a3.txt", title=f"{XSS} Tanks again", url="https://news.example.org/a3?x=<b>",
                 published=date(2026, 5, 5), publisher=f"Wire {IMG}")
    again = Statement("Pledge", span(text3, "Freedonia pledged to deliver 40 tanks by March 2027."),
                      "Deliver 40 tanks", actor="freedonia", issuer="freedonia",
                      deadline=Deadline("2027-03", "by March 2027"))
    extractions.append(extraction(a3, [again]))

    for i in range(filler):
        text = f"Freedonia promised to plant {i + 1} trees in Sylvania."
        art = Article(text, f"f{i}.txt", title=f"Trees {i + 1}", url=f"https://news.example.org/trees/{i}",
                      published=date(2025, 1, 1 + i % 28))
        st = Statement("Pledge", span(text, text), f"plant {i + 1} trees", actor="freedonia", issuer="freedonia")
        extractions.append(extraction(art, [st]))

    store = open_store(store_dir)
    for name, x in zip(["a1", "a2", "a3"], extractions):
        data.keys[name] = article_key(x.article.url, x.article.text)
    for x in extractions:
        graph_iri, graph, shared = to_rdf(minter, x)
        store.replace_graph(graph_iri, graph)
        store.add_to_graph(minter.actors_graph(), shared)
        data.dated += sum(1 for s in x.statements if s.deadline)
    store.flush()
    del store
    return data


def fetch(url: str, accept: str | None = None, headers: dict[str, str] | None = None) -> Reply:
    """GET a URL on the test server (loopback only), without raising on 4xx/5xx."""
    return http("GET", url, headers={**({"Accept": accept} if accept else {}), **(headers or {})})


@pytest.fixture(scope="module")
def pages_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A real `pledgegraph serve` over a store of the test articles: (server, data)."""
    from conftest import LiveServer

    data = build(tmp_path_factory.mktemp("pages") / "store")
    server = LiveServer(data.store)
    yield server, data
    server.stop()
