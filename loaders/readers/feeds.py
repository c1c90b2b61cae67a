"""RSS and Atom feeds with feedparser: each entry an article (its content, else its summary, HTML stripped)."""
from __future__ import annotations

import calendar
import io
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers.common import (ReadResult, as_utf8_xml, clean_line, clean_text, decode,
                                                html_to_text, refuse_entity_declarations, url_field, xml_encoding)
from pledgegraph.loaders.records import Article


def _text(detail: Any) -> str:
    """A feedparser text construct ({value, type}) as plain text."""
    value = detail.get("value") or ""
    return html_to_text(value) if "html" in (detail.get("type") or "html") else clean_text(value)


def _body(entry: Any) -> str:
    """The longest of the entry's contents, else its summary."""
    texts = [_text(c) for c in entry.get("content") or []]
    if entry.get("summary_detail"):
        texts.append(_text(entry["summary_detail"]))
    elif entry.get("summary"):
        texts.append(html_to_text(entry["summary"]))
    return max(texts, key=len, default="")


def _date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date()


def _url(value: str | None) -> str | None:
    try:
        return url_field("link", value) if value else None
    except ValueError:
        return None


def _title(entry: Any) -> str | None:
    detail = entry.get("title_detail")
    title = clean_line(_text(detail)) if detail else clean_line(entry.get("title") or "")
    return title or None


def read(path: Path, data: bytes) -> ReadResult:
    """Every entry of an RSS or Atom feed; an entry without text is reported as 'entry N', the others kept."""
    import feedparser  # imported here: only feeds need it

    text = decode(path, data, xml_encoding(data))
    refuse_entity_declarations(path, text)
    # A stream, never a string: feedparser fetches a string that looks like a URL. UTF-8 bytes, declared so:
    # feedparser must see the very text that was checked.
    parsed = feedparser.parse(io.BytesIO(as_utf8_xml(text)), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise UnreadableInput(str(path), "not an RSS or Atom feed" + (f" ({reason})" if reason else ""))
    if not parsed.entries:
        raise UnreadableInput(str(path), "the feed has no entries")
    feed = parsed.feed
    publisher = clean_line(feed.get("title") or "") or None
    language = clean_line(feed.get("language") or "") or None
    result = ReadResult()
    for n, entry in enumerate(parsed.entries, 1):
        text = _body(entry)
        if not text:
            result.errors.append(UnreadableInput(str(path), f"entry {n}: no content or summary"))
            continue
        source = entry.get("source") or {}
        result.articles.append(Article(
            text=text,
            source=f"{path} entry {n}",
            title=_title(entry),
            url=_url(entry.get("link")) or _url(entry.get("id")),  # an Atom id is often the permalink
            published=_date(entry),
            publisher=clean_line(source.get("title") or "") or publisher,
            language=clean_line(entry.get("language") or "") or language,
        ))
    return result
