"""Readers: every input format, its metadata and text, and every kind of bad or hostile file."""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pledgegraph.loaders.readers import MAX_BYTES, MAX_TEXT_CHARS, READERS, iter_files, read_file
from pledgegraph.loaders.readers.common import ReadResult, clean_text
from pledgegraph.ontology.iris import article_key
from pledgegraph.ontology.vocab import sparql_prefixes

from conftest import ARTICLES, load_into, run_cli

GOOD = ARTICLES / "good"
BAD = ARTICLES / "bad"
SAME = ARTICLES / "same"


def read_ok(path: Path) -> ReadResult:
    """read_file, asserting that nothing in the file was refused."""
    result = read_file(path)
    assert not result.errors, [str(e) for e in result.errors]
    assert result.articles
    return result


def errors_of(path: Path) -> list[str]:
    return [str(e) for e in read_file(path).errors]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text and Markdown ---------------------------------------------------------------------------------------

def test_front_matter_gives_metadata_and_the_body_only() -> None:
    [a] = read_ok(GOOD / "frontmatter.md").articles
    assert a.title == "Ruritania promises a new Vltava bridge by 2030"
    assert a.url == "https://quill.example.org/2025/03/ruritania-bridge"
    assert a.published == date(2025, 3, 14)
    assert a.publisher == "The Daily Quill"
    assert a.language == "en"
    assert a.text.startswith("The government of Ruritania said on Friday")
    assert "title:" not in a.text and "---" not in a.text
    assert len(a.text.split("\n\n")) == 3  # paragraphs kept as lines


def test_bare_text_keeps_the_caption_line_and_the_bullets() -> None:
    [a] = read_ok(GOOD / "bare.txt").articles
    assert (a.title, a.url, a.published, a.publisher) == (None, None, None, None)
    lines = a.text.split("\n")
    assert lines[0].startswith("Harbour cranes at Port Elbion")
    assert [line for line in lines if line.startswith("• ")] == [
        "• Sylvania plans to open two new border crossings by 2028",
        "• Freedonia's central bank kept interest rates unchanged on Thursday"]


@pytest.mark.parametrize("content, expected", [
    # `source` and `date` are aliases; a datetime in UTC is a date
    ("---\ntitle: A\nsource: Wire\ndate: 2025-01-02T23:30:00Z\n---\nBody text.\n",
     {"title": "A", "publisher": "Wire", "published": date(2025, 1, 2), "text": "Body text."}),
    # Windows line endings, a YAML end marker '...', a written-out date
    ("---\r\ntitle: B\r\npublished: 3 February 2025\r\n...\r\nLine one.\r\n\r\nLine two.\r\n",
     {"title": "B", "published": date(2025, 2, 3), "text": "Line one.\n\nLine two."}),
    # empty front matter
    ("---\n---\nJust the body.\n", {"title": None, "text": "Just the body."}),
    # a Markdown rule on the first line with no closing line is text, not front matter
    ("---\nA rule above, then the article.\n", {"title": None, "text": "---\nA rule above, then the article."}),
    # a source given as a mapping with a name, as news APIs write it
    ("---\ntitle: C\nsource: {name: Agency}\n---\nText.\n", {"publisher": "Agency"}),
])
def test_front_matter_variants(tmp_path: Path, content: str, expected: dict) -> None:
    [a] = read_ok(write(tmp_path / "a.md", content.encode("utf-8"))).articles
    for field, value in expected.items():
        assert getattr(a, field) == value, field


def test_utf16_text_with_a_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", "Caf\u00e9 owners in Ruritania met on Monday.\n".encode("utf-16"))
    [a] = read_ok(path).articles
    assert a.text == "Caf\u00e9 owners in Ruritania met on Monday."


def test_control_characters_and_lone_surrogates_are_cleaned(tmp_path: Path) -> None:
    obj = {"title": "T\u0007", "text": "Ruritania\u000b will\u0000 act.\ud800 Done.", "url": "https://x.example/c"}
    [a] = read_ok(write(tmp_path / "c.json", json.dumps(obj))).articles
    assert a.text == "Ruritania will act.\ufffd Done."
    assert a.title == "T"
    a.text.encode("utf-8")  # would raise on a lone surrogate


# --- HTML --------------------------------------------------------------------------------------------------------

