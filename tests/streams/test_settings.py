import json

import pytest
from pydantic import ValidationError

from streams.kafka import bootstrap_servers, client_options
from streams.models import AlertKind, Severity
from streams.settings import Settings, SettingsError, settings_error


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_BROKER", "kafka://k1:9092;kafka://k2:9092")
    monkeypatch.setenv("CLAIMWATCH_WEBHOOK_URLS", "http://a.test/hook, http://b.test/hook")
    monkeypatch.setenv("CLAIMWATCH_WEBHOOK_SECRET", "whsec_c2VjcmV0")
    settings = Settings()
    assert bootstrap_servers(settings.broker or "") == "k1:9092,k2:9092"
    assert settings.webhook_urls == ["http://a.test/hook", "http://b.test/hook"]
    assert "c2VjcmV0" not in repr(settings)


def test_embedded_tuning_keeps_explicit_values() -> None:
    tuned = Settings(session_timeout=6.0).with_embedded_broker("kafka://127.0.0.1:1234")
    assert tuned.broker == "kafka://127.0.0.1:1234"
    assert tuned.session_timeout == 6.0
    assert tuned.producer_max_batch_size == 1
    assert (Settings().store, tuned.store) == ("rocksdb://", "memory://")
    assert Settings(store="rocksdb://").with_embedded_broker("kafka://h:1").store == "rocksdb://"


def test_sasl_options() -> None:
    settings = Settings(
        broker="kafka://k:9093",
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="cw",
        sasl_password="pw",
    )
    options = client_options(settings)
    assert options["bootstrap_servers"] == "k:9093"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_password"] == "pw"
    assert options["ssl_context"] is not None


def test_topic_prefix() -> None:
    assert Settings(topic_prefix="desk1.").topic("alerts") == "desk1.alerts"


def test_a_bad_value_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_PARTITIONS", "four")
    monkeypatch.setenv("CLAIMWATCH_WEB_PORT", "-1")
    with pytest.raises(SettingsError) as raised:
        Settings.load()
    assert str(raised.value) == (
        "invalid settings: CLAIMWATCH_PARTITIONS: Input should be a valid integer, unable to "
        "parse string as an integer; CLAIMWATCH_WEB_PORT: Input should be greater than or "
        "equal to 0"
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"CLAIMWATCH_WEBHOOK_SECRET": "whsec_not base64!"},
            "invalid settings: CLAIMWATCH_WEBHOOK_SECRET: a whsec_ secret must be base64 after "
            "the prefix",
        ),
        (
            {"CLAIMWATCH_WEBHOOK_URLS": "hooks.example/alerts?token=s3cret"},
            "invalid settings: CLAIMWATCH_WEBHOOK_URLS: hooks.example/alerts is not an http(s) "
            "URL with a host",
        ),
        (
            {"CLAIMWATCH_WEBHOOK_URLS": "http://a.test/h?token=s3cret," * 2},
            "invalid settings: CLAIMWATCH_WEBHOOK_URLS: an endpoint is listed twice",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": "http://a.test/h?token=s3cret"},
            "invalid settings: CLAIMWATCH_WEBHOOKS: not a JSON list of endpoints (Expecting "
            "value at character 0); URLs without filters go in CLAIMWATCH_WEBHOOK_URLS",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": '[{"url": "http://a.test/h?t=s3cret", "kind": "revision"}]'},
            "invalid settings: CLAIMWATCH_WEBHOOKS[0].kind: Extra inputs are not permitted",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": '[{"url": "http://a.test/h", "kinds": ["s3cret"]}]'},
            "invalid settings: CLAIMWATCH_WEBHOOKS[0].kinds[0]: Input should be "
            "'contradiction' or 'revision'",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": '{"url": "http://a.test/h", "min_severity": "s3cret"}'},
            "invalid settings: CLAIMWATCH_WEBHOOKS[0].min_severity: Input should be 'low', "
            "'medium' or 'high'",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": '[{"url": "http://a.test/h", "story": ["s3cret", " "]}]'},
            "invalid settings: CLAIMWATCH_WEBHOOKS[0].story: a story text is empty",
        ),
        (
            {"CLAIMWATCH_WEBHOOKS": '[{"url": "http://a.test/h", "secret": "whsec_s3cret!"}]'},
            "invalid settings: CLAIMWATCH_WEBHOOKS[0].secret: a whsec_ secret must be base64",
        ),
        (
            {
                "CLAIMWATCH_WEBHOOK_URLS": "http://a.test/h?t=s3cret",
                "CLAIMWATCH_WEBHOOKS": '[{"url": "http://a.test/h?t=s3cret"}]',
            },
            "invalid settings: CLAIMWATCH_WEBHOOKS: an endpoint is in CLAIMWATCH_WEBHOOK_URLS "
            "too (list it once)",
        ),
    ],
    ids=[
        "secret-not-base64",
        "url-without-scheme",
        "url-twice",
        "webhooks-not-json",
        "filter-misspelt",
        "unknown-kind",
        "unknown-severity",
        "blank-story",
        "endpoint-secret-not-base64",
        "endpoint-in-both",
    ],
)
def test_bad_webhook_settings_say_which_and_why_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], message: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as raised:
        Settings()
    said = settings_error(raised.value)
    assert said.startswith(message)
    assert "\n" not in said
    assert "s3cret" not in said and "s3cret" not in str(raised.value)


