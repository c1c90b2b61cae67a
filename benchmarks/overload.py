"""Overload benchmark: does a cheap query stay fast while many clients run slow ones, and does the server
recover when they leave?

    python benchmarks/overload.py [--heavy 50] [--seconds 15] [--triples 100000] [--store DIR]

Starts `pledgegraph serve` on 127.0.0.1 over a synthetic store (benchmarks/synthetic.py), then runs `--heavy`
client threads that each POST a query taking about two seconds, again and again, for `--seconds`. Meanwhile one
probe client asks `ASK {}` and fetches the home page every 100 ms. Each client connects from a loopback address
of its own (127.0.1.N for the heavy ones, 127.0.2.1 for the probe), as distinct clients would. Each heavy query carries a constant of its
own, so that no answer comes from the result cache and the server never knows it for slow in advance (`--same`
sends one text throughout). After the heavy clients stop, the probe goes
on for five seconds. Prints, for each phase, the probe's latencies (p50, p95, max) and statuses, and what the
heavy clients got (answers, 503s with Retry-After).
"""
from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from endpoint import _free_port, serve  # noqa: E402

HEAVY = ("SELECT (COUNT(*) AS ?n) { { SELECT ?c { ?a ?b ?c } LIMIT 1100 } { SELECT ?f { ?d ?e ?f } LIMIT 1100 } "
         "FILTER(STRLEN(STR(?c)) > STRLEN(STR(?f))) }")  # about two seconds on one core


def request(port: int, method: str, path: str, body: str | None = None, source: str = "127.0.0.1") -> tuple[int, float]:
    """One request on a fresh connection from a loopback address of the client's own: (status, seconds)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120, source_address=(source, 0))
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        resp.read()
        return resp.status, time.monotonic() - started
    except OSError:
        return 0, time.monotonic() - started
    finally:
        conn.close()


_COUNTER = iter(range(10**9))


def unique(query: str) -> str:
    """The query with a constant of its own: a text the server has never seen (no cached answer, no history)."""
    return query.replace("{ {", f"{{ BIND({next(_COUNTER)} AS ?unique) {{", 1)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heavy", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--store", type=Path)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--same", action="store_true", help="every heavy client sends the very same text (by default "
                    "each query differs, so no answer comes from the result cache and none is known to be slow)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pg-overload-"))
    store = args.store or work / "store"
    if not args.store:
        synthetic.generate(store, args.triples, 1)
    port = _free_port()
    proc = serve(store, port, args.workers)
    heavy_body = urllib.parse.urlencode({"query": HEAVY})
    single = request(port, "POST", "/sparql", heavy_body)
    print(f"one heavy query alone: status {single[0]}, {single[1]:.2f} s")
    stop_heavy = threading.Event()
    heavy_got: Counter[int] = Counter()
    probe: dict[str, list[tuple[str, int, float]]] = {"loaded": [], "after": []}
    phase = ["loaded"]

    def heavy(n: int) -> None:
        while not stop_heavy.is_set():
            body = heavy_body if args.same else urllib.parse.urlencode({"query": unique(HEAVY)})
            status, _ = request(port, "POST", "/sparql", body, source=f"127.0.1.{n + 1}")
            heavy_got[status] += 1
            if status == 503:
                time.sleep(0.2)

    def prober(until: float) -> None:
        while time.monotonic() < until:
            for name, path in (("ASK {}", "/sparql?query=ASK%20%7B%7D"), ("home page", "/")):
                status, seconds = request(port, "GET", path, source="127.0.2.1")
                probe[phase[0]].append((name, status, seconds))
            time.sleep(0.1)

    try:
        threads = [threading.Thread(target=heavy, args=(n,), daemon=True) for n in range(args.heavy)]
        for t in threads:
            t.start()
        time.sleep(1.0)  # let the heavy clients fill the server
        prober(time.monotonic() + args.seconds)
        stop_heavy.set()
        phase[0] = "after"
        prober(time.monotonic() + 5.0)
        for t in threads:
            t.join(60)
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"heavy clients ({args.heavy}) got: " + ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(heavy_got.items())))
    print(f"{'phase':<8} {'probe':<10} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for name in ("loaded", "after"):
        for what in ("ASK {}", "home page"):
            rows = [(s, t) for w, s, t in probe[name] if w == what]
            times = [t * 1000 for _, t in rows]
            statuses = Counter(s for s, _ in rows)
            print(f"{name:<8} {what:<10} {len(rows):>4} {statistics.median(times):>8.1f} "
                  f"{percentile(times, 0.95):>8.1f} {max(times):>8.1f}  {dict(statuses)}")
    after = [t for w, s, t in probe["after"][:10]]
    print(f"first probes after the heavy clients left (ms): {', '.join(f'{t * 1000:.0f}' for t in after)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
