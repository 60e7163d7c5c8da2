"""A worker restarted on the same app id and state picks up where the last one stopped.

The stories of the samples are split across the restart, so alerts of the
second half need claims only the first worker saw: the detector's table has to
come back from its changelog. One partition keeps the articles in the order
published through every stage, so the alerts are exactly those of an
in-process replay of the same articles.
"""

from __future__ import annotations

import pytest
from support import SAMPLES, assert_each_alert_once, drain, read_all

from agents.detect import standing_alerts
from agents.pipeline import Pipeline
from streams.models import Alert, RawArticle
from streams.runtime import publish_articles
from streams.topics import ALERTS

pytestmark = pytest.mark.integration


def _samples(*prefixes: str) -> list[RawArticle]:
    return [
        RawArticle.model_validate_json(next(SAMPLES.glob(f"{p}_*.json")).read_text("utf-8"))
        for p in prefixes
    ]


BEFORE = _samples("01", "02", "03", "05", "07")
AFTER = _samples("04", "06", "08", "03")  # 03 again: a re-send must not alert twice


async def test_after_a_restart_each_alert_is_raised_once_as_in_replay(
    start_worker, settings
) -> None:
    assert settings.store == "memory://", "state must come back from the changelog alone"
    first = await start_worker(partitions=1)
    await publish_articles(settings, first.bootstrap, BEFORE)
    await drain(settings, first.bootstrap)
    await first.stop()

    second = await start_worker(partitions=1)
    await publish_articles(settings, second.bootstrap, AFTER)
    await drain(settings, second.bootstrap)

    alerts = await read_all(settings, second.bootstrap, ALERTS, Alert)
    assert_each_alert_once(alerts)
    replayed = Pipeline(second.settings).replay(BEFORE + AFTER)
    assert sorted(a.alert_id for a in standing_alerts(alerts)) == sorted(
        a.alert_id for a in standing_alerts(r for r in replayed if isinstance(r, Alert))
    )

    before = {a.id for a in BEFORE}
    across = [
        a
        for a in alerts
        if a.claim.article_id not in before and any(c.article_id in before for c in a.contradicts)
    ]
    assert across, "no alert of the second half set a figure against one of the first"
