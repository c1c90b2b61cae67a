"""What every reader shares: the result type, byte and markup guards, text cleaning, metadata fields."""
from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.records import Article


@dataclass
class ReadResult:
    """The articles read from one file, and the errors of the parts that could not be read."""

    articles: list[Article] = field(default_factory=list)
    errors: list[UnreadableInput] = field(default_factory=list)


# --- bytes -------------------------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def refuse_empty_or_binary(path: Path, data: bytes) -> None:
    """Empty files and binary content (NUL bytes without a UTF-16/32 byte-order mark) are refused."""
    if not data:
        raise UnreadableInput(str(path), "empty file")
    if not data.strip():
        raise UnreadableInput(str(path), "no text (only white space)")
    if bom_encoding(data) in (None, "utf-8-sig") and b"\x00" in data[:65536]:
        raise UnreadableInput(str(path), "binary content, not text")


_LATIN1 = {"iso8859-1", "ascii", "cp1252"}  # codecs.lookup() names of what pages declare as Latin-1 or ASCII


def _cp1252(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1."""
    text = data.decode("cp1252", errors="surrogateescape")
    return re.sub("[\udc80-\udcff]", lambda m: chr(ord(m.group()) - 0xDC00), text)


def decode(path: Path, data: bytes, encoding: str | None = None) -> str:
    """Bytes as text: the byte-order mark's encoding, else the declared one, else UTF-8; anything else refused."""
    refuse_empty_or_binary(path, data)
    name = bom_encoding(data) or encoding or "utf-8"
    try:
        canonical = codecs.lookup(name).name
    except LookupError as e:
        raise UnreadableInput(str(path), f"unknown character encoding {name!r}") from e
    if not bom_encoding(data) and canonical.startswith(("utf-16", "utf-32")):
        name = canonical = "utf-8"  # declared UTF-16 without a byte-order mark is UTF-8 in practice (as browsers do)
    try:
        if canonical in _LATIN1:  # as browsers do: Windows-1252 ('smart quotes' at 0x80-0x9f)
            text = _cp1252(data)
        else:
            text = data.decode(name)
    except UnicodeDecodeError as e:
        label = "UTF-8" if name.replace("_", "-").lower() in ("utf-8", "utf8") else name
        raise UnreadableInput(str(path), f"not {label} text ({e.reason} at byte {e.start}); "
                                         f"save it as UTF-8") from e
    return text[1:] if text.startswith("\ufeff") else text


_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def xml_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration names, if any."""
    m = _XML_ENCODING.match(data[:1024])
    return m.group(1).decode("ascii") if m else None


def html_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB: an XML declaration or a meta charset."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else xml_encoding(data)


def as_utf8_xml(text: str) -> bytes:
    """Decoded XML as UTF-8 bytes, its declaration saying so, so that no parser decodes it a second way."""
    return re.sub(r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[^"']*""", r"\g<1>utf-8", text, count=1).encode("utf-8")


