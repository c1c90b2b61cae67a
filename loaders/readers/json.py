"""JSON and JSON Lines in the shape news APIs give: one article per object.

A .json file holds an article object, a list of them, or an object with a list of them under "articles"
(or "results", "data", "items"). A .jsonl/.ndjson file holds one article object per line. A broken item or
line is reported with its position; the others are read.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers.common import TEXT, ReadResult, decode, first, metadata, plain_text
from pledgegraph.loaders.records import Article

LIST_KEYS = ("articles", "results", "data", "items")
# News APIs cut "content" short and say so: "... [+2345 chars]".
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def article(obj: object, source: str) -> Article:
    """One article object as an Article; raises ValueError saying what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected an article object, found a {_kind(obj)}")
    found = first(obj, TEXT)
    if found is None:
        raise ValueError(f"no article text (none of the fields {', '.join(TEXT)})")
    name, value = found
    if not isinstance(value, str):
        raise ValueError(f"field {name!r} is a {_kind(value)}, expected text")
    text = plain_text(_untruncated(value))
    if not text:
        raise ValueError(f"field {name!r} has no text")
    return Article(text=text, source=source, **metadata(obj))  # type: ignore[arg-type]


def _untruncated(text: str) -> str:
    """The text without a news API's truncation marker (looked for in the last 100 characters only: linear)."""
    m = _TRUNCATED.search(text, max(0, len(text) - 100))
    return text[: m.start()] if m else text


def _items(value: object) -> list[object]:
    """The article objects of a parsed .json file."""
    if isinstance(value, dict):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list) and first(value, TEXT) is None:
                return value[key]
        return [value]
    if isinstance(value, list):
        return value
    raise ValueError(f"expected an article object or a list of them, found a {_kind(value)}")


def read(path: Path, data: bytes) -> ReadResult:
    """Every article object in a .json file; a bad item is reported as 'item N', the others are kept."""
    try:
        value = json.loads(decode(path, data))
        items = _items(value)
    except RecursionError as e:
        raise UnreadableInput(str(path), "JSON nested too deeply") from e
    except ValueError as e:  # json.JSONDecodeError is a ValueError
        raise UnreadableInput(str(path), f"invalid JSON: {e}") from e
    result = ReadResult()
    for n, obj in enumerate(items, 1):
        where = f"item {n}" if len(items) > 1 or isinstance(value, list) else ""
        try:
            result.articles.append(article(obj, f"{path} {where}".rstrip()))
        except ValueError as e:
            result.errors.append(UnreadableInput(str(path), f"{where}: {e}" if where else str(e)))
    if not items:
        result.errors.append(UnreadableInput(str(path), "no articles (an empty list)"))
    return result


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield n, line


def read_lines(path: Path, data: bytes) -> ReadResult:
    """One article object per line; a broken line is reported as 'line N', the others are kept."""
    text = decode(path, data)
    result = ReadResult()
    for n, line in _lines(text):
        try:
            result.articles.append(article(json.loads(line), f"{path} line {n}"))
        except RecursionError:
            result.errors.append(UnreadableInput(str(path), f"line {n}: JSON nested too deeply"))
        except json.JSONDecodeError as e:
            result.errors.append(UnreadableInput(str(path), f"line {n}: invalid JSON: {e.msg} (column {e.colno})"))
        except ValueError as e:
            result.errors.append(UnreadableInput(str(path), f"line {n}: {e}"))
    if not result.articles and not result.errors:
        raise UnreadableInput(str(path), "no articles")
    return result


def _kind(value: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")
