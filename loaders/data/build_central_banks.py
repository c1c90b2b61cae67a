"""Builds central_banks.csv: the central banks of the gazetteer's states, as actors of kind `GovernmentBody` (parent:
the state), with the Wikidata QID a public record states for that very bank where one does.

Usage (standard library only; nothing is downloaded):

    python loaders/data/build_central_banks.py --registry AGENCY_REGISTRY_REPO --ror ROR_RECORDS_REPO \\
        --brands NSI_REPO [--out loaders/data/central_banks.csv] [--report]

Inputs (git repositories, bare is fine, read at HEAD):

* integrateddatasvc/agency-registry (https://github.com/integrateddatasvc/agency-registry): `omad/xml/omad_cb.xml`,
  its OMAD list of 157 central banks (tag "Central Bank"): for each, the country (`Location/@countryCode`, ISO
  3166-1; `Operations/Area/Description`, its name) and the bank's names (English and national languages) and
  abbreviation. This says WHICH body is a state's central bank; it states no QID. The repository states no licence;
  only these facts (names, countries) are taken.
* ror-community/ror-records (https://github.com/ror-community/ror-records, CC0 1.0), read by
  build_tables.ror_records: an active record of the bank's country with one QID whose display name, alias or label
  is one of the bank's OMAD names gives the QID, its names and acronyms, and the DBpedia name (English Wikipedia
  link).
* osmlab/name-suggestion-index (https://github.com/osmlab/name-suggestion-index, BSD 3-Clause):
  `data/brands/amenity/bank.json` and every `data/operators/**/*.json`: an item trading in (`locationSet.include`)
  the bank's country whose `brand`/`operator` (or `:en`) is one of the bank's OMAD names gives the QID
  (`brand:wikidata` / `operator:wikidata`).

A QID is taken only where the record names the bank the OMAD list gives for that country (the same name, compared
with the reader's key, in the same country): "Bank of Brazil" (Banco do Brasil) and "Central Bank of India" (a
commercial bank) are ROR records but not central banks. Where two records give one bank different QIDs, it gets
none. A bank the gazetteer curates (same state, a shared name or acronym: "Bank of Japan", "SAMA") gets a row under
the curated label only when a QID was found, so that build_kb.py gives that QID to the curated entry; otherwise it
is left to the gazetteer. A bank whose QID or any of whose names another table holds (the ECB, the BCEAO, the
Eastern Caribbean Central Bank and the Riksbank are in bodies.csv) is left out.

Names: the English OMAD name is the label (the ROR display name where ROR's record matched and is in English); the
aliases are the other OMAD names and ROR names in Latin script, and acronyms of three capitals or more (OMAD's
abbreviation, ROR's acronyms) that only one bank of the list has, that no other table claims and that news uses for
something else less often than not (AMBIGUOUS_ACRONYMS). A name another table claims or two banks share is dropped.
Banks of dependent territories (Hong Kong, Macao, Bermuda, ...) and of no gazetteer state are left out.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tarfile
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

from build_tables import QID, claimed, git, key, latin, read, ror_records, slug, write

HERE = Path(__file__).resolve().parent
REGISTRY_URL = "https://github.com/integrateddatasvc/agency-registry"
ROR_URL = "https://github.com/ror-community/ror-records"
NSI_URL = "https://github.com/osmlab/name-suggestion-index"
OMAD_FILE = "omad/xml/omad_cb.xml"
NS = {"o": "openmetadata:omad:1_0"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# the later tables are not read: this table comes before them in build_kb.py's order
OTHER_TABLES = ["gazetteer.csv", "regions.csv", "people.csv", "officials.csv", "executives.csv", "bodies.csv"]
LATER_TABLES = ["institutions.csv", "largest.csv", "listed.csv", "companies.csv"]
# OMAD misspellings of a bank's name (the list's own spelling is kept out: it would never match)
NAME_FIXES = {"Central Bank of Cypus": "Central Bank of Cyprus", "Central Bank of Mynamar": "Central Bank of Myanmar",
              "Central Bank of Equador": "Central Bank of Ecuador", "Banco Central del Equador": "Banco Central del Ecuador",
              "Saudia Arabian Monetary Agency": "Saudi Arabian Monetary Agency"}
# acronyms news uses mostly for something else: a TV network, an honour, a cryptocurrency, a Bolivian party, ...
# or for another state's bank (CBK: Kenya's, given by OMAD to Kuwait; NBP, NBE: the National Banks of Pakistan and
# Egypt, commercial banks; BSP: an Indian party; NBR: Bangladesh's revenue board)
AMBIGUOUS_ACRONYMS = {"CBS", "CBE", "BNB", "MAS", "BOT", "BNA", "BCC", "BOG", "BON", "BRB", "CBK", "BCP", "NBE", "BSI",
                      "BCH", "NBP", "BSP", "NBR"}
BANK_WORD = re.compile(r"(?i)\b(bank|banka|banco|banque|banca|bankas|banki|banky|pank|pankki|nationalbank|riksbank|"
                       r"bundesbank|maghrib|monetary|reserve)\b")


def states() -> tuple[dict[str, str], dict[str, str]]:
    """ISO code -> gazetteer state id (country_domains.csv), and state name key -> id (gazetteer.csv)."""
    with (HERE / "country_domains.csv").open(newline="", encoding="utf-8") as f:
        by_iso = {("GB" if r["domain"] == "uk" else r["domain"].upper()): r["state"] for r in csv.DictReader(f)}
    by_name: dict[str, str] = {}
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "State":
                for n in [r["label"], *r["aliases"].split("|")]:
                    if n.strip():
                        by_name.setdefault(key(n), r["id"])
    return by_iso, by_name


def omad(repo: Path) -> tuple[list[dict], str]:
    """The OMAD central banks: id, ISO code, country name, [(name, language)], abbreviations."""
    text, commit = read(repo, OMAD_FILE)
    banks = []
    for org in ET.fromstring(text).findall("o:Organization", NS):
        loc = org.find("o:Location", NS)
        area = org.find("o:Operations/o:Area/o:Description", NS)
        names = [(NAME_FIXES.get(n.text.strip(), n.text.strip()), n.get(XML_LANG, "en"))
                 for n in org.findall("o:Name", NS) if n.text and n.text.strip()]
        banks.append({"omad": org.get("id"), "iso": (loc.get("countryCode") or "") if loc is not None else "",
                      "country": area.text.strip() if area is not None and area.text else "",
                      "names": [(n, lang) for n, lang in names if BANK_WORD.search(n)],
                      "abbreviations": [a.text.strip() for a in org.findall("o:Abbreviation", NS)
                                        if a.text and a.text.strip()]})
    return banks, commit


def nsi(repo: Path) -> tuple[list[dict], str]:
    """NSI items with a QID: names, QID, ISO codes (upper case), and the file."""
    paths = ["data/brands/amenity/bank.json"] + [
        p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "data/operators").decode().split("\n")
        if p.endswith(".json")]
    archive = tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "HEAD", *paths)))
    items = []
    for member in archive.getmembers():
        if not member.isfile() or not member.name.endswith(".json"):
            continue
        role = "brand" if member.name.startswith("data/brands/") else "operator"
        for item in json.load(archive.extractfile(member)).get("items", []):  # type: ignore[arg-type]
            tags = item.get("tags", {})
            qid = tags.get(f"{role}:wikidata", "")
            if not QID.match(qid):
                continue
            places = {p.upper() for p in item.get("locationSet", {}).get("include", [])
                      if isinstance(p, str) and re.fullmatch(r"[a-z]{2}", p)}
            items.append({"names": {tags[k] for k in (role, f"{role}:en") if tags.get(k)}, "qid": qid,
                          "iso": places, "path": member.name})
    return items, git(repo, "rev-parse", "HEAD").decode().strip()


def curated_banks() -> dict[str, dict[str, str]]:
    """State id -> the gazetteer's curated central bank of that state (a government body named a bank)."""
    out: dict[str, dict[str, str]] = {}
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "GovernmentBody" and r["parent"] and any(
                    BANK_WORD.search(n) for n in [r["label"], *r["aliases"].split("|")]):
                out[r["parent"]] = r
    return out