def test_html_gives_the_body_without_navigation_and_the_metadata() -> None:
    [a] = read_ok(GOOD / "page.html").articles
    assert a.title == "Osterlich sets 2029 goal for rail electrification"
    assert a.url == "https://ledger.example.net/world/osterlich-rail-2029"
    assert a.published == date(2025, 5, 2)
    assert a.publisher == "Northern Ledger"
    assert a.language == "en-GB"
    paragraphs = a.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Osterlich will electrify all of its main railway lines by 2029")
    for furniture in ("Subscribe", "Most read", "Cookie", "Home", "All rights reserved"):
        assert furniture not in a.text


def test_html_headline_is_not_repeated_in_the_text() -> None:
    [a] = read_ok(SAME / "same.html").articles
    assert a.title == "Syldavia to join the customs union by 2028"
    assert not a.text.startswith(a.title)
    assert a.text.startswith("Syldavia will join the regional customs union by 2028")


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i}: the caf\u00e9 owners of Ruritania said prices would rise by 2026.</p>"
                   for i in range(6))
    page = f'<html><head><meta charset="iso-8859-1"><title>Caf\u00e9s</title></head><body><article>{body}</article></body></html>'
    [a] = read_ok(write(tmp_path / "l1.html", page.encode("iso-8859-1"))).articles
    assert "caf\u00e9 owners" in a.text
    assert a.title == "Caf\u00e9s"


def test_html_declared_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    body = b"".join(b"<p>Paragraph %d: the minister said \x93we will finish by 2027\x94 \x96 twice.</p>" % i
                    for i in range(6))
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>' \
           b"<article>" + body + b"</article></body></html>"
    [a] = read_ok(write(tmp_path / "w.html", page)).articles
    assert "said \u201cwe will finish by 2027\u201d \u2013 twice." in a.text


# --- JSON and JSON Lines -------------------------------------------------------------------------------------------

def test_json_in_the_shape_of_a_news_api() -> None:
    first, second = read_ok(GOOD / "wire.json").articles
    assert first.title == "Grand Fenwick to hold a referendum on the new constitution"
    assert first.publisher == "Coastal Courier"  # source: {"name": ...}
    assert first.published == date(2025, 6, 10)  # publishedAt, ISO with Z
    assert first.text.startswith("The Duchy of Grand Fenwick will hold")  # content preferred to description
    assert "<p>" not in first.text and len(first.text.split("\n\n")) == 2  # HTML stripped, paragraphs kept
    assert second.url == "https://valleytimes.example.com/borduria-fees"  # link
    assert second.publisher == "Valley Times"  # source as a string
    assert second.published == date(2025, 6, 11)  # "11 June 2025"
    assert second.text.startswith("Borduria threatened on Wednesday")  # body
    assert first.source.endswith("item 1") and second.source.endswith("item 2")


@pytest.mark.parametrize("shape", ["object", "list", "results"])
def test_json_object_list_or_wrapped_list(tmp_path: Path, shape: str) -> None:
    items = [{"title": f"T{i}", "url": f"https://x.example/{i}", "description": f"Ruritania act {i}."}
             for i in range(2)]
    value = {"object": items[0], "list": items, "results": {"status": "ok", "results": items}}[shape]
    articles = read_ok(write(tmp_path / "a.json", json.dumps(value))).articles
    assert [a.title for a in articles] == (["T0"] if shape == "object" else ["T0", "T1"])
    assert [a.text for a in articles] == [i["description"] for i in items][: len(articles)]


def test_json_news_api_truncation_marker_is_dropped(tmp_path: Path) -> None:
    obj = {"title": "T", "content": "Ruritania will build a bridge by 2030\u2026 [+2345 chars]"}
    [a] = read_ok(write(tmp_path / "t.json", json.dumps(obj))).articles
    assert a.text == "Ruritania will build a bridge by 2030"


def test_json_lines_one_article_per_line() -> None:
    articles = read_ok(GOOD / "stream.jsonl").articles
    assert [a.title for a in articles] == ["Latveria pledges to double school spending by 2028",
                                           "Genovia forecasts growth of 3% next year"]
    assert articles[0].publisher == articles[1].publisher == "Latverian Herald"
    assert articles[1].published == date(2025, 9, 2)
    assert articles[1].source.endswith("line 3")  # the blank line 2 is skipped, numbers are the file's


def test_a_broken_json_line_is_reported_with_its_line_and_the_good_lines_are_kept() -> None:
    result = read_file(BAD / "broken-line.jsonl")
    assert [a.title for a in result.articles] == ["Good line one", "Good line three"]
    errors = [str(e) for e in result.errors]
    assert len(errors) == 3
    assert all(e.startswith(str(BAD / "broken-line.jsonl") + ": line ") for e in errors)
    assert "line 2: invalid JSON" in errors[0]
    assert "line 4: expected an article object, found a list" in errors[1]
    assert "line 5: no article text" in errors[2]


