"""The README is the users' reference: it must match the code."""

import re

from support import ROOT

from claimwatch.cli import main
from streams.settings import Settings

README = (ROOT / "README.md").read_text("utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`CLAIMWATCH_([A-Z_]+)`", README))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_every_command_is_documented() -> None:
    for command in main.commands:
        assert f"`claimwatch {command}" in README


def test_ci_runs_the_readme_test_command() -> None:
    command = "./scripts/setup && .venv/bin/python -m pytest"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text("utf-8")
