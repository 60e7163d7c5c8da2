"""Claim identity on real news: the labelled development set scored as users score it.

`../shared/realnews/score.py` drives `claimwatch claims` and `claimwatch replay`
over 69 real excerpts of 7 stories as one interleaved stream. The floors below
are a little under what was measured when claim identity was rebuilt as story x
quantity x scope (issue 14: figures 363/388, key F1 0.81, no pair across two
stories), so a later change cannot silently undo that work. The set is read
from the shared folder, never copied here; the test is skipped without it.
"""

import json
import subprocess
import sys

import pytest
from support import ROOT

SCORER = ROOT.parent / "shared" / "realnews" / "score.py"
EXE = ROOT / ".venv" / "bin" / "claimwatch"

FLOORS = {"figures_share": 0.90, "key_f1": 0.78}
"""Measured 0.94 and 0.81 when set; raise them as claim identity improves."""


@pytest.fixture(scope="module")
def totals() -> dict[str, float]:
    if not SCORER.is_file():
        pytest.skip("../shared/realnews is not available")
    if not EXE.is_file():
        pytest.skip("no .venv/bin/claimwatch: run ./scripts/setup")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--quiet", "--exe", str(EXE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_figures_are_found(totals: dict[str, float]) -> None:
    share = totals["figures_found"] / totals["figures"]
    assert share >= FLOORS["figures_share"], totals


def test_figures_of_one_quantity_share_a_key(totals: dict[str, float]) -> None:
    assert totals["key_f1"] >= FLOORS["key_f1"], totals


def test_no_pair_joins_two_stories(totals: dict[str, float]) -> None:
    assert totals["pairs_across_stories"] == 0, totals
