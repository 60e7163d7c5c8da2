"""Which alerts an endpoint wants: its subscription's filters, as a pure function.

A withdrawal carries the alert as it was raised (kind, severity, claim), so the
same filters pass it exactly when they passed the raising: an endpoint hears
of the withdrawal of every alert it got, and of no other.
"""

from __future__ import annotations

from streams.models import Alert, Severity
from streams.settings import Subscription

__all__ = ["wanted"]

_RANK = {severity: rank for rank, severity in enumerate(Severity)}


def wanted(subscription: Subscription, alert: Alert) -> bool:
    """Whether `alert` passes every filter of `subscription`: kind, least severity and story
    (one of its texts in the story label or the key's subject, ignoring case)."""
    if alert.kind not in subscription.kinds:
        return False
    if _RANK[alert.severity] < _RANK[subscription.min_severity]:
        return False
    if not subscription.story:
        return True
    labels = [label.casefold() for label in (alert.claim.story, alert.claim.key.subject) if label]
    return any(text.casefold() in label for text in subscription.story for label in labels)
