"""Builds executives.csv and executive_offices.csv: business leaders (the chief executive officers Wikidata records
with a start date, of businesses and enterprises), each with the Wikidata QID the source states, their latest CEO
post, and one row per person and company they led.

Usage (standard library only; nothing is downloaded):

    .venv/bin/python loaders/data/build_executives.py --ceos REPO [--since 2000] [--out loaders/data/executives.csv] \\
        [--offices-out loaders/data/executive_offices.csv]

Input, a git repository (bare is fine; the file is read at HEAD, whose commit is written into the table):

* --ceos: trifecta-project/entity-evolution (https://github.com/trifecta-project/entity-evolution, Apache 2.0; the
  rows are a 2024 Wikidata query result, and Wikidata is CC0): `data/company_ceo_starttime.tsv`, every chief
  executive officer (P169) statement with a start time (P580) of an item that is an instance of business (Q4830453)
  or enterprise (Q6881511): the person's QID (`ceoname.value`), the company's QID (`company.value`), both English
  labels (with their language, `...xml:lang`: an item without an English label is labelled with its QID) and the
  start (`starttime.value`). The file repeats rows.

Rules: a person is taken under Wikidata's English label when it is in Latin letters, of two words or more (first and
last capitalised; no digits), and neither that label nor its QID is in another table (gazetteer, regions, people,
officials, bodies, universities, large and listed companies, brands) and no other person of the source has it; the
label's plain forms ("Robert Scaringe" for 'Robert "RJ" Scaringe', "Stephen Green" for "Stephen Green, Baron Green
of Hurstpierpoint", "John W. Creighton" for "John W. Creighton, Jr.") are aliases under the same rules (the first
plain form is the label where the label itself is unfit: a quoted nickname); never a surname alone. A start dated
the first of January is taken as a year ("2008-01-01" -> "2008"): that is how the query result writes a start
Wikidata gives only the year of. A post's end is not in the source: it is inferred as the start of the next CEO of
the same company (another person's later start), as build_officials.py's `close_heads` does for heads of government,
so co-CEOs who began on different days end each other. A person is left out whose latest post began before 1960 and
is open, or ended (so inferred) before --since: historical founders and chiefs, whose names now mostly denote
someone else. A post of a company with no English label is left out, unless another table holds that company and
gives its label. `office` is "Chief executive officer of <company label>" of the latest post (the latest start),
`parent` the actor table's id of its company where a table holds the company's QID (as build_kb.py joins them), else
empty. executive_offices.csv has one row per person and company (the latest start there, and its inferred end), in
the columns of offices.csv. The script stops without writing when one QID would get two ids or one id two QIDs.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from build_kb import TABLES as KB_TABLES, rows as kb_rows
from build_tables import COLUMNS as TABLE_COLUMNS, QID, claimed, git, key, latin, slug, write

HERE = Path(__file__).resolve().parent
CEOS_URL = "https://github.com/trifecta-project/entity-evolution"
CEOS_FILE = "data/company_ceo_starttime.tsv"
COLUMNS = [*TABLE_COLUMNS, "office", "office_start", "office_end"]
OFFICE_COLUMNS = ["person_id", "wikidata", "office", "country", "office_start", "office_end", "source"]
OWN = ("executives.csv",)
OLDEST_OPEN = "1960"
SUFFIX = re.compile(r",?\s+(jr\.?|sr\.?|ii|iii|iv)$", re.I)
PEERAGE = re.compile(r",\s+((\d+(st|nd|rd|th)\s+)?(baron|baroness|viscount|earl|lord|lady|sir)\b.*)$", re.I)
NICKNAME = re.compile(r'\s+"[^"]*"')
NAME = re.compile(r"[^\W\d_][\w.'\-]*", re.U)
ENTITY = "http://www.wikidata.org/entity/"


def qid_of(url: str) -> str:
    return url.removeprefix(ENTITY) if url.startswith(ENTITY) else ""


def day(value: str) -> str:
    """"2008-10-01T00:00:00Z" -> "2008-10-01"; a first of January -> the year; no date -> ""."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T", value)
    if not m or m.group(1) == "0000":
        return ""
    return m.group(1) if m.group(2, 3) == ("01", "01") else m.group(0)[:-1]


def person_name(name: str) -> bool:
    """A full name fit to be matched: Latin letters, two words or more, the first and last capitalised, no digits."""
    words = name.split()
    return (latin(name) and len(words) >= 2 and all(NAME.fullmatch(w.rstrip(",")) for w in words)
            and words[0][:1].isupper() and words[-1][:1].isupper() and '"' not in name)


def forms(label: str) -> list[str]:
    """The label's plain forms: without a quoted nickname, a peerage after a comma, a Jr./Sr./III suffix."""
    out, current = [], label.strip()
    for pattern in (NICKNAME, PEERAGE, SUFFIX):
        plain = pattern.sub("", current).strip(" ,")
        if plain != current:
            out.append(plain)
            current = plain
    return out


def posts(repo: Path) -> tuple[list[dict[str, str]], str]:
    """The distinct (person, company, start) rows of the query result, and the commit."""
    text = git(repo, "show", f"HEAD:{CEOS_FILE}").decode("utf-8")
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        person, company = qid_of(row.get("ceoname.value") or ""), qid_of(row.get("company.value") or "")
        start = day(row.get("starttime.value") or "")
        if not QID.match(person) or not QID.match(company) or not start:
            continue
        seen.setdefault((person, company, start), {
            "qid": person, "company": company, "start": start,
            "name": (row.get("ceonameLabel.value") or "").strip() if row.get("ceonameLabel.xml:lang") == "en" else "",
            "company_label": ((row.get("companyLabel.value") or "").strip()
                              if row.get("companyLabel.xml:lang") == "en" else "")})
    return list(seen.values()), git(repo, "rev-parse", "HEAD").decode().strip()


