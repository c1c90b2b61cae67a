"""Plain text and Markdown articles, with or without a YAML front matter block."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.records import Article


def decode(path: Path, data: bytes) -> str:
    """Bytes as UTF-8 text; binary content is refused."""
    if b"\x00" in data[:8192]:
        raise UnreadableInput(str(path), "binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnreadableInput(str(path), f"not UTF-8 text ({e.reason} at byte {e.start})") from e


def parse_date(value: object) -> date | None:
    """A publication date from front matter: a date, a datetime or an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """The front matter mapping (empty if none) and the body."""
    if not text.startswith("---"):
        return {}, text
    head, sep, body = text[3:].partition("\n---")
    if not sep:
        return {}, text
    try:
        meta = yaml.safe_load(head)
    except yaml.YAMLError as e:
        raise UnreadableInput(str(path), f"broken front matter: {e}") from e
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise UnreadableInput(str(path), "front matter is not a mapping")
    return meta, body.split("\n", 1)[1] if "\n" in body else ""


def read(path: Path, data: bytes) -> list[Article]:
    text = decode(path, data)
    meta, body = split_front_matter(path, text)
    body = body.strip("\n")
    if not body.strip():
        raise UnreadableInput(str(path), "no article text")
    return [Article(
        text=body,
        source=str(path),
        title=_str(meta.get("title")),
        url=_str(meta.get("url")),
        published=parse_date(meta.get("published") or meta.get("date")),
        publisher=_str(meta.get("publisher") or meta.get("source")),
        language=_str(meta.get("language")),
    )]


def _str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
