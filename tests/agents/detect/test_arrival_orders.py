"""The detector alone: one real story's claims in any arrival order leave the same alerts standing.

The claims are extracted once, from the story's articles in date order (so they
share one story and one set of ids); only the order in which they reach
`detect` changes: article by article in date order, in reverse and in one
seeded shuffle. The alerts each order emits are folded (last status per
`alert_id` wins) and compared by content with `arrival_orders.standing_pairs`,
as the integration test tests/integration/test_replay_agrees.py compares replay
with the broker.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from arrival_orders import HISTORY, arrival_orders, differences, realnews_story, standing_pairs

from agents.detect import KnownClaims, detect
from agents.pipeline import Pipeline
from streams.models import Alert, Claim, TaggedArticle
from streams.settings import Settings

NOW = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def story() -> tuple[list[str], dict[str, list[str]], dict[str, list[Claim]]]:
    """The story's article ids in date order, its arrival orders, and each article's claims."""
    _, articles = realnews_story()
    pipeline = Pipeline(Settings())
    claims: dict[str, list[Claim]] = {}
    for tagged in pipeline.tagged(articles):
        assert isinstance(tagged, TaggedArticle), tagged
        claims[tagged.id] = pipeline.extract(tagged)
    orders = {name: [a.id for a in order] for name, order in arrival_orders(articles).items()}
    return orders["date"], orders, claims


def _alerts(order: list[str], claims: dict[str, list[Claim]], settings: Settings) -> list[Alert]:
    table: dict[str, KnownClaims] = {}
    emitted: list[Alert] = []
    for article_id in order:
        for claim in claims[article_id]:
            known, alerts = detect(table.get(claim.key_text, KnownClaims()), claim, settings, NOW)
            table[claim.key_text] = known
            emitted += alerts
    return emitted


@pytest.mark.parametrize("order", ["reverse", "shuffle"])
def test_the_standing_alerts_do_not_depend_on_arrival_order(story, order: str) -> None:
    by_date, orders, claims = story
    settings = Settings(history_per_key=HISTORY)
    expected = standing_pairs(_alerts(by_date, claims, settings))
    assert expected, "a story whose claims raise no alert tests nothing"
    found = standing_pairs(_alerts(orders[order], claims, settings))
    if found != expected:
        message = differences(expected, found)
        pytest.fail(f"{order} order against date order: {message}", pytrace=False)
