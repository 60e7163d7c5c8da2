from datetime import UTC, datetime, timedelta

from support import an_alert

from streams.alert_feed import AlertFeed
from streams.models import Alert, AlertStatus

T0 = datetime(2025, 4, 5, 12, 0, tzinfo=UTC)
CALDER = "Calder | crowd"


def alert(
    alert_id: str,
    minutes: int,
    key_text: str = CALDER,
    status: AlertStatus = AlertStatus.RAISED,
) -> Alert:
    return an_alert(alert_id).model_copy(
        update={
            "key_text": key_text,
            "raised_at": T0 + timedelta(minutes=minutes),
            "status": status,
        }
    )


def withdrawn(alert_id: str, minutes: int, key_text: str = CALDER) -> Alert:
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
    assert ids(feed.recent(since=None, limit=10, key=CALDER)) == ["c", "a"]
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
    assert ids(feed.withdrawn(since=None, limit=10, key=CALDER)) == ["a"]
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
