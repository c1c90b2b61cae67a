"""The known actors (data/actors.csv.gz, joined by data/build_kb.py from the curated gazetteer and the tables
built from public data): labels, aliases, kinds, links, offices, and the generic names resolved by context."""
from __future__ import annotations

import csv
import gzip
import re
import urllib.parse
from dataclasses import dataclass, field
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from pledgegraph.loaders import DATA
from pledgegraph.loaders.lexicons import lexicon
from pledgegraph.loaders.records import Actor

GAZETTEER_CSV = DATA / "gazetteer.csv"
REGIONS_CSV = DATA / "regions.csv"
DOMAINS_CSV = DATA / "country_domains.csv"
COMPANIES_CSV = DATA / "companies.csv"
PEOPLE_CSV = DATA / "people.csv"
KB = DATA / "actors.csv.gz"
OFFICES_CSV = DATA / "offices.csv"
EXECUTIVE_OFFICES_CSV = DATA / "executive_offices.csv"  # the CEO posts of executives.csv, in offices.csv's columns
GENERIC_CSV = DATA / "generic_names.csv"


@dataclass(frozen=True)
class Office:
    """An office a person held, as its source table states it: name, state, first and last day ('' if still held)."""

    name: str
    state: str
    start: str
    end: str

    def held_on(self, day: str) -> bool:
        """Held on an ISO day (dates compare as text; a year-only bound covers its whole year)."""
        return (not self.start or self.start[:len(day)] <= day) and (not self.end or day <= self.end + "\uffff")


@dataclass(frozen=True)
class Entry:
    """One known actor."""

    id: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    wikidata: str | None = None
    dbpedia: str | None = None
    geonames: str | None = None
    parent: str | None = None  # e.g. a ministry's state
    source: str | None = None  # the public table the entry and its links come from, where it is not the curated one
    office: tuple[str, str, str] | None = None  # a person's office as the source states it, with its start and end


