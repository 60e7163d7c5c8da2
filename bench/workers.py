"""`claimwatch worker` processes, as a deployment runs them, watched from outside.

The benchmark measures workers in their own processes so that their memory is
their own, two of them really use two cores, and nothing of the benchmark's
own work (publishing, reading alerts, the spaCy ceiling) is counted in them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import httpx

from streams.settings import Settings

__all__ = ["WorkerProcess", "cpu_seconds", "rss_bytes", "wait_ready"]


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
    """One `claimwatch worker` with its own web port; RSS sampled, /metrics scraped."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        self.settings = settings
        self.log_path = log_path
        self.peak_rss = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.settings.web_host}:{self.settings.web_port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> WorkerProcess:
        command = [str(Path(sys.executable).parent / "claimwatch"), "worker", "-l", "warn"]
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWATCH_")}
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            command,
            env={**inherited, **self.settings.as_env()},
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        return self

    def cpu_seconds(self) -> float:
        """CPU time used so far (0 once stopped)."""
        if self._process is None or not self.running:
            return 0.0
        return cpu_seconds(self._process.pid)

    def sample_rss(self) -> None:
        if self._process is not None and self.running:
            self.peak_rss = max(self.peak_rss, rss_bytes(self._process.pid))

    async def assigned_partitions(self) -> int | None:
        """Partitions this worker holds per /healthz; None while it does not answer."""
        try:
            async with httpx.AsyncClient(timeout=2) as client:
                response = await client.get(f"{self.url}/healthz")
            return int(response.json()["assigned_partitions"])
        except (httpx.HTTPError, ValueError, KeyError):
            return None

    async def metrics(self) -> str:
        """The worker's /metrics page (Prometheus text format)."""
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"{self.url}/metrics")
        response.raise_for_status()
        return response.text

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM, then SIGKILL after `timeout`."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        if self._log is not None:
            self._log.close()
            self._log = None


async def wait_ready(workers: list[WorkerProcess], timeout: float = 90) -> None:
    """Until every worker holds partitions and the group's assignment has stayed put for 2 s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last: list[int | None] = []
    stable_since = loop.time()
    while loop.time() < deadline:
        for worker in workers:
            if not worker.running:
                raise RuntimeError(f"a worker exited; see {worker.log_path}")
        held = [await w.assigned_partitions() for w in workers]
        if held != last:
            last, stable_since = held, loop.time()
        elif all(h for h in held) and loop.time() - stable_since >= 2.0:
            return
        await asyncio.sleep(0.3)
    raise TimeoutError(f"workers not assigned after {timeout:.0f}s: {last}")
