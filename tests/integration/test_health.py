"""Health that tells the truth, through worker processes: the broker gone and back, a full
disk, and a Tansu started apart from the worker.

A full disk is a file size limit on the worker (RLIMIT_FSIZE, no root needed): RocksDB's
writes then fail with "File too large" where a full disk says "No space left on device".
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import httpx
import pytest
from support import drain, first_message, read_all, samples

from bench.workers import WorkerProcess
from streams.broker import EmbeddedBroker, free_port
from streams.health import Health, HealthStatus
from streams.models import Claim, CleanArticle, DeadLetter, RawArticle
from streams.runtime import publish_articles, read_topic
from streams.settings import Settings
from streams.topics import CLAIMS, CLEAN, DEADLETTER
from streams.web.problems import Problem

pytestmark = pytest.mark.integration

BROKER_TIMEOUT = 2.0


async def _get(worker: WorkerProcess, path: str) -> tuple[int, Health]:
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(f"{worker.url}{path}")
    return response.status_code, Health.model_validate_json(response.content)


async def _post(worker: WorkerProcess, article: RawArticle) -> tuple[int, float, bytes]:
    """Status, seconds taken and body of POST /articles."""
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=120) as http:
        response = await http.post(f"{worker.url}/articles", content=article.model_dump_json())
    return response.status_code, time.monotonic() - started, response.content


async def _until_ready(worker: WorkerProcess, ready: bool, timeout: float) -> float:
    """Seconds until /readyz says `ready` (200) or not (503)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        worker.check_running()
        status, _ = await _get(worker, "/readyz")
        if (status == 200) == ready:
            return time.monotonic() - started
        await asyncio.sleep(0.1)
    raise AssertionError(f"/readyz not {'ready' if ready else 'unready'} after {timeout}s")


async def test_without_its_broker_a_worker_is_unready_refuses_posts_and_resumes_when_it_is_back(
    spawn_worker, tmp_path: Path
) -> None:
    first, second = samples()[:2]
    with EmbeddedBroker(tmp_path / "broker").reserve() as own:
        worker = spawn_worker(broker=own.url, broker_timeout=BROKER_TIMEOUT)
        await worker.wait_assigned()
        assert (await _get(worker, "/readyz"))[0] == 200

        # A broker that hangs (SIGSTOP: connections open, nothing answered) held a POST
        # for Faust's producer timeout, 20 minutes.
        assert own.pid is not None
        os.kill(own.pid, signal.SIGSTOP)
        hung_at = time.monotonic()
        status, took, body = await _post(worker, first)
        assert status == 503, body
        assert Problem.model_validate_json(body).code == HealthStatus.BROKER_UNREACHABLE
        print(f"POST /articles with the broker hung: 503 in {took:.1f} s")
        assert took < 5
        await _until_ready(worker, ready=False, timeout=BROKER_TIMEOUT + 10)
        unready_after = time.monotonic() - hung_at
        print(f"/readyz 503 {unready_after:.1f} s after the broker hung")
        assert BROKER_TIMEOUT <= unready_after < BROKER_TIMEOUT + 5
        os.kill(own.pid, signal.SIGCONT)
        await _until_ready(worker, ready=True, timeout=30)

        # With clients connected, Tansu goes on answering them after SIGTERM, until it is
        # killed 5 s later.
        await asyncio.to_thread(own.stop)
        gone_at = time.monotonic()
        await _until_ready(worker, ready=False, timeout=BROKER_TIMEOUT + 10)
        unready_after = time.monotonic() - gone_at
        print(f"/readyz 503 {unready_after:.1f} s after the broker was gone")
        assert unready_after < BROKER_TIMEOUT + 5
        for path in ("/readyz", "/healthz"):
            status, health = await _get(worker, path)
            assert (status, health.status) == (503, HealthStatus.BROKER_UNREACHABLE), path
        assert (await _get(worker, "/livez"))[0] == 200, "an outage is no reason to restart"
        status, took, body = await _post(worker, first)
        assert status == 503, body
        assert Problem.model_validate_json(body).code == HealthStatus.BROKER_UNREACHABLE
        print(f"POST /articles with the broker stopped: 503 in {took:.2f} s")
        assert took < 5

        own.start()  # on the same port, with no topic
        ready_after = await _until_ready(worker, ready=True, timeout=60)
        print(f"/readyz 200 {ready_after:.1f} s after the broker restarted")
        await _until_accepted(worker, second)
        await asyncio.wait_for(_claim_of(worker.settings, own.bootstrap, second.id), 90)
        assert worker.stop() == 0, f"unclean exit; see {worker.log_path}"


