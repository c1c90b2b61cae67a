"""Linked Data: IRI dereferencing, VoID, dumps, the iCalendar feed and the ontology documentation."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("linked_data", __name__)
