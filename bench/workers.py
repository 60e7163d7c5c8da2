"""`claimwatch worker` processes, as a deployment runs them, watched from outside.

The benchmark measures workers in their own processes so that their memory is
their own, two of them really use two cores, and nothing of the benchmark's
own work (publishing, reading alerts, the spaCy ceiling) is counted in them.
The integration tests stop, kill and restart the same processes.
"""

from __future__ import annotations

import asyncio
import io
import os
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import httpx
from pydantic import ValidationError

from streams.health import Health
from streams.settings import Settings

__all__ = ["WorkerExited", "WorkerProcess", "cpu_seconds", "rss_bytes", "wait_ready"]

_ROOT = Path(__file__).resolve().parents[1]


def rss_bytes(pid: int) -> int:
    """Resident memory of a process: psutil when installed, else /proc (Linux)."""
    try:
        import psutil
    except ImportError:
        status = Path(f"/proc/{pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024
    return int(psutil.Process(pid).memory_info().rss)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far: psutil when installed, else /proc."""
    try:
        import psutil
    except ImportError:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


class WorkerProcess:
    """One `claimwatch worker` as a deployment runs it: its own process, configured by the
    environment, with its own web port; watched from outside (health, /metrics, CPU, RSS).

    The fault tests stop and kill these, which an in-process worker cannot show:
    SIGKILL leaves no chance to flush or commit.
    """

    def __init__(
        self,
        settings: Settings,
        log_path: Path,
        command: Sequence[str] = ("claimwatch", "worker"),
    ) -> None:
        self.settings = settings
        self.log_path = log_path
        self.command = [str(Path(sys.executable).parent / command[0]), *command[1:]]
        self.peak_rss = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._copier: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, file_size_limit: int | None = None) -> WorkerProcess:
        """Start the worker; `file_size_limit` (bytes) stands for a full disk from the start.

        Its output reaches the log through a pipe, copied by this process: a
        file size limit on the worker (`limit_file_size`) would cut its log too.
        """
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
        self.process = subprocess.Popen(
            self.command,
            cwd=_ROOT,
            env={**inherited, **self.settings.as_env()},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=None if file_size_limit is None else lambda: _limit(file_size_limit),
        )
        self._copier = threading.Thread(target=self._copy_output, daemon=True)
        self._copier.start()
        return self

    def limit_file_size(self, limit: int) -> None:
        """No file the worker writes may grow past `limit` bytes (RLIMIT_FSIZE): RocksDB's
        writes fail as on a full disk ("File too large" instead of "No space left")."""
        assert self.process is not None
        resource.prlimit(self.process.pid, resource.RLIMIT_FSIZE, (limit, limit))

    def _copy_output(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        stdout = cast(io.BufferedReader, self.process.stdout)
        with self.log_path.open("ab") as log:
            while chunk := stdout.read1(65536):
                log.write(chunk)
                log.flush()

    async def health(self) -> Health | None:
        """What /healthz says, or None while the worker does not answer it."""
        try:
            async with httpx.AsyncClient(timeout=2) as client:
                response = await client.get(f"{self.url}/healthz")
            return Health.model_validate_json(response.content)
        except (httpx.HTTPError, ValidationError):
            return None

    async def wait_assigned(self, timeout: float = 60) -> Health:
        """Until the worker holds partitions; WorkerExited at once if it exits."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            self.check_running()
            health = await self.health()
            if health is not None and health.assigned_partitions > 0:
                return health
            await asyncio.sleep(0.3)
        raise TimeoutError(f"{self.url} held no partition after {timeout}s; see {self.log_path}")

    async def metrics(self) -> str:
        """The worker's /metrics page (Prometheus text format)."""
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"{self.url}/metrics")
        response.raise_for_status()
        return response.text

    def cpu_seconds(self) -> float:
        """CPU time used so far (0 once stopped)."""
        if self.process is None or not self.running:
            return 0.0
        return cpu_seconds(self.process.pid)

    def sample_rss(self) -> None:
        if self.process is not None and self.running:
            self.peak_rss = max(self.peak_rss, rss_bytes(self.process.pid))

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> int | None:
        """Send `sig` and wait for the exit (SIGKILL after `timeout`); the exit code, None if
        it never started."""
        if self.process is None:
            return None
        if self.running:
            self.process.send_signal(sig)
        return self.wait_exit(timeout)

    def wait_exit(self, timeout: float = 30) -> int:
        """Wait for the worker to exit by itself (SIGKILL after `timeout`); its exit code."""
        assert self.process is not None
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait(timeout)
        if self._copier is not None:
            self._copier.join(timeout)
        return code

    def check_running(self) -> None:
        if not self.running:
            raise WorkerExited(f"the worker exited; see {self.log_path}")


def _limit(file_size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))


class WorkerExited(RuntimeError):
    """A worker process ended while it was expected to run."""


async def wait_ready(workers: list[WorkerProcess], timeout: float = 90) -> None:
    """Until every worker holds partitions and the group's assignment has stayed put for 2 s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last: list[int | None] = []
    stable_since = loop.time()
    while loop.time() < deadline:
        for worker in workers:
            worker.check_running()
        healths = [await w.health() for w in workers]
        held = [h.assigned_partitions if h else None for h in healths]
        if held != last:
            last, stable_since = held, loop.time()
        elif all(h for h in held) and loop.time() - stable_since >= 2.0:
            return
        await asyncio.sleep(0.3)
    raise TimeoutError(f"workers not assigned after {timeout:.0f}s: {last}")
