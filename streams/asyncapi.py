"""The AsyncAPI 3.0 document of claimwatch's topics, generated from the models and settings.

Each topic is a channel: its address (with `CLAIMWATCH_TOPIC_PREFIX`), its
message (the model's JSON Schema), its record key, partitions, replicas and
retention as created by `streams.topics` with the settings' defaults, and who
writes and reads it. `claimwatch asyncapi` prints it; docs/asyncapi.yaml is
that output, kept in sync by a test. The tables' changelog topics are Faust's
internal state and not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import yaml
from pydantic import BaseModel

from .models import (
    TOPIC_MODELS,
    Alert,
    Claim,
    CleanArticle,
    DeadLetter,
    RawArticle,
    StoryUpdate,
    TaggedArticle,
)
from .schemas import component_schemas
from .settings import Settings
from .topics import (
    ALERTS,
    CLAIMS,
    CLEAN,
    DEADLETTER,
    DEDUPE,
    INTERNAL_TOPICS,
    PIPELINE_TOPICS,
    RAW,
    STORIES,
    STORY,
    TAGGED,
    partitions,
)

__all__ = ["ASYNCAPI_VERSION", "asyncapi_document", "asyncapi_yaml"]

ASYNCAPI_VERSION = "3.0.0"
_KAFKA_BINDING = "0.5.0"
_SCHEMAS = "#/components/schemas/{model}"


@dataclass(frozen=True)
class _Topic:
    """What a topic is for: the documentation the models and settings cannot give."""

    summary: str
    sent_by: str
    read_by: str
    group_suffix: str = ""
    """Its reader's consumer group is `CLAIMWATCH_APP_ID` and this."""


_TOPICS: dict[str, _Topic] = {
    RAW: _Topic(
        "Articles as producers send them.",
        "`claimwatch ingest`, POST /articles, or any Kafka producer.",
        "the clean stage.",
    ),
    DEDUPE: _Topic(
        "Internal: clean articles on their way to the duplicate check.",
        "the clean stage.",
        "the duplicate check.",
    ),
    CLEAN: _Topic(
        "Articles with the page around them removed, copies marked (`duplicate_of`).",
        "the duplicate check.",
        "the tag stage.",
    ),
    STORY: _Topic(
        "Internal: tagged articles on their way to the story stage.",
        "the tag stage.",
        "the story stage.",
    ),
    TAGGED: _Topic(
        "Articles with sentences, named entities and their story; an article too large for "
        "one record travels in parts (`part`, `parts`) under one key.",
        "the story stage.",
        "the extract stage.",
    ),
    CLAIMS: _Topic(
        "Each figure an article states, keyed by its claim key, so every claim on a key is "
        "in one partition, in order.",
        "the extract stage.",
        "the detect stage (its table of known claims).",
    ),
    ALERTS: _Topic(
        "Contradictions and revisions, raised and withdrawn. Delivery is at-least-once: drop "
        "an `alert_id` seen in the same `status`; the alerts standing are the topic folded by "
        "`alert_id`, the last record winning.",
        "the detect stage.",
        "the dispatch stage (webhooks) and every worker's GET /alerts and stories API.",
    ),
    STORIES: _Topic(
        "Each story as it stands after the story stage placed one more article in it: its "
        "label, main entities, first and last seen, articles count, and the article's header. "
        "Delivery is at-least-once: of two updates of a story, the one with more `articles` "
        "is the later.",
        "the story stage.",
        "every worker's stories API (GET /stories...), each reading every partition without "
        "a consumer group.",
    ),
    DEADLETTER: _Topic(
        "Records a stage could not handle, with the reason; the worker goes on.",
        "every stage.",
        "`claimwatch redeliver` (the dispatch stage's records).",
        group_suffix="-redeliver",
    ),
}

_KEYS: dict[type[BaseModel], str] = {
    RawArticle: "The article's `id`.",
    CleanArticle: "The article's `id`.",
    TaggedArticle: "The article's `id` (every part of an article under the same key).",
    Claim: "The claim's `key_text`: every claim on a key in one partition, in order.",
    Alert: "The alert's `alert_id`.",
    StoryUpdate: "The story's `story_id`: every update of a story in one partition, in order.",
    DeadLetter: "Where the failed record was: `stage:topic:partition:offset`.",
}


_DEFAULTS = Settings.model_construct()
"""The settings' defaults, whatever the environment says."""


