"""The topics' JSON Schema: 2020-12, identified, and describing every model and field."""

from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from support import an_alert

from streams.models import TOPIC_MODELS
from streams.schemas import SCHEMA_DIALECT, component_schemas, topic_schema


def _objects(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The schema itself and each of its definitions, by name."""
    return {"<root>": schema, **schema.get("$defs", {})}


@pytest.mark.parametrize("topic", sorted(TOPIC_MODELS))
def test_each_topic_schema_is_2020_12_with_an_id(topic: str) -> None:
    schema = topic_schema(topic)
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"] == f"https://claimwatch.dev/schemas/{topic}.json"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("topic", sorted(TOPIC_MODELS))
def test_every_model_and_field_is_described(topic: str) -> None:
    for name, definition in _objects(topic_schema(topic)).items():
        assert definition.get("description"), f"{topic}: {name} has no description"
        for field, schema in definition.get("properties", {}).items():
            assert schema.get("description"), f"{topic}: {name}.{field} has no description"


def test_an_alert_as_sent_validates_and_one_without_its_id_does_not() -> None:
    validator = Draft202012Validator(
        topic_schema("alerts"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    alert = an_alert().model_dump(mode="json")
    validator.validate(alert)
    with pytest.raises(ValidationError, match="'alert_id' is a required property"):
        validator.validate({k: v for k, v in alert.items() if k != "alert_id"})
    with pytest.raises(ValidationError, match="is not a 'date-time'"):
        validator.validate({**alert, "raised_at": "yesterday"})


def test_components_refer_to_each_other_by_the_template() -> None:
    schemas = component_schemas(TOPIC_MODELS.values(), "#/components/schemas/{model}")
    assert set(schemas) >= {m.__name__ for m in TOPIC_MODELS.values()}
    assert schemas["Alert"]["properties"]["claim"]["$ref"] == "#/components/schemas/Claim"
