"""Answers as CSV: one column per leaf field, from the model, whatever the rows."""

import csv
import io
import json

from support import an_alert

from agents.stories import VoicedClaim
from claimwatch.csv_export import columns, to_csv
from streams.models import Alert


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_nested_models_are_dotted_columns_in_field_order() -> None:
    found = columns(VoicedClaim)
    assert found[:3] == ["voice", "claim.claim_id", "claim.article_id"]
    assert "claim.value.low" in found and "claim.key.measure" in found
    assert "claim" not in found and "claim.value" not in found


def test_an_empty_answer_has_its_header() -> None:
    assert to_csv(Alert, []).splitlines() == [",".join(columns(Alert))]


def test_values_as_written() -> None:
    alert = an_alert()
    (row,) = _rows(to_csv(Alert, [alert]))
    assert row["alert_id"] == alert.alert_id and row["kind"] == "contradiction"
    assert row["claim.value.low"] == "100000.0" and row["claim.value.high"] == ""
    assert row["claim.historical"] == "false"
    assert row["raised_at"] == "2025-04-05T00:00:00Z"
    assert row["claim.sentence"] == alert.claim.sentence  # commas and all, quoted
    earlier = alert.contradicts[0].model_dump(mode="json")
    assert row["contradicts"] == json.dumps([earlier], ensure_ascii=False)
