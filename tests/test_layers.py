"""Imports go one way, as the data flows: readers -> extraction -> RDF -> store -> server."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"pledgegraph.loaders": ROOT / "loaders", "pledgegraph.server": ROOT / "server",
           "pledgegraph.ontology": ROOT / "ontology"}
# package -> packages it must never import
FORBIDDEN = {
    "pledgegraph.server": ("pledgegraph.loaders", "pledgegraph.load", "pledgegraph.cli"),
    "pledgegraph.ontology": ("pledgegraph.loaders", "pledgegraph.server", "pledgegraph.store", "pledgegraph.load"),
    "pledgegraph.loaders": ("pledgegraph.server", "pledgegraph.store", "pledgegraph.load", "pledgegraph.cli"),
}
STORE_ONLY = "pyoxigraph"  # only the store and the formats speak to Oxigraph


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules() -> list[tuple[str, Path]]:
    return [(pkg, f) for pkg, folder in FOLDERS.items() for f in sorted(folder.rglob("*.py"))
            if "data" not in f.relative_to(folder).parts]


@pytest.mark.parametrize("package,path", modules(), ids=lambda x: str(x).rsplit("/main/", 1)[-1])
def test_no_import_points_backwards(package: str, path: Path) -> None:
    bad = [m for m in imports(path) for f in FORBIDDEN[package] if m == f or m.startswith(f + ".")]
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_loaders_never_touch_oxigraph() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "loaders").rglob("*.py"))
                 if any(m.split(".")[0] == STORE_ONLY for m in imports(p))]
    assert offenders == []


def test_code_imports_the_vocabulary_instead_of_spelling_our_namespace() -> None:
    spelled = [str(p.relative_to(ROOT)) for folder in ("pledgegraph", "loaders", "server")
               for p in sorted((ROOT / folder).rglob("*.py"))
               if "w3id.org/pledgegraph/ns#" in p.read_text(encoding="utf-8")]
    assert spelled == []


EXTRACTION_MODULE_LINES = 400  # a module that grows past this holds more than one job: split it


@pytest.mark.parametrize("path", [f for pkg, f in modules() if pkg == "pledgegraph.loaders"],
                         ids=lambda p: p.name)
def test_extraction_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= EXTRACTION_MODULE_LINES


ENGINE_DOORS = (ROOT / "pledgegraph" / "store", ROOT / "pledgegraph" / "formats")


def test_only_the_store_and_the_formats_touch_the_engine() -> None:
    """pyoxigraph is imported only in pledgegraph/store/ (the one door to the data) and pledgegraph/formats/ (the
    one table of formats, their readers and writers): never by the server, the commands, the loaders or the
    ontology code."""
    offenders = [str(p.relative_to(ROOT)) for folder in ("pledgegraph", "server", "loaders", "ontology")
                 for p in sorted((ROOT / folder).rglob("*.py"))
                 if not any(door in p.parents for door in ENGINE_DOORS)
                 and any(m.split(".")[0] == STORE_ONLY for m in imports(p))]
    assert offenders == []


def test_the_engine_doors_check_themselves() -> None:
    """The test above could pass by looking nowhere: the doors themselves do import pyoxigraph."""
    inside = [p for door in ENGINE_DOORS for p in door.rglob("*.py")
              if STORE_ONLY in {m.split(".")[0] for m in imports(p)}]
    assert len(inside) >= 4


def test_the_store_and_the_formats_never_import_the_server() -> None:
    for door in ENGINE_DOORS:
        for p in sorted(door.rglob("*.py")):
            bad = [m for m in imports(p) if m.startswith(("pledgegraph.server", "flask", "pledgegraph.loaders"))]
            assert not bad, f"{p.relative_to(ROOT)} imports {bad}"


def test_kinds_are_listed_once_in_the_vocabulary() -> None:
    """No page query, template or server module spells a kind of statement or of actor: they take the lists
    from ontology/vocab.py (STATEMENT_KINDS, ACTOR_KINDS), so a new kind is added in one place. The example
    queries shown to users (templates/examples/) are SPARQL for people to read and keep their names."""
    from pledgegraph.ontology.vocab import ACTOR_KINDS, STATEMENT_KINDS

    names = [str(k).rsplit("#", 1)[1] for k in (*STATEMENT_KINDS, *ACTOR_KINDS)]
    spelled = re.compile(r"\b(?:pg:|PG\.)(" + "|".join(names) + r")\b|counts\.get\('(" + "|".join(names) + ")'")
    files = [p for p in sorted((ROOT / "server").rglob("*")) if p.suffix in (".rq", ".html", ".py")
             and "examples" not in p.parts]
    offenders = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in files
                 for m in spelled.finditer(p.read_text(encoding="utf-8"))]
    assert len(files) > 40 and offenders == []
