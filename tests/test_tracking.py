"""Tracks: one commitment across the articles that report it, and its status (pledgegraph/tracking.py).

The articles in tests/articles/tracks/ are our own: a pledge reported by two outlets the same day and kept a
year later, a promise dropped, an ultimatum extended twice, a dated pledge with no news since, and two pledges
of one actor with one deadline. Every load goes through the real command line into a store on disk, and what
it writes must conform to the shapes (conftest.load_into) and be consistent for HermiT.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_into, run_cli
from pledgegraph.ontology.vocab import PG
from pledgegraph.tracking import OVERDUE_QUERY, Report, build_tracks, overdue, similar

ARTICLES = Path(__file__).parent / "articles" / "tracks"
CQ6 = Path(__file__).resolve().parent.parent / "ontology" / "queries" / "cq6-status.rq"
FILES = sorted(ARTICLES.glob("*.md"))


def _select(store_dir: Path, sparql: str) -> list[dict[str, str]]:
    out = run_cli("query", "--store", str(store_dir), "--format", "json", sparql)
    assert out.returncode == 0, out.stderr
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(out.stdout)["results"]["bindings"]]


def _tracks(store_dir: Path) -> dict[str, tuple[str, list[str]]]:
    """track IRI -> (status local name, evidence sentences in publication order), from CQ6."""
    found: dict[str, tuple[str, list[str]]] = {}
    for row in _select(store_dir, CQ6.read_text(encoding="utf-8")):
        status, evidence = found.setdefault(row["track"], (row["status"].rsplit("#", 1)[1], []))
        evidence.append(row["evidence"])
    return found


def _track_of(tracks: dict[str, tuple[str, list[str]]], words: str) -> list[tuple[str, list[str]]]:
    return [t for t in tracks.values() if any(words in e for e in t[1])]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("tracks") / "store"
    result = load_into(store_dir, ARTICLES)
    assert result.returncode == 0, result.stderr
    return store_dir


def test_two_outlets_reporting_one_pledge_the_same_day_give_one_track(loaded: Path) -> None:
    buses = _track_of(_tracks(loaded), "500 electric buses")
    assert len(buses) == 1
    assert sum("500 electric buses by 2026" in e for e in buses[0][1]) == 2


def test_a_pledge_kept_a_year_later_is_kept(loaded: Path) -> None:
    (status, evidence), = _track_of(_tracks(loaded), "500 electric buses")
    assert status == "kept"
    assert "has built all 500" in evidence[-1]  # the report joined the track, last in date order


def test_a_promise_reported_dropped_is_withdrawn(loaded: Path) -> None:
    (status, evidence), = _track_of(_tracks(loaded), "charging depots")
    assert status == "withdrawn" and len(evidence) == 2


def test_an_ultimatum_extended_twice_is_superseded_twice_and_the_last_one_is_live(loaded: Path) -> None:
    tracks = _track_of(_tracks(loaded), "withdraw its troops")
    assert sorted(status for status, _ in tracks) == ["pending", "superseded", "superseded"]
    chain = _select(loaded, "PREFIX pg: <https://w3id.org/pledgegraph/ns#> "
                            "SELECT ?new ?old WHERE { ?new pg:supersedes ?old }")
    assert len(chain) == 2
    newest = ({r["new"] for r in chain} - {r["old"] for r in chain}).pop()
    assert _tracks(loaded)[newest][0] == "pending"
    assert any("by September 2025" in e for e in _tracks(loaded)[newest][1])


def test_a_dated_pledge_with_no_news_is_pending_and_overdue_once_its_deadline_passed(loaded: Path) -> None:
    (status, _), = _track_of(_tracks(loaded), "two billion trees")
    assert status == "pending"
    late = {r["track"] for r in _select(loaded, OVERDUE_QUERY % {"today": "2026-12-05"})}
    trees = next(iri for iri, (_, ev) in _tracks(loaded).items() if any("two billion trees" in e for e in ev))
    assert trees in late
    assert trees not in {r["track"] for r in _select(loaded, OVERDUE_QUERY % {"today": "2025-12-31"})}
    kept = next(iri for iri, (_, ev) in _tracks(loaded).items() if any("500 electric buses" in e for e in ev))
    assert kept not in late  # kept settles it, whatever the date


def test_two_pledges_of_one_actor_with_one_deadline_are_two_tracks(loaded: Path) -> None:
    assert len(_track_of(_tracks(loaded), "coal power")) == 1
    assert len(_track_of(_tracks(loaded), "nurses")) == 1
    assert _track_of(_tracks(loaded), "coal power") != _track_of(_tracks(loaded), "nurses")


def test_loading_in_reverse_order_or_again_gives_the_same_tracks(loaded: Path, tmp_path: Path) -> None:
    backwards = tmp_path / "store"
    for path in reversed(FILES):  # one article at a time, newest first: each load rebuilds the tracks
        assert load_into(backwards, path).returncode == 0
    assert _tracks(backwards) == _tracks(loaded)
    assert load_into(backwards, FILES[2]).returncode == 0  # an article loaded again changes nothing
    assert _tracks(backwards) == _tracks(loaded)


def test_the_track_command_rebuilds_the_tracks_and_counts_them(loaded: Path, tmp_path: Path) -> None:
    from conftest import copy_store

    store = copy_store(loaded, tmp_path / "store")
    out = run_cli("track", "--store", str(store), "--today", "2026-12-05")
    assert out.returncode == 0, out.stderr
    assert "8 tracks" in out.stderr and "1 kept" in out.stderr and "2 overdue as of 2026-12-05" in out.stderr
    assert _tracks(store) == _tracks(loaded)


def test_the_graph_with_tracks_is_consistent(loaded: Path, tmp_path: Path) -> None:
    from pledgegraph.ontology.validate import main

    exported = tmp_path / "tracks.nq"
    assert run_cli("export", "--store", str(loaded), "-o", str(exported)).returncode == 0
    assert main([str(exported)]) == 0


# -- the rule, alone --------------------------------------------------------------------------------------------

def _statement(iri: str, gist: str, published: str, due: str = "2030", actor: str = "a") -> Report:
    return Report(iri, str(PG.Pledge), actors={actor}, gist=set(gist.split()), dues={due}, published=published)


def test_similar_actions_share_most_lemmas_and_years_do_not_count() -> None:
    assert similar({"build", "500", "electric", "bus"}, {"build", "500", "electric", "bus", "2026"})
    assert not similar({"cut", "coal", "power", "half"}, {"train", "10000", "new", "nurse"})
    assert not similar({"2030", "build"}, {"2030", "train"})
    assert not similar({"raise", "defense", "spending", "2"}, {"raise", "defense", "spending", "3.5"})


def test_a_different_actor_or_kind_is_another_track() -> None:
    a = _statement("s1", "build bus", "2024-01-01")
    b = _statement("s2", "build bus", "2024-01-02", actor="b")
    c = Report("s3", str(PG.Demand), actors={"a"}, gist={"build", "bus"}, dues={"2030"}, published="2024-01-03")
    assert len(build_tracks([a, b, c], [])) == 3


def test_a_report_before_the_pledge_does_not_attach_to_it() -> None:
    pledge = _statement("s1", "build 500 electric bus", "2024-06-01")
    early = Report("r1", None, str(PG.kept), actors={"a"}, gist={"build", "500", "electric", "bus"},
                   published="2024-01-01")
    (track,) = build_tracks([pledge], [early])
    assert track.status == str(PG.pending) and track.members == ["s1"]


def test_overdue_counts_to_the_last_day_of_a_year_or_month() -> None:
    (track,) = build_tracks([_statement("s1", "build bus", "2024-01-01", due="2026")], [])
    assert not overdue(track, "2026-12-31") and overdue(track, "2027-01-01")


# -- pages ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(loaded: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from conftest import LiveServer, copy_store

    live = LiveServer(copy_store(loaded, tmp_path_factory.mktemp("tracks-live") / "store"))
    yield live
    live.stop()


def _page(server, path: str) -> str:  # type: ignore[no-untyped-def]
    import urllib.request

    with urllib.request.urlopen(urllib.request.Request(server.url + path, headers={"Accept": "text/html"})) as r:
        assert r.status == 200
        return r.read().decode("utf-8")


def _local(iri: str) -> str:
    return "/" + iri.split("/id/", 1)[1]


def test_a_statement_page_shows_its_track_with_every_report_in_date_order(server, loaded: Path) -> None:
    (track_iri, (_, evidence)), = [(i, t) for i, t in _tracks(loaded).items()
                                   if any("500 electric buses" in e for e in t[1])]
    statement = _select(loaded, "PREFIX pg: <https://w3id.org/pledgegraph/ns#> SELECT ?s WHERE { ?s pg:track <"
                        + track_iri + "> ; a pg:Pledge } LIMIT 1")[0]["s"]
    html = _page(server, _local(statement))
    section = html[html.index('id="track"'):]
    assert 'class="badge status kept"' in section
    assert section.index("2024-03-02") < section.index("2025-04-11")  # the pledge, then its fulfilment
    track_page = _page(server, _local(track_iri))
    assert "build 500 electric buses" in track_page and "has built all 500" in track_page


def test_the_actor_page_has_a_promise_scorecard_and_the_home_page_recent_changes(server) -> None:
    norway = _page(server, "/actor/norway")
    card = norway[norway.index('id="scorecard"'):norway.index("</section>", norway.index('id="scorecard"'))]
    assert "2 commitments" in card and 'class="status kept"' in card and 'class="status withdrawn"' in card
    home = _page(server, "/")
    assert "Recently changed" in home and 'badge status withdrawn' in home


def test_the_deadlines_page_and_feed_show_status_and_overdue_only_where_unsettled(server) -> None:
    page = _page(server, "/deadlines")
    trees = page[page.rindex("<li", 0, page.index("two billion trees")):page.index("two billion trees")]
    buses = page[page.rindex("<li", 0, page.index("500 electric buses")):page.index("500 electric buses")]
    assert "overdue" in trees and "overdue" not in buses and "kept" in buses
    import urllib.request

    with urllib.request.urlopen(server.url + "/deadlines.ics") as r:
        feed = r.read().decode("utf-8")
    assert "CATEGORIES:kept" in feed and "CATEGORIES:overdue" in feed
