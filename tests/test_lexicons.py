"""Lexicons: class lists take in the lists derived from FrameNet and VerbNet, and every derived list names its source."""
from __future__ import annotations

from pathlib import Path

import pytest

from pledgegraph.loaders import lexicons
from pledgegraph.loaders.lexicons import LEXICONS, lexicon

RESOURCES = sorted((LEXICONS / "resources").glob("*_*.txt"))  # not LICENSE-VerbNet.txt


def test_a_class_list_takes_in_its_resources_and_leaves_out_what_it_excludes() -> None:
    commitment = lexicon("resources/framenet_Commitment_verbs")
    assert {"promise", "pledge", "vow", "threaten"} <= commitment
    pledges = lexicon("pledge_verbs")
    assert commitment - {"threaten"} <= pledges  # taken in, less what the class list leaves out
    assert "threaten" not in pledges and "threaten" in lexicon("threat_verbs")
    assert {"urge", "order", "request"} <= lexicon("demand_verbs")  # FrameNet Request, VerbNet urge-58.1 and order-58.3


def test_include_and_exclude_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "base.txt").write_text("# header\nalpha\nbeta\ngamma\n", encoding="utf-8")
    (tmp_path / "mine.txt").write_text("# ours\n@resources/base\n-beta\nDelta\n", encoding="utf-8")
    monkeypatch.setattr(lexicons, "LEXICONS", tmp_path)
    lexicon.cache_clear()
    try:
        assert lexicon("mine") == {"alpha", "gamma", "delta"}
    finally:
        lexicon.cache_clear()


@pytest.mark.parametrize("path", RESOURCES, ids=[p.name for p in RESOURCES])
def test_every_derived_list_names_its_source_commit_and_licence(path: Path) -> None:
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header).lower()
    assert "source:" in text and "repository:" in text and "commit:" in text and "licence:" in text
    assert path.name.startswith(("framenet_", "verbnet_"))
    assert any(not line.startswith("#") and line.strip() for line in path.read_text(encoding="utf-8").splitlines())


def test_the_derived_lists_are_many_and_ours_stay_few() -> None:
    assert len(RESOURCES) >= 40
    own = [line for line in (LEXICONS / "pledge_verbs.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith(("#", "@", "-"))]
    assert len(own) < len(lexicon("pledge_verbs")) / 2
