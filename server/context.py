"""Access to the app's settings, store and minter from a request."""
from __future__ import annotations

import os
import threading

from flask import Flask, current_app

from pledgegraph.ontology.iris import Minter
from pledgegraph.store.pool import LINGER_ENV, InProcessRunner, QueryRunner
from pledgegraph.store.remote_pool import RemoteRunner
from pledgegraph.settings import Settings
from pledgegraph.store import OxigraphStore, TripleStore


def settings() -> Settings:
    return current_app.extensions["pledgegraph"]["settings"]


def store() -> TripleStore:
    return current_app.extensions["pledgegraph"]["store"]


def minter() -> Minter:
    return current_app.extensions["pledgegraph"]["minter"]


_runner_lock = threading.Lock()


def runner(app: Flask | None = None) -> QueryRunner | InProcessRunner | RemoteRunner:
    """The app's query runner, created on first use (a worker pool when the store is on disk): every query of
    the endpoint and of the pages runs through it, under its time limit."""
    app = app or current_app
    ext = app.extensions["pledgegraph"]
    runner = ext.get("runner")
    if runner is None:
        with _runner_lock:
            runner = ext.get("runner")
            if runner is None:
                settings, store = ext["settings"], ext["store"]
                path = getattr(store, "path", None)
                if not isinstance(store, OxigraphStore):  # a remote engine evaluates; we wait for it
                    runner = RemoteRunner(store, settings.query_timeout, settings.threads - 2, settings.query_memory)
                elif path is None:
                    runner = InProcessRunner(store.raw, settings.query_timeout)
                else:
                    writable = None if getattr(store, "read_only", False) else store.raw
                    # queries may hold all HTTP threads but two, which stay free for cheap requests
                    runner = QueryRunner(str(path), settings.query_workers, settings.query_timeout, writable,
                                         settings.query_memory, max_inside=settings.threads - 2,
                                         linger=float(os.environ.get(LINGER_ENV) or 0))  # (serve --http-workers)
                ext["runner"] = runner
    return runner
