"""bench.stories runs end to end on a small story and ends with its JSON line.

No number is checked against a limit: the machine is shared, and the figures are
for BENCHMARKS.md.
"""

import json
import subprocess
import sys
from collections import Counter

import pytest
from support import ROOT

from bench.story_corpus import STORY_ID, story_records


def test_the_story_has_its_claims_keys_voices_and_neighbours():
    records = story_records(claims=300, keys=6, voices=4, others=2)
    mine = [c for c in records.claims if c.story_id == STORY_ID]
    assert len(mine) == 300
    assert len({c.claim_id for c in records.claims}) == len(records.claims)
    per_key = Counter(c.key_text for c in mine)
    assert len(per_key) == 6 and per_key.most_common(1)[0][1] == 100
    assert len({c.attributed_to for c in mine}) == 4
    assert {u.story_id for u in records.updates} == {STORY_ID, "bench-other-0", "bench-other-1"}
    counts = [u.articles for u in records.updates if u.story_id == STORY_ID]
    assert counts == list(range(1, 31))
    assert records == story_records(claims=300, keys=6, voices=4, others=2)


@pytest.mark.integration
def test_a_small_run_prints_its_report_and_json_line(tmp_path):
    report = tmp_path / "stories.md"
    command = [sys.executable, "-m", "bench.stories", "--claims", "200", "--others", "3"]
    command += ["--runs", "1", "--clients", "2", "--seconds", "1", "--markdown", str(report)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["claims"] == 200 and summary["quantities"] == 20
    assert summary["first_chart_ms_median"] > 0 and summary["rss_mb_held"] > 0
    assert set(summary["routes"]) == {
        "/stories",
        "/stories/{id}",
        "/stories/{id}/claims?cursor=",
        "/stories/{id}/alerts",
    }
    assert all(route["requests_per_s"] > 0 for route in summary["routes"].values())
    assert "claims: first page, top quantity" in summary["page_requests"]
    assert "| first chart (top quantity) |" in report.read_text()
