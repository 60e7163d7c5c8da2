"""The benchmark runs end to end in its smallest form and ends with its JSON line.

No number is checked: the machine is shared, and the benchmark's figures are
for people to read (BENCHMARKS.md), not for a test to time.
"""

import json
import subprocess
import sys

import pytest
from support import ROOT

from agents.clean.cleaner import clean_article
from bench.corpus import WORDS, generate
from streams.settings import Settings

pytestmark = pytest.mark.integration


def test_quick_run_prints_its_json_line_last(tmp_path):
    report = tmp_path / "report.md"
    command = [sys.executable, "-m", "bench", "--quick", "--articles", "12", "--workers", "1"]
    done = subprocess.run(
        [*command, "--markdown", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("articles_per_s", "ceiling_articles_per_s", "ratio", "p99_ms", "rss_mb"):
        assert key in summary
    assert summary["articles"] == 12
    assert summary["articles_per_s"] > 0 and summary["rss_mb"] > 0
    assert "| 1 worker, all published at once |" in report.read_text()


def test_articles_are_news_sized_and_reproducible():
    first, again = generate(12, seed=3), generate(12, seed=3)
    assert first == again
    assert len({a.id for a in first}) == 12
    cleaned = [clean_article(a, Settings()) for a in first]
    words = [sum(len(p.split()) for p in c.paragraphs) for c in cleaned]
    assert min(words) >= WORDS[0]
    assert WORDS[0] <= sum(words) / len(words) <= WORDS[1]


def test_article_length_is_a_parameter():
    words = [len(a.body.split()) for a in generate(6, seed=3, words=(1200, 1500))]
    assert min(words) >= 1200
