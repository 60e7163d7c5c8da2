"""What the deploy files ask Prometheus for: the metric names in alert rules and dashboards.

Importable as `monitoring` (tests/ is on pytest's pythonpath): tests/deploy
checks that the names are declared, tests/integration/test_metrics.py that a
worker exports them with data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from support import ROOT

DEPLOY = ROOT / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
RULES = PROMETHEUS / "alerts.yml"
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
