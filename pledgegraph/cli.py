"""The `pledgegraph` command: load, query, serve, export. Each command parses flags and calls one function."""
from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pledgegraph.settings import SETTINGS, Settings, load_settings

if TYPE_CHECKING:
    from pledgegraph.store import TripleStore

_HELP = {name: help for name, _t, _d, help in SETTINGS}
DEFAULT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"  # the repository's seeds/ (editable install)


def _settings(**flags: object) -> Settings:
    try:
        return load_settings(**flags)
    except ValueError as e:
        raise click.UsageError(str(e)) from e


def _existing(store: str) -> str:
    """A store that has been loaded; reading never creates one."""
    if not Path(store).is_dir():
        raise click.ClickException(f"no store at {store} (run `pledgegraph load` first, or pass --store)")
    return store


def _servable(store: str, create: bool) -> None:
    """`serve` opens a store, or with --create makes one where nothing is; it never writes into another folder."""
    from pledgegraph.store import is_store

    path = Path(store)
    if is_store(path):
        return
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise click.ClickException(f"{store} is not a pledgegraph store (and not empty): refusing to write a store "
                                   "into it; name the store's directory with --store")
    if not create:
        raise click.ClickException(f"no store at {store}: load articles first (`pledgegraph load --store {store} "
                                   "FILES`), or pass --create to serve a new, empty store there")


def store_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--store, or --store-url (with --store-update-url, --store-union-param): the directory, or the remote engine
    used instead."""
    command = click.option("--store-union-param", help=_HELP["store_union_param"])(command)
    command = click.option("--store-update-url", help=_HELP["store_update_url"])(command)
    command = click.option("--store-url", help=_HELP["store_url"])(command)
    return click.option("--store", type=click.Path(file_okay=False), help=_HELP["store"])(command)


def _open(settings: Settings, read_only: bool = False) -> TripleStore:
    """The store the settings name; reading never creates an on-disk one."""
    from pledgegraph.store import store_for

    if read_only and not settings.store_url:
        _existing(settings.store)
    return store_for(settings, read_only=read_only)


@click.group()
@click.version_option(package_name="pledgegraph")
def cli() -> None:
    """pledgegraph: who committed to what, by when, as a SPARQL-queryable knowledge graph."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@store_option
@click.option("--base-iri", help=_HELP["base_iri"])
@click.option("--model", help=_HELP["model"])
@click.option("--processes", type=int, help=_HELP["processes"])
@click.option("--explain", is_flag=True, help="Print every candidate statement the rules dropped, and why (parses in one process).")
def load(paths: tuple[str, ...], base_iri: str | None, model: str | None, processes: int | None, explain: bool,
         **where: str | None) -> None:
    """Load articles from files or folders (default: the seeds/ folder) into the store."""
    from tqdm import tqdm

    from pledgegraph.load import count_files, load_paths

    if explain:  # the reasons are logged where they are decided, in one parsing process
        logging.basicConfig(format="%(message)s", stream=sys.stderr)
        logging.getLogger("pledgegraph.loaders.commitments").setLevel(logging.DEBUG)
        processes = 1
    settings = _settings(base_iri=base_iri, model=model, processes=processes, **where)
    targets = list(paths) or [str(Path("seeds") if Path("seeds").is_dir() else DEFAULT_SEEDS)]
    db = _open(settings)
    with tqdm(total=count_files(targets), unit="file", disable=not sys.stderr.isatty()) as bar:
        report = load_paths(targets, db, settings, tick=lambda: bar.update(1))
    db.flush()
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"Loaded {report.summary()} into {settings.store_name}", err=True)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("query")
@store_option
@click.option("--format", "fmt", type=click.Choice(["json", "xml", "csv", "tsv", "table", "turtle", "ntriples"]),
              default="table", show_default=True, help="Output format of the results.")
def query(query: str, fmt: str, **where: str | None) -> None:
    """Run a SPARQL query (text, or the path of a .rq file) against the store."""
    from pledgegraph.errors import PledgegraphError
    from pledgegraph.formats.results import write_results

    settings = _settings(**where)
    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    try:
        result = _open(settings, read_only=True).query(text)
        write_results(result, fmt, sys.stdout.buffer)
    except PledgegraphError as e:
        raise click.ClickException(str(e)) from e


@cli.command()
@store_option
@click.option("--host", help=_HELP["host"])
@click.option("--port", type=int, help=_HELP["port"])
@click.option("--threads", type=int, help=_HELP["threads"])
@click.option("--http-workers", type=int, help=_HELP["http_workers"])
@click.option("--connections", type=int, help=_HELP["connections"])
@click.option("--idle-timeout", type=int, help=_HELP["idle_timeout"])
@click.option("--query-timeout", type=float, help=_HELP["query_timeout"])
@click.option("--max-rows", type=int, help=_HELP["max_rows"])
@click.option("--query-workers", type=int, help=_HELP["query_workers"])
@click.option("--query-memory", type=int, help=_HELP["query_memory"])
@click.option("--max-result-bytes", type=int, help=_HELP["max_result_bytes"])
@click.option("--max-body", type=int, help=_HELP["max_body"])
@click.option("--update-token", help=_HELP["update_token"])
@click.option("--service-allow", help=_HELP["service_allow"])
@click.option("--public-url", help=_HELP["public_url"])
@click.option("--base-iri", help=_HELP["base_iri"])
@click.option("--create", is_flag=True, help="Create an empty store when the path names none (else refused).")
def serve(create: bool, **flags: object) -> None:
    """Serve the SPARQL endpoint and the pages with a production WSGI server."""
    from pledgegraph.server.wsgi import run

    settings = _settings(**flags)
    if not settings.store_url:
        _servable(settings.store, create)
    run(settings)


@cli.command()
@store_option
@click.option("--base-iri", help=_HELP["base_iri"])
@click.option("--today", help="Count overdue tracks as of this day (YYYY-MM-DD; default: today).")
def track(base_iri: str | None, today: str | None, **where: str | None) -> None:
    """Rebuild the tracks (one commitment across articles, and its status) from what the store holds; a load
    does this itself, so this is for a store written by other means (the Graph Store, SPARQL Update)."""
    from datetime import date

    from pledgegraph import tracking
    from pledgegraph.ontology.iris import Minter

    settings = _settings(base_iri=base_iri, **where)
    db = _open(settings, read_only=False)
    tracks = tracking.update(db, Minter(settings.base_iri))
    db.flush()
    day = today or date.today().isoformat()
    late = sum(tracking.overdue(t, day) for t in tracks)
    statuses = Counter(t.status.rsplit("#", 1)[-1] for t in tracks)
    click.echo(f"{len(tracks)} tracks in {settings.store_name}: "
               + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + f"; {late} overdue as of {day}", err=True)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default="nquads", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
def export(fmt: str, output: str | None, **where: str | None) -> None:
    """Dump the whole dataset as N-Quads or TriG."""
    from pledgegraph.formats import FORMAT_NAMES

    settings = _settings(**where)
    db = _open(settings, read_only=True)
    if output:
        db.dump(output, FORMAT_NAMES[fmt])
    else:
        sys.stdout.buffer.write(db.dump(None, FORMAT_NAMES[fmt]) or b"")


def main() -> None:
    from pledgegraph.errors import PledgegraphError

    try:
        cli(auto_envvar_prefix=None)
    except PledgegraphError as e:  # a store that cannot be opened, a bad query: one clear line, exit 1
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
