"""Percentiles of samples, and of Prometheus histograms merged over workers."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

__all__ = ["Histogram", "histograms", "percentile"]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Histogram:
    """Cumulative bucket counts by upper bound, summed over the workers that reported them."""

    buckets: dict[float, float] = field(default_factory=lambda: defaultdict(float))
    total: float = 0.0
    count: float = 0.0

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    def percentile(self, q: float) -> float | None:
        """Interpolated within the bucket that holds the q-th percentile, as Prometheus's
        histogram_quantile does: only as fine as the buckets."""
        if not self.count:
            return None
        target, lower, below = self.count * q / 100, 0.0, 0.0
        for bound in sorted(self.buckets):
            cumulative = self.buckets[bound]
            if cumulative >= target:
                if math.isinf(bound):
                    return lower
                share = (target - below) / (cumulative - below) if cumulative > below else 1.0
                return lower + (bound - lower) * share
            lower, below = bound, cumulative
        return lower


def histograms(pages: Iterable[str], name: str, label: str | None = None) -> dict[str, Histogram]:
    """Histogram `name` from several /metrics pages, merged, by the value of `label`."""
    merged: dict[str, Histogram] = defaultdict(Histogram)
    for page in pages:
        for family in text_string_to_metric_families(page):
            if family.name != name:
                continue
            for sample in family.samples:
                hist = merged[sample.labels.get(label, "") if label else ""]
                if sample.name.endswith("_bucket"):
                    hist.buckets[float(sample.labels["le"])] += sample.value
                elif sample.name.endswith("_sum"):
                    hist.total += sample.value
                elif sample.name.endswith("_count"):
                    hist.count += sample.value
    return dict(merged)
