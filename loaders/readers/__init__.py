"""Readers turn a file into Article records; one table maps each suffix to its reader."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers import feeds, html, json, text
from pledgegraph.loaders.readers.common import ReadResult

MAX_BYTES = 20 * 1024 * 1024  # a news article is far smaller; larger files are refused unread
MAX_TEXT_CHARS = 1_000_000  # spaCy's default max_length: a longer text would stop the parse of its batch

Reader = Callable[[Path, bytes], ReadResult]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".markdown": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".xhtml": html.read,
    ".json": json.read,
    ".jsonl": json.read_lines,
    ".ndjson": json.read_lines,
    ".xml": feeds.read,
    ".rss": feeds.read,
    ".atom": feeds.read,
}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files found recursively in folders named (hidden ones skipped), in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            for folder, dirs, files in os.walk(p):  # does not follow links to folders: no cycles
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (Path(folder) / f for f in sorted(files) if not f.startswith("."))
        else:
            yield p


def _bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is larger than MAX_BYTES."""
    try:
        if not path.is_file():
            raise UnreadableInput(str(path), "not a regular file" if path.exists() else "no such file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableInput(str(path), f"file too large ({size} bytes > {MAX_BYTES})")
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file that grew since stat() is still capped
    except OSError as e:
        raise UnreadableInput(str(path), f"cannot read: {e.strerror or e}") from e
    if len(data) > MAX_BYTES:
        raise UnreadableInput(str(path), f"file too large (> {MAX_BYTES} bytes)")
    return data


def read_file(path: Path) -> ReadResult:
    """The articles in one file, and an error naming the file (and item or line) for each part that failed.

    Never raises for bad input: an unsupported type, an unreadable, binary, hostile or broken file is an error
    in the result, and the good articles of a partly broken file are kept.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    try:
        if reader is None:
            raise UnreadableInput(str(path), f"unsupported file type {path.suffix or '(no suffix)'!r}; "
                                             f"readable: {', '.join(sorted(READERS))}")
        result = reader(path, _bytes(path))
    except UnreadableInput as e:
        return ReadResult(errors=[e])
    except Exception as e:  # noqa: BLE001 - a parser's crash on one file must never stop a load
        return ReadResult(errors=[UnreadableInput(str(path), f"could not be read: {type(e).__name__}: {e}")])
    kept = ReadResult(errors=list(result.errors))
    for article in result.articles:
        if len(article.text) > MAX_TEXT_CHARS:
            where = article.source[len(str(path)):].strip()
            kept.errors.append(UnreadableInput(str(path), f"{where + ': ' if where else ''}article text too long "
                                                          f"({len(article.text)} characters > {MAX_TEXT_CHARS})"))
        else:
            kept.articles.append(article)
    return kept


__all__ = ["MAX_BYTES", "MAX_TEXT_CHARS", "READERS", "ReadResult", "Reader", "iter_files", "read_file"]
