"""What the table of known actors costs: reading it, its memory, the phrase matcher built over its names, and a
lookup, each in a fresh process, beside the baseline of reading the curated gazetteer alone.

    python benchmarks/actor_table.py [--runs 5]

Prints, per way of reading, the median seconds to read, the memory it added (peak RSS growth and the Python heap
tracemalloc saw), the seconds to build the phrase matcher over every name, and microseconds per name lookup.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, resource, sys, time, tracemalloc
import spacy
from pledgegraph.loaders import gazetteer as gz
how = sys.argv[1]
nlp = spacy.blank("en")
read_table = (lambda: gz.read_kb()) if how == "actors.csv.gz" else (
    lambda: gz.read_gazetteer(gz.GAZETTEER_CSV, regions=None))
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
g = read_table()
read = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
tracemalloc.start()  # a second reading, for the heap it takes (tracing slows it, so it is not the one timed)
read_table()
heap = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
from pledgegraph.loaders.mentions import _matcher
t = time.perf_counter()
_matcher(nlp("x"), g)
matcher = time.perf_counter() - t
names = [e.label for e in g.entries.values()][:5000]
t = time.perf_counter()
for n in names:
    g.lookup(n)
lookup = (time.perf_counter() - t) / len(names) * 1e6
print(json.dumps({"entries": len(g.entries), "read": read, "heap_mib": heap / 2**20, "rss_mib": rss / 1024,
                  "matcher": matcher, "lookup_us": lookup}))
"""


def measure(how: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, how], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    rows = {}
    for how in ("gazetteer.csv (baseline)", "actors.csv.gz"):
        runs = [measure(how.split()[0]) for _ in range(args.runs)]
        rows[how] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = rows["gazetteer.csv (baseline)"]
    print(f"{'table':<26} {'entries':>8} {'read s':>8} {'heap MiB':>9} {'RSS MiB':>8} {'matcher s':>10} "
          f"{'lookup us':>10}  read ratio")
    for how, r in rows.items():
        print(f"{how:<26} {r['entries']:>8.0f} {r['read']:>8.3f} {r['heap_mib']:>9.1f} {r['rss_mib']:>8.1f} "
              f"{r['matcher']:>10.2f} {r['lookup_us']:>10.2f}  {r['read'] / base['read']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
