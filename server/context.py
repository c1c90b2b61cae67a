"""Access to the app's settings, store and minter from a request."""
from __future__ import annotations

from flask import current_app

from pledgegraph.ontology.iris import Minter
from pledgegraph.settings import Settings
from pledgegraph.store import OxigraphStore


def settings() -> Settings:
    return current_app.extensions["pledgegraph"]["settings"]


def store() -> OxigraphStore:
    return current_app.extensions["pledgegraph"]["store"]


def minter() -> Minter:
    return current_app.extensions["pledgegraph"]["minter"]
