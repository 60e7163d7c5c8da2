"""Stories through the embedded broker: claims carry their article's story, across a restart.

The story stage reads one partition and keeps its stories in a table; a worker
restarted on the same app id rebuilds them from the changelog alone, so an
article published after the restart joins a story opened before it, exactly
as an in-process run of the same articles assigns them.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from story_articles import STREAM
from support import drain, read_all

from agents.pipeline import Pipeline
from streams.models import Claim, TaggedArticle
from streams.runtime import publish_articles
from streams.topics import CLAIMS

pytestmark = pytest.mark.integration

ARTICLES = [raw for _, raw in STREAM]
GOLD = {raw.id: gold for gold, raw in STREAM}
BEFORE, AFTER = ARTICLES[:5], [*ARTICLES[5:], ARTICLES[2]]  # and a re-send


async def test_claims_carry_one_story_per_story_across_a_restart(start_worker, settings) -> None:
    assert settings.store == "memory://", "state must come back from the changelog alone"
    first = await start_worker(partitions=1)
    await publish_articles(settings, first.bootstrap, BEFORE)
    await drain(settings, first.bootstrap)
    await first.stop()

    second = await start_worker(partitions=1)
    await publish_articles(settings, second.bootstrap, AFTER)
    await drain(settings, second.bootstrap)

    claims = await read_all(settings, second.bootstrap, CLAIMS, Claim)
    stories: dict[str, set[str | None]] = defaultdict(set)
    for claim in claims:
        stories[GOLD[claim.article_id]].add(claim.story_id)
    assert set(stories) == set(GOLD.values()), "a story with no claims tests nothing"
    assert all(len(ids) == 1 and None not in ids for ids in stories.values()), stories
    every = [next(iter(ids)) for ids in stories.values()]
    assert len(set(every)) == len(every), "two stories share a story id"

    before = {raw.id for raw in BEFORE}
    spanning = {GOLD[c.article_id] for c in claims if c.article_id not in before} & {
        GOLD[c.article_id] for c in claims if c.article_id in before
    }
    assert spanning, "no story had articles on both sides of the restart"

    replayed = {
        t.id: (t.story_id, t.story)
        for t in Pipeline(second.settings).tagged(ARTICLES)
        if isinstance(t, TaggedArticle)
    }
    assert {c.article_id: (c.story_id, c.story) for c in claims} == {
        article_id: replayed[article_id] for article_id in {c.article_id for c in claims}
    }
