"""How fast an actor page with thousands of incoming links renders, on a million-triple synthetic graph.

    python benchmarks/actor_page.py [--store DIR] [--triples 1000000] [--seed 1] [--runs 30]

Builds the graph with benchmarks/synthetic.py (unless the store already holds one), starts the real server
(`pledgegraph serve`, waitress) on 127.0.0.1, and times full HTTP GETs of actor pages: the actor with the most
incoming links, and one with about 2,000. Prints one line per page and exits 1 if a median is 200 ms or more.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import BASE, generate  # noqa: E402

from pledgegraph.ontology.iris import Minter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0

_INCOMING = """SELECT ?a (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?a } } GROUP BY ?a"""


def actors_by_incoming(store_dir: Path) -> list[tuple[str, int]]:
    """Every shared actor with its number of incoming links, most first."""
    store = ox.Store.read_only(str(store_dir))
    prefix = Minter(BASE).actor("")
    counts = [(s["a"].value, int(s["n"].value)) for s in store.query(_INCOMING)
              if isinstance(s["a"], ox.NamedNode) and s["a"].value.startswith(prefix)]
    del store
    return sorted(counts, key=lambda c: -c[1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    proc = subprocess.Popen([sys.executable, "-m", "pledgegraph", "serve", "--store", str(store_dir), "--host",
                             "127.0.0.1", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/search.json?q=x", timeout=5).close()
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def timed_get(url: str) -> tuple[float, int]:
    req = urllib.request.Request(url, headers={"Accept": "text/html"})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        size = len(resp.read())
        assert resp.status == 200
    return (time.perf_counter() - started) * 1000, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=str(ROOT / "test-output" / "bench-store"))
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    store_dir = Path(args.store)
    if not (store_dir / "CURRENT").exists():
        started = time.perf_counter()
        total = generate(store_dir, args.triples, args.seed)
        print(f"generated {total} quads in {time.perf_counter() - started:.1f} s at {store_dir}")
    ranked = actors_by_incoming(store_dir)
    quads = len(ox.Store.read_only(str(store_dir)))
    top = ranked[0]
    near_2000 = min(ranked, key=lambda c: abs(c[1] - 2000))
    proc, url = serve(store_dir)
    failed = False
    try:
        print(f"store: {quads} quads; {len(ranked)} actors; cpus: {os.cpu_count()}; load: {os.getloadavg()[0]:.2f}")
        for iri, links in dict.fromkeys([top, near_2000]):
            page = url + "/" + iri[len(BASE):]
            cold, size = timed_get(page)
            times = [timed_get(page)[0] for _ in range(args.runs)]
            times.sort()
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            failed |= median >= TARGET_MS
            print(f"{iri[len(BASE):]}: {links} incoming links, {size} bytes; first {cold:.0f} ms; "
                  f"median {median:.0f} ms, p95 {p95:.0f} ms, min {times[0]:.0f} ms over {args.runs} GETs")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