def later_names(*tables: Path) -> dict[str, set[str]]:
    """Name key -> the QIDs ("" for none) the later tables give the entities of that name."""
    out: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for n in [row["label"], *(row.get("aliases") or "").split("|")]:
                    if n.strip():
                        out[key(n)].add(row.get("wikidata") or "")
    return out


def demonym_bank(name: str, demonyms: set[str]) -> bool:
    """ "Dutch Bank", "Swedish Central Bank": a description more than a name."""
    words = key(name).split()
    return bool(words) and words[0] in demonyms and words[1:] in (["bank"], ["central", "bank"])


def build(registry: Path, ror: Path, brands: Path, report: list[str]) -> list[dict[str, str]]:
    banks, omad_commit = omad(registry)
    records, ror_commit = ror_records(ror)
    items, nsi_commit = nsi(brands)
    by_iso, by_name = states()
    taken, known = claimed(*[HERE / t for t in OTHER_TABLES if (HERE / t).exists()])
    later = later_names(*[HERE / t for t in LATER_TABLES if (HERE / t).exists()])
    curated = curated_banks()
    with (HERE / "gazetteer.csv").open(newline="", encoding="utf-8") as f:
        demonyms = {key(d) for r in csv.DictReader(f) for d in r["demonyms"].split("|") if d.strip()}
    omad_src = f"{REGISTRY_URL}/blob/{omad_commit}/{OMAD_FILE}"

    ror_by_iso: dict[str, list[dict]] = defaultdict(list)
    for r in records.values():
        if r["status"] == "active" and len(r["qids"]) == 1 and QID.match(str(r["qids"][0])):
            ror_by_iso[r["country"]].append(r)

    chosen = []
    for b in banks:
        state = by_iso.get(b["iso"]) or by_name.get(key(b["country"]))
        if not state or not b["names"]:
            report.append(f"{b['omad']} {b['country'] or b['iso']}: no gazetteer state or no bank name")
            continue
        keys = {key(n) for n, _ in b["names"]}
        found = []  # (qid, source url, names, acronyms, dbpedia)
        for r in ror_by_iso.get(b["iso"], []):
            if keys & {key(r["name"]), *(key(n) for n, _ in r["aliases"])}:
                m = re.match(r"https?://en\.wikipedia\.org/wiki/([^#?]+)$", r["wikipedia"] or "")
                found.append((r["qids"][0], f"{ROR_URL}/blob/{ror_commit}/{r['path']}",
                              [r["name"], *(n for n, _ in r["aliases"])], r["acronyms"],
                              urllib.parse.unquote(m.group(1)).replace(" ", "_") if m else ""))
        for item in items:
            if b["iso"] in item["iso"] and keys & {key(n) for n in item["names"]}:
                found.append((item["qid"], f"{NSI_URL}/blob/{nsi_commit}/{item['path']}", sorted(item["names"]),
                              [], ""))
        qids = {f[0] for f in found}
        if len(qids) > 1:
            report.append(f"{b['omad']} {b['names'][0][0]}: records give {sorted(qids)}; no QID")
            found = []
        chosen.append({**b, "state": state, "found": found})

    # acronyms: OMAD's and ROR's, three capitals or more, one bank only
    def acronyms_of(b: dict) -> set[str]:
        return {a for a in [*b["abbreviations"], *(x for f in b["found"] for x in f[3])]
                if re.fullmatch(r"[A-Z]{3,}", a)}
    acronym_count = Counter(a for b in chosen for a in acronyms_of(b))
    holders: dict[str, set[str]] = defaultdict(set)
    for b in chosen:
        for n in [*(n for n, _ in b["names"]), *(n for f in b["found"] for n in f[2])]:
            holders[key(n)].add(b["omad"])

    rows, ids = [], set()
    for b in chosen:
        qid = b["found"][0][0] if b["found"] else ""
        en = [n for n, lang in b["names"] if lang == "en"] or [b["names"][0][0]]
        ror_names = [f[2][0] for f in b["found"] if f[1].startswith(ROR_URL)]
        label = re.sub(r"^The ", "", ror_names[0] if ror_names and latin(ror_names[0]) else en[0])
        names = [label, *(n for n, _ in b["names"]), *(n for f in b["found"] for n in f[2])]
        names = [re.sub(r"^The ", "", n.strip()) for n in names if n.strip() and latin(n)]
        names = [n for n in names if not demonym_bank(n, demonyms)] or names
        label = label if label in names else names[0]
        acronyms = sorted(a for a in acronyms_of(b) if acronym_count[a] == 1 and a not in AMBIGUOUS_ACRONYMS)
        # the state's curated central bank: give it the QID under its own label
        c = curated.get(b["state"])
        if c:
            if c["wikidata"] or not qid:
                report.append(f"{b['omad']} {label}: curated as {c['id']} ({c['wikidata'] or 'no QID found'})")
                continue
            if qid in known:
                report.append(f"{b['omad']} {label}: {qid} is {known[qid]}'s in another table")
                continue
            rows.append({"id": c["id"], "label": c["label"], "kind": c["kind"], "aliases": "", "demonyms": "",
                         "capitals": "", "wikidata": qid, "dbpedia": next((f[4] for f in b["found"] if f[4]), ""),
                         "geonames": "", "parent": b["state"], "source": b["found"][0][1]})
            ids.add(c["id"])
            report.append(f"{b['omad']} {label}: {qid} for the curated {c['id']}")
            continue
        if qid and qid in known:
            report.append(f"{b['omad']} {label}: {qid} is {known[qid]}'s in another table")
            continue
        elsewhere = sorted({n for n in names if key(n) in taken})
        if elsewhere or later.get(key(label), {qid}) - {qid} or not qid and key(label) in later:
            report.append(f"{b['omad']} {label}: another table has it or its name ({', '.join(elsewhere) or label})")
            continue
        kept = list(dict.fromkeys(
            n for n in [*names, *acronyms]
            if key(n) not in taken and not (later.get(key(n), set()) - {qid}) and len(key(n)) > 2
            and (n in acronyms or len(holders[key(n)]) == 1) and key(n) != key(label)))
        rid = slug(label) if slug(label) not in ids else f"{slug(label)}-{b['state']}"
        ids.add(rid)
        rows.append({"id": rid, "label": label, "kind": "GovernmentBody", "aliases": "|".join(kept),
                     "demonyms": "", "capitals": "", "wikidata": qid,
                     "dbpedia": next((f[4] for f in b["found"] if f[4]), ""), "geonames": "",
                     "parent": b["state"], "source": b["found"][0][1] if b["found"] else omad_src})
    return sorted(rows, key=lambda row: row["id"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--registry", type=Path, required=True, help="integrateddatasvc/agency-registry")
    p.add_argument("--ror", type=Path, required=True, help="ror-community/ror-records")
    p.add_argument("--brands", type=Path, required=True, help="osmlab/name-suggestion-index")
    p.add_argument("--out", type=Path, default=HERE / "central_banks.csv")
    p.add_argument("--report", action="store_true", help="print the banks left out or curated, and why")
    args = p.parse_args(argv)
    report: list[str] = []
    rows = build(args.registry, args.ror, args.brands, report)
    qids = Counter(r["wikidata"] for r in rows if r["wikidata"])
    ids = Counter(r["id"] for r in rows)
    if any(n > 1 for n in qids.values()) or any(n > 1 for n in ids.values()):
        sys.exit("conflict, nothing written: one QID or id given twice")
    write(args.out, rows)
    if args.report:
        print("\n".join(report))
    print(f"{len(rows)} central banks, {len(qids)} with a Wikidata QID -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
