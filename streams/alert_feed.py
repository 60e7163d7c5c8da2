"""The latest alerts, held by every worker for GET /alerts.

Alerts are keyed by alert id, so they are spread over the partitions of
`alerts` and no worker raises them all. Each worker therefore reads the whole
topic itself (`streams.follow`): any worker answers with every alert, and a
restarted one has them back. Delivery is at-least-once, so an id already held
is not added twice.

An alert's latest record is what the feed holds of it, as a compacted topic
would: a withdrawal (the same `alert_id`, `status` withdrawn) takes the
alert's place, so the alert leaves the standing ones and the withdrawal is
listed apart, for clients that poll to drop the alert they show. Records of
one id share a partition, so every worker reads them in the order written.

The detector asks the feed before it publishes: an alert it raises or
withdraws again after a restart (its table write lost, the alert sent) is on
the topic already, and the feed has read it once `caught_up` is set.
"""

from __future__ import annotations

import asyncio
import heapq
from collections import OrderedDict
from datetime import datetime
from typing import TYPE_CHECKING, cast

from .follow import follow
from .models import Alert, AlertStatus
from .topics import ALERTS

if TYPE_CHECKING:
    from .app import ClaimwatchApp

__all__ = ["AlertFeed", "follow_alerts"]


class AlertFeed:
    """At most `size` alerts, each id once with its latest status; the oldest arrival is
    forgotten first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._alerts: OrderedDict[str, Alert] = OrderedDict()
        self.caught_up = asyncio.Event()
        """Set once the feed holds every alert that was on the topic when the worker started."""

    def holds(self, alert_id: str, status: AlertStatus = AlertStatus.RAISED) -> bool:
        """Whether the topic's latest record of `alert_id` has this status already."""
        held = self._alerts.get(alert_id)
        return held is not None and held.status == status

    def add(self, alert: Alert) -> None:
        """Keep the alert's latest record; a redelivery of it changes nothing."""
        if self.holds(alert.alert_id, alert.status):
            return
        self._alerts.pop(alert.alert_id, None)
        self._alerts[alert.alert_id] = alert
        if len(self._alerts) > self._size:
            self._alerts.popitem(last=False)

    def recent(self, since: datetime | None, limit: int, key: str | None = None) -> list[Alert]:
        """Newest first: up to `limit` standing alerts raised at or after `since`, on `key`
        if given.

        At, not only after: alerts raised on one claim share their time, so a
        client polling with the time of the newest it has misses none (and
        drops the ids it has, as with any at-least-once stream).
        """
        return self._latest(AlertStatus.RAISED, since, limit, key)

    def withdrawn(self, since: datetime | None, limit: int, key: str | None = None) -> list[Alert]:
        """Newest first: the withdrawals made at or after `since` (their `raised_at`), as
        `recent` selects alerts."""
        return self._latest(AlertStatus.WITHDRAWN, since, limit, key)

    def _latest(
        self, status: AlertStatus, since: datetime | None, limit: int, key: str | None
    ) -> list[Alert]:
        chosen = (
            a
            for a in self._alerts.values()
            if a.status == status
            and (since is None or a.raised_at >= since)
            and (key is None or a.key_text == key)
        )
        return heapq.nlargest(limit, chosen, key=lambda alert: alert.raised_at)


def follow_alerts(app: ClaimwatchApp) -> AlertFeed:
    """A feed that a task of `app` fills from the alerts topic while the worker runs."""
    feed = AlertFeed(app.settings.alert_feed_size)
    follow(
        app,
        {ALERTS: Alert},
        lambda _, alert: feed.add(cast(Alert, alert)),
        on_caught_up=feed.caught_up.set,
        what="the alert feed",
    )
    return feed
