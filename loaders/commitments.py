"""Commitments and forecasts: rules over the parse that find pledges, demands, threats and forecasts."""
from __future__ import annotations

from spacy.tokens import Doc

from pledgegraph.loaders.records import Article, Statement


def find(doc: Doc, article: Article, actors: object) -> list[Statement]:
    """Every statement the rules find in the article."""
    return []
