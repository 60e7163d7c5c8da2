"""Each line alone: furniture shapes `line_reason` recognises, and article lines it leaves."""

from __future__ import annotations

import pytest

from agents.clean import Reason
from agents.clean.rules import line_reason


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (".nav-bar .item{ margin: 0 4px; color: #333; }", Reason.CSS_JS),
        ("@media (max-width: 600px) { .col { width: 100%; } }", Reason.CSS_JS),
        ("function loadMore(page) { return fetch('/more?p=' + page); }", Reason.CSS_JS),
        ("document.addEventListener('scroll', onScroll);", Reason.CSS_JS),
        ("{{ sidebar_widget_42.title }}", Reason.TEMPLATE),
        ("DSC_00412-final.JPG", Reason.IMAGE_FILE),
        ("This story was first published by The Example Courier.", Reason.REPRINT_NOTICE),
        ("Markets slide as oil jumps - 24 mins ago", Reason.HEADLINE_LIST),
        ("Floods close 40 schools | about 1 hour ago", Reason.HEADLINE_LIST),
        ("3 hours ago", Reason.TIMESTAMP),
        ("timean hour ago", Reason.TIMESTAMP),
        ("14:05 GMT", Reason.TIMESTAMP),
        ("Tuesday, March 4, 2025", Reason.TIMESTAMP),
        ("Published Feb 27, 2025 06:44 pm", Reason.PUBLISH_DATE),
        ("Last updated: 12 May 2025", Reason.PUBLISH_DATE),
        ("#floods #rescue #weather", Reason.HASHTAG),
        ("Photo: Maria Lopez / Example Agency", Reason.CREDIT),
        ("Harbour Pictures / via WIREPHOTO", Reason.CREDIT),
        (
            "FILE - Firefighters at the scene on June 2. (Example Photo/J. Doe, File)",
            Reason.CAPTION,
        ),
        ("Volunteers unload water at the stadium on Monday. |", Reason.CAPTION),
        (
            "Marchers said 40,000 joined the rally, while police counted 12,000. Photo: Wire Co",
            Reason.CAPTION,
        ),
        ("Monday, 14 July 2025 - 08:20 GMT", Reason.TIMESTAMP),
        ("Jane Roe | March 3, 2024, 06:24 PM", Reason.TIMESTAMP),
        ("© 2024 Example Media Group", Reason.LEGAL),
        (
            "Reproduction of this content requires prior written consent of the publisher.",
            Reason.LEGAL,
        ),
        ("ADVERTISEMENT", Reason.WIDGET),
        ("No comments yet. Be the first to comment!", Reason.WIDGET),
        ("Download the app and get alerts", Reason.WIDGET),
        ("Related Articles", Reason.RELATED_BLOCK),
        ("More from Example Weekly", Reason.RELATED_BLOCK),
        ("Comments", Reason.RELATED_BLOCK),
        ("Read more: Storm season starts early", Reason.RELATED_LINK),
        ("By Ana María Costa and Li Wei", Reason.BYLINE),
        ("Orange background", Reason.SHORT_FRAGMENT),
        ("-", Reason.SHORT_FRAGMENT),
        ("Home > World > Asia", Reason.SHORT_FRAGMENT),
    ],
)
def test_furniture_lines(line: str, expected: Reason) -> None:
    assert line_reason(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The quake killed at least 1,240 people, officials said.",
        "He declined.",
        "The delay was related to a shortage of buses, the mayor said.",
        "Comments from the minister angered the opposition, which called for a vote.",
        "She said the photo was taken on Monday.",
        "Police said the crowd was about 45,000; organisers said 120,000.",
        "“We will rebuild,” she said.",
        "Sign-ups for the volunteer programme passed 3,000 on Tuesday.",
        "The app store operator said downloads rose 12% after the storm.",
    ],
)
def test_article_lines_pass(line: str) -> None:
    assert line_reason(line) is None
