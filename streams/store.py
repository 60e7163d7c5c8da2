"""The table store on disk: checked before a worker starts, and its write errors made fatal.

With the disk full, RocksDB refused every table write, each stage sent its
record to the deadletter topic as if the record were at fault, /healthz said
ok, and a restart crashed with a RocksDB traceback. A disk that cannot be
written is the operator's to fix, and no record is to blame: the worker says
so in one line and exits, leaving the record's offset uncommitted so that a
worker on a good disk handles it again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from faust.stores import STORES
from faust.stores import rocksdb as faust_rocksdb
from faust.types import TP, EventT

from .errors import UserError
from .settings import Settings

if TYPE_CHECKING:
    from .app import ClaimwatchApp

__all__ = ["STORE_SCHEME", "StoreUnwritable", "check_data_dir", "store_url"]

T = TypeVar("T")

STORE_SCHEME = "claimwatch-rocksdb"
"""Faust's store URL scheme for `GuardedStore`, which `store_url` puts for `rocksdb://`."""

_PROBE_BYTES = 1 << 20
"""Written and removed at start: RocksDB writes its logs and manifest as it opens a table."""


class StoreUnwritable(UserError):
    """The worker's state directory or table store cannot be written (full, read-only)."""


def check_data_dir(settings: Settings) -> None:
    """StoreUnwritable unless the data dir can be created and holds a 1 MB file.

    Checked before the worker starts, so a full or read-only disk is one line
    and status 2, not a traceback from deep in Faust or RocksDB.
    """
    path = settings.data_dir
    probe = path / f".claimwatch-write-probe-{os.getpid()}"
    try:
        path.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as file:
            file.write(b"\0" * _PROBE_BYTES)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        raise StoreUnwritable(_unwritable(path, exc.strerror or str(exc))) from exc
    finally:
        probe.unlink(missing_ok=True)


def store_url(settings: Settings) -> str:
    """The Faust store URL: `rocksdb://` runs as `GuardedStore`."""
    scheme, _, rest = settings.store.partition("://")
    return f"{STORE_SCHEME}://{rest}" if scheme == "rocksdb" else settings.store


def _unwritable(path: Path, why: str) -> str:
    return f"cannot write the worker's state under {path} (CLAIMWATCH_DATA_DIR): {why}"


def _is_io_error(exc: Exception) -> bool:
    """RocksDB's I/O failures (rocksdict raises them as plain Exception('IO error: ...')),
    other than the lock a previous owner of a partition still holds (Faust retries that)."""
    text = str(exc)
    return text.startswith("IO error") and "lock" not in text


class GuardedStore(faust_rocksdb.Store):
    """Faust's RocksDB store, where an I/O error stops the worker instead of failing a record.

    Once it has failed, every read and write raises StoreUnwritable: the table
    may lack a write, so no stage may go on from it. Persisted offsets and
    changelog batches written by Faust's commit and recovery are given up
    silently once reported: the changelog still holds them, and an offset left
    behind only makes the next start read more of it.
    """

    failure: str | None = None

    def _guard(self, write: Callable[..., T], *args: Any) -> T:
        if self.failure is not None:
            raise StoreUnwritable(self.failure)
        try:
            return write(*args)
        except Exception as exc:
            if not _is_io_error(exc):
                raise
            self.failure = _unwritable(self.path, str(exc))
            app: ClaimwatchApp = self.app  # type: ignore[assignment]
            app.store_failed(self.failure)
            raise StoreUnwritable(self.failure) from exc

    def _set(self, key: bytes, value: bytes | None) -> None:
        self._guard(super()._set, key, value)

    def _get(self, key: bytes) -> bytes | None:
        return self._guard(super()._get, key)

    def _del(self, key: bytes) -> None:
        self._guard(super()._del, key)

    def _db_for_partition(self, partition: int) -> Any:
        return self._guard(super()._db_for_partition, partition)

    def set_persisted_offset(self, tp: TP, offset: int) -> None:
        try:
            self._guard(super().set_persisted_offset, tp, offset)
        except StoreUnwritable:
            pass

    def apply_changelog_batch(
        self,
        batch: Iterable[EventT],
        to_key: Callable[[Any], Any],
        to_value: Callable[[Any], Any],
    ) -> None:
        try:
            self._guard(super().apply_changelog_batch, batch, to_key, to_value)
        except StoreUnwritable:
            pass


STORES.aliases[STORE_SCHEME] = f"{__name__}:GuardedStore"