def _channel(topic: str) -> dict[str, Any]:
    about = _TOPICS[topic]
    model = TOPIC_MODELS[topic].__name__
    count = partitions(_DEFAULTS, topic)
    if count == _DEFAULTS.partitions:
        spread = f"`CLAIMWATCH_PARTITIONS` (default {count})"
    else:
        spread = f"{count}, whatever `CLAIMWATCH_PARTITIONS`: one ordered stream"
    replicas = _DEFAULTS.replication
    description = (
        f"{about.summary} Written by {about.sent_by} Read by {about.read_by}\n\n"
        f"Partitions: {spread}. Replicas: `CLAIMWATCH_REPLICATION` (default {replicas}). "
        "Retention: `cleanup.policy` delete, after the broker's `log.retention.ms` "
        "(claimwatch sets no `retention.ms`; Apache Kafka's default is 7 days)."
    )
    return {
        "address": "{prefix}" + topic,
        "title": topic,
        "description": description,
        "messages": {model: {"$ref": f"#/components/messages/{model}"}},
        "parameters": {"prefix": {"$ref": "#/components/parameters/prefix"}},
        "bindings": {
            "kafka": {
                "partitions": count,
                "replicas": replicas,
                "topicConfiguration": {"cleanup.policy": ["delete"]},
                "bindingVersion": _KAFKA_BINDING,
            }
        },
    }


def _operations(topic: str) -> dict[str, dict[str, Any]]:
    """claimwatch's two operations on a topic: it sends to it and receives from it."""
    about = _TOPICS[topic]
    model = TOPIC_MODELS[topic].__name__
    name = "".join(part.capitalize() for part in topic.split("."))

    def common() -> dict[str, Any]:  # new objects for each: YAML would alias shared ones
        return {
            "channel": {"$ref": f"#/channels/{topic}"},
            "messages": [{"$ref": f"#/channels/{topic}/messages/{model}"}],
        }

    group = {
        "type": "string",
        "default": _DEFAULTS.app_id + about.group_suffix,
        "description": f"`CLAIMWATCH_APP_ID`{about.group_suffix}: a consumer of its own uses "
        "another group.",
    }
    return {
        f"send{name}": {
            "action": "send",
            "summary": f"Written by {about.sent_by}",
            **common(),
        },
        f"receive{name}": {
            "action": "receive",
            "summary": f"Read by {about.read_by}",
            **common(),
            "bindings": {"kafka": {"groupId": group, "bindingVersion": _KAFKA_BINDING}},
        },
    }


def _message(model: type[BaseModel]) -> dict[str, Any]:
    name = model.__name__
    return {
        "name": name,
        "title": name,
        "summary": (model.__doc__ or "").strip().splitlines()[0],
        "contentType": "application/json",
        "payload": {"$ref": _SCHEMAS.format(model=name)},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": _KEYS[model]},
                "bindingVersion": _KAFKA_BINDING,
            }
        },
    }


def asyncapi_document() -> dict[str, Any]:
    """The AsyncAPI document of every topic claimwatch writes and reads."""
    topics = (*PIPELINE_TOPICS, *INTERNAL_TOPICS)
    models = list(dict.fromkeys(TOPIC_MODELS[t] for t in topics))
    operations: dict[str, Any] = {}
    for topic in topics:
        operations.update(_operations(topic))
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "claimwatch topics",
            "version": version("claimwatch"),
            "description": (
                "The Kafka topics of claimwatch: articles in, alerts out. Every record's value "
                "is a JSON object of the channel's message schema, generated from the "
                "pydantic models in `streams/models.py` (`claimwatch schema TOPIC` prints one "
                "as JSON Schema 2020-12). Fields are added, never renamed; a consumer ignores "
                "those it does not know. Internal topics carry work between two stages of one "
                "article and may change.\n\n"
                "claimwatch creates every topic (`claimwatch topics`, or a worker at start) "
                "with the partitions, replicas and retention its channel states. A record is at "
                "most `CLAIMWATCH_MAX_MESSAGE_BYTES` (default "
                f"{_DEFAULTS.max_message_bytes}): key and value, JSON in UTF-8. The changelog "
                "topics of the tables (`CLAIMWATCH_APP_ID-<table>-changelog`, compacted) are "
                "Faust's state, not a contract."
            ),
            "license": {"name": "Apache-2.0"},
        },
        "defaultContentType": "application/json",
        "servers": {
            "kafka": {
                "host": "{bootstrap}",
                "protocol": "kafka",
                "description": "The broker of `CLAIMWATCH_BROKER` (unset: the embedded one "
                "`claimwatch demo` starts).",
                "variables": {
                    "bootstrap": {
                        "default": "localhost:9092",
                        "description": "host:port of a broker (`CLAIMWATCH_BROKER` without "
                        "its kafka://).",
                    }
                },
            }
        },
        "channels": {topic: _channel(topic) for topic in topics},
        "operations": operations,
        "components": {
            "schemas": component_schemas(models, _SCHEMAS),
            "messages": {model.__name__: _message(model) for model in models},
            "parameters": {
                "prefix": {
                    "default": "",
                    "description": "`CLAIMWATCH_TOPIC_PREFIX`: one stack's topics apart from "
                    "another's on one broker (default: none).",
                }
            },
        },
    }


def asyncapi_yaml() -> str:
    """The document as YAML, in the order written above (what docs/asyncapi.yaml holds)."""
    return yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True, width=100)
