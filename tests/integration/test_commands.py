"""The README's main job, run as a user runs it: `claimwatch demo --once --json`."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT, first_message

from bench.workers import WorkerProcess
from streams.kafka import bootstrap_servers
from streams.models import Alert, AlertStatus, CleanArticle
from streams.settings import Settings
from streams.topics import CLEAN

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
    assert len({(alert.alert_id, alert.status) for alert in alerts}) == len(alerts), "each once"
    raised = sum(alert.status == AlertStatus.RAISED for alert in alerts)
    assert f"{raised} alerts raised, {len(alerts) - raised} withdrawn" in result.stderr
    assert "/metrics" in result.stderr
    assert "analyst page: http://" in result.stderr
    assert elapsed < 100


@pytest.mark.parametrize(
    "command",
    [("faust", "-A", "streams.app", "worker"), ("claimwatch", "worker")],
    ids=["faust", "claimwatch"],
)
async def test_worker_commands_consume_what_ingest_publishes(
    command: tuple[str, ...], settings: Settings, tmp_path: Path
) -> None:
    worker = WorkerProcess(
        settings.model_copy(update={"data_dir": tmp_path}), tmp_path / "worker.log", command
    ).start()
    try:
        await worker.wait_assigned()
        article = tmp_path / "storm.json"
        article.write_text(
            json.dumps(
                {
                    "id": "storm-1",
                    "source": "Test Wire",
                    "body": "More than 30,000 homes lost power as the storm crossed the coast, "
                    "the utility said.",
                }
            ),
            "utf-8",
        )
        huge = tmp_path / "huge.txt"  # a record over Kafka's limit: skipped, not fatal
        huge.write_text("The storm cut power to 30,000 homes. " * 40_000, "utf-8")
        ingest = subprocess.run(
            [str(Path(sys.executable).parent / "claimwatch"), "ingest", str(huge), str(article)],
            env={**os.environ, **settings.as_env()},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ingest.returncode == 0, ingest.stderr
        assert "skipped huge: message_too_large" in ingest.stderr
        assert "published 1 articles" in ingest.stderr

        bootstrap = bootstrap_servers(settings.broker or "")
        cleaned = await first_message(settings, bootstrap, CLEAN, CleanArticle)
        assert cleaned.id == "storm-1"
    finally:
        assert worker.stop() == 0, f"unclean exit; see {worker.log_path}"
