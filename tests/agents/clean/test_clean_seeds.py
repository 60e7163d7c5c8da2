"""The user's five scraped pages (../shared/seeds): the article survives whole, the page goes.

Labels are line numbers of each seed file (1-based): `ARTICLE_LINES` are the
article's own text, `EITHER_WAY` lines may go either way (a figure-less subheading).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.clean import clean_article, explain_cleaning
from streams.models import RawArticle
from streams.settings import Settings

SEEDS = Path(__file__).parents[3] / ".." / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")

ARTICLE_LINES: dict[str, set[int]] = {
    "000": set(range(7, 17)),
    "001": set(range(22, 33)),
    "002": set(range(3, 13)) | set(range(15, 23)),
    "003": set(range(9, 26, 2)),
    "004": {5, 12, 14, 16, 18, 22, 24, 26},
}
EITHER_WAY: dict[str, set[int]] = {"004": {20}}

KEPT = [
    ("000", "North Korea may deploy more troops to Russia as early as July or August"),
    ("000", "to send 5,000 military construction workers and 1,000 sappers"),
    ("000", "'The National Intelligence Service reported that it is working to minimize"),
    ("000", "neither North Korea nor Russia acknowledged their presence until this year in April."),
    ("001", "North Korea sent an estimated 11,000 troops to Russia late last year"),
    ("001", "“Following a monthlong lull, North Korean troops were placed back"),
    ("001", "But Mr. Kim has not publicly responded."),
    ("002", "after an estimated 14,000 were sent last year"),
    ("002", "Around 4,000 North Korean soldiers are estimated to have been killed or injured"),
    ("002", "Defense experts, however, argue that an even greater concern"),
    ("002", "all the while affecting the balance of power in East Asia,' he added."),
    ("003", "South Korea’s spy agency said Thursday that North Korea appears to have sent"),
    ("003", "it sent about 10,000-12,000 troops to Russia as well"),
    ("003", "though U.S. estimates were lower at around 1,200."),
    (
        "003",
        "could send more troops to Russia to win further Russian assistance before the war ends.",
    ),
    ("004", "The South Korean military reports on North Korea's plans"),
    ("004", "In mid-January, Seoul reported at least 300 North Korean soldiers killed."),
    ("004", "Pyongyang conducted two missile tests only in January of this year"),
]

DROPPED = [
    ("000", "logo"),
    ("000", "This article was originally published by"),
    ("000", "Orange background"),
    ("000", "Try Our AI Features"),
    ("000", "No comments yet"),
    ("000", "Related Articles"),
    ("000", "Russia fired a total of 537 aerial weapons"),
    ("000", "60 missiles of various types"),
    ("000", "Download the App"),
    ("001", "24 mins ago"),
    ("001", "Inside the L.A. Zoo’s messy $50-million breakup"),
    ("001", "North Korea Is Sending More Troops to Russia, South Korea’s Spy Agency Says"),
    ("002", "Kim and Russian President Vladimir Putin attend a state reception"),
    ("002", "Sputnik / via REUTERS"),
    ("002", "Hashtags"),
    ("002", "A pause on a 24% reciprocal tariff"),
    ("002", "additional 25 percent tariff"),
    ("002", "paid more than $50 million to affected families"),
    ("003", "ADVERTISEMENT"),
    ("003", "AP25058164381694.jpg"),
    ("003", "FILE - A TV screen"),
    ("003", "Published Feb 27, 2025"),
    ("003", "Related Tags"),
    ("003", "WORLDNEWS"),
    ("003", ".most-popular .layout-ratio{"),
    ("003", "{{ articles_filter_1561_widget.title }}"),
    ("003", "function initializeAllSwipers()"),
    ("003", "Sign up by email"),
    ("004", "Kim Dzong Un will send additional soldiers to Russia."),
    ("004", "Images source: © Getty Images"),
    ("004", "ed. AWWA"),
    ("004", "Related content"),
    ("004", "© Daily Wrap"),
    ("004", "requires prior and explicit consent"),
]


def flat(text: str) -> str:
    """Whitespace folded: the seeds hold non-breaking spaces that cleaning turns into spaces."""
    return " ".join(text.split())


def seed(prefix: str) -> RawArticle:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return RawArticle(id=path.stem, body=path.read_text(encoding="utf-8"))


def labelled_lines(prefix: str) -> list[tuple[str, bool | None]]:
    """Each non-empty line with True (article), False (page) or None (either way)."""
    lines = seed(prefix).body.splitlines()
    return [
        (flat(line), None if n in EITHER_WAY.get(prefix, set()) else n in ARTICLE_LINES[prefix])
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]


@pytest.mark.parametrize("prefix", sorted(ARTICLE_LINES))
def test_every_article_line_kept_and_nothing_else(prefix: str) -> None:
    decisions = explain_cleaning(seed(prefix), Settings())
    labels = labelled_lines(prefix)
    assert [flat(d.text) for d in decisions] == [text for text, _ in labels]
    wrong = [
        (d.text[:60], d.reason)
        for d, (_, label) in zip(decisions, labels, strict=True)
        if label is not None and d.kept != label
    ]
    assert wrong == []


@pytest.mark.parametrize(("prefix", "sentence"), KEPT)
def test_article_sentence_kept(prefix: str, sentence: str) -> None:
    paragraphs = clean_article(seed(prefix), Settings()).paragraphs
    assert any(sentence in flat(p) for p in paragraphs)


@pytest.mark.parametrize(("prefix", "boilerplate"), DROPPED)
def test_boilerplate_dropped(prefix: str, boilerplate: str) -> None:
    assert boilerplate in flat(seed(prefix).body)
    paragraphs = clean_article(seed(prefix), Settings()).paragraphs
    assert not any(boilerplate in flat(p) for p in paragraphs)


@pytest.mark.parametrize(
    ("prefix", "field", "value"),
    [
        ("000", "title", "North Korea may send more troops to Russia by August, South Korea says"),
        ("000", "source", "Radio Free Asia"),
        ("003", "dateline", "SEOUL, South Korea (AP)"),
        ("003", "published_at", "2025-02-27T18:44:00Z"),
        ("004", "title", "North Korean troop surge in Russia amid rising casualties"),
    ],
)
def test_seed_metadata(prefix: str, field: str, value: str) -> None:
    article = clean_article(seed(prefix), Settings())
    assert article.model_dump(mode="json")[field] == value


def test_seed_dateline_stripped_from_first_paragraph() -> None:
    first = clean_article(seed("003"), Settings()).paragraphs[0]
    assert first.startswith("South Korea’s spy agency said Thursday")


def test_precision_and_recall_on_seeds() -> None:
    kept_article = kept_page = missed = 0
    for prefix in ARTICLE_LINES:
        decisions = explain_cleaning(seed(prefix), Settings())
        for d, (_, label) in zip(decisions, labelled_lines(prefix), strict=True):
            if label is None:
                continue
            kept_article += d.kept and label
            kept_page += d.kept and not label
            missed += label and not d.kept
    precision = kept_article / (kept_article + kept_page)
    recall = kept_article / (kept_article + missed)
    print(f"seeds: precision={precision:.3f} recall={recall:.3f} ({kept_article} article lines)")
    assert (precision, recall) == (1.0, 1.0)
