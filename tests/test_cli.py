"""The command line: `load` over good and broken files, reloads, and `query` in every results format."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pledgegraph.ontology.vocab import sparql_prefixes

from conftest import ARTICLES, load_into, run_cli

GOOD = ARTICLES / "good"
BAD = ARTICLES / "bad"

ARTICLES_QUERY = sparql_prefixes() + """
SELECT ?article ?title ?date WHERE {
  ?article a pg:Article .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:datePublished ?date }
} ORDER BY ?article"""

Row = tuple[str, str, str]  # article IRI, title, date ('' when unbound)


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    loaded = load_into(store, GOOD)
    assert loaded.returncode == 0, loaded.stderr
    return store


def query(store: Path, text: str, fmt: str) -> str:
    out = run_cli("query", "--store", str(store), "--format", fmt, text)
    assert out.returncode == 0, out.stderr
    return out.stdout


def json_rows(store: Path) -> list[Row]:
    bindings = json.loads(query(store, ARTICLES_QUERY, "json"))["results"]["bindings"]
    return [tuple(b.get(v, {}).get("value", "") for v in ("article", "title", "date")) for b in bindings]


def export(store: Path) -> list[str]:
    out = run_cli("export", "--store", str(store), "--format", "nquads")
    assert out.returncode == 0, out.stderr
    # Blank nodes (in the ontology's OWL axioms) get new labels on every load; everything else must not change.
    return sorted(re.sub(r"_:\w+", "_:b", line) for line in out.stdout.splitlines() if line.strip())


# --- load ---------------------------------------------------------------------------------------------------------

def test_a_broken_file_among_good_ones_is_reported_and_the_others_load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("frontmatter.md", "page.html", "stream.jsonl"):
        shutil.copy(GOOD / name, folder / name)
    shutil.copy(BAD / "latin1.txt", folder / "latin1.txt")
    store = tmp_path / "store"
    loaded = load_into(store, folder)
    assert loaded.returncode != 0
    errors = [line for line in loaded.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert str(folder / "latin1.txt") in errors[0] and "not UTF-8 text" in errors[0]
    assert re.search(r"4 files, 4 articles, .* 1 errors", loaded.stderr)
    titles = sorted(title for _a, title, _d in json_rows(store))
    assert titles == sorted(["Ruritania promises a new Vltava bridge by 2030",
                             "Osterlich sets 2029 goal for rail electrification",
                             "Latveria pledges to double school spending by 2028",
                             "Genovia forecasts growth of 3% next year"])


def test_a_load_of_nothing_readable_fails(tmp_path: Path) -> None:
    loaded = load_into(tmp_path / "store", BAD / "notes.docx")
    assert loaded.returncode != 0
    assert "unsupported file type '.docx'" in loaded.stderr


def test_reloading_the_same_articles_leaves_the_store_identical(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert load_into(store, GOOD).returncode == 0
    first, rows = export(store), json_rows(store)
    assert load_into(store, GOOD).returncode == 0
    second = export(store)
    assert len(second) == len(first)  # same triple count
    assert second == first  # same quads, so the same IRIs
    assert any("/article/" in line for line in first) and any("/actor/" in line for line in first)
    assert json_rows(store) == rows


def test_reloading_a_changed_article_replaces_it(tmp_path: Path) -> None:
    article = tmp_path / "in" / "a.md"
    article.parent.mkdir()
    head = "---\ntitle: Ruritania bridge\nurl: https://quill.example.org/bridge\npublished: 2025-03-14\n---\n"
    article.write_text(head + "Ruritania will build a bridge by 2030, the minister said.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert load_into(store, article).returncode == 0
    [(iri, _t, _d)] = json_rows(store)
    article.write_text(head.replace("Ruritania bridge", "Ruritania bridge delayed")
                       + "Ruritania will now finish the bridge by 2032, the minister said.\n", encoding="utf-8")
    assert load_into(store, article).returncode == 0
    assert json_rows(store) == [(iri, "Ruritania bridge delayed", "2025-03-14")]
    dump = "\n".join(export(store))
    assert "by 2032" in dump and "by 2030" not in dump


# --- query formats ------------------------------------------------------------------------------------------------

def _unturtle(term: str) -> str:
    """The value of a term as SPARQL TSV writes it: <iri>, "literal"^^<type>, "literal"@lang or a bare number."""
    if term.startswith("<") and term.endswith(">"):
        return term[1:-1]
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?', term)
    if m:
        return re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t", "r": "\r"}.get(e.group(1), e.group(1)), m.group(1))
    return term


def parse_xml(out: str) -> list[Row]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    rows = []
    for result in ET.fromstring(out).iterfind("r:results/r:result", ns):
        values = {b.get("name"): "".join(b.itertext()) for b in result.iterfind("r:binding", ns)}
        rows.append(tuple(values.get(v, "") for v in ("article", "title", "date")))
    return rows


def parse_csv(out: str) -> list[Row]:
    return [(r["article"], r["title"], r["date"]) for r in csv.DictReader(io.StringIO(out))]


def parse_tsv(out: str) -> list[Row]:
    lines = out.rstrip("\n").split("\n")
    names = [n.lstrip("?") for n in lines[0].rstrip("\r").split("\t")]
    rows = [dict(zip(names, map(_unturtle, line.rstrip("\r").split("\t")))) for line in lines[1:]]
    return [(r["article"], r["title"], r["date"]) for r in rows]


def parse_table(out: str) -> list[Row]:
    """A table's rows, cut by the column widths its separator line gives ('---' groups joined by '-+-')."""
    lines = out.rstrip("\n").split("\n")
    widths = [len(dashes) for dashes in lines[1].split("-+-")]
    starts = [sum(widths[:i]) + 3 * i for i in range(len(widths))]
    cells = lambda line: tuple(line[b:b + w].strip() for b, w in zip(starts, widths))  # noqa: E731
    assert cells(lines[0]) == ("article", "title", "date")
    count = int(re.fullmatch(r"\((\d+) rows\)", lines[-1]).group(1))
    rows = [cells(line) for line in lines[2:-1]]
    assert len(rows) == count
    return rows


@pytest.mark.parametrize("fmt, parse", [("xml", parse_xml), ("csv", parse_csv), ("tsv", parse_tsv),
                                        ("table", parse_table)])
def test_every_results_format_parses_back_to_the_json_rows(good_store: Path, fmt: str, parse) -> None:  # type: ignore[no-untyped-def]
    expected = json_rows(good_store)
    assert len(expected) == 11
    rows = parse(query(good_store, ARTICLES_QUERY, fmt))
    if fmt == "table":  # a table cuts cells at 60 characters
        expected = [tuple(v[:60] for v in row) for row in expected]
    assert rows == expected


def test_a_bad_query_fails_with_a_message(good_store: Path) -> None:
    out = run_cli("query", "--store", str(good_store), "SELECT ?x WHERE { ?x ")
    assert out.returncode != 0
    assert "Error" in out.stderr and out.stdout == ""


def test_load_explain_prints_each_dropped_candidate_with_its_reason(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("---\npublished: 2025-03-03\n---\nNorway will ban imports of used tyres from January 2027. "
                       "Norway's ministers will meet in Oslo in April 2026.\n", encoding="utf-8")
    loaded = run_cli("load", "--explain", "--store", str(tmp_path / "store"), str(article))
    assert loaded.returncode == 0, loaded.stderr
    dropped = [line for line in loaded.stderr.splitlines() if line.startswith("dropped ")]
    assert len(dropped) == 1 and "'meet'" in dropped[0] and dropped[0].endswith("a routine event")
    assert "1 statements" in loaded.stderr
