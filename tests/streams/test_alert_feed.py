from datetime import UTC, datetime, timedelta

from streams.alert_feed import AlertFeed
from streams.models import (
    Alert,
    AlertKind,
    AlertStatus,
    Claim,
    ClaimKey,
    FigureValue,
    Qualifier,
    Severity,
    Span,
)

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


def alert(
    alert_id: str,
    minutes: int,
    key_text: str = CLAIM.key_text,
    status: AlertStatus = AlertStatus.RAISED,
) -> Alert:
    return Alert(
        alert_id=alert_id,
        kind=AlertKind.CONTRADICTION,
        key_text=key_text,
        claim=CLAIM,
        contradicts=[CLAIM],
        severity=Severity.HIGH,
        summary="",
        raised_at=T0 + timedelta(minutes=minutes),
        status=status,
    )


def withdrawn(alert_id: str, minutes: int, key_text: str = CLAIM.key_text) -> Alert:
    return alert(alert_id, minutes, key_text, AlertStatus.WITHDRAWN)


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


def test_a_withdrawal_takes_the_alert_out_of_the_standing_ones() -> None:
    feed = AlertFeed(size=10)
    for a in (alert("a", 1), alert("b", 2), withdrawn("a", 5)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10)) == ["b"]
    assert ids(feed.withdrawn(since=None, limit=10)) == ["a"]
    assert [a.raised_at for a in feed.withdrawn(since=None, limit=10)] == [
        T0 + timedelta(minutes=5)
    ]


def test_withdrawals_are_selected_by_when_they_were_made_and_by_key() -> None:
    feed = AlertFeed(size=10)
    for a in (alert("a", 1), alert("b", 2, key_text="Talmora | killed"), alert("c", 3)):
        feed.add(a)
    for a in (withdrawn("a", 4), withdrawn("b", 6, key_text="Talmora | killed")):
        feed.add(a)
    since = T0 + timedelta(minutes=5)
    assert ids(feed.withdrawn(since=since, limit=10)) == ["b"], "a poller sees the new ones"
    assert ids(feed.withdrawn(since=None, limit=10, key="Calder | crowd")) == ["a"]
    assert ids(feed.withdrawn(since=None, limit=1)) == ["b"]
    assert ids(feed.recent(since=None, limit=10)) == ["c"]


def test_the_feed_holds_the_latest_status_of_each_alert() -> None:
    feed = AlertFeed(size=10)
    feed.add(alert("a", 1))
    assert feed.holds("a") and not feed.holds("a", AlertStatus.WITHDRAWN)
    feed.add(withdrawn("a", 2))
    feed.add(withdrawn("a", 3))  # redelivered: the first withdrawal is kept
    assert feed.holds("a", AlertStatus.WITHDRAWN) and not feed.holds("a")
    assert [a.raised_at for a in feed.withdrawn(None, 10)] == [T0 + timedelta(minutes=2)]


def test_an_alert_raised_again_after_its_withdrawal_stands_again() -> None:
    """The topic's last record of an id wins, as compaction would keep it."""
    feed = AlertFeed(size=10)
    for a in (alert("a", 1), withdrawn("a", 2), alert("a", 3)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10)) == ["a"]
    assert feed.withdrawn(since=None, limit=10) == []


def test_a_withdrawal_counts_as_the_newest_arrival_against_the_bound() -> None:
    feed = AlertFeed(size=2)
    for a in (alert("a", 1), alert("b", 2), withdrawn("a", 3), alert("c", 4)):
        feed.add(a)
    assert ids(feed.recent(since=None, limit=10)) == ["c"]
    assert ids(feed.withdrawn(since=None, limit=10)) == ["a"]