def later(a: str, b: str) -> bool:
    """Start b is later than start a (a year is later only than an earlier year; dates of one precision compare)."""
    return b[:4] > a[:4] or len(a) == len(b) and b > a


def close_posts(found: list[dict[str, str]]) -> None:
    """A post ends where another person's post of the same company begins later (the next CEO)."""
    by_company: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in found:
        by_company[p["company"]].append(p)
    for held in by_company.values():
        held.sort(key=lambda p: p["start"])
        for i, p in enumerate(held):
            nxt = [n for n in held[i + 1:] if n["qid"] != p["qid"] and later(p["start"], n["start"])]
            p["end"] = nxt[0]["start"] if nxt else ""


def build(repo: Path, since: str) -> tuple[list[dict], list[dict], Counter]:
    tables = [HERE / name for name, _ in KB_TABLES if name not in OWN and (HERE / name).exists()]
    taken, known = claimed(*tables)
    ids_taken: set[str] = set()
    for table in tables:
        with table.open(newline="", encoding="utf-8") as f:
            ids_taken |= {r["id"] for r in csv.DictReader(f)}
    # the company's id and label as build_kb.py joins the tables (executives.csv adds no company and takes no id)
    joined = {r["wikidata"]: r for r in kb_rows()[0] if r["wikidata"] and r["kind"] != "Person"}

    found, commit = posts(repo)
    source = f"{CEOS_URL}/blob/{commit}/{CEOS_FILE}"
    close_posts(found)
    counts: Counter = Counter(posts=len(found))
    people: dict[str, dict] = {}
    for p in found:
        p["company_label"] = p["company_label"] or joined.get(p["company"], {}).get("label", "")
        if not p["company_label"]:
            counts["posts of a company without an English label"] += 1
            continue
        person = people.setdefault(p["qid"], {"qid": p["qid"], "names": set(), "posts": []})
        person["posts"].append(p)
        if p["name"]:
            person["names"].add(p["name"])
    counts["people"] = len(people)

    candidates = {}
    for qid, person in people.items():
        if qid in known:
            counts["held by another table"] += 1
            continue
        latest = max(person["posts"], key=lambda p: (p["start"], p["end"] or "9999"))
        if (latest["end"] and latest["end"][:4] < since) or (not latest["end"] and latest["start"][:4] < OLDEST_OPEN):
            counts[f"latest post ended before {since} or open since before {OLDEST_OPEN}"] += 1
            continue
        label = min(person["names"]) if len(person["names"]) == 1 else ""
        names = [n for n in [label, *forms(label)] if label and person_name(n)]
        if not names:
            counts["no English full name in Latin letters"] += 1
            continue
        candidates[qid] = (names[0], names[1:], latest, person["posts"])
    owners = Counter(k for label, aliases, _, _ in candidates.values() for k in {key(label), *map(key, aliases)})

    rows, office_rows, by_qid, by_id = [], [], {}, {}
    for qid, (label, aliases, latest, held) in sorted(candidates.items(), key=lambda item: int(item[0][1:])):
        if key(label) in taken or owners[key(label)] > 1:
            counts["name another table or person has"] += 1
            continue
        kept = [n for n in dict.fromkeys(aliases)
                if key(n) not in taken and owners[key(n)] == 1 and key(n) != key(label)]
        pid = slug(label)
        if pid in ids_taken or pid in by_id:
            pid = f"{pid}-{qid.lower()}"
        if pid in ids_taken or pid in by_id:
            sys.exit(f"conflict: id {pid} given twice; nothing written")
        if qid in by_qid:
            sys.exit(f"conflict: {qid} given two ids ({by_qid[qid]}, {pid}); nothing written")
        by_qid[qid], by_id[pid] = pid, qid
        rows.append({"id": pid, "label": label, "kind": "Person", "aliases": "|".join(kept), "demonyms": "",
                     "capitals": "", "wikidata": qid, "dbpedia": "", "geonames": "",
                     "parent": joined.get(latest["company"], {}).get("id", ""), "source": source,
                     "office": f"Chief executive officer of {latest['company_label']}",
                     "office_start": latest["start"], "office_end": latest["end"]})
        per_company: dict[str, dict[str, str]] = {}
        for p in held:  # one row per company: the latest start there
            if p["company"] not in per_company or p["start"] > per_company[p["company"]]["start"]:
                per_company[p["company"]] = p
        for p in per_company.values():
            office_rows.append({"person_id": pid, "wikidata": qid,
                                "office": f"Chief executive officer of {p['company_label']}", "country": "",
                                "office_start": p["start"], "office_end": p["end"], "source": source})
    return (sorted(rows, key=lambda r: r["id"]),
            sorted(office_rows, key=lambda r: (r["person_id"], r["office_start"], r["office"])), counts)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--ceos", type=Path, required=True, help="trifecta-project/entity-evolution")
    p.add_argument("--since", default="2000", help="leave out people whose latest post ended before this year")
    p.add_argument("--out", type=Path, default=HERE / "executives.csv")
    p.add_argument("--offices-out", type=Path, default=HERE / "executive_offices.csv")
    args = p.parse_args(argv)
    rows, office_rows, counts = build(args.ceos, args.since)
    write(args.out, rows, COLUMNS)
    write(args.offices_out, office_rows, OFFICE_COLUMNS)
    for what, n in counts.items():
        print(f"  {what}: {n}", file=sys.stderr)
    print(f"{len(rows)} executives ({sum(1 for r in rows if r['parent'])} with their company's id, "
          f"{sum(1 for r in rows if not r['office_end'])} in their latest post by the source) -> {args.out}; "
          f"{len(office_rows)} posts -> {args.offices_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
