"""Plain text and Markdown articles, with or without a YAML front matter block."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from pledgegraph.errors import UnreadableInput
from pledgegraph.loaders.readers.common import ReadResult, clean_text, decode, metadata
from pledgegraph.loaders.records import Article

MAX_FRONT_MATTER = 64 * 1024  # characters; metadata, not a document

# A first line of exactly '---', then YAML, then a line of exactly '---' or '...' (Jekyll, Hugo, Pandoc).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """The front matter mapping (empty if none) and the body."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    head = m.group(1)
    if len(head) > MAX_FRONT_MATTER:
        raise UnreadableInput(str(path), f"front matter longer than {MAX_FRONT_MATTER} characters")
    try:
        # Aliases are refused: a few nested ones expand to gigabytes once the values are turned into text.
        if any(isinstance(ev, yaml.AliasEvent) for ev in yaml.parse(head, Loader=_Loader)):
            raise UnreadableInput(str(path), "front matter uses YAML aliases (*name), which are not allowed")
        meta = yaml.load(head, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as e:
        mark = e.context_mark or e.problem_mark  # where the broken construct starts
        where = f" at line {mark.line + 2}" if mark else ""  # the file's line: YAML's, after the '---' line
        what = " ".join(filter(None, (e.context, e.problem)))
        raise UnreadableInput(str(path), f"broken front matter{where}: {what}") from e
    except yaml.YAMLError as e:
        raise UnreadableInput(str(path), f"broken front matter: {' '.join(str(e).split())}") from e
    except RecursionError as e:
        raise UnreadableInput(str(path), "front matter nested too deeply") from e
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise UnreadableInput(str(path), "front matter is not a mapping of fields (title: ..., url: ...)")
    return meta, text[m.end():]


def read(path: Path, data: bytes) -> ReadResult:
    """One article: the body after the front matter, with its title, url, published, publisher, language."""
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(path, text)
    body = clean_text(body)
    if not body:
        raise UnreadableInput(str(path), "no article text")
    try:
        fields = metadata({str(k): v for k, v in meta.items()})
    except ValueError as e:
        raise UnreadableInput(str(path), f"front matter {e}") from e
    return ReadResult([Article(text=body, source=str(path), **fields)])  # type: ignore[arg-type]
