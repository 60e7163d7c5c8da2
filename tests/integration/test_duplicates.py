"""Syndicated copies are marked across partitions and across a worker restart."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka.partitioner import DefaultPartitioner
from support import drain

from streams.models import CleanArticle, RawArticle
from streams.runtime import publish_articles, read_topic
from streams.topics import CLEAN

pytestmark = pytest.mark.integration

PARAGRAPHS = [
    "RIVERTON, May 4 (Wire) - Floodwaters on the Sava plain have killed 23 people and left "
    "41 missing, the regional emergency office said on Sunday.",
    "Rescue crews in boats reached the village of Dolnik after the river broke through an "
    "embankment overnight, forcing about 1,800 residents from their homes.",
    '"The water rose faster than anyone had seen," said Marta Ilic, who runs a bakery on the '
    'main square. "By midnight the street was a river."',
    "The office said 6 of the dead were found in cars swept off a road near the bridge at "
    "Gornja Lipa.",
    "Forecasters expect two more days of heavy rain across the upper valley, and the army has "
    "sent engineers to reinforce the dikes downstream.",
    "Officials warned that the toll could rise as teams search flooded farms that have been "
    "cut off since Friday.",
]
REPORT = "\n\n".join(PARAGRAPHS)
# Reprinted without the dateline or the last paragraph, under a reprint notice.
COPY = "\n\n".join(
    [
        "This story was originally published by Wire.",
        PARAGRAPHS[0].removeprefix("RIVERTON, May 4 (Wire) - "),
        *PARAGRAPHS[1:-1],
    ]
)


def _ids_on_partitions(partitions: int) -> tuple[str, str]:
    """Two article ids that the default partitioner sends to different partitions."""
    partitioner = DefaultPartitioner()
    every = list(range(partitions))
    placed: dict[int, str] = {}
    for n in range(100):
        article_id = f"flood-{n}"
        placed.setdefault(partitioner(article_id.encode(), every, every), article_id)
        if len(placed) == 2:
            return placed[0], placed[1]
    raise AssertionError("no two ids on different partitions")


async def _clean_articles(settings, bootstrap: str, count: int) -> list[CleanArticle]:
    found: list[CleanArticle] = []

    async def gather() -> None:
        async for article in read_topic(settings, bootstrap, CLEAN, CleanArticle):
            found.append(article)
            if len(found) == count:
                return

    await asyncio.wait_for(gather(), 30)
    return found


@pytest.mark.parametrize("store", ["memory://", "rocksdb://"])
async def test_a_copy_is_marked_on_another_partition_after_a_restart(
    start_worker, settings, store: str
) -> None:
    """memory:// rebuilds the fingerprints from the changelog alone; rocksdb:// from disk."""
    settings = settings.model_copy(update={"store": store})
    original_id, copy_id = _ids_on_partitions(settings.partitions)
    original = RawArticle(id=original_id, source="Wire", title="Floods kill 23", body=REPORT)
    copy = RawArticle(
        id=copy_id, source="Daily Herald", title="Sava floods: 23 dead, 41 missing", body=COPY
    )

    first = await start_worker(store=store)
    await publish_articles(settings, first.bootstrap, [original])
    await drain(settings, first.bootstrap)
    await first.stop()

    second = await start_worker(store=store)
    await publish_articles(settings, second.bootstrap, [copy, original])
    await drain(settings, second.bootstrap)

    seen = await _clean_articles(settings, second.bootstrap, 3)
    verdicts = sorted((a.id, a.duplicate_of) for a in seen)
    assert verdicts == sorted([(original_id, None), (original_id, None), (copy_id, original_id)]), (
        "the copy points at the original; the re-sent original is still the original"
    )
    assert all(a.paragraphs for a in seen), "a copy is marked, not emptied"
