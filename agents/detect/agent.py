"""claims -> [detect, with the table of known claims per key] -> alerts.

The table is co-partitioned with `claims` (keyed by claim key), kept in the
configured store and rebuilt from its changelog after a restart.
"""

from __future__ import annotations

from typing import Any

from streams.app import ClaimwatchApp
from streams.codec import encode
from streams.models import Claim
from streams.topics import ALERTS, CLAIMS, KNOWN_CLAIMS_TABLE

from ..pipeline import Pipeline
from . import KnownClaims


def bind(app: ClaimwatchApp, pipeline: Pipeline) -> None:
    table = app.Table(
        KNOWN_CLAIMS_TABLE,
        default=None,
        # Typed, not a Schema: recovery decodes the changelog by these types.
        key_type=str,
        value_type=bytes,
        partitions=app.settings.partitions,
    )

    async def handle(claim: Claim) -> None:
        stored = table.get(claim.key_text)
        known = KnownClaims.model_validate_json(stored) if stored else KnownClaims()
        known, alerts = pipeline.detect(known, claim)
        table[claim.key_text] = encode(known)
        for alert in alerts:
            # Raised before a restart whose table write was lost: on the topic already.
            await app.alert_feed.caught_up.wait()
            if app.alert_feed.holds(alert.alert_id):
                continue
            app.metrics.alerts.labels(alert.kind.value, alert.severity.value).inc()
            await app.publish(ALERTS, alert.alert_id, alert)

    @app.timer(interval=10.0)
    async def count_known_keys() -> None:
        """Counted on a timer: len() of a RocksDB table walks every key."""
        app.metrics.known_keys.set(len(table))

    @app.agent(app.pipeline_topics[CLAIMS], name="detect")
    async def detect(stream: Any) -> None:
        await app.consume("detect", stream, Claim, handle)
