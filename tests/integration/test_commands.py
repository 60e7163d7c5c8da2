"""The commands run as a user runs them: `claimwatch demo --once --json`, `worker`, `ingest`,
and how each ends on a user's mistake."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, SAMPLES, first_message, read_all

from bench.workers import WorkerProcess
from streams.broker import EmbeddedBroker, free_port
from streams.kafka import bootstrap_servers
from streams.models import Alert, AlertStatus, CleanArticle, RawArticle
from streams.settings import Settings
from streams.topics import CLEAN, RAW

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
    [("faust", "-A", "claimwatch.app", "worker"), ("claimwatch", "worker")],
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
        assert ingest.returncode == 1, ingest.stderr
        assert "skipped huge: message_too_large" in ingest.stderr
        assert "published 1 articles" in ingest.stderr and "skipped 1" in ingest.stderr

        bootstrap = bootstrap_servers(settings.broker or "")
        cleaned = await first_message(settings, bootstrap, CLEAN, CleanArticle)
        assert cleaned.id == "storm-1"
    finally:
        assert worker.stop() == 0, f"unclean exit; see {worker.log_path}"


def _claimwatch(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess:
    """`claimwatch ARGS` in its own process, with the CLAIMWATCH_* variables of `env` only."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
    return subprocess.run(
        [str(Path(sys.executable).parent / "claimwatch"), *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


BAD_LINES = {
    51: b'{"id": "bad-utf8", "body": "caf\xe9 au lait"}',
    102: b'{"id": "deep", "body": "x", "extra": ' + b"[" * 1500 + b"]" * 1500 + b"}",
    153: b'{"id": "surrogate", "body": "lone \\ud800 surrogate"}',
}
"""Line number -> one bad line of each kind, among 200 good ones in `mixed.jsonl`."""


def _mixed_jsonl(path: Path) -> set[str]:
    """200 good articles and BAD_LINES at their line numbers; returns the good ids."""
    good = [
        json.dumps({"id": f"storm-{n}", "body": f"Officials said {n + 10} homes were hit."})
        for n in range(200)
    ]
    lines = [line.encode() for line in good]
    for number, bad in sorted(BAD_LINES.items()):
        lines.insert(number - 1, bad)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return {f"storm-{n}" for n in range(200)}


async def test_ingest_publishes_every_good_line_and_names_each_bad_one(
    settings: Settings, broker: EmbeddedBroker, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good_ids = _mixed_jsonl(mixed)
    ingest = _claimwatch("ingest", str(mixed), env=settings.as_env())
    assert ingest.returncode == 1, ingest.stderr
    assert "Traceback" not in ingest.stderr
    assert [line for line in ingest.stderr.splitlines() if line.startswith("skipped")] == [
        f"skipped {mixed}:51: not_utf8: invalid continuation byte at byte 31",
        f"skipped {mixed}:102: invalid_json: nested too deeply",
        f"skipped {mixed}:153: not_utf8: a lone UTF-16 surrogate in a JSON string",
    ]
    assert f"published 200 articles to {settings.topic(RAW)}, skipped 3" in ingest.stderr
    published = await read_all(settings, broker.bootstrap, RAW, RawArticle)
    assert sorted(a.id for a in published) == sorted(good_ids)


async def test_ingest_of_a_folder_reads_its_article_files_only(
    settings: Settings, broker: EmbeddedBroker, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.json"))[:2]:
        shutil.copy(sample, folder)
    shutil.copy(SAMPLES / "README.md", folder)
    ingest = _claimwatch("ingest", str(folder), env=settings.as_env())
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stderr.strip() == f"published 2 articles to {settings.topic(RAW)}"
    published = await read_all(settings, broker.bootstrap, RAW, RawArticle)
    assert len(published) == 2 and "README" not in {a.id for a in published}

    empty = tmp_path / "empty"
    empty.mkdir()
    ingest = _claimwatch("ingest", str(empty), env=settings.as_env())
    assert (ingest.returncode, ingest.stderr.strip()) == (
        1,
        f"published 0 articles to {settings.topic(RAW)}",
    )


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "mistake", "message"),
    [
        (("ingest", str(SAMPLES)), {"broker": "unreachable"}, "no Kafka broker answers at"),
        (("topics",), {"broker": "unreachable"}, "no Kafka broker answers at"),
        (("tail", "alerts"), {"broker": "unreachable"}, "no Kafka broker answers at"),
        (("worker",), {"broker": "unreachable"}, "no Kafka broker answers at"),
        (("worker",), {"web_port": "taken"}, "cannot listen on 127.0.0.1:"),
        (("demo", "--once"), {"web_port": "taken"}, "cannot listen on 127.0.0.1:"),
        (("worker",), {"CLAIMWATCH_PARTITIONS": "four"}, "invalid settings: CLAIMWATCH_PARTITIONS"),
        (
            ("worker",),
            {"CLAIMWATCH_DATA_DIR": "/sys/claimwatch"},  # read-only, even for root
            "cannot write the worker's state under /sys/claimwatch",
        ),
        (("ingest", "missing.jsonl"), {}, "Path 'missing.jsonl' does not exist"),
    ],
    ids=[
        "ingest-unreachable-broker",
        "topics-unreachable-broker",
        "tail-unreachable-broker",
        "worker-unreachable-broker",
        "worker-port-in-use",
        "demo-port-in-use",
        "worker-bad-setting",
        "worker-unwritable-data-dir",
        "ingest-missing-file",
    ],
)
def test_a_user_error_ends_a_command_with_one_line_and_status_2(
    args: tuple[str, ...],
    mistake: dict[str, str],
    message: str,
    settings: Settings,
    taken_port: int,
) -> None:
    env = settings.as_env()
    if mistake.get("broker") == "unreachable":
        env["CLAIMWATCH_BROKER"] = f"kafka://127.0.0.1:{free_port('127.0.0.1')}"
    if mistake.get("web_port") == "taken":
        env["CLAIMWATCH_WEB_PORT"] = str(taken_port)
    env.update({k: v for k, v in mistake.items() if k.startswith("CLAIMWATCH_")})
    result = _claimwatch(*args, env=env)
    assert result.returncode == 2, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if not line.startswith("claimwatch demo")]
    assert len(lines) == 1 and message in lines[0], result.stderr[-3000:]