async def _claim_of(settings: Settings, bootstrap: str, article_id: str) -> Claim:
    """The first claim of an article. (Not a drained pipeline: records in flight when the
    broker stopped reach the restarted one in batches, whose end offsets it gets wrong.)"""
    async for claim in read_topic(settings, bootstrap, CLAIMS, Claim):
        if claim.article_id == article_id:
            return claim
    raise AssertionError("read_topic ended")


async def _until_accepted(worker: WorkerProcess, article: RawArticle, timeout: float = 60) -> None:
    """POST until 202: the topics come back with the worker's first rebalance."""
    deadline = time.monotonic() + timeout
    while (status := (await _post(worker, article))[0]) != 202:
        assert status == 503 and time.monotonic() < deadline, status
        await asyncio.sleep(0.5)


async def test_a_full_disk_stops_the_worker_with_one_line_and_loses_no_record(
    spawn_worker, settings: Settings, broker: EmbeddedBroker
) -> None:
    """Nothing goes to the deadletter topic for a disk's fault: the worker says why in one
    line and exits with status 2; restarted on the full disk it refuses to start the same
    way; on a good one it handles what the first left."""
    articles = samples()
    worker = spawn_worker(store="rocksdb://")
    await worker.wait_assigned()
    await publish_articles(settings, broker.bootstrap, articles[:2])
    await first_message(settings, broker.bootstrap, CLAIMS, Claim)  # tables written: on disk

    worker.limit_file_size(0)  # the disk is full from now on
    await publish_articles(settings, broker.bootstrap, articles[2:])
    code = await asyncio.to_thread(worker.wait_exit, 120)
    log = worker.log_path.read_text("utf-8", errors="replace")
    assert code == 2, log[-3000:]
    said = [line for line in log.splitlines() if "cannot write the worker's state" in line]
    assert len(said) == 1 and "File too large" in said[0], log[-3000:]
    assert "Traceback" not in log, log[-3000:]

    full = WorkerProcess(worker.settings, worker.log_path.with_name("on-full-disk.log"))
    assert full.start(file_size_limit=0).wait_exit(60) == 2
    lines = full.log_path.read_text("utf-8").splitlines()
    assert len(lines) == 1 and "cannot write the worker's state under" in lines[0], lines

    spawn_worker(store="rocksdb://")  # the disk has room again
    await drain(settings, broker.bootstrap)
    dead = await read_all(settings, broker.bootstrap, DEADLETTER, DeadLetter)
    assert not dead, [(d.stage, d.reason) for d in dead]
    cleaned = await read_all(settings, broker.bootstrap, CLEAN, CleanArticle)
    assert {a.id for a in articles} <= {a.id for a in cleaned}


async def test_a_tansu_started_apart_gets_its_tuning_and_survives_a_restart(
    tmp_path: Path, run_id: str
) -> None:
    """Left at Kafka's defaults, a worker on a Tansu it did not start crash-looped at its
    restart (ConsistencyError: a changelog's persisted offset past its end, from BROKER.md's
    wrong end offsets). It recognises Tansu by its cluster id and tunes itself."""
    with EmbeddedBroker(tmp_path / "broker") as tansu:
        plain = Settings(  # nothing of Tansu's tuning set
            broker=tansu.url,
            app_id=f"cw-{run_id}",
            topic_prefix=f"{run_id}.",
            partitions=2,
            data_dir=tmp_path / "worker",
            web_port=free_port("127.0.0.1"),
        )
        worker = WorkerProcess(plain, tmp_path / "worker.log").start()
        try:
            await worker.wait_assigned()
            await publish_articles(plain.tuned_for_tansu(), tansu.bootstrap, samples()[:3])
            await drain(plain, tansu.bootstrap)
            assert worker.stop() == 0, f"unclean exit; see {worker.log_path}"

            worker.start()  # the restart that crashed
            await worker.wait_assigned()
            await asyncio.sleep(3)  # table recovery, where ConsistencyError came
            worker.check_running()
        finally:
            assert worker.stop() == 0, f"unclean exit; see {worker.log_path}"
    log = worker.log_path.read_text("utf-8")
    assert "the broker is Tansu (cluster id tansu_cluster): using its tuning" in log
    assert "CLAIMWATCH_PRODUCER_MAX_BATCH_SIZE=1" in log and "CLAIMWATCH_STORE=memory://" in log


async def test_web_port_0_serves_on_a_port_free_at_start(start_worker) -> None:
    app = await start_worker(web_port=0)
    port = app.conf.web_port
    assert 0 < port
    async with httpx.AsyncClient(timeout=10) as http:
        assert (await http.get(f"http://127.0.0.1:{port}/livez")).status_code == 200
