"""Paths the tests share (importable as `support`: tests/ is on pytest's pythonpath)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
ARTIFACTS = ROOT / "artifacts"
