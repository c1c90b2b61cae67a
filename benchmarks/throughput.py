"""Small-query throughput: many clients asking a short entity lookup, against pledgegraph and, side by side in
the same run, Oxigraph's own server on a copy of the same store.

    python benchmarks/throughput.py [--clients 20] [--seconds 10] [--triples 100000] [--store DIR] [--oxigraph PATH]
                                    [--http-workers 1 2]

`--clients` keep-alive HTTP clients (spread over four client processes, so that the client's own Python does
not set the pace) POST the query form to /sparql again and again for `--seconds`, after a warm-up. Prints
requests per second, p50 and p99 latency and the statuses, for pledgegraph (once per `--http-workers` value:
one waitress process, or that many granian workers in front of the process that holds the store) and, when the
`oxigraph` command is
found (`pip install oxigraph`, the CLI of the same engine version), for `oxigraph serve-read-only`.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from endpoint import _free_port, queries, start_server  # noqa: E402

PROCESSES = 4


def _client(port: int, path: str, body: bytes, threads: int, seconds: float, out: mp.Queue) -> None:
    """One client process: `threads` keep-alive connections, each asking again and again until time is up."""
    import threading

    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                mine.append((resp.status, time.perf_counter() - started))
            except OSError:
                mine.append((0, time.perf_counter() - started))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            results.extend(mine)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put(results)


def hammer(port: int, path: str, query: str, clients: int, seconds: float) -> dict:
    """Requests per second, p50 and p99 in ms, and statuses, for `clients` clients over `seconds`."""
    body = urllib.parse.urlencode({"query": query}).encode()
    out: mp.Queue = mp.Queue()
    per = [clients // PROCESSES + (i < clients % PROCESSES) for i in range(PROCESSES)]
    procs = [mp.Process(target=_client, args=(port, path, body, n, seconds, out)) for n in per if n]
    for p in procs:
        p.start()
    results = [r for _ in procs for r in out.get()]
    for p in procs:
        p.join()
    times = sorted(t * 1000 for s, t in results if s == 200)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")  # noqa: E731
    return {"rps": len(times) / seconds, "p50": pick(0.5), "p99": pick(0.99),
            "statuses": dict(Counter(s for s, _ in results))}


def _wait(port: int) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--store", type=Path)
    ap.add_argument("--workers", type=int, default=4, help="query workers (per HTTP worker)")
    ap.add_argument("--http-workers", type=int, nargs="+", default=[1, 2],
                    help="run pledgegraph once per value of --http-workers")
    ap.add_argument("--oxigraph", default=shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph"))
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pg-throughput-"))
    store = args.store or work / "store"
    if not args.store:
        synthetic.generate(store, args.triples, 1)
    lookup = queries(ox.Store.read_only(str(store)))["entity lookup"]
    rows: list[tuple[str, dict]] = []
    for http_workers in args.http_workers:
        port = _free_port()
        proc = start_server(port, ["--store", str(store), "--query-workers", str(args.workers),
                                   "--http-workers", str(http_workers)])
        try:
            time.sleep(3 if http_workers > 1 else 0)  # the workers start after the port opens
            hammer(port, "/sparql", lookup, args.clients, 2.0)  # warm-up
            rows.append((f"pledgegraph x{http_workers}", hammer(port, "/sparql", lookup, args.clients, args.seconds)))
        finally:
            proc.terminate()
            proc.wait(30)
    if Path(args.oxigraph).exists():
        copy = work / "oxigraph-copy"
        shutil.copytree(store, copy)
        oport = _free_port()
        oxi = subprocess.Popen([args.oxigraph, "serve-read-only", "--location", str(copy), "--bind",
                                f"127.0.0.1:{oport}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(oport)
            hammer(oport, "/query", lookup, args.clients, 2.0)
            rows.append(("oxigraph serve", hammer(oport, "/query", lookup, args.clients, args.seconds)))
        finally:
            oxi.terminate()
            oxi.wait(30)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{args.clients} clients, {args.seconds:g} s, entity lookup")
    print(f"{'server':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for name, r in rows:
        print(f"{name:<16} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f}  {r['statuses']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
