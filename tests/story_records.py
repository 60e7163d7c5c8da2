"""Stories, claims and alerts of two invented stories, for the tests of the stories' read
model and of the routes that answer from it (importable as `story_records`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
    StoryArticle,
    StoryEntity,
    StoryUpdate,
)

T0 = datetime(2025, 4, 5, 8, tzinfo=UTC)
QUAKE, MARCH = "quake-1", "march-1"
LABELS = {QUAKE: "Talmora | earthquake", MARCH: "Calder | march"}


def update(story_id: str, n: int, day: int = 0) -> StoryUpdate:
    """The story's update after its `n`th article, published `day` days after T0."""
    entities = [
        StoryEntity(term="talmora", name="Talmora", kind="GPE", weight=3.0),
        StoryEntity(term="red cross", name="Red Cross", kind="ORG", weight=2.0),
        StoryEntity(term="amara venn", name="Amara Venn", kind="PERSON", weight=1.0),
    ]
    if story_id == MARCH:
        entities = [StoryEntity(term="calder", name="Calder", kind="GPE", weight=2.0)]
    return StoryUpdate(
        story_id=story_id,
        label=LABELS[story_id],
        article=StoryArticle(
            article_id=f"{story_id}-a{n}",
            title=f"Report {n}",
            source="Harbour Post",
            url=f"https://harbour.example/{story_id}/{n}",
            published_at=T0 + timedelta(days=day),
        ),
        entities=entities,
        first_seen=T0,
        last_seen=T0 + timedelta(days=day),
        articles=n,
    )


def claim(
    story_id: str,
    n: int,
    figure: float,
    voice: str | None = None,
    day: int = 0,
    measure: str = "deaths",
) -> Claim:
    key = ClaimKey(subject=LABELS[story_id], measure=measure)
    return Claim(
        claim_id=f"{story_id}-c{n}",
        article_id=f"{story_id}-a{day + 1}",
        source="Harbour Post",
        published_at=T0 + timedelta(days=day),
        story_id=story_id,
        story=LABELS[story_id],
        key=key,
        key_text=key.text,
        quantity_kind="cumulative",
        value=FigureValue(low=figure, high=figure, qualifier=Qualifier.EXACT, text=str(figure)),
        attributed_to=voice,
        sentence=f"{voice or 'The paper'} said {figure} died.",
        span=Span(start=0, end=3),
    )


def alert(
    alert_id: str,
    new: Claim,
    earlier: Claim,
    kind: AlertKind = AlertKind.CONTRADICTION,
    severity: Severity = Severity.HIGH,
    status: AlertStatus = AlertStatus.RAISED,
) -> Alert:
    return Alert(
        alert_id=alert_id,
        kind=kind,
        key_text=new.key_text,
        claim=new,
        contradicts=[earlier],
        severity=severity,
        summary="They differ.",
        raised_at=new.published_at or T0,
        status=status,
    )


C1 = claim(QUAKE, 1, 120, "a spokesperson for the Red Cross", day=0)
C2 = claim(QUAKE, 2, 140, None, day=1)
C3 = claim(QUAKE, 3, 300, "Red Cross officials", day=2)
C4 = claim(QUAKE, 4, 40, "the governor", day=2, measure="missing")
M1 = claim(MARCH, 1, 20000, "police", day=5, measure="crowd")
A1 = alert("al-1", C3, C2)
A2 = alert("al-2", M1, M1, kind=AlertKind.REVISION, severity=Severity.LOW)
RECORDS: list[StoryUpdate | Claim | Alert] = [
    update(QUAKE, 1, 0),
    update(QUAKE, 2, 1),
    update(QUAKE, 3, 2),
    update(MARCH, 1, 5),
    C1,
    C2,
    C3,
    C4,
    M1,
    A1,
    A2,
]
