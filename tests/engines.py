"""Remote SPARQL engines the tests run pledgegraph against, each a real server on 127.0.0.1 and a free port:
Oxigraph's own server (the `oxigraph` package from PyPI)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from conftest import free_port


def oxigraph_binary() -> str:
    """The `oxigraph` command installed beside this Python (scripts/setup test installs it)."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph") or "oxigraph"


class OxigraphServer:
    """`oxigraph serve` on a temporary directory; asked for the union of its graphs as the default graph with
    the `union-default-graph` parameter (its --union-default-graph switch would also override FROM and refuse
    USING in updates)."""

    env = {"PLEDGEGRAPH_STORE_UNION_PARAM": "union-default-graph"}

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind",
                                      f"127.0.0.1:{self.port}"],
                                     stdout=self._log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(f"oxigraph exited: {self._log.read().decode('utf-8', 'replace')}")
            try:
                urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph did not start within 30 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
