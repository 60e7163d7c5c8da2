"""Binds every stage's Faust agent to an app, around one shared `Pipeline`."""

from __future__ import annotations

from streams.app import ClaimwatchApp

from .clean.agent import bind as bind_clean
from .detect.agent import bind as bind_detect
from .dispatch.agent import bind as bind_dispatch
from .extract.agent import bind as bind_extract
from .pipeline import Pipeline
from .story.agent import bind as bind_story
from .tag.agent import bind as bind_tag

__all__ = ["bind_all"]


def bind_all(app: ClaimwatchApp) -> Pipeline:
    pipeline = Pipeline(app.settings)
    for bind in (bind_clean, bind_tag, bind_story, bind_extract, bind_detect, bind_dispatch):
        bind(app, pipeline)
    return pipeline