def test_a_bad_item_in_a_json_list_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    items = [{"title": "ok", "text": "Ruritania will act."}, {"title": "no text"}, 42]
    result = read_file(write(tmp_path / "l.json", json.dumps(items)))
    assert [a.title for a in result.articles] == ["ok"]
    assert [e.reason.split(":")[0] for e in result.errors] == ["item 2", "item 3"]


# --- feeds -------------------------------------------------------------------------------------------------------

def test_rss_entries_are_articles_with_html_stripped() -> None:
    first, second = read_ok(GOOD / "feed.rss").articles
    assert first.title == "Corto Maltese to ban single-use plastics by 2027"
    assert first.url == "https://gazette.example.org/2025/04/plastics-ban"
    assert first.published == date(2025, 4, 15)
    assert first.publisher == "Island Gazette" and first.language == "en-us"
    assert first.text.split("\n\n") == [
        "The government of Corto Maltese will ban single-use plastics by 2027, the environment minister said on Tuesday.",
        "Shops will have until the end of 2026 to sell their existing stock."]  # content:encoded, not the teaser
    assert "alert" not in first.text and "<" not in first.text
    assert second.text == "The port authority said the dredging of the main harbour would be finished by the end of May."


def test_atom_entry_is_an_article() -> None:
    [a] = read_ok(GOOD / "feed.atom").articles
    assert a.title == "Elbonia & Kinakuta sign water deal"
    assert a.url == "https://observer.example.com/2025/08/water-deal"
    assert a.published == date(2025, 8, 20)
    assert a.publisher == "Mountain Observer" and a.language == "en"
    assert a.text.startswith("Elbonia and Kinakuta agreed on Wednesday") and "<p>" not in a.text


