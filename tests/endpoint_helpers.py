"""Helpers of the endpoint tests: a small synthetic store shaped like ours, a live server, HTTP calls."""
from __future__ import annotations

import http.client as httpclient
import importlib.util
import json
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, LiveServer, free_port

TOKEN = "test-token-3f9a"


def synthetic():  # type: ignore[no-untyped-def]
    """benchmarks/synthetic.py as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("pg_synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_store(path: Path, n_triples: int = 3000, seed: int = 7) -> Path:
    """A store of about n_triples synthetic triples shaped like the loader's output."""
    synthetic().generate(path, n_triples, seed)
    return path


class Server(LiveServer):
    """LiveServer whose flags may name its own port as {port} (for a SERVICE allow-list of itself)."""

    def __init__(self, store_dir: Path, env: dict[str, str] | None = None, *flags: str) -> None:
        port = free_port()
        super().__init__(store_dir, {k: v.format(port=port) for k, v in (env or {}).items()},
                         *(f.format(port=port) for f in flags), port=port)

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def worker_pids(self) -> set[int]:
        """The server's child processes (its query workers)."""
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return {int(p) for p in out.stdout.split()}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def http(method: str, url: str, body: bytes | str | None = None, headers: dict[str, str] | None = None,
         timeout: float = 30) -> Reply:
    """One HTTP request to a loopback URL, sent as given (no default headers added); errors come back as
    replies, not exceptions."""
    assert url.startswith("http://127.0.0.1:"), "tests only talk to loopback"
    parts = urllib.parse.urlsplit(url)
    data = body.encode("utf-8") if isinstance(body, str) else body
    conn = httpclient.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + ("?" + parts.query if parts.query else ""), body=data,
                     headers=headers or {})
        r = conn.getresponse()
        return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def get(url: str, params: list[tuple[str, str]] | dict[str, str] | None = None, **headers: str) -> Reply:
    q = urllib.parse.urlencode(params or {}, doseq=True)
    return http("GET", url + ("?" + q if q else ""), headers={k.replace("_", "-"): v for k, v in headers.items()})


def post_form(url: str, params: list[tuple[str, str]] | dict[str, str], **headers: str) -> Reply:
    hdrs = {"Content-Type": "application/x-www-form-urlencoded", **{k.replace("_", "-"): v for k, v in headers.items()}}
    return http("POST", url, urllib.parse.urlencode(params, doseq=True), hdrs)


def bindings(reply: Reply) -> list[dict[str, str]]:
    """SPARQL JSON results as rows of variable -> value."""
    assert reply.status == 200, reply.text
    return [{k: v["value"] for k, v in b.items()} for b in reply.json()["results"]["bindings"]]


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
