"""Builds institutions.csv: universities and other higher-education institutions, as actors of kind `Organization`,
each with the Wikidata QID its ROR record states (matched like companies: only where the entity recogniser marks an
organisation).

Usage (standard library only; nothing is downloaded):

    python loaders/data/build_institutions.py --ror PATH [--out loaders/data/institutions.csv] [--report]

Input: ror-community/ror-records (https://github.com/ror-community/ror-records, CC0 1.0), a git repository (bare is
fine) read at HEAD by build_tables.ror_records: the ROR records each release since 2022 added or changed, each in its
latest release. Taken: the active records of type `education` with one QID (`external_ids` wikidata, or the
preferred one) and an English Wikipedia article (the record's `wikipedia` link: the notability signal, which also
gives the DBpedia name), in a state the gazetteer knows (the ISO code through country_domains.csv: `parent`).

Names: the label is ROR's display name. Aliases: ROR's other names and labels in Latin script, acronyms of three
capital letters or more that no other record of the selection gives, and the news form "X University" of a name
"University of X" where neither X nor any of its leading words is a name a table holds (not "California
University" for the University of California, nor for the University of California San Diego: California is a
region) and no other record's name is "X University" or "University of X"
elsewhere. A name another table (gazetteer, regions, people, officials, bodies, listed, companies) claims, or that
two institutions share, is dropped; an institution whose QID another table holds is left out. The script refuses to
write when one QID would get two ids.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

from build_tables import QID, claimed, key, latin, ror_records, slug, write

HERE = Path(__file__).resolve().parent
ROR_URL = "https://github.com/ror-community/ror-records"
OTHER_TABLES = ["gazetteer.csv", "regions.csv", "people.csv", "officials.csv", "bodies.csv", "listed.csv",
                "companies.csv"]
UNIVERSITY_OF = re.compile(r"^(?:The )?University of ([A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)$")


def states() -> dict[str, str]:
    """ISO code -> gazetteer id of the state."""
    with (HERE / "country_domains.csv").open(newline="", encoding="utf-8") as f:
        return {("GB" if r["domain"] == "uk" else r["domain"].upper()): r["state"] for r in csv.DictReader(f)}


def build(repo: Path, report: list[str]) -> list[dict[str, str]]:
    records, commit = ror_records(repo)
    taken, known = claimed(*[HERE / t for t in OTHER_TABLES if (HERE / t).exists()])
    by_iso = states()
    chosen = []
    for r in sorted(records.values(), key=lambda r: r["id"]):
        if ("education" not in r["types"] or r["status"] != "active" or len(r["qids"]) != 1
                or not QID.match(str(r["qids"][0])) or not r["name"] or not latin(r["name"])):
            continue
        m = re.match(r"https?://en\.wikipedia\.org/wiki/([^#?]+)$", r["wikipedia"] or "")
        if not m or r["country"] not in by_iso:
            continue
        if r["qids"][0] in known:
            report.append(f"{r['qids'][0]} {r['name']}: another table has it")
            continue
        chosen.append({**r, "dbpedia": urllib.parse.unquote(m.group(1)).replace(" ", "_")})

    acronyms = Counter(a.strip() for r in chosen for a in set(r["acronyms"]))
    names_of_all = Counter(key(r["name"]) for r in chosen)
    candidates: dict[str, list[str]] = {}
    for r in chosen:
        names = [r["name"], *(n.strip() for n, _ in r["aliases"] if n.strip() and latin(n))]
        names += [a.strip() for a in r["acronyms"] if re.fullmatch(r"[A-Z]{3,}", a.strip()) and acronyms[a.strip()] == 1]
        m = UNIVERSITY_OF.match(r["name"])
        words = m.group(1).split() if m else []
        if (m and "System" not in words and names_of_all[key(f"{m.group(1)} University")] == 0
                and not any(key(" ".join(words[:i])) in taken for i in range(1, len(words) + 1))):
            names.append(f"{m.group(1)} University")  # "Oxford University"
        names += [n.replace(" & ", " and ") for n in names if " & " in n]
        candidates[r["id"]] = list(dict.fromkeys(names))
    holders: dict[str, set[str]] = defaultdict(set)
    for rid, names in candidates.items():
        for n in names:
            holders[key(n)].add(rid)

    rows, ids = [], set()
    for r in chosen:
        names = [n for n in candidates[r["id"]] if key(n) and key(n) not in taken and len(holders[key(n)]) == 1
                 and len(key(n)) > 2]
        label = r["name"]
        if key(label) not in {key(n) for n in names}:
            report.append(f"{r['qids'][0]} {label}: its name is another table's or another institution's")
            continue
        base = slug(label)
        rid = base if base not in ids else f"{base}-{slug(by_iso[r['country']])}"
        if rid in ids:
            report.append(f"{r['qids'][0]} {label}: id {rid} twice")
            continue
        ids.add(rid)
        rows.append({"id": rid, "label": label, "kind": "Organization",
                     "aliases": "|".join(n for n in names if n != label), "demonyms": "", "capitals": "",
                     "wikidata": r["qids"][0], "dbpedia": r["dbpedia"], "geonames": "",
                     "parent": by_iso[r["country"]], "source": f"{ROR_URL}/blob/{commit}/{r['path']}"})
    return sorted(rows, key=lambda row: row["id"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--ror", type=Path, required=True, help="ror-community/ror-records")
    p.add_argument("--out", type=Path, default=HERE / "institutions.csv")
    p.add_argument("--report", action="store_true", help="print the institutions left out and why")
    args = p.parse_args(argv)
    report: list[str] = []
    rows = build(args.ror, report)
    qids = Counter(r["wikidata"] for r in rows)
    if any(n > 1 for n in qids.values()):
        sys.exit("conflict, nothing written: one QID given two ids")
    write(args.out, rows)
    if args.report:
        print("\n".join(report))
    print(f"{len(rows)} institutions, all with a Wikidata QID -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
