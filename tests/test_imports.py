"""Imports point one way: claimwatch (the composition root) -> agents -> streams.

`streams` is what flows and `agents` what transforms it; a stage may import the
models and the app's machinery, never the reverse, so the contract in
pyproject.toml (`[tool.importlinter]`) is checked here with import-linter.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_imports_point_one_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
