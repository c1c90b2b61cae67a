"""Runs the app under waitress; also exposes `app` for other WSGI servers (gunicorn 'pledgegraph.server.wsgi:app')."""
from __future__ import annotations


from pledgegraph.settings import Settings


def run(settings: Settings) -> None:
    """Serve until interrupted, printing the address (port 0 picks a free port)."""
    import signal

    import waitress

    from pledgegraph.server import context
    from pledgegraph.server.app import create_app
    from pledgegraph.server.observability import log_without_blocking

    app = create_app(settings)
    context.runner(app).start(2)  # two query workers at once; more start as clients need them (a spare is kept)
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
    # SIGTERM exits like Ctrl-C, so the query workers are stopped and the store's snapshots removed.
    signal.signal(signal.SIGTERM, _exit)
    try:
        server.run()
    except KeyboardInterrupt:
        pass


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
