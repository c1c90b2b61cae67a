"""Does the canonical form the endpoint hands Oxigraph (server/sparql_text.canonical) keep every query and
update of the W3C SPARQL test suites parseable?

    python benchmarks/canonical_w3c.py PATH/TO/w3c/rdf-tests

Reads `sparql/sparql11/**` and `sparql/sparql12/**` `.rq` and `.ru` files of a checkout of
https://github.com/w3c/rdf-tests (not part of this project), skips those that LOAD or call SERVICE (they would
reach the network), and for each that Oxigraph parses as written, checks that its canonical form parses too.
Prints the counts and the files that fail; exits 1 if any does.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from pledgegraph.server.sparql_text import canonical

BASE = "http://example.org/base/"


def parses(text: str, update: bool) -> bool:
    """Whether Oxigraph reads the text (evaluation errors on an empty store do not count)."""
    try:
        if update:
            ox.Store().update(text, base_iri=BASE)
        else:
            result = ox.Store().query(text, base_iri=BASE)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except SyntaxError:
        return False
    except Exception:  # noqa: BLE001 - an evaluation error says nothing about the syntax
        return True
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    root = Path(argv[0])
    files = sorted(p for d in ("sparql/sparql11", "sparql/sparql12") for p in (root / d).rglob("*")
                   if p.suffix in (".rq", ".ru"))
    counts: Counter[str] = Counter()
    broken: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            counts["not UTF-8"] += 1
            continue
        if "SERVICE" in text.upper() or "LOAD" in text.upper():
            counts["skipped (network)"] += 1
            continue
        update = path.suffix == ".ru"
        if not parses(text, update):
            counts["not parsed by Oxigraph as written"] += 1
            continue
        try:
            ok = parses(canonical(text, BASE).text, update)
        except ValueError as e:
            ok = False
            broken.append(f"{path.relative_to(root)}: refused: {e}")
        else:
            if not ok:
                broken.append(f"{path.relative_to(root)}: the canonical form does not parse")
        counts["parsed as written and canonical" if ok else "parsed as written, not canonical"] += 1
    for name, n in sorted(counts.items()):
        print(f"{n:5d}  {name}")
    for line in broken:
        print(line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
