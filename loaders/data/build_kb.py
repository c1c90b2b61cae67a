"""Builds actors.csv.gz, the one table of known actors the loaders read, from the per-source tables beside it.

Usage (standard library only; reads nothing but this folder):

    python loaders/data/build_kb.py [--check] [--report]

Each per-source table is the output of its own build script, which reads a public dataset that states Wikidata
ids (README.md lists the sources, commits and licences). This step joins them in priority order, so an entity two
tables hold keeps the row of the earlier one:

    gazetteer.csv (curated) > regions.csv > people.csv > officials.csv > executives.csv > bodies.csv
        > central_banks.csv > institutions.csv > largest.csv > listed.csv > companies.csv

A curated entry that has no QID takes the links of a later table's entity with exactly its label and kind (the
public table states the QID for that name). It writes one gzip-compressed CSV with the gazetteer's columns plus:

* `match`: how the reader may find the entity in text: `name` (any capitalised mention of a label or alias),
  `region` (a place name, where the article's country allows: regions), `company` (only a name the entity
  recogniser marks as an organisation: the large-company, listed-company and brand tables, whose names are often
  common words);
* `office`, `office_start`, `office_end`: a person's latest office, where the source gives it.

offices.csv (every office a person held over 2019-2026), executive_offices.csv (the CEO posts of the people of
executives.csv, in the same columns) and generic_names.csv (names such as "Congress" or "the Finance Ministry" that
denote a body of whichever state the article is about) are read beside it as they are.

An entity of a later table whose id an earlier table's entity has takes its QID into its id (and is left out
without one). It stops without writing when one table has an id twice, or the curated table gives one Wikidata id
to two ids: a link names one entity. `--check` compares the result with the shipped file instead of writing it (the tests run it).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "actors.csv.gz"
# (file, how its names are matched), in priority order
TABLES = [("gazetteer.csv", "name"), ("regions.csv", "region"), ("people.csv", "name"), ("officials.csv", "name"),
          ("executives.csv", "name"), ("bodies.csv", "name"), ("central_banks.csv", "name"),
          ("institutions.csv", "company"),
          ("largest.csv", "company"), ("listed.csv", "company"), ("companies.csv", "company")]
COLUMNS = ["id", "label", "kind", "match", "aliases", "demonyms", "capitals", "wikidata", "dbpedia", "geonames",
           "parent", "source", "office", "office_start", "office_end"]


class Conflict(Exception):
    """Two rows claim one id, or one Wikidata id names two entities."""


def rows(folder: Path = HERE) -> tuple[list[dict[str, str]], Counter]:
    """The joined rows, and how many each table gave."""
    out: list[dict[str, str]] = []
    ids: dict[str, str] = {}
    qids: dict[str, str] = {}
    given: Counter = Counter()
    unlinked: dict[tuple[str, str], dict[str, str]] = {}  # (label, kind) -> a curated row that has no QID
    for name, match in TABLES:
        path = folder / name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                qid = row.get("wikidata") or ""
                curated = unlinked.pop((row["label"], row["kind"]), None)
                if curated is not None and qid and qid not in qids:
                    _adopt(curated, row)  # the curated entry, with the QID a public table states for its name
                    qids[qid] = curated["id"]
                    given["QIDs given to curated entries"] += 1
                    continue
                if qid and qid in qids:
                    if qids[qid] == row["id"] or name != TABLES[0][0]:
                        continue  # an earlier table holds the entity; its row wins
                if row["id"] in ids and ids[row["id"]] == name:
                    raise Conflict(f"id {row['id']!r} is twice in {name}")
                if row["id"] in ids:  # another entity of an earlier table has the slug: the id takes the QID
                    if not qid:
                        continue
                    row = {**row, "id": f"{row['id']}-{qid.lower()}"}
                if qid and qid in qids:
                    raise Conflict(f"{qid} is given to {qids[qid]!r} and {row['id']!r}")
                ids[row["id"]] = name
                if qid:
                    qids[qid] = row["id"]
                out.append({c: (match if c == "match" else row.get(c) or "") for c in COLUMNS})
                given[name] += 1
                if name == TABLES[0][0] and not qid:
                    unlinked[(row["label"], row["kind"])] = out[-1]
    return out, given


def _adopt(curated: dict[str, str], row: dict[str, str]) -> None:
    """Give a curated row without a QID the links of a public table's row of the same label and kind."""
    for column in ("wikidata", "dbpedia", "geonames", "source"):
        curated[column] = curated[column] or row.get(column) or ""


def encode(table: list[dict[str, str]]) -> bytes:
    """The gzip-compressed CSV (mtime 0, so the same rows give the same bytes)."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped actors.csv.gz, write nothing")
    ap.add_argument("--report", action="store_true", help="print the counts by table, kind and link")
    args = ap.parse_args(argv)
    try:
        table, given = rows()
    except Conflict as e:
        print(f"build_kb: {e}; nothing written", file=sys.stderr)
        return 1
    data = encode(table)
    if args.report:
        print(f"{len(table)} actors, {sum(1 for r in table if r['wikidata'])} with a Wikidata id")
        for name, n in given.items():
            print(f"  {name}: {n}")
        for kind, n in Counter(r["kind"] for r in table).most_common():
            print(f"  kind {kind}: {n}")
    if args.check:
        same = OUT.exists() and gzip.decompress(OUT.read_bytes()) == gzip.decompress(data)
        print("actors.csv.gz is up to date" if same else "actors.csv.gz differs from its tables: rebuild it")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT.name}: {len(table)} rows, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
