"""The README documents every setting and every command (Datasette's test_docs idea)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pledgegraph.cli import cli
from pledgegraph.settings import ENV_PREFIX, SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [s[0] for s in SETTINGS])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert ENV_PREFIX + name.upper() in README


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"pledgegraph {command}" in README


def test_the_readme_opens_with_the_two_commands() -> None:
    head = README.split("## ", 2)[1]
    assert "scripts/serve" in head and "scripts/test" in head
