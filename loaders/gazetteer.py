"""The curated gazetteer of actors (data/gazetteer.csv): labels, aliases, types and links."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pledgegraph.loaders import DATA

GAZETTEER_CSV = DATA / "gazetteer.csv"


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


def normalise(name: str) -> str:
    """The lookup key of a name: case-folded, apostrophes unified, 'the' and punctuation dropped ('+' kept: OPEC+)."""
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    name = re.sub(r"'s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(re.findall(r"[\w+]+", name.casefold()))


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # normalised name -> id
    by_exact: dict[str, str] = field(default_factory=dict)  # case-sensitive short names (US, UN) -> id
    by_demonym: dict[str, str] = field(default_factory=dict)
    by_capital: dict[str, str] = field(default_factory=dict)

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

    def lookup(self, name: str) -> Entry | None:
        """The entry a name or alias denotes, or None."""
        stripped = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
        key = self.by_exact.get(stripped) or self.by_exact.get(stripped.replace(".", ""))
        if key is None:
            key = self.by_name.get(normalise(name))
        return self.entries.get(key) if key else None

    def demonym(self, word: str) -> Entry | None:
        key = self.by_demonym.get(normalise(word))
        return self.entries.get(key) if key else None

    def capital(self, word: str) -> Entry | None:
        """The state whose capital this is (metonymy: 'Washington' speaking for the US)."""
        key = self.by_capital.get(normalise(word))
        return self.entries.get(key) if key else None


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def read_gazetteer(path: Path = GAZETTEER_CSV) -> Gazetteer:
    """Parse a gazetteer CSV."""
    g = Gazetteer()
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            g.add(Entry(id=row["id"], label=row["label"], kind=row["kind"], aliases=_split(row.get("aliases")),
                        demonyms=_split(row.get("demonyms")), capitals=_split(row.get("capitals")),
                        wikidata=row.get("wikidata") or None, dbpedia=row.get("dbpedia") or None,
                        geonames=row.get("geonames") or None, parent=row.get("parent") or None))
    return g


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once."""
    return read_gazetteer()
