"""Percentiles (nearest rank: p95 of 50 samples is the 48th smallest, an observed value)."""

from __future__ import annotations

import math


def percentile(values, p: float) -> float:
    data = sorted(values)
    if not data:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(data)))
    return data[rank - 1]


def summary(values) -> dict:
    values = list(values)
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else float("nan"), "min": min(values) if values else float("nan")}