def normalise(name: str) -> str:
    """The lookup key of a name: case-folded, apostrophes unified, 'the' and punctuation dropped ('+' kept: OPEC+)."""
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    name = re.sub(r"'s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(re.findall(r"[\w+]+", name.casefold()))


def clean_name(text: str) -> str:
    """A name without a leading "the" (or a lower-case "a"), a possessive or stray punctuation; "U.S." keeps its
    last dot."""
    text = re.sub(r"^(?:the|THE|The|a|an)\s+", "", text.strip())
    text = re.sub(r"['’]s$", "", text)
    text = text.strip(" /-–—,;:\"'“”‘’()")
    return text if re.search(r"\b[A-Z]\.[A-Z]\.$", text) else text.rstrip(".")


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> id
    by_exact: dict[str, str] = field(default_factory=dict)  # case-sensitive short names (US, UN) -> id
    by_demonym: dict[str, str] = field(default_factory=dict)
    by_capital: dict[str, str] = field(default_factory=dict)
    by_region: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)  # name -> (id, says its kind)
    by_domain: dict[str, str] = field(default_factory=dict)  # country-code top-level domain -> state id
    by_company: dict[str, str] = field(default_factory=dict)  # name -> id, for organisation names the model finds
    by_generic: dict[str, list[str]] = field(default_factory=dict)  # "congress" -> the bodies of several states
    offices: dict[str, list[Office]] = field(default_factory=dict)  # person id -> the offices held, oldest first
    by_central_bank: dict[str, list[str]] = field(default_factory=dict)  # state id -> its bodies named as banks

    def add(self, e: Entry) -> None:
        self.entries[e.id] = e
        for name in (e.label, *e.aliases):
            if len(name) <= 3 and name.isupper():
                self.by_exact.setdefault(name, e.id)
                self.by_exact.setdefault(name.replace(".", ""), e.id)
            else:
                self.by_name.setdefault(normalise(name), e.id)
        for d in e.demonyms:
            self.by_demonym.setdefault(normalise(d), e.id)
        for c in e.capitals:
            self.by_capital.setdefault(normalise(c), e.id)

    def add_region(self, e: Entry) -> None:
        """A region is found by name only among the model's place names, and a plain name ("Punjab", "Alberta")
        only where the article names its country: see `region`."""
        self.entries[e.id] = e
        for key in dict.fromkeys(normalise(name) for name in (e.label, *e.aliases)):
            self.by_region.setdefault(key, []).append((e.id, bool(set(key.split()) & _REGION_WORDS)))

    def add_company(self, e: Entry) -> None:
        """A company of the brand table is found by name only where the entity recogniser saw an organisation."""
        self.entries[e.id] = e
        for name in (e.label, *e.aliases):
            self.by_company.setdefault(normalise(name), e.id)

    def company(self, name: str) -> Entry | None:
        """The company a name denotes; an all-capitals name only a company that writes itself so ("KIA", an
        airport's initials, is not Kia; "IBM" is IBM)."""
        entry = self.entries.get(self.by_company.get(normalise(name), ""))
        return None if entry is None or (name.isupper() and len(name) > 1 and not entry.label.isupper()) else entry

    def region(self, name: str, countries: set[str] | frozenset[str] = frozenset()) -> Entry | None:
        """The region a place name denotes, given the states the article names: "Trans Nzoia County" always,
        "Alberta" in an article naming Canada or another Canadian province, "Punjab" only where one of India
        and Pakistan is named; a territory ("Bermuda") always."""
        found = self.by_region.get(normalise(name), [])
        fits = [i for i, says_kind in found
                if says_kind or self.entries[i].parent is None or self.entries[i].parent in countries]
        if len(found) > 1:
            fits = [i for i in fits if self.entries[i].parent in countries]
        return self.entries[fits[0]] if len(fits) == 1 else None

    def region_countries(self, name: str) -> set[str]:
        """The countries whose regions a place name may denote."""
        return {self.entries[i].parent for i, _ in self.by_region.get(normalise(name), []) if self.entries[i].parent}

    def home_state(self, url: str | None) -> Entry | None:
        """The state of an outlet's country-code domain ("https://www.example.ie/..." -> Ireland), if it has one."""
        host = urllib.parse.urlsplit(url or "").hostname or ""
        key = self.by_domain.get(host.rsplit(".", 1)[-1])
        return self.entries.get(key) if key else None

    def lookup(self, name: str) -> Entry | None:
        """The entry a name or alias denotes, or None."""
        stripped = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        key = self.by_exact.get(stripped) or self.by_exact.get(stripped.replace(".", ""))
        if key is None:
            key = self.by_name.get(normalise(name))
        return self.entries.get(key) if key else None

    def generic(self, name: str, states: set[str] | frozenset[str]) -> Entry | None:
        """The body a generic name ("Congress", "the Finance Ministry") denotes among the given states: the one
        such body of those states, or None (no such name, none there, or still ambiguous)."""
        fits = [i for i in self.by_generic.get(normalise(name), []) if self.entries[i].parent in states]
        return self.entries[fits[0]] if len(fits) == 1 else None

    def office_on(self, person: str, day: str | None) -> Office | None:
        """The office a person held on a day (the latest one begun by then), where the tables know it; an office
        the table dates only by its year, in that very year, only if none is held for certain."""
        held = [o for o in self.offices.get(person, []) if day and o.held_on(day)]
        sure = [o for o in held if day and (len(o.start) >= len(day) or o.start < day[:len(o.start)])]
        return max(sure or held, key=lambda o: o.start) if held else None

    def central_bank(self, state: str) -> Entry | None:
        """A state's central bank, where the table knows one body of that state named as a bank ("Bank of Japan",
        "Reserve Bank of India", "Deutsche Bundesbank"); None when it knows none or several."""
        if not self.by_central_bank:
            words = lexicon("central_bank_words")
            for e in self.entries.values():
                if e.kind == "GovernmentBody" and e.parent and set(normalise(e.label).split()) & words:
                    self.by_central_bank.setdefault(e.parent, []).append(e.id)
        found = self.by_central_bank.get(state, [])
        return self.entries[found[0]] if len(found) == 1 else None

    def demonym(self, word: str) -> Entry | None:
        key = self.by_demonym.get(normalise(word))
        return self.entries.get(key) if key else None

    def capital(self, word: str) -> Entry | None:
        """The state whose capital this is (metonymy: 'Washington' speaking for the US)."""
        key = self.by_capital.get(normalise(word))
        return self.entries.get(key) if key else None


