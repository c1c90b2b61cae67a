"""Builds listed.csv: national companies of the sectors that make up the large stock indices (banks, insurers, fuel,
energy and power, telecoms, supermarkets and department stores) that companies.csv (multinational brands) lacks, as
actors of kind `Organization`, and news outlets (newspapers, broadcasters, agencies, sites) as `MediaOrganization`,
each with the Wikidata QID a public file states for it, or none.

Usage (nothing is downloaded; standard library only):

    .venv/bin/python loaders/data/build_listed.py --brands PATH --publishers PATH --newspapers PATH \\
        [--framenet PATH] [--out loaders/data/listed.csv]

Inputs, each a git repository (bare is fine; files are read at HEAD, whose commit is written into the table):

* --brands: osmlab/name-suggestion-index (BSD 3-Clause; the same repository build_companies.py reads):
  `data/brands/{amenity/bank,amenity/fuel,office/insurance,office/financial,shop/supermarket,
  shop/department_store,shop/mobile_phone,shop/telecommunication,office/telecommunication}.json` (the brand's
  `brand:wikidata`, names `brand`/`brand:en`, countries `locationSet.include`) and
  `data/operators/{power/plant,power/line,man_made/pipeline,office/energy_supplier}.json`
  (`operator:wikidata`, `operator`/`operator:en`). A company is taken when it trades in fewer than five countries
  and not worldwide (the others are companies.csv's); its home state (`parent`) is the one country its records
  name, looked up through country_domains.csv (ISO code = country-code domain, `gb` = `uk`). An operator whose
  name marks a public body ("Department", "Ministry", "City of", ...) is left out.
* --publishers: flairNLP/fundus (MIT): `src/fundus/publishers/<cc>/__init__.py`, each `Publisher(name=...,
  domain=...)`: the news outlets a news crawler supports, grouped by country (`cc`, a country-code domain).
* --newspapers: patrickswickard/international_newspapers (a 2023 Wikidata query result, no licence stated; only
  facts are taken): `full_list_of_newspapers.json`, every item that is an instance of newspaper (Q11032) with its
  official website (P856) and country (P17). An outlet of --publishers gets the QID of the one item whose official
  website has the outlet's host name; a host two items share links neither. An outlet with no such item is kept
  without a QID.
* --framenet (optional): the FrameNet 1.7 frame files build_lexicons.py reads: a one-word name that is an English
  word FrameNet lists is no alias (a label that is one is kept, and reported on stderr).

Names: legal suffixes ("S.A.", "plc", "AG", "Inc.") are stripped to give the short name news uses; a name whose key
(build_tables.key) gazetteer.csv, regions.csv, people.csv or companies.csv already claims is skipped, as is a name two
entities of this table share, and a name not in Latin letters. An entity whose QID one of those tables holds is
skipped. The script refuses to write when one QID would get two ids or one id two QIDs.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tarfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from build_tables import QID, claimed, english_words, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
BRANDS_URL = "https://github.com/osmlab/name-suggestion-index"
PUBLISHERS_URL = "https://github.com/flairNLP/fundus"
NEWSPAPERS_URL = "https://github.com/patrickswickard/international_newspapers"
NEWSPAPERS_FILE = "full_list_of_newspapers.json"
BRAND_FILES = ["amenity/bank", "amenity/fuel", "office/insurance", "office/financial", "shop/supermarket",
               "shop/department_store", "shop/mobile_phone", "shop/telecommunication", "office/telecommunication"]
OPERATOR_FILES = ["power/plant", "power/line", "man_made/pipeline", "office/energy_supplier"]
PUBLIC_BODY = re.compile(r"\b(department|ministry|ministerio|minist[eè]re|bureau|agency|city of|county|council|"
                         r"municipal|corps|administration|commission|government|state of|authority|army|navy|"
                         r"air force|university|district|national park|service|town of|village of|township|borough|zweckverband)\b", re.I)
LEGAL = re.compile(r"[\s,]+(inc\.?|incorporated|corp\.?|corporation|co\.?,? ltd\.?|ltd\.?|limited|plc|p\.l\.c\.|"
                   r"llc|l\.l\.c\.|lp|s\.a\.?|sa|s\.a\.b\.|s\.p\.a\.|spa|s\.a\.s\.|sas|ag|se|nv|n\.v\.|bv|b\.v\.|"
                   r"gmbh|a/s|as|asa|ab|oyj|oy|k\.k\.|tbk|bhd|berhad|pjsc|ojsc|jsc|pt|co\.)$", re.I)
PUBLISHER = re.compile(r'Publisher\(\s*name="([^"]+)",\s*domain="([^"]+)"', re.S)
ISO_TO_DOMAIN = {"gb": "uk"}
PAREN = re.compile(r"\s*\([^)]*\)")
PAREN_TEXT = re.compile(r"\(([^)]*)\)")
EDITION = re.compile(r"\s+(news|online|live|eu|de|en|fr|uk|us)$", re.I)


def same_name(a: str, b: str) -> bool:
    """Two names of one outlet: the same words, ignoring case, accents, hyphens and a leading "The"."""
    def words(n: str) -> list[str]:
        w = slug(n).split("-")
        return w[1:] if w[:1] == ["the"] else w
    return bool(a) and words(a) == words(b)


def short(name: str) -> str:
    """The name without a trailing legal form ("Novo Nordisk A/S" -> "Novo Nordisk")."""
    stripped = LEGAL.sub("", name.strip()).strip(" ,")
    return stripped if stripped and stripped != name else name


def host(url: str) -> str:
    netloc = urlsplit(url.strip() if "//" in url else "//" + url.strip()).netloc.lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def states() -> dict[str, str]:
    """Country-code domain -> gazetteer id."""
    with (HERE / "country_domains.csv").open(newline="", encoding="utf-8") as f:
        return {r["domain"]: r["state"] for r in csv.DictReader(f)}


def companies(repo: Path) -> tuple[dict[str, set[str]], dict[str, set[str]], str]:
    """QID -> names, QID -> ISO country codes, and the commit, from the brand and operator files."""
    names: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    wanted = {f"data/brands/{f}.json": "brand" for f in BRAND_FILES}
    wanted |= {f"data/operators/{f}.json": "operator" for f in OPERATOR_FILES}
    archive = tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "HEAD", *wanted)))
    for member in archive.getmembers():
        role = wanted.get(member.name)
        if not (role and member.isfile()):
            continue
        for item in json.load(archive.extractfile(member)).get("items", []):
            tags = item.get("tags", {})
            qid = tags.get(f"{role}:wikidata", "")
            if not QID.match(qid):
                continue
            found = {tags[k] for k in (f"{role}:en", role) if tags.get(k)}
            if role == "operator" and any(PUBLIC_BODY.search(n) for n in found):
                continue
            names[qid] |= found
            for p in item.get("locationSet", {}).get("include", []):
                if isinstance(p, str) and re.match(r"^([a-z]{2}|001)(-|\.|$)", p.lower()):
                    places[qid].add(p.lower()[:3] if p.startswith("001") else p.lower()[:2])
    return names, places, git(repo, "rev-parse", "HEAD").decode().strip()


def publishers(repo: Path) -> tuple[list[tuple[str, str, str]], str]:
    """(name, host, country-code domain) of each outlet, and the commit."""
    out = []
    for path in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "src/fundus/publishers").decode().split():
        parts = path.split("/")
        if len(parts) != 5 or parts[4] != "__init__.py" or parts[3] == "shared":
            continue
        cc = {"ind": "in", "isl": "is"}.get(parts[3], parts[3])
        for name, domain in PUBLISHER.findall(git(repo, "show", f"HEAD:{path}").decode("utf-8")):
            out.append((name, host(domain), cc))
    return out, git(repo, "rev-parse", "HEAD").decode().strip()


def newspapers(repo: Path) -> tuple[dict[str, set[str]], dict[str, str], str]:
    """Host of the official website -> QIDs, QID -> English label, and the commit."""
    data = json.loads(git(repo, "show", f"HEAD:{NEWSPAPERS_FILE}"))
    hosts: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in data["results"]["bindings"]:
        qid = row["item"]["value"].rsplit("/", 1)[1]
        if not QID.match(qid):
            continue
        hosts[host(row["offurl"]["value"])].add(qid)
        label = row.get("itemLabel", {})
        if label.get("xml:lang") == "en" and label.get("value") != qid:
            labels[qid] = label["value"]
    return hosts, labels, git(repo, "rev-parse", "HEAD").decode().strip()


def build(brand_repo: Path, publisher_repo: Path, newspaper_repo: Path, framenet: Path | None,
          tables: list[Path]) -> list[dict[str, str]]:
    taken, known_qids = claimed(*tables)
    words = english_words(framenet) if framenet is not None else set()
    domains = states()
    ids_taken: set[str] = set()
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            ids_taken |= {r["id"] for r in csv.DictReader(f)}

    def usable(name: str) -> bool:
        return latin(name) and len(name) >= 2 and not name.islower() and key(name) not in taken

    candidates = []  # (label, aliases, kind, qid, parent, source)
    names, places, commit = companies(brand_repo)
    source = f"{BRANDS_URL}/tree/{commit}/data"
    for qid, found in sorted(names.items()):
        where = places[qid]
        if qid in known_qids or "001" in where or len(where) >= 5:
            continue
        all_names = found | {short(n) for n in found}
        good = {n for n in all_names if usable(n)}
        if not good:
            continue
        label = min((short(n) for n in found if usable(short(n))), key=lambda n: (len(n), n), default="")
        if not label or any(key(label) not in key(n) for n in good):
            continue  # a group whose brands bear other names names no one company
        parent = domains.get(ISO_TO_DOMAIN.get(c, c), "") if len(where) == 1 and (c := next(iter(where))) else ""
        candidates.append((label, good - {label}, "Organization", qid, parent, source))

    hosts, labels, paper_commit = newspapers(newspaper_repo)
    outlets, pub_commit = publishers(publisher_repo)
    merged: dict[str, list] = {}  # an outlet's editions ("Euronews (DE)", "Euronews (EN)") are one outlet
    for name, site, cc in outlets:
        label = PAREN.sub("", name).strip()
        extra = {m for m in PAREN_TEXT.findall(name) if len(m) >= 3 and m.isupper()}
        qids = {q for q in hosts.get(site, set()) if same_name(labels.get(q, ""), label)}
        qid = next(iter(qids)) if len(qids) == 1 else ""
        variants = {label, name, EDITION.sub("", label)}
        if (qid and qid in known_qids) or not usable(label) or any(key(v) in taken for v in variants) \
                or (label.split()[0].isupper() and key(label.split()[0]) in taken):
            continue  # the gazetteer has it ("Associated Press News", "AFP Faktencheck")
        src = f"{PUBLISHERS_URL}/blob/{pub_commit}/src/fundus/publishers/{cc}/__init__.py"
        if qid:
            src += f" {NEWSPAPERS_URL}/blob/{paper_commit}/{NEWSPAPERS_FILE}"
        aliases = {n for n in {short(label), labels.get(qid, "")} | extra if n and n != label and usable(n)}
        if key(label) in merged:
            entry = merged[key(label)]
            entry[1] |= aliases
            if entry[3] != qid:
                entry[3] = ""  # editions with different QIDs: none
            if entry[4] != domains.get(cc, ""):
                entry[4] = ""
            continue
        merged[key(label)] = [label, aliases, "MediaOrganization", qid, domains.get(cc, ""), src]
    candidates += [tuple(v) for v in merged.values()]

    owners: dict[str, set[int]] = defaultdict(set)
    for i, (label, aliases, *_rest) in enumerate(candidates):
        for n in {label} | aliases:
            owners[key(n)].add(i)
    rows, by_qid = [], {}
    for i, (label, aliases, kind, qid, parent, src) in enumerate(candidates):
        if len(owners[key(label)]) > 1:
            continue  # a name two entities share names neither
        if " " not in label and label.lower() in words:
            print(f"left out, a common word: {label} ({kind} {qid})", file=sys.stderr)
            continue
        kept = sorted(n for n in aliases if len(owners[key(n)]) == 1 and key(n) != key(label)
                      and not (" " not in n and n.lower() in words))
        rid = base = slug(label)
        if rid in ids_taken:
            rid = f"{base}-{qid.lower()}" if qid else f"{base}-{parent or kind.lower()}"
        if rid in ids_taken:
            raise SystemExit(f"conflict: id {rid} given twice")
        if qid and qid in by_qid:
            raise SystemExit(f"conflict: {qid} given two ids ({by_qid[qid]}, {rid})")
        ids_taken.add(rid)
        if qid:
            by_qid[qid] = rid
        rows.append({"id": rid, "label": label, "kind": kind, "aliases": "|".join(dict.fromkeys(kept)),
                     "demonyms": "", "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                     "parent": parent, "source": src})
    return sorted(rows, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--brands", type=Path, required=True, help="osmlab/name-suggestion-index")
    p.add_argument("--publishers", type=Path, required=True, help="flairNLP/fundus")
    p.add_argument("--newspapers", type=Path, required=True, help="patrickswickard/international_newspapers")
    p.add_argument("--framenet", type=Path, help="the FrameNet 1.7 frames (see build_lexicons.py)")
    p.add_argument("--out", type=Path, default=HERE / "listed.csv")
    args = p.parse_args(argv)
    tables = [HERE / n for n in ("gazetteer.csv", "regions.csv", "people.csv", "companies.csv")]
    rows = build(args.brands, args.publishers, args.newspapers, args.framenet, tables)
    write(args.out, rows)
    count = defaultdict(int)
    for r in rows:
        count[r["kind"]] += 1
    print(f"{count['Organization']} companies, {count['MediaOrganization']} outlets "
          f"({sum(1 for r in rows if r['kind'] == 'MediaOrganization' and r['wikidata'])} with a QID) -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
