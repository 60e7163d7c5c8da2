"""The commands that need no broker, run as a user runs them."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, SAMPLES, an_alert, withdrawal

from claimwatch.cli import _show_alert, main
from streams.models import TOPIC_MODELS, Alert, AlertKind, AlertStatus, Claim


def test_schema_covers_every_topic() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert set(schemas) == set(TOPIC_MODELS)
    alert = schemas["alerts"]["properties"]
    for field in ("alert_id", "kind", "key_text", "claim", "contradicts", "severity", "summary"):
        assert field in alert
    one = CliRunner().invoke(main, ["schema", "alerts"])
    assert json.loads(one.output) == schemas["alerts"]
    assert schemas["alerts"]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_asyncapi_prints_the_checked_in_document() -> None:
    result = CliRunner().invoke(main, ["asyncapi"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "asyncapi.yaml").read_text("utf-8")


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
    assert f"skipped {bad}:2: invalid_json" in result.stderr


@pytest.mark.parametrize(
    ("kind", "figures"),
    [
        (AlertKind.CONTRADICTION, "(more than 100,000 against about 20,000)"),
        (AlertKind.REVISION, "(more than 100,000 replacing about 20,000)"),
    ],
)
def test_a_withdrawn_alert_prints_one_line_saying_which_and_why(
    kind: AlertKind, figures: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _show_alert(withdrawal(an_alert("3f2a9c1e0b7d4a65", kind)), as_json=False)
    assert capsys.readouterr().out == (
        f"[withdrawn · {kind.value}] Calder pension march | crowd: alert 3f2a9c1e0b7d4a65 "
        f"{figures} no longer stands: a figure that arrived late sits between its figures "
        "on the key's timeline\n"
    )


def test_a_raised_alert_prints_its_kind_severity_and_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _show_alert(an_alert(), as_json=False)
    head, summary = capsys.readouterr().out.splitlines()
    assert head == "[contradiction · high] Calder pension march | crowd"
    assert summary.strip() == an_alert().summary


def test_a_withdrawn_alert_in_json_carries_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    _show_alert(withdrawal(an_alert()), as_json=True)
    assert Alert.model_validate_json(capsys.readouterr().out).status == AlertStatus.WITHDRAWN


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.output) == (0, "claimwatch, version 0.1.0\n")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["replay", "no-such-file.jsonl"], {}, "Path 'no-such-file.jsonl' does not exist."),
        (
            ["replay", str(SAMPLES)],
            {"CLAIMWATCH_PARTITIONS": "four"},
            "invalid settings: CLAIMWATCH_PARTITIONS: Input should be a valid integer",
        ),
        (["ingest", str(SAMPLES)], {"CLAIMWATCH_BROKER": None}, "set CLAIMWATCH_BROKER"),
        (["no-such-command"], {}, "No such command 'no-such-command'."),
    ],
    ids=["missing-file", "bad-setting", "no-broker", "no-command"],
)
def test_a_user_error_is_one_line_and_status_2(
    args: list[str], env: dict[str, str | None], message: str
) -> None:
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr


def test_an_unexpected_error_is_one_line_unless_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(paths: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimwatch.cli.read_articles", broken)
    result = CliRunner().invoke(main, ["claims", str(SAMPLES)])
    assert result.exit_code == 1
    assert result.stderr == ("Error: unexpected RuntimeError: disk on fire (--debug shows where)\n")
    result = CliRunner().invoke(main, ["--debug", "claims", str(SAMPLES)])
    assert isinstance(result.exception, RuntimeError)
