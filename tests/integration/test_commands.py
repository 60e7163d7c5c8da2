"""The README's main job, run as a user runs it: `claimwatch demo --once --json`."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT

from streams.models import Alert

pytestmark = pytest.mark.integration


def test_demo_once_prints_alerts_as_json_lines_and_exits(tmp_path: Path) -> None:
    claimwatch = Path(sys.executable).parent / "claimwatch"
    env = {**os.environ, "CLAIMWATCH_DATA_DIR": str(tmp_path)}
    env.pop("CLAIMWATCH_BROKER", None)
    started = time.monotonic()
    result = subprocess.run(
        [str(claimwatch), "demo", "--once", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    alerts = [Alert.model_validate_json(line) for line in result.stdout.splitlines()]
    assert alerts, result.stderr[-3000:]
    assert len({alert.alert_id for alert in alerts}) == len(alerts)
    assert "/metrics" in result.stderr
    assert elapsed < 100
