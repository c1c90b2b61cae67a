"""The whole dataset as a stream: N-Quads (gzip) or TriG, written in chunks so memory stays flat."""
from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator

from pledgegraph.formats import NQUADS, TRIG
from pledgegraph.formats.rdf import quads, write_quads
from pledgegraph.ontology.vocab import PREFIXES
from pledgegraph.store import TripleStore

CHUNK = 20_000  # quads serialised at a time


def _quads(store: TripleStore) -> Iterator[object]:
    every = getattr(store, "quads", None)
    if every is not None:
        return every()
    return quads(store.dump(None, NQUADS) or b"")


def chunks(store: TripleStore, media: str) -> Iterator[bytes]:
    """Serialised chunks of the dataset; TriG chunks are each a complete TriG document, so they concatenate."""
    every = _quads(store)
    while True:
        block = list(itertools.islice(every, CHUNK))
        if not block:
            return
        yield write_quads(media, block, PREFIXES if media == TRIG else None)  # type: ignore[arg-type]


def gzipped(parts: Iterator[bytes]) -> Iterator[bytes]:
    """A gzip stream of the parts."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    for part in parts:
        out = z.compress(part)
        if out:
            yield out
    yield z.flush()
