"""claims -> [detect, with the table of known claims per key] -> alerts.

The table is co-partitioned with `claims` (keyed by claim key), kept in the
configured store and rebuilt from its changelog after a restart.
A claim's alerts are published before its table write: a claim the table
knows raises nothing, so the write comes last, and a claim handled again after
a stop finds its alerts on the topic (`AlertFeed.holds`) rather than lost.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from streams.app import ClaimwatchApp
from streams.codec import encode
from streams.models import AlertStatus, Claim
from streams.topics import ALERTS, CLAIMS, KNOWN_CLAIMS_TABLE

from ..pipeline import Pipeline
from . import KnownClaims

_PUBLISHED_KEPT = 100_000
"""Alerts whose last published status a worker remembers (about 100 bytes each)."""


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    table = app.Table(
        KNOWN_CLAIMS_TABLE,
        default=None,
        # Typed, not a Schema: recovery decodes the changelog by these types.
        key_type=str,
        value_type=bytes,
        partitions=app.settings.partitions,
    )

    published: OrderedDict[str, AlertStatus] = OrderedDict()
    """What this worker published, latest status per alert: the feed reads the topic a little
    behind, so a withdrawal it has not read yet must not hide a raise that follows it."""

    async def handle(claim: Claim) -> None:
        stored = table.get(claim.key_text)
        known = KnownClaims.model_validate_json(stored) if stored else KnownClaims()
        known, alerts = pipeline.detect(known, claim)
        for alert in alerts:
            await app.alert_feed.caught_up.wait()
            last = published.get(alert.alert_id)
            if last == alert.status or (
                # Published before a restart whose table write was lost: on the topic already.
                last is None and app.alert_feed.holds(alert.alert_id, alert.status)
            ):
                continue
            published.pop(alert.alert_id, None)
            published[alert.alert_id] = alert.status
            if len(published) > _PUBLISHED_KEPT:
                published.popitem(last=False)
            app.metrics.count_alert(alert)
            await app.publish(ALERTS, alert.alert_id, alert)
        # Written once its alerts are sent: a worker stopped in between (SIGTERM in a
        # rebalance) left a claim in the changelog whose alerts never reached the topic,
        # and the next worker, seeing the claim known, raised nothing.
        table[claim.key_text] = encode(known)

    @app.timer(interval=10.0)
    async def count_known_keys() -> None:
        """Counted on a timer: len() of a RocksDB table walks every key."""
        app.metrics.known_keys.set(len(table))

    @app.agent(app.pipeline_topics[CLAIMS], name="detect")
    async def detect(stream: Any) -> None:
        await app.consume("detect", stream, Claim, handle)
