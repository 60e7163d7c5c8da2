"""Replay and stream agree (issue 15, point 5): one real news story leaves the same alerts
standing through `replay` and through the broker, in any arrival order.

The story is chosen at run time from the labelled development set
`../shared/realnews` (`arrival_orders.realnews_story`: the most articles, all
dated, then the densest) and its text is never copied here. The reference is
`Pipeline.replay` over its articles in date order. For each arrival order (date,
reverse, one seeded shuffle) the test replays the articles in that order
in-process, then publishes them in that order to `articles.raw` of a fresh stack
(own app id and topic prefix) with a worker running every agent, waits for the
drain and reads the whole `alerts` topic. The worker's topics have two
partitions, so claims also reach the detector in an interleaving of their own.

Both alert streams are folded as a consumer folds them (by `alert_id`, the last
status wins, those `raised` stand) and compared by content, not by ids: claim
and story ids, hence alert ids and key texts, depend on which article opened
the story. A claim is its article id, figure as written, span and sentence; a
standing alert is its kind, its new claim and the set of claims it
contradicts, so direction and grouping both count (the detector orders one
day's figures by article id and place, never by arrival). A failure lists the
single pairs of figures that differ, then the alerts.
"""

from __future__ import annotations

import pytest
from arrival_orders import (
    HISTORY,
    ORDERS,
    arrival_orders,
    differences,
    realnews_story,
    standing_pairs,
)
from support import drain, read_all

from agents.pipeline import Pipeline
from streams.models import Alert, RawArticle
from streams.runtime import publish_articles
from streams.settings import Settings
from streams.topics import ALERTS

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def story() -> tuple[str, list[RawArticle]]:
    return realnews_story()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The stack's settings with a history that holds the whole story."""
    return settings.model_copy(update={"history_per_key": HISTORY})


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """Loads spaCy once for the module's replays."""
    return Pipeline(Settings(history_per_key=HISTORY))


@pytest.fixture(scope="module")
def reference(story, pipeline: Pipeline):
    """What stands after replay in date order."""
    standing = standing_pairs(pipeline.replay(story[1]))
    assert standing, f"{story[0]} raises no alert in replay: it tests nothing"
    return standing


@pytest.mark.parametrize("order", ORDERS)
async def test_replay_and_the_broker_leave_the_same_alerts_standing(
    order: str, story, pipeline: Pipeline, reference, start_worker, settings: Settings
) -> None:
    name, articles = story
    arrived = arrival_orders(articles)[order]
    replayed = standing_pairs(Pipeline(settings, nlp=pipeline.nlp).replay(arrived))

    app = await start_worker()
    assert await publish_articles(settings, app.bootstrap, arrived) == len(arrived)
    await drain(settings, app.bootstrap, timeout=120)
    streamed = standing_pairs(await read_all(settings, app.bootstrap, ALERTS, Alert, quiet=2.0))

    found = [
        f"{how}:\n{diff}"
        for how, diff in (
            (f"replay in {order} order", differences(reference, replayed)),
            (f"the broker, {order} order", differences(reference, streamed)),
        )
        if diff
    ]
    if found:
        pytest.fail(
            f"{name}, against replay in date order, {len(reference)} standing:\n"
            + "\n".join(found),
            pytrace=False,
        )
