"""The application factory: registers the blueprints and the error handler, nothing else."""
from __future__ import annotations

from flask import Flask

from pledgegraph.ontology.iris import Minter
from pledgegraph.server.result_cache import ResultCache
from pledgegraph.settings import Settings, load_settings
from pledgegraph.store import TripleStore, store_for


def create_app(settings: Settings | None = None, store: TripleStore | None = None) -> Flask:
    """A Flask app serving `store` (by default the one the settings name)."""
    from pledgegraph.server import errors, graph_store, linked_data, observability, pages, sparql

    settings = settings or load_settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body
    app.extensions["pledgegraph"] = {
        "settings": settings,
        "store": store if store is not None else store_for(settings),
        "minter": Minter(settings.base_iri),
        "cache": ResultCache(),
    }
    app.register_blueprint(sparql.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(linked_data.bp)
    errors.register(app)
    observability.register(app)
    return app
