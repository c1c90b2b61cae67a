"""HTML pages: the article's body and metadata with trafilatura, not the navigation around it."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers.common import (ReadResult, clean_line, clean_text, decode, html_encoding,
                                                parse_date, refuse_entity_declarations, url_field)
from pledgegraph.loaders.records import Article

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
# Publication dates only from the page's metadata and markup, never guessed from dates in the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Page furniture removed before extraction, so that even trafilatura's fallback never returns a menu as text.
_FURNITURE = ["//nav", "//footer", "//aside", "//*[@role='navigation']", "//*[@role='contentinfo']"]


def language(tree: Any) -> str | None:
    """The page's language: <html lang>, a content-language meta, or og:locale; as 'en' or 'en-GB'."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  *tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
                              "='content-language']/@content"),
                  *tree.xpath("//meta[@property='og:locale']/@content")]
    for value in candidates:
        m = _LANGUAGE_TAG.fullmatch((value or "").strip())
        if m:
            return m.group(0).replace("_", "-")
    return None


def read(path: Path, data: bytes) -> ReadResult:
    """One article from a web page: main text (paragraphs as blank-line separated lines) and metadata."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html = decode(path, data, html_encoding(data))
    refuse_entity_declarations(path, html)
    tree = trafilatura.load_html(html)
    if tree is None:
        raise UnreadableInput(str(path), "not an HTML page")
    lang = language(tree)
    doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False,
                                      date_extraction_params=_DATE_PARAMS, prune_xpath=_FURNITURE)
    text = clean_text(doc.text or "") if doc is not None else ""
    if not text:
        raise UnreadableInput(str(path), "no article text found in the page")
    paragraphs = text.split("\n")
    if doc.title and len(paragraphs) > 1 and _same(paragraphs[0], doc.title):
        paragraphs = paragraphs[1:]  # the headline repeated as the body's first line is metadata, not text
    text = "\n\n".join(p for p in paragraphs if p.strip())
    return ReadResult([Article(
        text=text,
        source=str(path),
        title=clean_line(doc.title) or None if doc.title else None,
        url=_url(doc.url),
        published=_date(doc.date),
        publisher=clean_line(doc.sitename) or None if doc.sitename else None,
        language=lang,
    )])


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _url(value: str | None) -> str | None:
    """The page's canonical URL when it is an absolute http(s) one; a guessed URL that is not is dropped."""
    try:
        return url_field("url", value) if value else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None
