"""A query worker process: opens the store read-only, evaluates queries with Oxigraph, writes the results.

    python -m pledgegraph.store.worker STORE_DIR [MEMORY_MIB]

It reads framed requests on stdin and writes framed replies on stdout (a 4-byte big-endian length, then a
pickle). The server kills the whole process when a query runs past its time limit, which is the only way to
stop Oxigraph inside one next() call. Each request names the store directory to open: the server's newest
snapshot of the store (a hard-linked RocksDB checkpoint made after each write), so a worker sees every write
the server made before the request, and no compaction of the live store can pull files from under it.
Two other kinds of request need no store: `op: parse` reads a Graph Store body into N-Triples, `op: rehearse`
runs an update on an empty store in memory; both are here so that a parser crash costs one request. The process
runs under an address-space limit (MEMORY_MIB): a query past it fails here, not on the machine.
"""
from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import Any, BinaryIO

import pyoxigraph as ox

from pledgegraph import formats
from pledgegraph.errors import BadQuery, NotAcceptable
from pledgegraph.formats import choose_media, rdf, results
from pledgegraph.store.base import QueryResult, is_boolean, is_solutions
from pledgegraph.store.embedded import evaluate

_HEADER = struct.Struct(">I")


def send(out: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)) + data)
    out.flush()


def receive(inp: BinaryIO) -> Any:
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    return pickle.loads(inp.read(size))


def execute(store: ox.Store, req: dict) -> dict:
    """Evaluate one query request on an embedded store; returns the reply (media type, body, whether capped)."""
    default, named = req.get("default_graphs"), req.get("named_graphs")
    return answer(evaluate(store, req["query"], default, named, req.get("base_iri"), req.get("union", True)), req)


def answer(result: QueryResult, req: dict) -> dict:
    """A query's result written in the negotiated format, cut at the request's row and byte caps."""
    max_rows = req.get("max_rows", 10_000)
    if is_boolean(result):
        media = choose_media(formats.BOOLEAN_TYPES, req.get("accept"), req.get("format"), False)
        return {"media": media, "body": results.write_boolean(media, bool(result)), "capped": False, "rows": 1}
    if is_solutions(result):
        media = choose_media(formats.SOLUTIONS_TYPES, req.get("accept"), req.get("format"), False)
        variables = [v.value for v in result.variables]  # type: ignore[union-attr]
        rows, capped = results.take(result, max_rows, req.get("max_bytes"))
        return {"media": media, "body": results.write_solutions(media, variables, rows), "capped": capped,
                "rows": len(rows)}
    media = choose_media(formats.GRAPH_TYPES, req.get("accept"), req.get("format"), True)
    triples, capped = results.take(result, max_rows, req.get("max_bytes"))
    return {"media": media, "body": rdf.write_graph(media, triples, req.get("prefixes") or {}), "capped": capped,
            "rows": len(triples)}


def parse(req: dict) -> dict:
    """A Graph Store body read into N-Triples here, where a parser that crashes on hostile input (nesting
    tens of thousands deep) or swells (entities) costs one request, not the server."""
    body, mime = req["body"], req["media"]
    if mime == "application/rdf+xml" and b"<!entity" in body.lower():
        raise BadQuery("RDF/XML with entity declarations is refused (they can expand without bound)")
    try:
        triples = rdf.parse(body, mime, req.get("base"))
    except (SyntaxError, ValueError) as e:
        raise BadQuery(f"the {mime} body does not parse: {e}") from e
    return {"ntriples": rdf.ntriples(triples)}


def rehearse(req: dict) -> dict:
    """An update run here first on an empty store held in memory: a parser that crashes on it crashes here,
    where it costs the request; the server runs it on the store only after this one came back."""
    try:
        ox.Store().update(req["update"], base_iri=req.get("base"))
    except SyntaxError as e:
        raise BadQuery(str(e)) from e
    except Exception:  # noqa: BLE001 - an evaluation error on an empty store says nothing about the real one
        pass
    return {}


_OPS = {"parse": parse, "rehearse": rehearse}


def serve(path: str, inp: BinaryIO, out: BinaryIO) -> None:
    """Answer requests until stdin closes; the store is opened on the first request (a snapshot named then)."""
    store: ox.Store | None = None
    opened = ""
    send(out, {"ready": True, "pid": os.getpid()})
    while True:
        req = receive(inp)
        if req is None:
            return
        try:
            if req.get("op") in _OPS:
                send(out, {"ok": True, **_OPS[req["op"]](req)})
                continue
            wanted = req.get("path") or path
            if store is None or wanted != opened:
                store, opened = None, ""
                store = ox.Store.read_only(wanted)
                opened = wanted
            reply = {"ok": True, **execute(store, req)}
        except (BadQuery, NotAcceptable) as e:
            reply = {"ok": False, "error": type(e).__name__, "message": str(e)}
        except MemoryError:
            reply = {"ok": False, "error": "QueryFailed", "message": _TOO_BIG}
        except Exception as e:  # noqa: BLE001 - an evaluation error must reach the client, not kill the worker
            message = f"{type(e).__name__}: {e}"
            stale = "No such file or directory" in message or "Corruption" in message
            if stale:
                store, opened = None, ""  # reopen before the next request, whatever it names
            error = "StaleSnapshot" if stale else "StoreError" if isinstance(e, OSError) else "QueryFailed"
            reply = {"ok": False, "error": error, "message": message}
        send(out, reply)


_TOO_BIG = "the query needed more memory than a query may use and was stopped"


def limit_memory(mib: int) -> None:
    """Cap this process's address space: past it an allocation fails and the query stops, not the machine."""
    if mib > 0:
        resource.setrlimit(resource.RLIMIT_AS, (mib << 20, mib << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the server's pipe
    limit_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    serve(sys.argv[1], sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