# words that say a name is a region's ("Niigata Prefecture", "State of Washington", "Alberta government")
_REGION_WORDS = {"state", "province", "prefecture", "county", "canton", "region", "territory", "oblast", "republic",
                 "government"}


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def _entry(row: dict[str, str]) -> Entry:
    return Entry(id=row["id"], label=row["label"], kind=row["kind"], aliases=_split(row.get("aliases")),
                 demonyms=_split(row.get("demonyms")), capitals=_split(row.get("capitals")),
                 wikidata=row.get("wikidata") or None, dbpedia=row.get("dbpedia") or None,
                 geonames=row.get("geonames") or None, parent=row.get("parent") or None,
                 source=row.get("source") or None,
                 office=(row["office"], row["office_start"], row["office_end"]) if row.get("office") else None)


def _entries(path: Path) -> Iterator[Entry]:
    with path.open(newline="", encoding="utf-8") as f:
        yield from map(_entry, csv.DictReader(f))


def read_kb(path: Path = KB) -> Gazetteer:
    """The shipped table of known actors, each entry added as its `match` column says (data/build_kb.py), with the
    domains, offices and generic names beside it."""
    g = Gazetteer()
    add = {"name": g.add, "region": g.add_region, "company": g.add_company}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            add[row["match"]](_entry(row))
    _read_domains(g, path.with_name(DOMAINS_CSV.name))
    generic = path.with_name(GENERIC_CSV.name)
    if generic.exists():
        with generic.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["id"] in g.entries:
                    g.by_generic.setdefault(normalise(row["name"]), []).append(row["id"])
    for offices in (path.with_name(OFFICES_CSV.name), path.with_name(EXECUTIVE_OFFICES_CSV.name)):
        if offices.exists():
            with offices.open(newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    g.offices.setdefault(row["person_id"], []).append(
                        Office(row["office"], row.get("country") or "", row.get("office_start") or "",
                               row.get("office_end") or ""))
    for held in g.offices.values():
        held.sort(key=lambda o: o.start)
    return g


def _read_domains(g: Gazetteer, path: Path) -> None:
    if path.exists():
        with path.open(newline="", encoding="utf-8") as f:
            g.by_domain = {row["domain"]: row["state"] for row in csv.DictReader(f) if row["state"] in g.entries}


def read_gazetteer(path: Path = GAZETTEER_CSV, regions: Path | None = REGIONS_CSV) -> Gazetteer:
    """Parse a gazetteer CSV, and the regions CSV beside it (data/build_regions.py)."""
    g = Gazetteer()
    for entry in _entries(path):
        g.add(entry)
    if regions is not None and regions.exists():
        for entry in _entries(regions):
            g.add_region(entry)
    people = path.with_name(PEOPLE_CSV.name)
    if regions is not None and people.exists():
        for entry in _entries(people):
            g.add(entry)  # full names ("Amy Klobuchar"): matched like the curated names
    companies = path.with_name(COMPANIES_CSV.name)
    if regions is not None and companies.exists():
        for entry in _entries(companies):
            g.add_company(entry)
    _read_domains(g, path.with_name(DOMAINS_CSV.name))
    return g


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped table of known actors, read once."""
    return read_kb()


def from_entry(e: Entry) -> Actor:
    """The actor a gazetteer entry names, with its links."""
    return Actor(id=e.id, label=e.label, kind=e.kind, wikidata=e.wikidata, dbpedia=e.dbpedia, geonames=e.geonames,
                 source=e.source, office=e.office)
