"""Content negotiation: the one function every route uses to pick a media type from an Accept header.

    negotiate("text/turtle;q=0.5, application/ld+json", ["text/turtle", "application/ld+json"])
    -> "application/ld+json"

Rules (RFC 9110 §12.5.1): each offered type gets the q-value of the most specific range that matches it
(`type/subtype;params` beats `type/subtype` beats `type/*` beats `*/*`; parameters an offer does not state
do not rule it out);
q=0 means "not acceptable"; the highest q wins and ties go to the earlier offer (the server's preference).
A missing or empty Accept header accepts anything: the first offer wins.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pledgegraph.errors import NotAcceptable

__all__ = ["negotiate", "parse_accept", "MediaRange", "NotAcceptable", "media_type"]


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float

    def specificity(self, offered: str) -> int:
        """How specifically this range matches `offered` (-1: it does not)."""
        o_type, o_sub, o_params = _split(offered)
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != o_type:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != o_sub:
            return -1
        if self.params and set(self.params) <= set(o_params):
            return 3
        return 2  # parameters the offer does not state (a JSON-LD profile, a charset) do not rule it out


def _split(media: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    main, *params = media.split(";")
    type_, _, subtype = main.strip().lower().partition("/")
    pairs = []
    for p in params:
        name, _, value = p.partition("=")
        if name.strip():
            pairs.append((name.strip().lower(), value.strip().strip('"').lower()))
    return type_, subtype or "*", tuple(pairs)


def media_type(content_type: str | None) -> str:
    """The bare, lower-case media type of a Content-Type value ('' if none)."""
    return (content_type or "").split(";")[0].strip().lower()


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed elements are skipped, a bad q counts as 1."""
    ranges: list[MediaRange] = []
    for element in (header or "").split(","):
        if not element.strip():
            continue
        type_, subtype, params = _split(element)
        if not type_ or (type_ == "*" and subtype != "*"):
            continue
        q = 1.0
        rest = []
        for name, value in params:
            if name == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 1.0
            else:
                rest.append((name, value))
        ranges.append(MediaRange(type_, subtype, tuple(rest), q))
    return ranges


def quality(ranges: Sequence[MediaRange], offered: str) -> float:
    """The q-value the client gives to `offered`: that of the most specific matching range, else 0."""
    best, q = -1, 0.0
    for r in ranges:
        s = r.specificity(offered)
        if s > best or (s == best and r.q > q):
            best, q = s, r.q
    return q if best >= 0 else 0.0


def negotiate(accept_header: str | None, offered: Sequence[str]) -> str:
    """The offered media type the client prefers; raises NotAcceptable when it accepts none of them."""
    if not offered:
        raise NotAcceptable("nothing to offer")
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered[0]
    best, best_q = None, 0.0
    for media in offered:
        q = quality(ranges, media)
        if q > best_q:
            best, best_q = media, q
    if best is None:
        raise NotAcceptable(f"none of the acceptable types ({accept_header}) is offered; "
                            f"this resource is available as: {', '.join(offered)}")
    return best
