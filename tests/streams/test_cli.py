"""The commands that need no broker, run as a user runs them."""

import json
from pathlib import Path

from click.testing import CliRunner
from support import SAMPLES

from streams.cli import main
from streams.models import TOPIC_MODELS, Alert, Claim


def test_schema_covers_every_topic() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert set(schemas) == set(TOPIC_MODELS)
    alert = schemas["alerts"]["properties"]
    for field in ("alert_id", "kind", "key_text", "claim", "contradicts", "severity", "summary"):
        assert field in alert


def test_replay_prints_alerts_as_json_lines() -> None:
    result = CliRunner().invoke(
        main, ["replay", "--json", *map(str, sorted(SAMPLES.glob("*.json")))]
    )
    assert result.exit_code == 0, result.output
    alerts = [Alert.model_validate_json(line) for line in result.stdout.splitlines()]
    assert alerts
    assert all(alert.contradicts for alert in alerts)


def test_claims_reads_a_jsonl_of_articles(tmp_path: Path) -> None:
    lines = tmp_path / "two.jsonl"
    lines.write_text(
        "\n".join(
            json.dumps({"id": article_id, "source": "Test Wire", "body": body})
            for article_id, body in [
                ("flood-1", "At least 40 people were killed in the floods, officials said."),
                ("flood-2", "Rescuers said 120 people were still missing on Friday."),
            ]
        ),
        "utf-8",
    )
    result = CliRunner().invoke(main, ["claims", "--json", str(lines)])
    assert result.exit_code == 0, result.output
    claims = [Claim.model_validate_json(line) for line in result.stdout.splitlines()]
    assert {claim.article_id for claim in claims} == {"flood-1", "flood-2"}
    assert {claim.key.measure for claim in claims} >= {"deaths", "missing"}


def test_clean_explain_gives_a_reason_per_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Storm leaves thousands without power - 2 hours ago\n"
        "More than 30,000 homes lost power overnight as the storm crossed the coast, "
        "the utility said on Sunday.\n"
        "Related Articles\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["clean", "--explain", "--json", str(page)])
    assert result.exit_code == 0, result.output
    decisions = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["kept"] for d in decisions] == [False, True, False]
    assert all(d["reason"] for d in decisions)


def test_unreadable_records_are_reported_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": "Officials said 12 people died."}\n{oops\n', "utf-8")
    result = CliRunner().invoke(main, ["claims", str(bad)])
    assert result.exit_code == 0
    assert f"skipped {bad}:2: invalid JSON" in result.stderr
