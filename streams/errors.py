"""Errors that carry a reason, so a failed record becomes a deadletter, not a crash.

    ClaimwatchError
     └── StageError        a record one stage cannot handle (reason: short snake_case code)
          └── DecodeError  bytes on a topic that are not the topic's message

Third-party exceptions are translated at the boundary that calls them.
"""

from __future__ import annotations

__all__ = ["ClaimwatchError", "DecodeError", "StageError"]


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
