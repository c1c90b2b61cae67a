"""Runs the app under waitress, or (`--http-workers` over 1) granian workers in front of one waitress process that
holds the store; also exposes `app` for other WSGI servers (gunicorn 'pledgegraph.server.wsgi:app')."""
from __future__ import annotations

import os
import subprocess

from pledgegraph.settings import Settings
from pledgegraph.store.pool import LINGER_ENV


def run(settings: Settings) -> None:
    """Serve until interrupted, printing the address (port 0 picks a free port)."""
    if settings.http_workers > 1:
        return run_workers(settings)
    import signal

    import waitress

    from pledgegraph.server import context
    from pledgegraph.server.app import create_app
    from pledgegraph.server.observability import log_without_blocking

    app = create_app(settings)
    runner = context.runner(app)
    runner.start(2)  # two query workers at once; more start as clients need them (a spare is kept)
    # A reverse proxy on this host may say, with X-Forwarded-*, what the public scheme and host are (links use them).
    _raise_file_limit(settings.connections + 64)
    server = waitress.create_server(
        app, host=settings.host, port=settings.port, threads=settings.threads,
        trusted_proxy="127.0.0.1",
        trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"},
        clear_untrusted_proxy_headers=True,
        # hostile clients: many slow connections (slowloris), stalled ones, a huge body; the body limit is applied
        # while the body arrives (a Content-Length over it is refused before a byte is read), and a request
        # whose client hangs up is noticed (waitress.client_disconnected), so its query is dropped, not run
        connection_limit=settings.connections, channel_timeout=settings.idle_timeout,
        max_request_body_size=settings.max_body, channel_request_lookahead=1)
    if settings.host not in ("0.0.0.0", "::", ""):  # links name this address, never a client's Host header
        host = f"[{settings.host}]" if ":" in settings.host else settings.host
        app.extensions["pledgegraph"]["listen_url"] = f"http://{host}:{server.effective_port}/"
    log_without_blocking()  # a reader of stderr that stops reading must not stop the server (access log lines)
    print(f"pledgegraph serving {settings.store_name} on http://{settings.host}:{server.effective_port}/", flush=True)
    snapshots = getattr(runner, "snapshots", None)
    if os.environ.get(LINGER_ENV) and snapshots is not None:
        print(f"snapshots in {snapshots.root}", flush=True)  # for the processes that follow this one (run_workers)
    # SIGTERM exits like Ctrl-C, so the query workers are stopped and the store's snapshots removed.
    signal.signal(signal.SIGTERM, _exit)
    try:
        server.run()
    except KeyboardInterrupt:
        pass


WORKERS_KILL_TIMEOUT = 5  # seconds a stopping worker has to finish its requests before it is killed
_FOLLOW: dict[str, object] = {}  # what the granian workers forked by run_workers build their app from


def run_workers(settings: Settings) -> None:
    """`http_workers` granian processes answer on the public address; one waitress process, started here on a
    loopback port, holds the store and answers the writes they send it (server/forward.py)."""
    import signal
    import sys

    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings

    if settings.store_url:
        raise SystemExit("--http-workers over 1 serves an on-disk store; in front of a remote engine, run several "
                         "servers behind a proxy instead (docs/scale.md)")
    port = settings.port or _free_port(settings.host)
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    public = settings.public_url or (f"http://{host}:{port}/" if settings.host not in ("0.0.0.0", "::", "") else "")
    env = {**os.environ, **settings.as_env(), "PLEDGEGRAPH_HOST": "127.0.0.1", "PLEDGEGRAPH_PORT": "0",
           "PLEDGEGRAPH_HTTP_WORKERS": "1", "PLEDGEGRAPH_PUBLIC_URL": public,
           LINGER_ENV: str(settings.query_timeout + 30)}  # a follower's query may still read a replaced snapshot
    primary = subprocess.Popen([sys.executable, "-m", "pledgegraph", "serve"], env=env, stdout=subprocess.PIPE,
                               text=True)
    try:
        primary_url, snapshots = _announced(primary)
        _FOLLOW.update(settings=settings, primary=primary_url, snapshots=snapshots)
        print(f"pledgegraph serving {settings.store_name} on http://{host}:{port}/ with {settings.http_workers} "
              f"HTTP workers; writes go to {primary_url}", flush=True)
        signal.signal(signal.SIGTERM, _exit)
        _stop_with(primary)
        Granian("pledgegraph.server.wsgi:follower_app", address=settings.host, port=port,
                interface=Interfaces.WSGI, factory=True, workers=settings.http_workers,
                blocking_threads=settings.threads, backlog=settings.connections,
                backpressure=settings.threads * 4, log_access=False,
                # a worker that a stop reaches while it is still starting never sees it (granian 2.8): killed
                workers_kill_timeout=WORKERS_KILL_TIMEOUT,
                http1_settings=HTTP1Settings(header_read_timeout=settings.idle_timeout * 1000)).serve()
    except KeyboardInterrupt:
        pass
    finally:
        ended = primary.poll()
        primary.terminate()
        primary.wait(30)
    if ended is not None:  # not stopped by us: a failure, for a supervisor to restart the server
        raise SystemExit(f"the process that held the store ended (exit {ended})")


def _stop_with(primary: subprocess.Popen[str]) -> None:
    """Should the process that holds the store end, end the workers too (SIGTERM to this process), so that a
    supervisor restarts the whole server rather than keep one that can no longer write."""
    import signal
    import threading

    def watch() -> None:
        code = primary.wait()
        print(f"pledgegraph: the process that holds the store ended (exit {code}); stopping", flush=True)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="primary-watch", daemon=True).start()


def _announced(primary: subprocess.Popen[str]) -> tuple[str, str]:
    """The primary's loopback URL and snapshot folder, from the lines it prints once it serves."""
    url = snapshots = ""
    assert primary.stdout is not None
    for line in primary.stdout:
        if line.startswith("pledgegraph serving "):
            url = line.rsplit(" on ", 1)[1].strip()
        elif line.startswith("snapshots in "):
            snapshots = line[len("snapshots in "):].strip()
        if url and snapshots:
            return url, snapshots
    raise SystemExit(f"the process that holds the store stopped before it served (exit {primary.wait()})")


def follower_app() -> object:
    """The app of one granian worker: reads through its own query workers, on the primary's newest snapshot."""
    from pledgegraph.server.app import create_app
    from pledgegraph.server import forward
    from pledgegraph.server.observability import log_without_blocking
    from pledgegraph.store import OxigraphStore
    from pledgegraph.store.pool import QueryRunner

    settings, primary, snapshots = _FOLLOW["settings"], _FOLLOW["primary"], _FOLLOW["snapshots"]
    assert isinstance(settings, Settings) and isinstance(primary, str) and isinstance(snapshots, str)
    app = create_app(settings, forward.PrimaryStore(OxigraphStore.engine))
    runner = QueryRunner(settings.store, settings.query_workers, settings.query_timeout, None, settings.query_memory,
                         max_inside=settings.threads - 2, follow=snapshots)
    app.extensions["pledgegraph"]["runner"] = runner
    runner.start(2)
    forward.install(app, primary, settings)
    log_without_blocking()
    return app


def _free_port(host: str) -> int:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _raise_file_limit(wanted: int) -> None:
    """Enough file descriptors for every connection the server may hold."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard) if hard > 0 else wanted, hard))


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


def __getattr__(name: str) -> object:
    # Build the app only when a WSGI server asks for it, never at import time.
    if name == "app":
        from pledgegraph.server.app import create_app
        return create_app()
    raise AttributeError(name)
