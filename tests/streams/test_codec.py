import pytest

from streams.codec import PAYLOAD_LIMIT, dead_letter, decode, encode
from streams.errors import DecodeError
from streams.models import RawArticle


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty_payload"),
        (None, "empty_payload"),
        (b"\xff\xfe\x00", "not_utf8"),
        (b'{"body": "lone \\ud800 surrogate"}', "not_utf8"),
        (b"{not json", "invalid_json"),
        (b"[" * 100_000, "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (b'"text"', "not_an_object"),
        (b'{"title": "no body"}', "invalid_message"),
        (b'{"body": 42}', "invalid_message"),
        (b'{"body": "x", "published_at": "last Tuesday"}', "invalid_message"),
    ],
)
def test_bad_payloads_have_a_reason(payload: bytes | None, reason: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode(RawArticle, payload)
    assert caught.value.reason == reason


def test_round_trip_keeps_every_field() -> None:
    article = RawArticle(
        id="a1",
        url="https://example.org/a1",
        source="Example Wire",
        title="Quake toll rises",
        published_at="2025-03-02T08:00:00Z",
        content_type="text/html",
        body="<p>At least 40 people died.</p>",
    )
    assert decode(RawArticle, encode(article)) == article


def test_naive_dates_are_taken_as_utc() -> None:
    article = decode(RawArticle, b'{"body": "x", "published_at": "2025-03-02"}')
    assert article.published_at is not None
    assert article.published_at.utcoffset().total_seconds() == 0


def test_missing_id_is_a_hash_of_url_and_body() -> None:
    first = RawArticle(url="https://example.org/x", body="same")
    again = RawArticle(url="https://example.org/x", body="same")
    other = RawArticle(url="https://example.org/y", body="same")
    assert first.id == again.id != other.id


def test_deadletter_truncates_and_keeps_the_reason() -> None:
    payload = b"{" + b"x" * (PAYLOAD_LIMIT * 3)
    try:
        decode(RawArticle, payload)
    except DecodeError as exc:
        record = dead_letter("clean", exc, payload, topic="articles.raw", partition=2, offset=7)
    assert record.reason == "invalid_json"
    assert len(record.payload) == PAYLOAD_LIMIT
    assert (record.stage, record.topic, record.partition, record.offset) == (
        "clean",
        "articles.raw",
        2,
        7,
    )


def test_unexpected_errors_are_named() -> None:
    record = dead_letter("tag", ValueError("boom"), b"{}")
    assert record.reason == "unexpected_error"
    assert "ValueError: boom" in record.error
