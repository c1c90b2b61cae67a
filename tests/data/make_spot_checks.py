"""Writes kb_spot_checks.csv: Wikidata ids read straight from the public source files (not through the table
builders), for tests/test_kb.py to compare with the shipped table of actors.

    python tests/data/make_spot_checks.py MIRRORS [--per-source 10]

MIRRORS holds bare git clones named owner+name/repo (as the project's fetch tool leaves them). Each source is read
with its own few lines here, independently of loaders/data/build_*.py; a row is kept where the shipped table has an
entity of that label, so the test checks that the table gives it the QID the source states. Rows are taken evenly
through the source's sorted list, so the sample is the same on every run.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("kb_spot_checks.csv")


def show(mirrors: Path, repo: str, path: str) -> tuple[str, str]:
    git = mirrors / repo.replace("/", "+") / "repo"
    text = subprocess.run(["git", "--git-dir", str(git), "show", f"HEAD:{path}"], capture_output=True, check=True)
    commit = subprocess.run(["git", "--git-dir", str(git), "rev-parse", "HEAD"], capture_output=True, text=True)
    return text.stdout.decode("utf-8"), f"https://github.com/{repo}/blob/{commit.stdout.strip()}/{path}"


def countries(m: Path) -> Iterator[tuple[str, str, str]]:
    text, src = show(m, "dr5hn/countries-states-cities-database", "csv/countries.csv")
    for row in csv.DictReader(io.StringIO(text)):
        yield row["name"], row["wikiDataId"], src


def states(m: Path) -> Iterator[tuple[str, str, str]]:
    text, src = show(m, "dr5hn/countries-states-cities-database", "csv/states.csv")
    for row in csv.DictReader(io.StringIO(text)):
        if row["country_code"] in ("US", "DE", "IN", "BR", "CA", "AU"):
            yield row["name"], row["wikiDataId"], src


def legislators(m: Path) -> Iterator[tuple[str, str, str]]:
    text, src = show(m, "unitedstates/congress-legislators", "legislators-current.yaml")
    for person in yaml.safe_load(text):
        name = person["name"].get("official_full")
        if name and person["id"].get("wikidata"):
            yield name, person["id"]["wikidata"], src


def brands(m: Path) -> Iterator[tuple[str, str, str]]:
    for path in ("data/brands/amenity/bank.json", "data/brands/shop/supermarket.json"):
        text, src = show(m, "osmlab/name-suggestion-index", path)
        for item in json.loads(text)["items"]:
            tags = item.get("tags", {})
            if tags.get("brand") and tags.get("brand:wikidata"):
                yield tags["brand"], tags["brand:wikidata"], src


def cabinets(m: Path) -> Iterator[tuple[str, str, str]]:
    text, src = show(m, "every-politician-scrapers/world", "wikidata/results/country-cabinets.csv")
    for row in csv.DictReader(io.StringIO(text)):
        yield row["cabinetLabel"], row["cabinet"], src


def international_bodies(m: Path) -> Iterator[tuple[str, str, str]]:
    text, src = show(m, "confirmordeny/supraverden", "data/general_list.yaml")
    for body in yaml.safe_load(text).values():
        code = str(body.get("Wikidata_code") or "")
        if body.get("Name_en") and code.startswith("Q"):
            yield body["Name_en"], code, src


def _query_result(m: Path, path: str, var: str) -> Iterator[tuple[str, str, str]]:
    """The label and QID of `var` in each row of a Wikidata query result kept in trifecta-project/entity-evolution."""
    text, src = show(m, "trifecta-project/entity-evolution", path)
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        yield row[f"{var}Label.value"], row[f"{var}.value"].rsplit("/", 1)[-1], src


def chief_executives(m: Path) -> Iterator[tuple[str, str, str]]:
    return _query_result(m, "data/company_ceo_starttime.tsv", "ceoname")


def employers(m: Path) -> Iterator[tuple[str, str, str]]:
    return _query_result(m, "data/company_employees.tsv", "company")


SOURCES = [("GovernmentBody", cabinets), ("IntergovernmentalOrganization", international_bodies),
           ("State", countries), ("Region", states), ("Person", legislators), ("Organization", brands),
           ("Person", chief_executives), ("Organization", employers)]


def shipped() -> dict[tuple[str, str], set[str]]:
    """(label, kind) -> the QIDs the shipped table gives."""
    with gzip.open(ROOT / "loaders/data/actors.csv.gz", "rt", encoding="utf-8", newline="") as f:
        table: dict[tuple[str, str], set[str]] = {}
        for row in csv.DictReader(f):
            table.setdefault((row["label"], row["kind"]), set()).add(row["wikidata"])
        return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mirrors", type=Path)
    ap.add_argument("--per-source", type=int, default=10)
    args = ap.parse_args(argv)
    table, rows = shipped(), []
    for kind, read in SOURCES:
        found = sorted({(label, qid, src) for label, qid, src in read(args.mirrors)
                        if qid and (label, kind) in table})
        step = max(1, len(found) // args.per_source)
        rows += [{"label": label, "kind": kind, "wikidata": qid, "source": src}
                 for label, qid, src in found[::step][:args.per_source]]
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["label", "kind", "wikidata", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
