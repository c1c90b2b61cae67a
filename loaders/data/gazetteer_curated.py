"""Curated gazetteer input: state name fixes and the non-state actors (organisations, bodies, media, people).

The data lives in gazetteer_curated.json next to this file; this module reads it into the names build_gazetteer.py
imports. Every Wikidata QID there is copied from a public file that states it; the `src` key names that file (see
SOURCES and README.md). Where no public file confirmed a QID it is left empty on purpose: a wrong link is worse than
none. Entries with src "os-igo" are checked by build_gazetteer.py against OpenSanctions' igo.py registry when it is
given. A `note` field in the JSON explains an entry and is dropped here.
"""
from __future__ import annotations

import json
from pathlib import Path

CURATED_JSON = Path(__file__).resolve().with_name("gazetteer_curated.json")


def _e(id: str, label: str, kind: str, aliases=(), wikidata: str = "", src: str = "", parent: str = "",
       dbpedia: str = "", igo: str = "", capitals=()) -> dict:
    """One curated row; `igo` is the name OpenSanctions' igo.py gives the QID (checked at build time)."""
    return {"id": id, "label": label, "kind": kind, "aliases": list(aliases), "wikidata": wikidata, "src": src,
            "parent": parent, "dbpedia": dbpedia, "igo": igo, "capitals": list(capitals)}


def _without_note(fields: dict) -> dict:
    return {k: v for k, v in fields.items() if k != "note"}


_DATA = json.loads(CURATED_JSON.read_text(encoding="utf-8"))

SOURCES: dict[str, str] = _DATA["sources"]

# Names the country datasets give that news text uses for something else: never aliases of a state.
AMBIGUOUS_NAMES: set[str] = set(_DATA["ambiguous_names"]["names"])

# ISO 3166-1 alpha-2 -> the states added to the 193 UN members.
UN_OBSERVERS_AND_OTHERS: set[str] = set(_DATA["un_observers_and_others"]["codes"])

# Per state: id/label overrides, extra aliases, capitals (metonymy) and demonyms, names to drop, and a QID or
# DBpedia name where the country datasets lack one (with its source in SOURCES).
STATE_OVERRIDES: dict[str, dict] = {iso: _without_note(ov) for iso, ov in _DATA["state_overrides"]["states"].items()}

NON_STATES: list[dict] = [_e(**_without_note(row)) for section in _DATA["non_states"]["sections"]
                          for row in section["entries"]]
