"""The pledgegraph ontology: vocabulary, IRIs, the OWL/Turtle file, shapes and competency queries."""
from importlib.resources import files
from pathlib import Path

HERE = Path(str(files(__name__)))
ONTOLOGY_TTL = HERE / "pledgegraph.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
QUERIES = HERE / "queries"