def test_endpoints_are_the_plain_urls_then_the_subscriptions_each_with_its_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWATCH_WEBHOOK_URLS", "http://all.test/hook")
    monkeypatch.setenv("CLAIMWATCH_WEBHOOK_SECRET", "whsec_c2VjcmV0")
    given = [
        {"url": "http://talmora.test/hook", "kinds": ["contradiction"], "story": "talmora"},
        {"url": "http://own.test/hook", "secret": "own words", "min_severity": "medium"},
    ]
    monkeypatch.setenv("CLAIMWATCH_WEBHOOKS", json.dumps(given))
    plain, talmora, own = Settings().endpoints
    assert plain.url == "http://all.test/hook"
    assert (plain.kinds, plain.min_severity, plain.story) == (set(AlertKind), Severity.LOW, [])
    assert (talmora.kinds, talmora.story) == ({AlertKind.CONTRADICTION}, ["talmora"])
    assert own.min_severity == Severity.MEDIUM
    secrets = [e.secret.get_secret_value() if e.secret else None for e in (plain, talmora, own)]
    assert secrets == ["whsec_c2VjcmV0", "whsec_c2VjcmV0", "own words"]
    assert "own words" not in repr(Settings())


def test_subscriptions_pass_to_a_worker_process_as_they_were_given() -> None:
    endpoint = {"url": "http://desk.test/hook", "secret": "whsec_c2VjcmV0", "story": ["calder"]}
    settings = Settings(webhooks=[endpoint])
    env = settings.as_env()
    assert json.loads(env["CLAIMWATCH_WEBHOOKS"]) == [endpoint]
    assert Settings(webhooks=env["CLAIMWATCH_WEBHOOKS"]).endpoints == settings.endpoints


def test_a_raw_secret_and_a_base64_one_are_accepted() -> None:
    assert Settings(webhook_secret="plain words").webhook_secret is not None
    assert Settings(webhook_secret="whsec_c2VjcmV0").webhook_secret is not None


def test_tansu_tuning_fills_only_what_is_unset() -> None:
    settings = Settings(broker="kafka://tansu:9092", store="rocksdb://")
    assert settings.tansu_tuning_missing() == {
        "producer_max_batch_size": 1,
        "session_timeout": 3.0,
        "commit_interval": 0.5,
        "recovery_delay": 0.2,
        "fetch_max_wait": 0.1,
    }
    tuned = settings.tuned_for_tansu()
    assert (tuned.producer_max_batch_size, tuned.store) == (1, "rocksdb://")
    assert tuned.tansu_tuning_missing() == {}


def test_a_worker_process_gets_the_settings_set_and_nothing_else() -> None:
    """A default passed on would read as set there, and hide a Tansu's tuning."""
    env = Settings(broker="kafka://tansu:9092", partitions=2).as_env()
    assert env == {"CLAIMWATCH_BROKER": "kafka://tansu:9092", "CLAIMWATCH_PARTITIONS": "2"}
