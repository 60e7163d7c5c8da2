"""Fixtures shared by the whole suite: paths, settings, and the embedded broker."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings
from support import ARTIFACTS

from streams.broker import EmbeddedBroker

_run_ids = itertools.count(1)

# CI explores the same examples on every run, so a red build is the change's
# doing; local runs draw new ones and keep failures in .hypothesis/.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """One embedded broker for the session; tests isolate by app id and topic prefix."""
    log_dir = ARTIFACTS / "broker" if os.environ.get("CI") else tmp_path_factory.mktemp("broker")
    with EmbeddedBroker(log_dir) as running:
        yield running


@pytest.fixture
def run_id(request: pytest.FixtureRequest) -> str:
    """A name unique to this test, for app ids and topic prefixes."""
    name = re.sub(r"[^a-zA-Z0-9-]+", "-", request.node.name)[:24].strip("-")
    return f"t{os.getpid()}-{next(_run_ids)}-{name}"
