"""The table of known actors (data/actors.csv.gz, joined by data/build_kb.py): built from its tables, one entity per
Wikidata id, ids that agree with the public sources, offices by date, and generic names resolved by the article."""
from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pledgegraph.loaders import DATA
from pledgegraph.loaders.gazetteer import KB, Entry, Gazetteer, Office, gazetteer

SPOT_CHECKS = Path(__file__).parent / "data" / "kb_spot_checks.csv"


def shipped() -> list[dict[str, str]]:
    with gzip.open(KB, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_shipped_table_is_the_join_of_its_tables():
    sys.path.insert(0, str(DATA))
    try:
        import build_kb
    finally:
        sys.path.remove(str(DATA))
    assert build_kb.main(["--check"]) == 0, "loaders/data/actors.csv.gz is stale: run loaders/data/build_kb.py"


def test_no_wikidata_id_names_two_entities_and_no_id_is_used_twice():
    rows = shipped()
    qids = Counter(r["wikidata"] for r in rows if r["wikidata"])
    ids = Counter(r["id"] for r in rows)
    assert [q for q, n in qids.items() if n > 1] == []
    assert [i for i, n in ids.items() if n > 1] == []
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert {r["match"] for r in rows} <= {"name", "region", "company"}
    web_iris = re.compile(r"https://[^\s<>\"{}|\\^`]+( https://[^\s<>\"{}|\\^`]+)*")  # the source tables
    assert [r["id"] for r in rows if r["source"] and not web_iris.fullmatch(r["source"])] == []


def test_the_table_covers_every_kind_of_actor_in_numbers():
    kinds = Counter(r["kind"] for r in shipped() if r["wikidata"])
    assert kinds["State"] >= 190 and kinds["Region"] >= 600 and kinds["IntergovernmentalOrganization"] >= 300
    assert kinds["GovernmentBody"] >= 800 and kinds["Person"] >= 500 and kinds["Organization"] >= 3000


def test_ids_agree_with_the_public_sources():
    """At least 50 ids across kinds, read from the source files by tests/data/make_spot_checks.py (not by the
    table builders), are the ones the table gives."""
    with SPOT_CHECKS.open(newline="", encoding="utf-8") as f:
        checks = list(csv.DictReader(f))
    assert len(checks) >= 50 and len({c["kind"] for c in checks}) >= 5
    table: dict[tuple[str, str], set[str]] = {}
    for row in shipped():
        table.setdefault((row["label"], row["kind"]), set()).add(row["wikidata"])
    wrong = [(c["label"], c["wikidata"], table.get((c["label"], c["kind"]))) for c in checks
             if c["wikidata"] not in table.get((c["label"], c["kind"]), set())]
    assert wrong == []
    assert all(c["source"].startswith("https://github.com/") for c in checks)


def test_reading_the_table_gives_every_entry_and_its_index():
    g = gazetteer()
    rows = shipped()
    assert len(g.entries) == len(rows)
    by_match = Counter(r["match"] for r in rows)
    assert len({i for ids in g.by_region.values() for i, _ in ids}) == by_match["region"]
    assert len(set(g.by_company.values())) <= by_match["company"]
    us = g.lookup("the United States")
    assert us is not None and us.wikidata == "Q30"


def _toy() -> Gazetteer:
    g = Gazetteer()
    for state in ("ruritania", "freedonia"):
        g.add(Entry(id=state, label=state.title(), kind="State"))
        g.add(Entry(id=f"{state}-finance", label=f"Ministry of Finance ({state.title()})", kind="GovernmentBody",
                    parent=state))
        g.by_generic.setdefault("finance ministry", []).append(f"{state}-finance")
    g.add(Entry(id="anna-ruritan", label="Anna Ruritan", kind="Person", parent="ruritania"))
    g.offices["anna-ruritan"] = [Office("Minister of Finance of Ruritania", "ruritania", "2019-05-01", "2023-02-10"),
                                 Office("Prime Minister of Ruritania", "ruritania", "2023-02-11", "")]
    return g


def test_a_generic_name_denotes_the_body_of_the_article_state_and_nothing_when_ambiguous():
    g = _toy()
    assert g.generic("the Finance Ministry", {"ruritania"}).id == "ruritania-finance"
    assert g.generic("Finance Ministry", {"freedonia"}).id == "freedonia-finance"
    assert g.generic("Finance Ministry", {"ruritania", "freedonia"}) is None
    assert g.generic("Finance Ministry", set()) is None
    assert g.generic("Defence Ministry", {"ruritania"}) is None


@pytest.mark.parametrize("day, office", [("2020-01-01", "Minister of Finance of Ruritania"),
                                         ("2023-02-10", "Minister of Finance of Ruritania"),
                                         ("2024-06-30", "Prime Minister of Ruritania"),
                                         ("2018-12-31", None), (None, None)])
def test_the_office_held_is_the_one_of_the_day(day, office):
    held = _toy().office_on("anna-ruritan", day)
    assert (held.name if held else None) == office


def test_a_term_dated_only_by_its_year_gives_way_in_that_year_to_one_held_for_certain():
    g = _toy()
    g.offices["anna-ruritan"].append(Office("President of Ruritania", "ruritania", "2025", ""))
    assert g.office_on("anna-ruritan", "2025-03-01").name == "Prime Minister of Ruritania"
    assert g.office_on("anna-ruritan", "2026-03-01").name == "President of Ruritania"


def test_a_year_only_term_covers_its_whole_year():
    assert Office("x", "", "2021", "2022").held_on("2022-12-31")
    assert not Office("x", "", "2021", "2022").held_on("2023-01-01")
    assert Office("x", "", "2021", "").held_on(date.today().isoformat())
