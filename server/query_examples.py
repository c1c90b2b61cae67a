"""The query page's example queries: the ontology's competency questions, then the endpoint's own examples."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

STATIC_YASGUI = Path(__file__).resolve().parent / "static" / "yasgui"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


def _read(folder: resources.abc.Traversable) -> list[Example]:
    if not folder.is_dir():
        return []
    out = []
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            title = first.lstrip("#").strip() if first.startswith("#") else f.name[:-3]
            out.append(Example(f.name[:-3], title, text))
    return out


def examples() -> list[Example]:
    """Competency questions (ontology/queries/*.rq) first, then server/templates/examples/*.rq."""
    ontology = resources.files("pledgegraph.ontology") / "queries"
    ours = resources.files("pledgegraph.server") / "templates" / "examples"
    return _read(ontology) + _read(ours)


def yasgui_installed() -> bool:
    """Whether scripts/setup installed Yasgui's files (else the page falls back to a plain form)."""
    return (STATIC_YASGUI / "yasgui.min.js").is_file() and (STATIC_YASGUI / "yasgui.min.css").is_file()
