"""Runs the app under waitress; also exposes `app` for other WSGI servers (gunicorn 'pledgegraph.server.wsgi:app')."""
from __future__ import annotations

import logging

from pledgegraph.settings import Settings


def run(settings: Settings) -> None:
    """Serve until interrupted, printing the address (port 0 picks a free port)."""
    import waitress

    from pledgegraph.server.app import create_app

    from pledgegraph.server.sparql import get_runner

    app = create_app(settings)
    get_runner(app).start(1)  # one query worker ready before the first request; more start on demand
    server = waitress.create_server(app, host=settings.host, port=settings.port, threads=settings.threads)
    logging.basicConfig(level=logging.INFO)
    print(f"pledgegraph serving {settings.store} on http://{settings.host}:{server.effective_port}/", flush=True)
    server.run()


def __getattr__(name: str) -> object:
    # Build the app only when a WSGI server asks for it, never at import time.
    if name == "app":
        from pledgegraph.server.app import create_app
        return create_app()
    raise AttributeError(name)
