"""Load benchmark: the whole load (read, parse, extract, RDF, store) against spaCy's parse alone.

Writes N copies of a few articles (the seed and our own test articles, each copy made distinct so that
it gets its own IRI) to a temporary folder, then in one run times, after the model is loaded:

- parse only: ``nlp.pipe`` over the same texts (what spaCy alone costs);
- whole load: ``pledgegraph.load.load_paths`` into a fresh on-disk store.

It prints articles per second for both and their ratio (the issue asks for at least 0.75).

    .venv/bin/python benchmarks/load.py [--copies 40] [--processes N]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pledgegraph.load import load_paths, parse_processes
from pledgegraph.loaders.nlp import load_pipeline
from pledgegraph.loaders.readers import read_file
from pledgegraph.settings import load_settings
from pledgegraph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests" / "articles" / "good").glob("*.txt")),
           *sorted((ROOT / "tests" / "articles" / "good").glob("*.md"))]


def write_copies(folder: Path, copies: int) -> list[str]:
    """N distinct copies of each source article; returns their texts as the loader will see them."""
    texts = []
    for n in range(copies):
        for src in SOURCES:
            article = read_file(src).articles[0]
            text = f"{article.text}\n\nCopy {n} of {src.stem}."
            (folder / f"{n:04d}-{src.stem}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--processes", type=int, default=0, help="0: what `pledgegraph load` picks (both cores here)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        texts = write_copies(folder, args.copies)
        procs = parse_processes(args.processes, len(texts))
        settings = load_settings(env={}, store=str(Path(tmp) / "store"), processes=procs)
        nlp = load_pipeline(settings.model)
        list(nlp.pipe(texts[:4]))  # warm up
        parse_s = {}
        for n in sorted({1, procs}):
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=n):
                pass
            parse_s[n] = time.perf_counter() - t0
        store = open_store(settings.store)
        t0 = time.perf_counter()
        report = load_paths([folder], store, settings)
        store.flush()
        load_s = time.perf_counter() - t0
    n = len(texts)
    assert report.articles == n, report.summary()
    load_rate = n / load_s
    print(f"articles: {n} ({len(SOURCES)} sources x {args.copies} copies); the load uses {procs} process(es)")
    print(f"{'stage':<28} {'seconds':>8} {'articles/s':>11} {'load/this':>10}")
    for procs, seconds in parse_s.items():
        rate = n / seconds
        print(f"{f'parse only, {procs} process(es)':<28} {seconds:>8.2f} {rate:>11.1f} {load_rate / rate:>10.2f}")
    print(f"{'whole load':<28} {load_s:>8.2f} {load_rate:>11.1f}")
    print(f"{'of which tracking':<28} {report.tracking_seconds:>8.2f} {'':>11} "
          f"{100 * report.tracking_seconds / (load_s - report.tracking_seconds):>9.1f}%  ({report.tracks} tracks;"
          " the issue's bar: tracking slows a load by at most 15%)")
    print("(the issue's target: the whole load at >= 0.75 of the parse-only rate)")


if __name__ == "__main__":
    main()
