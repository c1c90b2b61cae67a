"""Endpoint benchmark: a query mix timed over HTTP through /sparql and in-process against the store, in one run.

    python benchmarks/endpoint.py [--store DIR] [--triples 1000000] [--runs 15]

Builds (or reuses) a synthetic store shaped like ours (benchmarks/synthetic.py), starts `pledgegraph serve` on
127.0.0.1, and for each query alternates in-process and HTTP runs so both see the same machine load. In-process
means what a Python program holding the store gets: `Store.query` with the union default graph, then the
results serialised as SPARQL JSON by Oxigraph. HTTP means a keep-alive client POSTing the query and reading
the SPARQL JSON body. Prints the medians and the ratio HTTP/in-process per query.
"""
from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

from pledgegraph.ontology.vocab import sparql_prefixes  # noqa: E402

P = sparql_prefixes()


def queries(store: ox.Store) -> dict[str, str]:
    """The mix; the entity is the actor with the most incoming links (a worst case for lookups)."""
    top = next(iter(store.query(P + """SELECT ?a (COUNT(*) AS ?n) { ?c pg:issuer ?a } GROUP BY ?a
                                      ORDER BY DESC(?n) LIMIT 1""", use_default_graph_as_union=True)))["a"]
    return {
        "entity lookup": P + f"SELECT ?p ?o WHERE {{ {top} ?p ?o }}",
        "commitments due in a year": P + """
SELECT ?c ?kind ?due WHERE {
  VALUES ?kind { pg:Pledge pg:Demand pg:Threat }
  ?c a ?kind ; pg:deadline ?d .
  OPTIONAL { ?d time:inXSDDate ?date } OPTIONAL { ?d time:inXSDgYearMonth ?month } OPTIONAL { ?d time:inXSDgYear ?year }
  BIND (COALESCE(STR(?date), CONCAT(STR(?month), "-31"), CONCAT(STR(?year), "-12-31")) AS ?due)
  FILTER (?due >= "2026-11-25" && ?due < "2027-11-25")
}""",
        "counts per actor (top 20)": P + """
SELECT ?actor (SAMPLE(?name) AS ?label) (COUNT(?c) AS ?n) WHERE {
  ?c pg:actor ?actor . OPTIONAL { ?actor rdfs:label ?name }
} GROUP BY ?actor ORDER BY DESC(?n) LIMIT 20""",
        "two-hop path": P + f"""
SELECT DISTINCT ?other ?label WHERE {{ {top} ^pg:issuer/pg:addressee ?other . ?other rdfs:label ?label }}""",
        "text FILTER": P + """
SELECT ?c ?text WHERE {
  ?evidence nif:anchorOf ?text .
  FILTER (CONTAINS(?text, "sanctions") && CONTAINS(?text, "2027"))
  ?c pg:evidence ?evidence .
}""",
    }


def in_process(store: ox.Store, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    body = store.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
    return time.perf_counter() - started, len(body or b"")


class Client:
    """A keep-alive HTTP client of the endpoint."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def run(self, query: str) -> tuple[float, int, bool]:
        body = urllib.parse.urlencode({"query": query})
        started = time.perf_counter()
        self.conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                    "Accept": "application/sparql-results+json"})
        r = self.conn.getresponse()
        data = r.read()
        elapsed = time.perf_counter() - started
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {data[:300]!r}")
        return elapsed, len(data), r.getheader("X-Results-Capped") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store_dir: Path, port: int, workers: int) -> subprocess.Popen:
    return start_server(port, ["--store", str(store_dir), "--query-workers", str(workers)])


def start_server(port: int, flags: list[str]) -> subprocess.Popen:
    """`pledgegraph serve` on 127.0.0.1:port with the given flags, once it accepts connections."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    proc = subprocess.Popen([sys.executable, "-m", "pledgegraph", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--max-rows", "100000", *flags], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default="/tmp/pledgegraph-bench-store", help="store directory (made if missing)")
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=15, help="timed runs per query and side (after 3 warm-ups)")
    ap.add_argument("--workers", type=int, default=2, help="query workers of the server")
    args = ap.parse_args(argv)
    store_dir = Path(args.store)
    if not store_dir.exists():
        print(f"generating {args.triples} triples into {store_dir} ...", file=sys.stderr)
        synthetic.generate(store_dir, args.triples, 1)
    # The server gets its own copy (it opens its store for writing); this process reads the original.
    served = store_dir.with_name(store_dir.name + "-served")
    shutil.rmtree(served, ignore_errors=True)
    shutil.copytree(store_dir, served)
    store = ox.Store.read_only(str(store_dir))
    print(f"{len(store)} quads; machine: {os.cpu_count()} CPUs; {args.runs} runs per query and side", file=sys.stderr)
    port = _free_port()
    proc = serve(served, port, args.workers)
    try:
        client = Client(port)
        table = []
        for name, query in queries(store).items():
            warm = [in_process(store, query)[0] + client.run(query)[0] for _ in range(3)]
            # Fast queries get more runs (and warm-ups): their medians are a fraction of a millisecond.
            runs = args.runs * (10 if min(warm) < 0.01 else 1)
            for _ in range(runs // 5 if runs > args.runs else 0):
                in_process(store, query)
                client.run(query)
            local, remote = [], []
            for _ in range(runs):
                local.append(in_process(store, query)[0])
                seconds, _size, capped = client.run(query)
                assert not capped
                remote.append(seconds)
            rows = sum(1 for _ in store.query(query, use_default_graph_as_union=True))
            table.append((name, rows, statistics.median(local) * 1000, statistics.median(remote) * 1000, runs))
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(served, ignore_errors=True)
    print("| query | rows | runs | in-process ms | HTTP ms | HTTP/in-process |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rows, local, remote, runs in table:
        print(f"| {name} | {rows} | {runs} | {local:.2f} | {remote:.2f} | {remote / local:.2f} |")
    total_l, total_r = sum(t[2] for t in table), sum(t[3] for t in table)
    print(f"| **sum of medians** | | | {total_l:.1f} | {total_r:.1f} | {total_r / total_l:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
