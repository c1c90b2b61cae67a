"""The project's exceptions. Nothing about HTTP here: server/errors.py maps them to statuses."""


class PledgegraphError(Exception):
    """Base of every error pledgegraph raises on purpose."""


class UnreadableInput(PledgegraphError):
    """A file could not be read as an article (unknown format, broken, hostile or too large)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BadQuery(PledgegraphError):
    """A SPARQL query or update that cannot be parsed or is not allowed."""


class QueryTimeout(PledgegraphError):
    """A query ran past its time limit and was stopped."""


class Busy(PledgegraphError):
    """The server has no room for the request now (its queue is full, or the client has enough running)."""


class NotAcceptable(PledgegraphError):
    """No representation matches the client's Accept header."""


class UnsupportedMediaType(PledgegraphError):
    """A request body in a media type the endpoint does not take."""


class NotFound(PledgegraphError):
    """No such resource."""


class Unauthorized(PledgegraphError):
    """A write without credentials."""


class Forbidden(PledgegraphError):
    """A write with wrong credentials, or writes are switched off."""


class StoreError(PledgegraphError):
    """The store failed to read or write."""


class StoreUnavailable(StoreError):
    """A remote store cannot be reached or answers with an error of its own: try again later."""
