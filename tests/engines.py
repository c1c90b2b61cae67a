"""Remote SPARQL engines the tests run pledgegraph against, each a real server on 127.0.0.1 and free ports:
Oxigraph's own server (the `oxigraph` package from PyPI) and Virtuoso (Debian's virtuoso-opensource-7-bin, which
scripts/setup test installs)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from conftest import free_port, stop_process, wait_until_up


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
        wait_until_up(self.proc, self.url + "?query=ASK%7B%7D", lambda: _printed(self._log), 30)

    def stop(self) -> None:
        stop_process(self.proc)


class VirtuosoServer:
    """Virtuoso on a temporary directory with a generated virtuoso.ini, listening on loopback only; pledgegraph
    talks to its authenticated endpoint (/sparql-auth, HTTP Digest) as the dba user of this throwaway database."""

    env = {"PLEDGEGRAPH_STORE_USER": "dba", "PLEDGEGRAPH_STORE_PASSWORD": "dba"}

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        location.mkdir(parents=True, exist_ok=True)
        ini = location / "virtuoso.ini"
        if not ini.exists():  # a directory started before keeps its ports
            ini.write_text(VIRTUOSO_INI.format(dir=location, sql_port=free_port(), http_port=port or free_port()))
        self.sql_port, self.port = (int(p) for p in re.findall(r"ServerPort = 127\.0\.0\.1:(\d+)", ini.read_text()))
        self.url = f"http://127.0.0.1:{self.port}/sparql-auth"
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([shutil.which("virtuoso-t") or "virtuoso-t", "-c", str(ini), "+foreground"],
                                     cwd=location, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        log = self.location / "virtuoso.log"
        wait_until_up(self.proc, f"http://127.0.0.1:{self.port}/sparql?query=ASK%7B%7D",
                      lambda: log.read_text() if log.exists() else "", 60)

    def stop(self) -> None:
        stop_process(self.proc, grace=30)


def _printed(log: IO[bytes]) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")


# The settings that matter for pledgegraph (docs/scale.md): buffers sized for the machine, a query time limit,
# the directories bulk loads may read; everything on loopback.
VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
MaxQueryMem = 1G

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
EnabledGzipContent = 1

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""
