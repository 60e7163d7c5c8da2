"""What the deploy files ask Prometheus for, and whether what a worker exports follows its rules.

Importable as `monitoring` (tests/ is on pytest's pythonpath): tests/deploy
checks that the names queried are declared and well formed, and the rules with
promtool; tests/integration/test_metrics.py that a worker exports them with
data, under names promtool and `naming_faults` accept.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families
from support import ROOT

DEPLOY = ROOT / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
CONFIG = PROMETHEUS / "prometheus.yml"
RULES = PROMETHEUS / "alerts.yml"
RULE_TESTS = PROMETHEUS / "alerts_test.yml"
GRAFANA = DEPLOY / "grafana"
DASHBOARDS = GRAFANA / "dashboards"

PROMETHEUS_OWN = frozenset({"up"})
"""Series Prometheus makes itself for each target, never found on /metrics."""

_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`[^`]*`")
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_LABEL_LIST = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_NAME = re.compile(r"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*")
_KEYWORDS = frozenset(
    "by without on ignoring group_left group_right bool and or unless offset inf nan".split()
)


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects (functions, labels and keywords left out)."""
    text = _STRING.sub('""', expr)
    text = _MATCHERS.sub(" ", text)
    text = _RANGE.sub(" ", text)
    text = _LABEL_LIST.sub(" ", text)
    names = set()
    for match in _NAME.finditer(text):
        is_call = text[match.end() :].lstrip().startswith("(")
        if not is_call and match.group().lower() not in _KEYWORDS:
            names.add(match.group())
    return names


def rules() -> list[dict]:
    """Every alert rule in deploy/prometheus/alerts.yml."""
    groups = yaml.safe_load(RULES.read_text("utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def dashboards() -> dict[Path, dict]:
    return {path: json.loads(path.read_text("utf-8")) for path in sorted(DASHBOARDS.glob("*.json"))}


def panels(dashboard: dict) -> list[dict]:
    """Every panel, those inside rows included."""
    found = []
    for panel in dashboard["panels"]:
        found.append(panel)
        found.extend(panel.get("panels", []))
    return found


def expressions() -> list[str]:
    """Every PromQL expression of the alert rules and of the dashboards' panels."""
    exprs = [rule["expr"] for rule in rules()]
    for dashboard in dashboards().values():
        for panel in panels(dashboard):
            exprs.extend(target["expr"] for target in panel.get("targets", []))
    return exprs


def queried_metrics() -> set[str]:
    """Metric names the rules and dashboards query that a worker must export."""
    names = set().union(*(metric_names(expr) for expr in expressions()))
    return names - PROMETHEUS_OWN


_SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
_BASE_UNITS = ("seconds", "bytes")
_OTHER_UNITS = frozenset(
    "ms msec millis milliseconds us micros microseconds ns nanos nanoseconds sec secs "
    "minutes hours days kb mb gb kib mib gib percent".split()
)


def naming_faults(exposition: str) -> list[str]:
    """What breaks Prometheus's naming conventions in a /metrics text, beyond promtool's lint.

    promtool flags a counter without `_total` and abbreviated units, not a
    histogram without a unit, a `total` elsewhere in a name, or a non-base unit.
    """
    faults = []
    for family in text_string_to_metric_families(exposition):
        name, kind = family.name, family.type
        words = name.split("_")
        if not _SNAKE.fullmatch(name):
            faults.append(f"{name}: not lower snake case")
        if "total" in words:  # the parser strips a counter's own `_total`
            faults.append(f"{name}: `total` is only the suffix of a counter")
        if _OTHER_UNITS & set(words):
            faults.append(f"{name}: not in base units ({', '.join(_BASE_UNITS)})")
        if kind in {"histogram", "summary"} and words[-1] not in _BASE_UNITS:
            faults.append(f"{name}: a {kind} names its unit last")
        if kind == "counter" and not all(
            s.name.endswith(("_total", "_created")) for s in family.samples
        ):
            faults.append(f"{name}: a counter sample without `_total`")
    return faults


def promtool(*args: str, stdin: str | None = None) -> str:
    """promtool's output; the test fails with it when promtool finds a fault, or is missing."""
    path = shutil.which("promtool")
    if path is None:
        pytest.fail("promtool is missing: ./scripts/setup installs it (Debian's prometheus)")
    done = subprocess.run(
        [path, *args], input=stdin, capture_output=True, text=True, cwd=PROMETHEUS, timeout=60
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"promtool {' '.join(args)} failed:\n{output}"
    return output
