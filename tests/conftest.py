"""Fixtures only: settings and stores on tmp_path, a seeded store, the Flask client, a live server."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pledgegraph.settings import ENV_PREFIX, Settings, load_settings
from pledgegraph.store import OxigraphStore, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PLEDGEGRAPH_* variable of the caller's leaks into a test."""
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX):
            monkeypatch.delenv(name)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(env={}, store=str(tmp_path / "store"))


@pytest.fixture
def store(settings: Settings) -> OxigraphStore:
    return open_store(settings.store)


def load_into(store_dir: Path, *paths: Path | str) -> subprocess.CompletedProcess[str]:
    """Run the real `pledgegraph load` on paths into a store directory; whatever it wrote must conform
    to the SHACL shapes (every graph the loader writes in the tests is validated)."""
    result = run_cli("load", "--store", str(store_dir), *map(str, paths))
    if Path(store_dir).exists():
        assert_conforms(Path(store_dir))
    return result


def assert_conforms(store_dir: Path) -> None:
    """Export the store through the real CLI and validate every graph but the ontology's."""
    from pledgegraph.ontology.validate import read_dataset, validate_shapes

    out = store_dir.parent / f"{store_dir.name}-export.nq"
    exported = run_cli("export", "--store", str(store_dir), "--format", "nquads", "--output", str(out))
    assert exported.returncode == 0, exported.stderr
    union = read_dataset(str(out))
    if len(union):
        conforms, report = validate_shapes(union)
        assert conforms, report


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    return subprocess.run([sys.executable, "-m", "pledgegraph", *args], capture_output=True, text=True,
                          timeout=600, env={**clean, **(env or {})})


@pytest.fixture(scope="session")
def seeded_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store loaded once per session with the seed article, through the real CLI."""
    path = tmp_path_factory.mktemp("seeded") / "store"
    result = load_into(path, SEEDS)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def client(settings: Settings, seeded_store_dir: Path):  # type: ignore[no-untyped-def]
    """The Flask test client over a copy-free read of the seeded store."""
    from pledgegraph.server.app import create_app

    app = create_app(settings.with_(store=str(seeded_store_dir)), store=open_store(seeded_store_dir, read_only=True))
    app.testing = True
    return app.test_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """A real `pledgegraph serve` subprocess on 127.0.0.1 and a free port; what it prints goes to a file (a pipe
    nobody reads would fill up and block the server's next log line)."""

    def __init__(self, store_dir: Path, env: dict[str, str] | None = None, *flags: str,
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pledgegraph", "serve", "--store", str(store_dir), "--host", "127.0.0.1",
             "--port", str(self.port), "--create", *flags],
            env={**clean, **(env or {})}, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait()

    def output(self) -> str:
        """Everything the server has printed so far."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def _wait(self) -> None:
        wait_until_up(self.proc, self.url + "/health", self.output, 60)

    def stop(self) -> None:
        stop_process(self.proc)


def wait_until_up(proc: subprocess.Popen, url: str, output: Callable[[], str], seconds: float) -> None:
    """Until a GET of `url` answers; raises with what the process printed if it exits or stays silent."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited: {output()}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    stop_process(proc)
    raise RuntimeError(f"{proc.args[0]} did not answer {url} within {seconds:g} s: {output()}")


def stop_process(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def copy_store(src: Path, dst: Path) -> Path:
    """A copy of a store directory, so a server can own it while others read the original."""
    import shutil

    shutil.copytree(src, dst)
    return dst


@pytest.fixture
def live_server(seeded_store_dir: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A real server over a copy of the seeded store."""
    server = LiveServer(copy_store(seeded_store_dir, tmp_path / "live-store"))
    yield server
    server.stop()
