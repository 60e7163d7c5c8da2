"""JSON Schema of the topics' messages, generated from `streams.models`.

One place makes them, for `claimwatch schema` (one document per topic) and for
the AsyncAPI and OpenAPI documents (the models as components referring to each
other), so every contract a consumer codes against is the same pydantic models.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .models import TOPIC_MODELS

__all__ = ["SCHEMA_BASE", "SCHEMA_DIALECT", "component_schemas", "topic_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""What pydantic writes: JSON Schema 2020-12."""

SCHEMA_BASE = "https://claimwatch.dev/schemas/"
"""Base of the schemas' `$id`: names that identify them, not addresses they are served at."""


def topic_schema(topic: str) -> dict[str, Any]:
    """The JSON Schema of a topic's message (unprefixed topic name), with `$schema` and `$id`."""
    schema = TOPIC_MODELS[topic].model_json_schema()
    return {"$schema": SCHEMA_DIALECT, "$id": f"{SCHEMA_BASE}{topic}.json", **schema}


def component_schemas(
    models: Iterable[type[BaseModel]], ref_template: str
) -> dict[str, dict[str, Any]]:
    """The schemas of `models` and of every model and enum they hold, by name, each referring
    to the others through `ref_template` (e.g. '#/components/schemas/{model}')."""
    unique = dict.fromkeys(models)
    _, top = models_json_schema([(m, "validation") for m in unique], ref_template=ref_template)
    return dict(sorted(top["$defs"].items()))
