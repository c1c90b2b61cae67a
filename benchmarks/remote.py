"""Remote engines behind pledgegraph: the query mix of benchmarks/endpoint.py through our server with Virtuoso
behind it, against Virtuoso's own /sparql, in the same run (alternating); the same mix through our server on
the embedded store and from Oxigraph's own server, for reference; the load time and peak memory of each.

    python benchmarks/remote.py [--triples 1000000] [--runs 9] [--dir /tmp/pledgegraph-remote-bench]

Needs what `scripts/setup test` installs (Virtuoso, Oxigraph's server). The data is benchmarks/synthetic.py's
graph shaped like ours, written once as N-Quads and bulk-loaded into each engine: the embedded store with
Store.bulk_load, Oxigraph's server with `oxigraph load`, Virtuoso with its bulk loader (ld_dir, rdf_loader_run).
Our server reads Virtuoso at its public /sparql (no credentials: the benchmark only reads). The bar (issue 12):
through our server within 1.2x of Virtuoso's own endpoint for queries over 10 ms, within 2 ms for smaller ones.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
import endpoint  # noqa: E402
import synthetic  # noqa: E402
from engines import OxigraphServer, VirtuosoServer, oxigraph_binary  # noqa: E402


class Endpoint:
    """A keep-alive client of one SPARQL endpoint (form POST, SPARQL JSON results)."""

    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.path = parts.path
        self.extra = parts.query  # parameters the endpoint wants on every query ("union-default-graph")
        self.host, self.port = parts.hostname, parts.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)

    def run(self, query: str) -> float:
        body = urllib.parse.urlencode({"query": query}) + (f"&{self.extra}" if self.extra else "")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        started = time.perf_counter()
        try:
            self.conn.request("POST", self.path, body, headers)
            r = self.conn.getresponse()
        except OSError:  # the server closed a connection left idle while the others ran long queries
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
            started = time.perf_counter()
            self.conn.request("POST", self.path, body, headers)
            r = self.conn.getresponse()
        data = r.read()
        elapsed = time.perf_counter() - started
        if r.status != 200:
            raise RuntimeError(f"{self.path}: HTTP {r.status}: {data[:300]!r}")
        return elapsed


def peak_mib(pid: int) -> float:
    """A process's peak resident memory so far (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed_child(cmd: list[str]) -> tuple[float, float]:
    """Run a command; its wall time and peak memory (sampled from /proc while it runs)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]

    def watch() -> None:
        while proc.poll() is None:
            try:
                peak[0] = max(peak[0], peak_mib(proc.pid))
            except OSError:
                pass
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    watcher.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err.decode()[-500:]}")
    return time.perf_counter() - started, peak[0]


def our_server(flags: list[str]) -> tuple[subprocess.Popen, int]:
    port = endpoint._free_port()
    return endpoint.start_server(port, flags), port


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=9, help="timed runs per query and endpoint (after 2 warm-ups)")
    ap.add_argument("--dir", default="/tmp/pledgegraph-remote-bench", help="work directory (kept between runs)")
    args = ap.parse_args(argv)
    work = Path(args.dir) / str(args.triples)
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data.nq"
    if not data.exists():
        print(f"writing {args.triples} triples as N-Quads ...", file=sys.stderr)
        with data.open("w", encoding="utf-8") as out:
            for block in synthetic.quads(args.triples, 1, synthetic.BASE):
                out.write(block)
    saved = work / "loads.json"  # load figures are measured once, with the engines, and kept beside them
    loads: dict[str, tuple[float, float]] = json.loads(saved.read_text()) if saved.exists() else {}
    embedded = work / "embedded"
    if not embedded.exists():
        started = time.perf_counter()
        store = ox.Store(str(embedded))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        loads["embedded (pyoxigraph bulk_load)"] = (time.perf_counter() - started, peak_mib(os.getpid()))
    oxi_dir = work / "oxigraph"
    if not oxi_dir.exists():
        loads["Oxigraph server (oxigraph load)"] = timed_child([oxigraph_binary(), "load", "--location",
                                                                str(oxi_dir), "--file", str(data)])
    virt_dir = work / "virtuoso"
    fresh = not virt_dir.exists()
    virtuoso = VirtuosoServer(virt_dir)
    servers: list[subprocess.Popen] = []
    try:
        if fresh:
            os.link(data, virt_dir / "data.nq")
            started = time.perf_counter()
            subprocess.run(["isql-vt", f"127.0.0.1:{virtuoso.sql_port}", "dba", "dba",
                            f"exec=ld_dir('{virt_dir}', 'data.nq', 'urn:x-pledgegraph:default'); rdf_loader_run(); "
                            "checkpoint;"], check=True, capture_output=True, timeout=7200)
            loads["Virtuoso (ld_dir, rdf_loader_run)"] = (time.perf_counter() - started, peak_mib(virtuoso.proc.pid))
        saved.write_text(json.dumps(loads))
        print(f"  loads: {loads}", file=sys.stderr)
        oxigraph = OxigraphServer(oxi_dir)
        try:
            ours_embedded, p1 = our_server(["--store", str(embedded), "--query-workers", "2",
                                            "--query-timeout", "300"])
            ours_virtuoso, p2 = our_server(["--store-url", virtuoso.url.replace("/sparql-auth", "/sparql"),
                                            "--query-timeout", "300"])
            servers += [ours_embedded, ours_virtuoso]
            clients: dict[str, Endpoint] = {
                "ours → Virtuoso": Endpoint(f"http://127.0.0.1:{p2}/sparql"),
                "Virtuoso /sparql": Endpoint(virtuoso.url.replace("/sparql-auth", "/sparql")),
                "ours (embedded)": Endpoint(f"http://127.0.0.1:{p1}/sparql"),
                "Oxigraph server": Endpoint(oxigraph.url + "?union-default-graph=true"),
            }
            store = ox.Store.read_only(str(embedded))
            table = _measure(endpoint.queries(store), clients, args.runs)
        finally:
            oxigraph.stop()
    finally:
        for proc in servers:
            proc.terminate()
        virtuoso.stop()
    _report(table, list(clients), loads, work)
    return 0


def _measure(queries: dict[str, str], clients: dict[str, "Endpoint"], runs: int) -> list[tuple[str, list[float]]]:
    """Each query's median per endpoint; every run binds a number of its own, so that no result cache (ours
    keeps answers until the next write) answers in place of the engine."""
    table = []
    numbered = lambda query, n: query.replace("WHERE {", f"WHERE {{ BIND({n} AS ?pgrun)", 1)  # noqa: E731
    for name, query in queries.items():
        for i, client in enumerate(clients.values()):
            for j in range(2):
                client.run(numbered(query, 1000 + 10 * i + j))
        times: dict[str, list[float]] = {k: [] for k in clients}
        for run in range(runs):  # alternate, so that every endpoint sees the same machine load
            for key, client in clients.items():
                times[key].append(client.run(numbered(query, run)))
        table.append((name, [statistics.median(times[k]) * 1000 for k in clients]))
        print(f"  {name}: " + ", ".join(f"{k} {v:.1f} ms" for k, v in zip(clients, table[-1][1])), file=sys.stderr)
    return table


def _report(table: list[tuple[str, list[float]]], names: list[str], loads: dict[str, tuple[float, float]],
            work: Path) -> None:
    print(f"| query | {' | '.join(names)} | ours/Virtuoso | bar |")
    print("|---|" + "---:|" * (len(names) + 2))
    for name, medians in table:
        ours, direct = medians[0], medians[1]
        bar = ours <= 1.2 * direct if direct > 10 else ours - direct <= 2.0
        print(f"| {name} | " + " | ".join(f"{m:.2f}" for m in medians) + f" | {ours / direct:.2f} | "
              f"{'met' if bar else 'NOT met'} |")
    if loads:
        print("\n| load | seconds | peak MiB |\n|---|---:|---:|")
        for name, (seconds, mib) in loads.items():
            print(f"| {name} | {seconds:.1f} | {mib:.0f} |")
    print(f"\n(work directory {work}; engines and data kept for the next run)")


if __name__ == "__main__":
    sys.exit(main())
