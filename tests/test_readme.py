"""The README is the users' reference: it must match the code."""

import re

from prometheus_client import CollectorRegistry
from support import ROOT

from claimwatch.cli import main
from streams.metrics import Metrics
from streams.settings import Settings

README = (ROOT / "README.md").read_text("utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`CLAIMWATCH_([A-Z_]+)`", README))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_every_command_is_documented() -> None:
    for command in main.commands:
        assert f"`claimwatch {command}" in README


def test_the_two_commands_are_the_readme_s() -> None:
    """The demo sets up the product only, the tests add the dev tools; CI runs the tests'."""
    demo = "./scripts/setup && .venv/bin/claimwatch demo"
    test = "./scripts/setup --dev && .venv/bin/python -m pytest"
    assert demo in README
    assert test in README
    assert test in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_claimwatch_metric_is_documented() -> None:
    registry = Metrics(CollectorRegistry()).registry
    suffixes = {"counter": "_total", "info": "_info"}
    names = {
        family.name + suffixes.get(family.type, "")
        for family in registry.collect()
        if family.name.startswith("claimwatch_")
    }
    documented = set(re.findall(r"^\| `(claimwatch_[a-z_]+)`", README, re.MULTILINE))
    assert documented == names
