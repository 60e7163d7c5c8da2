"""What spaCy alone does with the same texts: the ceiling the pipeline is held against.

The texts are the ones the tag stage receives (`agents.tag.article_texts` of
each cleaned article), the pipeline the one a worker loads (`load_nlp`: the
same model and claimwatch's components), run in this process with nothing
else: `nlp.pipe` over every text with every component. A second figure times
the stage functions in-process (tag and extract per article, no Kafka), which
splits the pipeline's distance from the ceiling into stage logic and transport.
A third times the story stage alone over the same tagged articles: it reads one
partition, so its rate bounds the whole group's (`bench.story`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from agents.pipeline import Pipeline
from agents.tag import article_texts, load_nlp
from streams.models import CleanArticle, RawArticle
from streams.settings import Settings

from .story import StoryTiming, time_story

__all__ = ["Ceiling", "measure_ceiling"]

_WARM_UP = 3


@dataclass(frozen=True)
class Ceiling:
    articles: int
    words: int
    spacy_seconds: float
    stages_seconds: float
    story: StoryTiming

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.spacy_seconds

    @property
    def stages_articles_per_s(self) -> float:
        return self.articles / self.stages_seconds


def measure_ceiling(settings: Settings, raws: Sequence[RawArticle]) -> Ceiling:
    nlp = load_nlp(settings.spacy_model)
    pipeline = Pipeline(settings, nlp)
    cleans: list[CleanArticle] = [pipeline.clean(raw) for raw in raws]
    texts = [text for clean in cleans for text in article_texts(clean)]
    list(nlp.pipe(texts[:_WARM_UP]))
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    tagged = []
    for clean in cleans:
        tagged.append(pipeline.tag(clean))
        pipeline.extract(tagged[-1])
    stages_seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    story = time_story(pipeline, tagged)
    return Ceiling(len(cleans), words, spacy_seconds, stages_seconds, story)
