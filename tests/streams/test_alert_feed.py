from datetime import UTC, datetime, timedelta

from streams.alert_feed import AlertFeed
from streams.models import Alert, AlertKind, Claim, ClaimKey, FigureValue, Qualifier, Severity, Span

T0 = datetime(2025, 4, 5, 12, 0, tzinfo=UTC)
CLAIM = Claim(
    claim_id="c1",
    article_id="a1",
    key=ClaimKey(subject="Calder", measure="crowd"),
    key_text="Calder | crowd",
    value=FigureValue(low=20000, high=20000, qualifier=Qualifier.APPROX),
    sentence="Police put the crowd at about 20,000.",
    span=Span(start=28, end=40),
)


def alert(alert_id: str, minutes: int, key_text: str = CLAIM.key_text) -> Alert:
    return Alert(
        alert_id=alert_id,
        kind=AlertKind.CONTRADICTION,
        key_text=key_text,
        claim=CLAIM,
        contradicts=[CLAIM],
        severity=Severity.HIGH,
        summary="",
        raised_at=T0 + timedelta(minutes=minutes),
    )


def ids(alerts: list[Alert]) -> list[str]:
    return [a.alert_id for a in alerts]


def test_newest_first_whatever_the_order_of_arrival() -> None:
    feed = AlertFeed(size=10)
    for a in (alert("b", 2), alert("a", 1), alert("c", 3)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10)) == ["c", "b", "a"]
    assert ids(feed.recent(since=None, limit=2)) == ["c", "b"]


def test_since_keeps_alerts_raised_at_that_time_or_later() -> None:
    feed = AlertFeed(size=10)
    for a in (alert("a", 1), alert("b", 2), alert("c", 2)):
        feed.add(a)
    assert sorted(ids(feed.recent(since=T0 + timedelta(minutes=2), limit=10))) == ["b", "c"]
    assert ids(feed.recent(since=T0 + timedelta(minutes=3), limit=10)) == []


def test_key_keeps_the_alerts_of_one_claim_key() -> None:
    feed = AlertFeed(size=10)
    for a in (alert("a", 1), alert("b", 2, key_text="Talmora | killed"), alert("c", 3)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10, key="Calder | crowd")) == ["c", "a"]
    assert ids(feed.recent(since=None, limit=1, key="Talmora | killed")) == ["b"]
    assert ids(feed.recent(since=None, limit=10, key="Nowhere | nothing")) == []


def test_a_redelivered_alert_is_held_once() -> None:
    feed = AlertFeed(size=10)
    feed.add(alert("a", 1))
    feed.add(alert("a", 5))
    assert [a.raised_at for a in feed.recent(since=None, limit=10)] == [T0 + timedelta(minutes=1)]
    assert feed.holds("a") and not feed.holds("b")


def test_the_oldest_arrival_is_forgotten_beyond_the_bound() -> None:
    feed = AlertFeed(size=2)
    for a in (alert("a", 1), alert("b", 2), alert("c", 3)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10)) == ["c", "b"]
