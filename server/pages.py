"""HTML pages (first version: the home page)."""
from __future__ import annotations

from flask import Blueprint, render_template

from pledgegraph.server import context

bp = Blueprint("pages", __name__)


@bp.route("/")
def home() -> str:
    graphs = context.store().graphs()
    return render_template("home.html", graphs=len(graphs), triples=sum(graphs.values()))
