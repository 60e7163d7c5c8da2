"""Claim-change detection: when does a new figure contradict or revise an earlier one."""

from .detection import KnownClaims, claim_time, detect, standing_alerts
from .intervals import Interval, interval_of

__all__ = [
    "Interval",
    "KnownClaims",
    "claim_time",
    "detect",
    "interval_of",
    "standing_alerts",
]
