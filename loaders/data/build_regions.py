"""Builds regions.csv: the first-level subdivisions of the countries below (federated states, provinces,
prefectures, counties, Länder, cantons ...) and the dependent territories (Bermuda, Greenland, Puerto Rico ...),
each with the Wikidata QID its source states, as actors of kind `Region`.

Beside it goes country_domains.csv: each state's country-code domain (".ie" -> Ireland, joined on the QID), the
country of an outlet whose article names no state.

Usage (standard library only; nothing is downloaded):

    python loaders/data/build_regions.py --places PATH --check PATH [--gazetteer loaders/data/gazetteer.csv]
                                         [--out loaders/data/regions.csv] [--report]

Inputs, each a git repository (bare is fine; files are read at HEAD, whose commit is written into the table) or a
plain directory:

* --places: dr5hn/countries-states-cities-database (https://github.com/dr5hn/countries-states-cities-database,
  used at commit 7fda0afd3e75391d9480c22ed3a2b91f50e08eb6; ODbL 1.0, contents DbCL 1.0): `csv/states.csv` (name,
  native name, type, ISO 3166-2 code, `wikiDataId`; rows without `parent_id` are first-level) and
  `csv/countries.csv` (every ISO 3166-1 country or territory with its `wikiDataId`).
* --check: GoogleCloudPlatform/covid-19-open-data (https://github.com/GoogleCloudPlatform/covid-19-open-data, used
  at commit 1123ce02a0b4059d6acd4c4446f3f9b8335018f1; Apache-2.0): `src/data/knowledge_graph.csv`, a second QID for
  1,432 first-level subdivisions of 65 countries, keyed by ISO 3166-2 code. Where both sources give a subdivision a
  QID and they differ, the QID is left empty (a wrong link is worse than none) and the report names the code.

A territory is a country of the place data whose QID is none of the gazetteer's states. A region's plain name is
an alias only when no gazetteer entry already claims it ("Washington" is the United States' capital, "Georgia" a
state): then only the qualified names ("Washington State", "State of Washington") are. Names two regions share
("Punjab") stay with both: the reader links them only where the article names one region's country.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from build_tables import QID, claimed, key, latin, read, slug, write

HERE = Path(__file__).resolve().parent
PLACES_URL = "https://github.com/dr5hn/countries-states-cities-database"

# Countries whose first-level subdivisions govern themselves enough to act in the news: the federations (the ten
# largest by population and the others), and unitary states with elected regional or county governments.
COUNTRIES = {
    "US": "united-states", "IN": "india", "BR": "brazil", "RU": "russia", "MX": "mexico", "PK": "pakistan",
    "NG": "nigeria", "ET": "ethiopia", "DE": "germany", "CA": "canada", "AU": "australia", "AR": "argentina",
    "MY": "malaysia", "AT": "austria", "CH": "switzerland", "BE": "belgium", "AE": "united-arab-emirates",
    "GB": "united-kingdom", "JP": "japan", "CN": "china", "ES": "spain", "IT": "italy", "KE": "kenya",
    "ZA": "south-africa", "ID": "indonesia", "KR": "south-korea", "PH": "philippines", "FR": "france",
}
# Territories of the place data that are not taken: no government (Antarctica, uninhabited islands), or a state
# the gazetteer knows under the QID the news means (the Holy See, Palestine).
NOT_TERRITORIES = {"Q51", "Q23408", "Q131198", "Q129003", "Q43448", "Q16645", "Q1137202", "Q237", "Q407199"}
# The place data's names that news writes otherwise.
TERRITORY_NAMES = {"Q9676": "Isle of Man", "Q25305": "British Virgin Islands", "Q11703": "United States Virgin Islands",
                   "Q26273": "Sint Maarten", "Q5689": "Åland Islands", "Q1779748": "Pitcairn Islands",
                   "Q842829": "Svalbard and Jan Mayen"}
# Kinds of first-level unit that are no government of their own.
SKIP_TYPES = {"military postal region", "outlying area", "geographical unit", "dependency", "overseas territory"}
# The word a unit of a type is called by in English news ("Niigata Prefecture", "State of New York").
TYPE_WORDS = {"state": "State", "province": "Province", "prefecture": "Prefecture", "county": "County",
              "land": "State", "canton": "Canton", "region": "Region", "territory": "Territory",
              "union territory": "Territory", "autonomous community": "Region", "autonomous region": "Region",
              "republic": "Republic", "administrative region": "Oblast", "metropolitan region": "Region"}


@dataclass
class Row:
    """One region while it is being assembled."""

    id: str
    label: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str = ""
    parent: str = ""
    source: str = ""
    unit: str = ""  # the source's type of unit ("state", "prefecture")

    def cells(self) -> dict[str, str]:
        aliases = [a for a in dict.fromkeys(self.aliases) if a != self.label]
        return {"id": self.id, "label": self.label, "kind": "Region", "aliases": "|".join(aliases), "demonyms": "",
                "capitals": "", "wikidata": self.wikidata, "dbpedia": "", "geonames": "", "parent": self.parent,
                "source": self.source}


def plain(name: str) -> str:
    """"Hong Kong SAR", "Hong Kong S.A.R." -> "Hong Kong"."""
    return re.sub(r"\s+S\.?A\.?R\.?$", "", name)


def qualified(name: str, unit: str) -> list[str]:
    """The names a unit goes by with its type word: "Niigata Prefecture", "State of New York", "Alberta government"."""
    word = TYPE_WORDS.get(unit.lower())
    names = [f"{name} government", f"Government of {name}"]
    if word and not name.lower().endswith(word.lower()):
        names += [f"{name} {word}", f"{word} of {name}", f"{name} {word} Government", f"{name} {word.lower()}"]
    return names


def subdivisions(places: Path, check: dict[str, str], report: list[str]) -> list[Row]:
    """First-level subdivisions of COUNTRIES, with the QID both sources agree on (or the only one given)."""
    text, commit = read(places, "csv/states.csv")
    source = f"{PLACES_URL}/blob/{commit}/csv/states.csv"
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        if r["parent_id"] or r["country_code"] not in COUNTRIES or r["type"] in SKIP_TYPES:
            continue
        code, qid = r["iso3166_2"], r["wikiDataId"] if QID.match(r["wikiDataId"] or "") else ""
        other = check.get(code.replace("-", "_"))
        if qid and other and other != qid:
            report.append(f"{code} {r['name']}: QIDs differ ({qid} here, {other} in the check source): left empty")
            qid = ""
        name = plain(r["name"])
        aliases = [name, r["name"], *qualified(name, r["type"])]
        if latin(r["native"]) and r["native"] != r["name"]:
            aliases.append(r["native"])
        rows.append(Row(id=slug(f"{name} {code}"), label=name, aliases=aliases, wikidata=qid,
                        parent=COUNTRIES[r["country_code"]], source=source, unit=r["type"]))
    return rows


def territories(places: Path, states: dict[str, str]) -> list[Row]:
    """Countries of the place data that are no state of the gazetteer: dependent territories."""
    text, commit = read(places, "csv/countries.csv")
    source = f"{PLACES_URL}/blob/{commit}/csv/countries.csv"
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        qid = r["wikiDataId"] if QID.match(r["wikiDataId"] or "") else ""
        if not qid or qid in states or qid in NOT_TERRITORIES:
            continue
        label = TERRITORY_NAMES.get(qid) or plain(r["name"])
        aliases = [label, r["name"], *([r["native"]] if latin(r["native"]) else []), f"Government of {label}",
                   f"{label} government"]
        rows.append(Row(id=slug(label), label=label, aliases=aliases, wikidata=qid, source=source))
    return rows


# Country-code domains that sites anywhere use for their letters, not their country (".tv", ".io", ".co", ...).
GENERIC_DOMAINS = {"ac", "ai", "am", "cc", "cd", "co", "fm", "gg", "io", "la", "ly", "me", "ms", "nu", "sh", "so",
                   "st", "tk", "to", "tv", "vc", "ws"}


def domains(places: Path, gazetteer: Path) -> list[dict[str, str]]:
    """Each state's country-code top-level domain (".ie" -> Ireland), joined to the gazetteer on the QID: the
    country of an outlet whose article names none."""
    text, _ = read(places, "csv/countries.csv")
    _, states = claimed(gazetteer)
    rows = []
    for r in csv.DictReader(io.StringIO(text)):
        tld = r["tld"].strip().lstrip(".").lower()
        if r["wikiDataId"] in states and re.fullmatch(r"[a-z]{2}", tld) and tld not in GENERIC_DOMAINS:
            rows.append({"domain": tld, "state": states[r["wikiDataId"]]})
    if "uk" not in {r["domain"] for r in rows} and any(r["state"] == "united-kingdom" for r in rows):
        rows.append({"domain": "uk", "state": "united-kingdom"})  # the ISO code is GB, the domain .uk
    return sorted(rows, key=lambda r: r["domain"])


def build(places: Path, check_repo: Path, gazetteer: Path, report: list[str]) -> list[Row]:
    text, _ = read(check_repo, "src/data/knowledge_graph.csv")
    check = {r["key"]: r["wikidata"] for r in csv.DictReader(io.StringIO(text)) if QID.match(r["wikidata"] or "")}
    taken, states = claimed(gazetteer)
    regions = subdivisions(places, check, report)
    named = {key(a) for row in regions for a in row.aliases}
    rows = regions + [t for t in territories(places, states)  # not "Réunion" again, a region of France already
                      if not {key(a) for a in [t.label, *t.aliases]} & named]
    seen_qids: dict[str, str] = {}
    kept = []
    for row in rows:
        if row.wikidata in states:
            continue  # a subdivision that is a state of the gazetteer (none expected)
        if not row.parent and key(row.label) in taken:
            report.append(f"{row.id}: a state of the gazetteer under another QID ({row.wikidata}): not taken")
            continue  # a state listed again as a subdivision, under another QID
        if row.wikidata and row.wikidata in seen_qids:
            report.append(f"{row.id}: QID {row.wikidata} is {seen_qids[row.wikidata]} already: not taken twice")
            continue  # a territory the country's subdivisions list too ("Saint Barthélemy" of France)
        if row.wikidata:
            seen_qids[row.wikidata] = row.id
        if key(row.label) in taken:  # "Washington": only "Washington State", "State of Washington"
            word = (TYPE_WORDS.get(row.unit) or "\0").lower()
            row.aliases = [a for a in row.aliases if word in a.lower() or key(a) == key(row.label)]
        dropped = [a for a in row.aliases if key(a) in taken]
        row.aliases = [a for a in row.aliases if key(a) not in taken]
        if dropped:
            report.append(f"{row.id}: names the gazetteer claims are not aliases: {', '.join(dropped)}")
        if key(row.label) in taken and row.aliases:
            row.label = next((a for a in row.aliases if " " in a and "overnment" not in a), row.aliases[0])
        if row.aliases:
            kept.append(row)
    return sorted(kept, key=lambda r: r.id)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--places", type=Path, required=True, help="dr5hn/countries-states-cities-database")
    p.add_argument("--check", type=Path, required=True, help="GoogleCloudPlatform/covid-19-open-data")
    p.add_argument("--gazetteer", type=Path, default=HERE / "gazetteer.csv")
    p.add_argument("--out", type=Path, default=HERE / "regions.csv")
    p.add_argument("--report", action="store_true", help="print every QID left empty and every name not taken")
    args = p.parse_args(argv)
    report: list[str] = []
    rows = build(args.places, args.check, args.gazetteer, report)
    ids = [r.id for r in rows]
    if len(ids) != len(set(ids)):
        sys.exit("duplicate region ids")
    write(args.out, [r.cells() for r in rows])
    write(args.out.parent / "country_domains.csv", domains(args.places, args.gazetteer), ["domain", "state"])
    if args.report:
        print("\n".join(report))
    linked = sum(1 for r in rows if r.wikidata)
    print(f"{len(rows)} regions, {linked} with a Wikidata QID -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
