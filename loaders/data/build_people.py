"""Builds people.csv: the members of the United States Congress and the presidents and vice presidents since 2017,
each with the Wikidata QID the source states, the office they hold or held and its dates.

Usage (needs PyYAML, which the project's development environment has; nothing is downloaded):

    .venv/bin/python loaders/data/build_people.py --legislators PATH [--out loaders/data/people.csv]

Input: unitedstates/congress-legislators (https://github.com/unitedstates/congress-legislators, used at commit
dfa9622263dd4c8d08636926e498f1845704d7eb; CC0 1.0), a git repository (bare is fine; read at HEAD):
`legislators-current.yaml` (`id.wikidata`, `name.official_full`, `name.first`, `name.last`, `name.nickname`, the
terms with type, state, district and dates) and `executive.yaml` (presidents and vice presidents; only those with a
`id.wikidata` and a term ending after 2017). Left out: a QID the gazetteer has (its curated people, who keep their
entry), a name the gazetteer or the regions have, a name two people share.

Columns: those of gazetteer.csv, then `source` (the file at its commit), `office` (the latest term's office, in
words), `office_start` and `office_end` (its dates). A member of Congress has no `parent`: a senator speaks for
neither the administration nor the state; a president or vice president has the United States.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

import yaml
from build_tables import COLUMNS as TABLE_COLUMNS, claimed, git, key, slug, write

HERE = Path(__file__).resolve().parent
COLUMNS = [*TABLE_COLUMNS, "office", "office_start", "office_end"]
REPO_URL = "https://github.com/unitedstates/congress-legislators"
EXECUTIVE = {"prez": "President of the United States", "viceprez": "Vice President of the United States"}


def state_names(regions: Path) -> dict[str, str]:
    """USPS code -> the state's name, from regions.csv ("washington-us-wa" -> "Washington")."""
    with regions.open(newline="", encoding="utf-8") as f:
        return {row["id"].rsplit("-", 1)[1].upper(): row["label"].removesuffix(" State")
                for row in csv.DictReader(f) if re.search(r"-us-[a-z]{2}$", row["id"])}


def office(term: dict, states: dict[str, str]) -> str:
    if term["type"] in EXECUTIVE:
        return EXECUTIVE[term["type"]]
    state = states.get(term["state"], term["state"])
    if term["type"] == "sen":
        return f"United States Senator for {state}"
    district = int(term.get("district") or 0)
    return f"United States Representative for {state}" + (f", district {district}" if district else " (at large)")


def names_of(person: dict) -> list[str]:
    name = person["name"]
    full = name.get("official_full") or f"{name['first']} {name['last']}"
    found = [full, f"{name['first']} {name['last']}"]
    if name.get("nickname"):
        found.append(f"{name['nickname']} {name['last']}")
    return list(dict.fromkeys(found))


def people(repo: Path, states: dict[str, str]) -> list[dict[str, str]]:
    commit = git(repo, "rev-parse", "HEAD").decode().strip()
    rows = []
    for path, executive in (("legislators-current.yaml", False), ("executive.yaml", True)):
        for person in yaml.safe_load(git(repo, "show", f"HEAD:{path}")):
            qid = str(person["id"].get("wikidata") or "")
            last = person["terms"][-1]
            if not re.fullmatch(r"Q[1-9]\d*", qid) or (executive and last["end"] < "2017"):
                continue
            names = names_of(person)
            rows.append({"id": slug(names[0]), "label": names[0], "kind": "Person", "aliases": names[1:],
                         "demonyms": "", "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                         "parent": "united-states" if executive else "", "source": f"{REPO_URL}/blob/{commit}/{path}",
                         "office": office(last, states), "office_start": last["start"], "office_end": last["end"]})
    return rows


def build(repo: Path) -> list[dict[str, str]]:
    rows = people(repo, state_names(HERE / "regions.csv"))
    taken, known = claimed(HERE / "gazetteer.csv", HERE / "regions.csv")
    shared = Counter(key(n) for r in rows for n in [r["label"], *r["aliases"]])
    kept, seen = [], set()
    for row in rows:
        if row["wikidata"] in known or row["wikidata"] in seen:
            continue
        names = [n for n in [row["label"], *row["aliases"]] if key(n) not in taken and shared[key(n)] == 1]
        if not names:
            continue
        seen.add(row["wikidata"])
        kept.append({**row, "label": names[0], "aliases": "|".join(names[1:])})
    return sorted(kept, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--legislators", type=Path, required=True, help="unitedstates/congress-legislators")
    p.add_argument("--out", type=Path, default=HERE / "people.csv")
    args = p.parse_args(argv)
    rows = build(args.legislators)
    if len({r["id"] for r in rows}) != len(rows):
        sys.exit("duplicate ids")
    write(args.out, rows, COLUMNS)
    print(f"{len(rows)} people -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
