"""docs/asyncapi.yaml: what the code generates, valid AsyncAPI 3.0, every topic described."""

import json

import pytest
import yaml
from jsonschema import Draft7Validator
from support import ROOT

from streams.asyncapi import asyncapi_document, asyncapi_yaml
from streams.models import TOPIC_MODELS
from streams.settings import Settings
from streams.topics import partitions

DOCUMENT = ROOT / "docs" / "asyncapi.yaml"
SCHEMA = ROOT / "tests" / "data" / "asyncapi" / "3.0.0.json"  # vendored: see its README.md


def test_the_checked_in_document_is_the_generated_one() -> None:
    assert DOCUMENT.read_text("utf-8") == asyncapi_yaml(), (
        "docs/asyncapi.yaml is out of date: .venv/bin/claimwatch asyncapi > docs/asyncapi.yaml"
    )


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    return Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))


def test_the_document_is_valid_asyncapi_3(validator: Draft7Validator) -> None:
    document = yaml.safe_load(DOCUMENT.read_text("utf-8"))
    assert document["asyncapi"] == "3.0.0"
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]


def test_the_official_schema_refuses_what_is_not_asyncapi(validator: Draft7Validator) -> None:
    """The vendored schema checks what the document holds, bindings and payloads included."""
    document = asyncapi_document()
    document["channels"]["alerts"]["bindings"]["kafka"]["partitions"] = 0
    document["operations"]["sendClaims"]["action"] = "publish"
    document["components"]["schemas"]["Alert"]["type"] = 3
    assert len(list(validator.iter_errors(document))) == 3


def test_every_topic_is_a_channel_with_its_message_key_and_partitions() -> None:
    document = asyncapi_document()
    defaults = Settings.model_construct()
    assert set(document["channels"]) == set(TOPIC_MODELS)
    for topic, model in TOPIC_MODELS.items():
        channel = document["channels"][topic]
        assert channel["address"] == "{prefix}" + topic
        assert list(channel["messages"]) == [model.__name__]
        kafka = channel["bindings"]["kafka"]
        assert kafka["partitions"] == partitions(defaults, topic)
        assert kafka["replicas"] == defaults.replication
        assert "CLAIMWATCH_PARTITIONS" in channel["description"]
        assert "retention" in channel["description"]
        message = document["components"]["messages"][model.__name__]
        assert message["payload"] == {"$ref": f"#/components/schemas/{model.__name__}"}
        assert message["bindings"]["kafka"]["key"]["description"]
        actions = sorted(
            op["action"]
            for op in document["operations"].values()
            if op["channel"] == {"$ref": f"#/channels/{topic}"}
        )
        assert actions == ["receive", "send"], topic