_ENTITY = re.compile(r"<!\s*ENTITY\b", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!\s*DOCTYPE\b", re.IGNORECASE)


def refuse_entity_declarations(path: Path, text: str) -> None:
    """XML and HTML with entity declarations or a DOCTYPE internal subset are refused before parsing.

    Entity declarations are how 'billion laughs' bombs and external-entity reads work; news pages and feeds
    never need them. The text is scanned after decoding, so no encoding (UTF-16, UTF-7) hides them; every
    scan is linear, so a crafted file cannot make the check itself slow.
    """
    m = _ENTITY.search(text)
    doctype = _DOCTYPE.search(text)  # the first one: a parser takes no other
    if not m and doctype:
        close, subset = text.find(">", doctype.end()), text.find("[", doctype.end())
        m = doctype if subset != -1 and (close == -1 or subset < close) else None
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise UnreadableInput(str(path), f"line {line}: DOCTYPE with an internal subset or <!ENTITY> declarations "
                                         f"refused (entity expansion is not allowed)")


# --- text --------------------------------------------------------------------------------------------------------

# C0/C1 controls other than tab and newline, lone surrogates (from JSON escapes), and the non-characters
# U+FFFE/U+FFFF: none can be written in XML results, and none belong in an article.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Newlines as \\n, no control characters, lone surrogates as U+FFFD, no trailing blanks at the ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", _JUNK.sub("", text))
    return text.strip()


def clean_line(text: str) -> str:
    """A one-line field: cleaned, with runs of white space as one space."""
    return " ".join(clean_text(text).split())


_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                         "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd",
                         "dt", "main", "aside"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head"})


def html_to_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry, a JSON field), one paragraph per line, blank-line separated.

    lxml's HTML parser, not html.parser: it is linear on any input (html.parser is quadratic on runs of '</'),
    and it never expands entities declared in the input.
    """
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return ""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, collect_ids=False)
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    paragraphs: list[list[str]] = [[]]
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                skipping += 1
            elif not skipping:
                if tag in _BLOCK_TAGS:
                    paragraphs.append([])
                if el.text:
                    paragraphs[-1].append(el.text)
        else:
            if tag in _SKIP_TAGS:
                skipping -= 1
            elif not skipping and tag in _BLOCK_TAGS:
                paragraphs.append([])
            if not skipping and el.tail and el is not root:
                paragraphs[-1].append(el.tail)
    lines = (" ".join("".join(p).split()) for p in paragraphs)
    return clean_text("\n\n".join(line for line in lines if line))


_HTML_TAG = re.compile(r"</?(?:p|br|div|span|a|em|strong|b|i|u|ul|ol|li|h[1-6]|blockquote|figure|img|table)\b[^<>]*>",
                       re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


def plain_text(text: str) -> str:
    """A body that may be HTML (as news APIs and feeds give it) as plain text."""
    return html_to_text(text) if looks_like_html(text) else clean_text(text)


# --- metadata ----------------------------------------------------------------------------------------------------

# Each Article field and the names it goes by in front matter, JSON news APIs and feeds, first found wins.
TITLE = ("title", "headline")
URL = ("url", "link", "webUrl", "canonical_url")
PUBLISHED = ("published", "publishedAt", "published_at", "datePublished", "pubDate", "date")
PUBLISHER = ("publisher", "source", "source_name", "sitename", "site_name")
LANGUAGE = ("language", "lang", "inLanguage")
TEXT = ("text", "body", "content", "description", "summary")


def first(mapping: Mapping[str, object], names: tuple[str, ...]) -> tuple[str, object] | None:
    """The first of the names with a non-empty value in the mapping, and that value."""
    for name in names:
        value = mapping.get(name)
        if value is not None and value != "" and value != {} and value != []:
            return name, value
    return None


def text_field(name: str, value: object) -> str:
    """A metadata value as one line of text; a source/publisher may be {"name": ...}; lists are refused."""
    if isinstance(value, Mapping):  # {"id": ..., "name": ...}: the name, if it has one
        value = value.get("name")
        if value is None:
            return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"field {name!r} is a {type(value).__name__}, expected text")
    return clean_line(str(value))


def url_field(name: str, value: object) -> str:
    """An absolute http(s) URL; anything else (relative, javascript:, mailto:) is refused."""
    url = text_field(name, value)
    if not re.match(r"https?://[^\s/?#]+", url, re.IGNORECASE) or any(c in url for c in ' <>"'):
        raise ValueError(f"field {name!r} is not an absolute http(s) URL: {url[:80]!r}")
    return url


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> date:
    """A publication date from a date, a datetime, an ISO 8601 or RFC 2822 string, or a written date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    if _ISO_DATE.match(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(text[:10])
            except ValueError:
                raise ValueError(f"{text[:40]!r} is not a valid date") from None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only for dates written out ("30 July 2025")

    parsed = dateparser.parse(text[:100], settings={"PARSERS": ["custom-formats", "absolute-time"],
                                                    "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise ValueError(f"{text[:40]!r} is not a date")
    return parsed.date()


def metadata(mapping: Mapping[str, object]) -> dict[str, object]:
    """Article keyword arguments (title, url, published, publisher, language) from a mapping of metadata.

    Raises ValueError naming the field when a value is of the wrong kind or a date or URL cannot be read.
    """
    out: dict[str, object] = {}
    for attr, names, convert in (("title", TITLE, text_field), ("url", URL, url_field),
                                 ("publisher", PUBLISHER, text_field), ("language", LANGUAGE, text_field)):
        found = first(mapping, names)
        if found:
            out[attr] = convert(*found) or None
    found = first(mapping, PUBLISHED)
    if found:
        name, value = found
        try:
            out["published"] = parse_date(value)
        except ValueError as e:
            raise ValueError(f"field {name!r}: {e}") from None
    return out

