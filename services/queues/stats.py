"""Worker machine statistics, pure rules: the documents a status report becomes (stored by a
``StatsRepository``, ``repository/elastic.py``): one per reported value ``{timestamp (ms),
company, worker, task, category, metric, variant ("total" or the device index), value}``, as
ClearML stores them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


MIN_INTERVAL_S = 40  # ClearML's services.workers.min_chart_interval_sec


def stat_docs(company: str, worker: str, timestamp_ms: int, task: str | None,
              machine_stats: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One document per value: ``cpu_usage: [10, 20]`` -> variants "0" and "1" of metric
    ``cpu_usage`` in category ``cpu``; a single number -> variant "total". Empty values and
    a single 0 are skipped, as in ClearML (which skips every falsy value)."""
    docs = []
    for metric, value in machine_stats.items():
        if not value or isinstance(value, (str, bool, dict)):
            continue
        values = list(enumerate(value)) if isinstance(value, (list, tuple)) else [("total", value)]
        for variant, number in values:
            docs.append({
                "timestamp": timestamp_ms, "company": company, "worker": worker, "task": task,
                "category": metric.partition("_")[0], "metric": metric, "variant": str(variant),
                "value": float(number),
            })
    return docs
