"""Errors that carry a reason, so a failed record becomes a deadletter, not a crash.

    ClaimwatchError
     ├── StageError        a record one stage cannot handle (reason: short snake_case code)
     │    └── DecodeError  bytes on a topic that are not the topic's message
     └── UserError         something the user fixes: a setting, the broker's address, a busy
          │                port; the CLI prints its message alone and exits with status 2
          ├── SettingsError       (streams.settings)
          ├── BrokerUnreachable   (streams.kafka)
          ├── BrokerError         (streams.broker: the embedded broker would not start)
          ├── PortInUse           (streams.web.server)
          └── StoreUnwritable     (streams.store: a full or read-only disk; the worker exits)

Third-party exceptions are translated at the boundary that calls them.
"""

from __future__ import annotations

__all__ = ["ClaimwatchError", "DecodeError", "StageError", "UserError"]


class ClaimwatchError(Exception):
    """Base of every error claimwatch raises on purpose."""


class StageError(ClaimwatchError):
    """A record a stage cannot handle; `reason` is a stable code counted in metrics."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class DecodeError(StageError):
    """A payload that is not valid JSON, not UTF-8, or not the topic's model."""


class UserError(ClaimwatchError):
    """A problem the user fixes, not a bug: its message says what and where, no traceback."""
