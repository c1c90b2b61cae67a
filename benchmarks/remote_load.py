"""Loading from several processes into one remote engine: N articles loaded by `pledgegraph load` into the
embedded store (one process), into Virtuoso by one loader process, and into Virtuoso by two loader processes at
once over halves of the folder (what two machines would do); articles per second of each, and a check that the
engine then holds every article graph once.

    .venv/bin/python benchmarks/remote_load.py [--articles 1000]

Each loader parses in one process (`--processes 1`), so the two-loader run shows what a second machine adds.
Needs what `scripts/setup test` installs (Virtuoso).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from engines import VirtuosoServer  # noqa: E402
from load import SOURCES, write_copies  # noqa: E402

from pledgegraph.store import open_store  # noqa: E402

ARTICLE_GRAPHS = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                  "FILTER(STRSTARTS(STR(?g), \"https://w3id.org/pledgegraph/id/graph/article/\")) }")


def loads(folders: list[Path], where: list[str], env: dict[str, str]) -> float:
    """Seconds for one `pledgegraph load` per folder, all at once."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLEDGEGRAPH_")}
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "pledgegraph", "load", *where, "--processes", "1", str(f)],
                              env={**clean, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for f in folders]
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(err.decode()[-500:])
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        everything = root / "all"
        everything.mkdir()
        write_copies(everything, -(-args.articles // len(SOURCES)))
        files = sorted(everything.iterdir())[: args.articles]
        for extra in sorted(everything.iterdir())[args.articles:]:
            extra.unlink()
        halves = [root / "half-1", root / "half-2"]
        for i, half in enumerate(halves):
            half.mkdir()
            for f in files[i::2]:
                (half / f.name).hardlink_to(f)
        n = len(files)
        rows = [("embedded store, 1 loader", loads([everything], ["--store", str(root / "store")], {}))]
        for name, folders in (("Virtuoso, 1 loader", [everything]), ("Virtuoso, 2 loaders at once", halves)):
            engine = VirtuosoServer(root / name.replace(" ", "-").replace(",", ""))
            try:
                rows.append((name, loads(folders, ["--store-url", engine.url], engine.env)))
                os.environ.update(engine.env)
                held = next(iter(open_store(None, url=engine.url).query(ARTICLE_GRAPHS)))["n"].value  # type: ignore
                assert int(held) == n, f"{name}: {held} article graphs for {n} articles"
            finally:
                engine.stop()
    print(f"{n} articles; each loader parses in one process")
    print("| load | seconds | articles/s |\n|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {n / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
