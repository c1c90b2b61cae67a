"""Readers turn a file into Article records; one table maps each suffix to its reader."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers import text
from pledgegraph.loaders.records import Article

MAX_BYTES = 20 * 1024 * 1024  # a news article is far smaller; larger files are refused unread

Reader = Callable[[Path, bytes], list[Article]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files found recursively in folders named, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def read_file(path: Path) -> list[Article]:
    """The articles in one file; raises UnreadableInput naming the file and the reason."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableInput(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableInput(str(path), f"file too large ({size} bytes > {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableInput(str(path), f"cannot read: {e.strerror or e}") from e
    return reader(path, data)
