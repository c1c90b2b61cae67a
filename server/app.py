"""The application factory, and every route of the app in one table (ROUTES).

The views live in one module per area (sparql, graph_store, pages, linked_data, observability), each with a
blueprint for its hooks and template filters; the URL rules are all here, so the whole surface of the server
reads in one place.
"""
from __future__ import annotations

from types import ModuleType

from flask import Flask

from pledgegraph.ontology.iris import Minter
from pledgegraph.server.result_cache import ResultCache
from pledgegraph.settings import Settings, load_settings
from pledgegraph.store import TripleStore, store_for

GET = ["GET"]
# The kinds of minted IRI (/actor/..., /statement/...) that dereference to a page or RDF.
ENTITY_KINDS = ("actor", "article", "statement", "deadline", "mention", "condition", "attribution", "graph", "track",
                "report")
SUFFIX = "<any(html, ttl, jsonld, nt, rdf):suffix>"

# URL rule, the module of its view, the view's name, methods.
ROUTES: list[tuple[str, str, str, list[str]]] = [
    ("/", "pages", "home", GET),                                       # the home page
    ("/search", "pages", "search", GET),                               # search, as a page
    ("/search.json", "pages", "search_json", GET),                     # search, for the autocomplete
    ("/deadlines", "pages", "deadlines_page", GET),                    # deadlines by period
    ("/deadlines.ics", "linked_data", "deadlines_ics", GET),           # the same as an iCalendar feed
    ("/<any(" + ", ".join(ENTITY_KINDS) + "):kind>/<path:rest>",       # every minted IRI: page or RDF
     "linked_data", "entity", GET),
    ("/ns", "linked_data", "ontology", GET),                           # the ontology: page or RDF
    ("/ns." + SUFFIX, "linked_data", "ontology", GET),
    ("/.well-known/void", "linked_data", "void_description", GET),     # VoID
    ("/dump", "linked_data", "dump_dataset", GET),                     # the whole dataset
    ("/sparql", "sparql", "sparql", ["GET", "POST"]),                  # SPARQL 1.1 Protocol, query page
    ("/store", "graph_store", "graph_store", ["GET", "HEAD", "PUT", "POST", "DELETE"]),  # Graph Store Protocol
    ("/health", "observability", "health", GET),                       # liveness
    ("/health/ready", "observability", "ready", GET),                  # readiness: the store answers
    ("/metrics", "observability", "metrics", GET),                     # Prometheus
]


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
    areas: dict[str, ModuleType] = {m.__name__.rsplit(".", 1)[-1]: m
                                    for m in (sparql, graph_store, pages, linked_data, observability)}
    for module in (sparql, graph_store, pages, linked_data):
        app.register_blueprint(module.bp)  # hooks, template filters (observability registers its own)
    for rule, area, view, methods in ROUTES:
        # the endpoint keeps its blueprint's name ("pages.home"): url_for and the blueprint's hooks apply
        app.add_url_rule(rule, endpoint=f"{areas[area].bp.name}.{view}", view_func=getattr(areas[area], view),
                         methods=methods)
    errors.register(app)
    observability.register(app)
    return app
