"""The README's main job, run as a user runs it: `claimwatch demo --once --json`."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from support import ROOT

from streams.kafka import bootstrap_servers
from streams.models import Alert, CleanArticle
from streams.runtime import read_topic
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
    assert len({alert.alert_id for alert in alerts}) == len(alerts)
    assert "/metrics" in result.stderr
    assert "analyst page: http://" in result.stderr
    assert elapsed < 100


def _wait_healthy(url: str, process: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the worker exited"
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer 200 in {timeout}s")


@pytest.mark.parametrize(
    "command",
    [["faust", "-A", "streams.app", "worker"], ["claimwatch", "worker"]],
    ids=["faust", "claimwatch"],
)
async def test_worker_commands_consume_what_ingest_publishes(
    command: list[str], settings: Settings, tmp_path: Path
) -> None:
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "CLAIMWATCH_BROKER": settings.broker or "",
        "CLAIMWATCH_APP_ID": settings.app_id,
        "CLAIMWATCH_TOPIC_PREFIX": settings.topic_prefix,
        "CLAIMWATCH_WEB_PORT": str(settings.web_port),
        "CLAIMWATCH_SESSION_TIMEOUT": "3",
        "CLAIMWATCH_DATA_DIR": str(tmp_path),
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [str(bin_dir / command[0]), *command[1:]],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{settings.web_port}/healthz", worker, timeout=60)
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
        ingest = subprocess.run(
            [str(bin_dir / "claimwatch"), "ingest", str(article)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ingest.returncode == 0, ingest.stderr
        assert "published 1 articles" in ingest.stderr

        async def first_clean() -> CleanArticle:
            async for message in read_topic(
                settings, bootstrap_servers(settings.broker or ""), CLEAN, CleanArticle
            ):
                return message
            raise AssertionError("unreachable")

        cleaned = await asyncio.wait_for(first_clean(), timeout=60)
        assert cleaned.id == "storm-1"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            raise
        finally:
            log.close()
