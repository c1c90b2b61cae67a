"""pledgegraph: a knowledge graph of dated commitments extracted from news."""

__version__ = "0.1.0"