def test_atom_xhtml_content_text_summary_and_id_as_link(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2025-08-20T12:00:00Z</updated>
<entry><title>A</title><id>https://observer.example.com/a</id><updated>2025-08-20T12:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two &amp; three.</p></div></content></entry>
<entry><title>B</title><id>tag:observer.example.com,2025:b</id><updated>2025-08-21T12:00:00Z</updated>
<summary type="text">Plain &lt;b&gt; text.</summary></entry></feed>"""
    first, second = read_ok(write(tmp_path / "x.atom", feed)).articles
    assert (first.url, first.text) == ("https://observer.example.com/a", "One.\n\nTwo & three.")
    assert (second.url, second.text) == (None, "Plain <b> text.")  # a tag: id is no URL; text is not HTML
    assert second.published == date(2025, 8, 21)  # updated, when there is no published


def test_legacy_rss_in_latin1_with_an_external_doctype_and_html_entities() -> None:
    [a] = read_ok(GOOD / "legacy-0.91.rss").articles
    assert a.title == "Caf\u00e9 tax to rise"
    assert a.text == "Ruritania will raise the caf\u00e9 tax by 2027, the finance minister said on Monday."
    assert a.publisher == "Old Town Crier" and a.url == "http://crier.example.org/cafe-tax"


# --- folders -----------------------------------------------------------------------------------------------------

def test_a_folder_is_read_recursively_and_an_unsupported_file_is_reported(tmp_path: Path) -> None:
    shutil.copy(GOOD / "frontmatter.md", write(tmp_path / "top" / "x", "").parent / "a.md")
    shutil.copy(GOOD / "feed.atom", write(tmp_path / "top" / "deep" / "er" / "x", "").parent / "b.atom")
    shutil.copy(BAD / "notes.docx", tmp_path / "top" / "deep" / "notes.docx")
    write(tmp_path / "top" / ".hidden.txt", "Hidden files are skipped.")
    write(tmp_path / "top" / ".git" / "c.txt", "So are hidden folders.")
    (tmp_path / "top" / "x").unlink()
    (tmp_path / "top" / "deep" / "er" / "x").unlink()
    files = list(iter_files([tmp_path / "top"]))
    assert [f.relative_to(tmp_path / "top").as_posix() for f in files] == ["a.md", "deep/notes.docx", "deep/er/b.atom"]
    results = [read_file(f) for f in files]
    assert [len(r.articles) for r in results] == [1, 0, 1]
    [error] = results[1].errors
    assert error.path.endswith("notes.docx") and "unsupported file type '.docx'" in error.reason


def test_the_readers_table_covers_every_format() -> None:
    for suffix in (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".xml", ".rss", ".atom"):
        assert suffix in READERS


# --- bad and hostile input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, reason", [
    ("billion-laughs.rss", "<!ENTITY> declarations refused"),
    ("billion-laughs.html", "<!ENTITY> declarations refused"),
    ("external-entity.atom", "<!ENTITY> declarations refused"),
    ("yaml-bomb.md", "YAML aliases"),
    ("image.txt", "binary content"),
    ("latin1.txt", "not UTF-8 text"),
    ("empty.txt", "empty file"),
    ("blank.md", "only white space"),
    ("bad-frontmatter.md", "broken front matter at line 2"),
    ("bad-date.md", "'published'"),
    ("script-url.json", "not an absolute http(s) URL"),
    ("truncated.json", "invalid JSON"),
    ("not-a-feed.xml", "not an RSS or Atom feed"),
    ("navigation-only.html", "no article text"),
    ("notes.docx", "unsupported file type"),
])
def test_each_bad_file_gives_one_clear_error_naming_it(name: str, reason: str) -> None:
    started = time.monotonic()
    result = read_file(BAD / name)
    assert time.monotonic() - started < 5  # bombs are refused, not expanded
    assert result.articles == []
    [error] = result.errors
    assert str(error).startswith(f"{BAD / name}: ")
    assert reason in error.reason


@pytest.mark.parametrize("suffix", [".xml", ".atom", ".htm", ".rss"])
def test_entity_declarations_are_refused_in_every_markup_format(tmp_path: Path, suffix: str) -> None:
    bomb = (BAD / "billion-laughs.rss").read_bytes()
    [error] = read_file(write(tmp_path / f"bomb{suffix}", bomb)).errors
    assert "<!ENTITY> declarations refused" in error.reason


def test_entity_declarations_are_refused_in_utf16(tmp_path: Path) -> None:
    bomb = (BAD / "billion-laughs.rss").read_text(encoding="utf-8").replace('<?xml version="1.0"?>', "")
    [error] = read_file(write(tmp_path / "bomb16.rss", bomb.encode("utf-16"))).errors
    assert "<!ENTITY> declarations refused" in error.reason


@pytest.mark.parametrize("suffix, declaration", [
    (".rss", '<?xml version="1.0" encoding="utf-7"?>'),
    (".html", '<meta charset="utf-7">'),
])
def test_entity_declarations_hidden_by_a_declared_encoding_are_refused(tmp_path: Path, suffix: str,
                                                                        declaration: str) -> None:
    bomb = (BAD / "billion-laughs.rss").read_text(encoding="utf-8").replace('<?xml version="1.0"?>', "")
    hidden = declaration + bomb.replace("<!", "+ADwAIQ-")  # '<!' in UTF-7
    assert "<!ENTITY" not in hidden and "<!ENTITY" in hidden.encode("ascii").decode("utf-7")
    result = read_file(write(tmp_path / f"bomb7{suffix}", hidden.encode("ascii")))
    assert result.articles == []
    [error] = result.errors
    assert "<!ENTITY> declarations refused" in error.reason


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".html", ".rss", ".md"])
def test_binary_content_is_refused_whatever_the_suffix(tmp_path: Path, suffix: str) -> None:
    [error] = read_file(write(tmp_path / f"image{suffix}", (BAD / "image.txt").read_bytes())).errors
    assert error.reason == "binary content, not text"


@pytest.mark.parametrize("suffix", [".json", ".html"])
def test_non_utf8_is_refused_when_no_charset_is_declared(tmp_path: Path, suffix: str) -> None:
    text = '{"text": "Caf\u00e9 owners met."}' if suffix == ".json" else "<p>Caf\u00e9 owners met.</p>"
    [error] = read_file(write(tmp_path / f"l1{suffix}", text.encode("latin-1"))).errors
    assert "not UTF-8 text" in error.reason


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse file: large, but costs no disk
        f.truncate(MAX_BYTES + 1)
    started = time.monotonic()
    [error] = read_file(path).errors
    assert time.monotonic() - started < 1
    assert error.reason.startswith("file too large")


def test_an_article_longer_than_the_parser_takes_is_refused(tmp_path: Path) -> None:
    words = "Ruritania will act. " * (MAX_TEXT_CHARS // 20 + 1)
    lines = [json.dumps({"title": "long", "text": words}), json.dumps({"title": "short", "text": "Fine."})]
    result = read_file(write(tmp_path / "long.jsonl", "\n".join(lines)))
    assert [a.title for a in result.articles] == ["short"]
    [error] = result.errors
    assert error.reason.startswith("line 1: article text too long")


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    depth = 200_000
    [error] = read_file(write(tmp_path / "deep.json", "[" * depth + "]" * depth)).errors
    assert "nested too deeply" in error.reason
    good = json.dumps({"title": "ok", "text": "Ruritania will act."})
    result = read_file(write(tmp_path / "deep.jsonl", good + "\n" + "[" * depth + "]" * depth + "\n" + good))
    assert len(result.articles) == 2
    [error] = result.errors
    assert error.reason == "line 2: JSON nested too deeply"


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Deep.</p>" + "</div>" * depth + "</body></html>"
    result = read_file(write(tmp_path / "deep.html", page))
    assert result.articles or "no article text" in result.errors[0].reason


@pytest.mark.parametrize("run", ["</", "<?", "<!DOCTYPE", " "])
def test_crafted_runs_do_not_make_reading_slow(tmp_path: Path, run: str) -> None:
    # Python's html.parser needs ~13 s for 200,000 '</' (quadratic); every scan here must stay linear.
    body = "<p>Ruritania will act.</p>" + run * 200_000 + " [+12 chars]"
    started = time.monotonic()
    for name, content in (("a.json", json.dumps({"content": body})), ("b.html", body), ("c.rss", body)):
        read_file(write(tmp_path / name, content))
    assert time.monotonic() - started < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    [error] = read_file(tmp_path / "pipe.txt").errors
    assert error.reason == "not a regular file"


def test_a_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    [error] = read_file(tmp_path / "gone.txt").errors
    assert error.reason == "no such file"


def test_clean_text_keeps_tabs_and_newlines() -> None:
    assert clean_text("a\tb\r\nc\rd\x0ce") == "a\tb\nc\nde"


# --- identity ----------------------------------------------------------------------------------------------------

def test_the_same_article_in_two_formats_has_one_key() -> None:
    [md] = read_ok(SAME / "same.md").articles
    [page] = read_ok(SAME / "same.html").articles
    assert md.url == page.url and md.text != page.text
    assert article_key(md.url, md.text) == article_key(page.url, page.text)
    assert article_key(None, md.text) != article_key(md.url, md.text)  # without a URL, the content decides
    assert article_key(None, md.text) == article_key(None, md.text.replace(" ", "  "))


# --- end to end through `pledgegraph load` -----------------------------------------------------------------------

ARTICLES_QUERY = sparql_prefixes() + """
SELECT ?article ?title ?url ?date ?text WHERE {
  ?article a pg:Article ; schema:text ?text .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:datePublished ?date }
}"""


def stored_articles(store: Path) -> list[dict[str, str]]:
    """Every article in a store as {variable: value}, through `pledgegraph query --format json`."""
    out = run_cli("query", "--store", str(store), "--format", "json", ARTICLES_QUERY)
    assert out.returncode == 0, out.stderr
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(out.stdout)["results"]["bindings"]]


def test_every_format_loads_into_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = load_into(store, GOOD)
    assert loaded.returncode == 0, loaded.stderr
    expected = [a for f in iter_files([GOOD]) for a in read_ok(f).articles]
    rows = stored_articles(store)
    assert len(rows) == len(expected) == 11
    by_text = {r["text"]: r for r in rows}
    for a in expected:
        row = by_text[a.text]  # the stored text is the text read, unchanged
        assert row.get("title") == a.title
        assert row.get("url") == a.url
        assert row.get("date") == (a.published.isoformat() if a.published else None)


def test_a_folder_of_bad_files_reports_each_and_loads_the_good_lines(tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = load_into(store, BAD)
    assert loaded.returncode == 1
    reported = [line for line in loaded.stderr.splitlines() if line.startswith("error: ")]
    for path in sorted(BAD.iterdir()):
        assert any(str(path) in line for line in reported), path.name
    assert sorted(r["title"] for r in stored_articles(store)) == ["Good line one", "Good line three"]


def test_the_same_url_in_two_formats_is_one_article_in_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert load_into(store, SAME / "same.md", SAME / "same.html").returncode == 0
    rows = stored_articles(store)
    assert len(rows) == 1
    [page] = read_ok(SAME / "same.html").articles
    assert rows[0]["text"] == page.text  # the later file replaced the earlier one


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
