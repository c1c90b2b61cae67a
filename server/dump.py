"""The whole dataset as a stream: N-Quads (gzip) or TriG, written in chunks so memory stays flat."""
from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator

import pyoxigraph as ox

from pledgegraph.ontology.vocab import PREFIXES
from pledgegraph.store import TripleStore

CHUNK = 20_000  # quads serialised at a time


def _quads(store: TripleStore) -> Iterator[ox.Quad]:
    quads = getattr(store, "quads", None)
    if quads is not None:
        return quads()
    data = store.dump(None, ox.RdfFormat.N_QUADS) or b""
    return iter(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def chunks(store: TripleStore, fmt: ox.RdfFormat) -> Iterator[bytes]:
    """Serialised chunks of the dataset; TriG chunks are each a complete TriG document, so they concatenate."""
    quads = _quads(store)
    while True:
        block = list(itertools.islice(quads, CHUNK))
        if not block:
            return
        if fmt == ox.RdfFormat.TRIG:
            yield ox.serialize(block, format=fmt, prefixes=PREFIXES) or b""
        else:
            yield ox.serialize(block, format=fmt) or b""


def gzipped(parts: Iterator[bytes]) -> Iterator[bytes]:
    """A gzip stream of the parts."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    for part in parts:
        out = z.compress(part)
        if out:
            yield out
    yield z.flush()
