"""The load job: both cores on large loads, and the same graph whichever way it parses."""
from __future__ import annotations

import os
from pathlib import Path

from conftest import SEEDS, load_into, run_cli
from pledgegraph.load import AUTO_PARALLEL_FILES, parse_processes


def test_processes_setting_wins_and_zero_picks_by_load_size() -> None:
    assert parse_processes(3, 1) == 3
    assert parse_processes(0, AUTO_PARALLEL_FILES - 1) == 1
    assert parse_processes(0, AUTO_PARALLEL_FILES) == min(2, os.cpu_count() or 1)


def count(store: Path) -> str:
    result = run_cli("query", "--store", str(store), "--format", "tsv",
                     "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[1]


def test_two_parsing_processes_write_what_one_writes(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    for n in range(AUTO_PARALLEL_FILES):
        (folder / f"{n:02d}.txt").write_text(f"{seed}\n\nCopy {n}.", encoding="utf-8")
    one = run_cli("load", "--store", str(tmp_path / "one"), "--processes", "1", str(folder))
    two = load_into(tmp_path / "two", folder)  # the default picks two processes for this many files
    assert one.returncode == 0 and two.returncode == 0, (one.stderr, two.stderr)
    assert f"{AUTO_PARALLEL_FILES} articles" in two.stderr
    assert count(tmp_path / "one") == count(tmp_path / "two")


def test_a_store_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    from pledgegraph.store import open_store

    held = open_store(tmp_path / "store")  # as a running server holds it
    result = run_cli("load", "--store", str(tmp_path / "store"), str(SEEDS))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot open the store") and "Traceback" not in result.stderr
    del held


def test_parse_processes_die_with_a_killed_load(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "articles"
    folder.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    for n in range(200):
        (folder / f"{n:03d}.txt").write_text(f"{seed}\n\nCopy {n}.", encoding="utf-8")
    load = subprocess.Popen([sys.executable, "-m", "pledgegraph", "load", "--store", str(tmp_path / "store"),
                             "--processes", "2", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> set[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(load.pid)], capture_output=True, text=True).stdout
        return {int(p) for p in out.split()}

    deadline = time.monotonic() + 60
    while len(children()) < 2 and time.monotonic() < deadline and load.poll() is None:
        time.sleep(0.2)
    parsers = children()
    assert len(parsers) >= 2, "the load should have started its parse processes"
    os.kill(load.pid, signal.SIGKILL)
    load.wait(10)
    time.sleep(2)
    alive = {p for p in parsers if Path(f"/proc/{p}").exists()
             and "Z" not in Path(f"/proc/{p}/stat").read_text().split(")")[-1].split()[0]}
    assert not alive, f"parse processes outlived their load: {alive}"
