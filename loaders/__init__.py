"""Loaders: read articles, extract actors and commitments, and turn them into RDF."""
from importlib.resources import files
from pathlib import Path

DATA = Path(str(files(__name__))) / "data"
