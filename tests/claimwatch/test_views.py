from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from claimwatch.views import AlertsQuery, parse_articles


@pytest.mark.parametrize(
    ("body", "ids"),
    [
        (b'{"id": "one", "body": "text"}', ["one"]),
        (b' [{"id": "one", "body": "a"}, {"id": "two", "body": "b"}]', ["one", "two"]),
    ],
)
def test_one_article_or_a_list(body: bytes, ids: list[str]) -> None:
    assert [a.id for a in parse_articles(body)] == ids


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"id": "one"}', ("body",)),
        (b'[{"body": "a"}, {"id": "x"}]', (1, "body")),
        (b"[]", ()),
        (b'"just text"', ()),
        (b"{", ()),
    ],
)
def test_what_is_not_an_article_is_refused_with_where(body: bytes, where: tuple) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_articles(body)
    assert caught.value.errors()[0]["loc"][: len(where)] == where


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2025-04-05T12:00:00Z", datetime(2025, 4, 5, 12, tzinfo=UTC)),
        ("2025-04-05T12:00:00", datetime(2025, 4, 5, 12, tzinfo=UTC)),
        ("2025-04-05", datetime(2025, 4, 5, tzinfo=UTC)),
    ],
)
def test_since_is_read_as_utc_when_naive(since: str, expected: datetime) -> None:
    assert AlertsQuery.model_validate({"since": since}).since == expected
