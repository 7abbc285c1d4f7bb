"""Serving statistics, pure rules: the document each ``serving.container_status_report``
becomes (stored by a ``ServingStatsRepository``, ``repository/elastic.py``), and how
date-histogram buckets become ``serving.get_endpoint_metrics_history``'s answer.

A document: ``{timestamp (ms), company, container_id, endpoint_url, requests_num,
requests_min, uptime_sec, latency_ms}`` plus, when the report has machine stats, the
averages over devices ``cpu_usage``/``gpu_usage`` with the device counts ``cpu_num``/
``gpu_num``, ``memory_*``/``gpu_memory_*`` free, used and total (MB), ``disk_free_home``,
``network_rx``, ``network_tx`` (as ClearML stores them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.queues.repository import Buckets

MIN_INTERVAL_S = 40  # ClearML's services.serving.min_chart_interval_sec
_MB_TO_GB = 1 / 1024


@dataclass(frozen=True)
class Metric:
    """How one ``metric_type`` is charted: the document field, the chart title, how the
    containers of a bucket add up (``sum`` or ``avg``), the factor applied to values, and
    the per-container sample of a bucket (``max`` for the running request counter)."""

    field: str
    title: str
    total: str
    factor: float = 1.0
    sample: str = "avg"


METRICS: dict[str, Metric] = {
    "requests": Metric("requests_num", "Number of Requests", "sum", sample="max"),
    "requests_min": Metric("requests_min", "Requests per Minute", "sum"),
    "latency_ms": Metric("latency_ms", "Average Latency (ms)", "avg"),
    "cpu_count": Metric("cpu_num", "CPU Count", "sum"),
    "gpu_count": Metric("gpu_num", "GPU Count", "sum"),
    "cpu_util": Metric("cpu_usage", "Average CPU Load (%)", "avg"),
    "gpu_util": Metric("gpu_usage", "Average GPU Utilization (%)", "avg"),
    "ram_total": Metric("memory_total", "RAM Total (GB)", "sum", _MB_TO_GB),
    "ram_used": Metric("memory_used", "RAM Used (GB)", "sum", _MB_TO_GB),
    "ram_free": Metric("memory_free", "RAM Free (GB)", "sum", _MB_TO_GB),
    "gpu_ram_total": Metric("gpu_memory_total", "GPU RAM Total (GB)", "sum", _MB_TO_GB),
    "gpu_ram_used": Metric("gpu_memory_used", "GPU RAM Used (GB)", "sum", _MB_TO_GB),
    "gpu_ram_free": Metric("gpu_memory_free", "GPU RAM Free (GB)", "sum", _MB_TO_GB),
    "network_rx": Metric("network_rx", "Network Throughput RX (MBps)", "sum"),
    "network_tx": Metric("network_tx", "Network Throughput TX (MBps)", "sum"),
}
NUMBER_FIELDS = sorted({m.field for m in METRICS.values()} | {
    "requests_num", "requests_min", "uptime_sec", "latency_ms", "cpu_usage", "gpu_usage", "memory_free",
    "memory_used", "gpu_memory_free", "gpu_memory_used", "disk_free_home"})


def _average(value: Any) -> tuple[float | None, int | None]:
    """(mean, how many devices) of a per-device list, or (value, 1) of a single number."""
    if value is None:
        return None, None
    if isinstance(value, (list, tuple)):
        return (sum(value) / len(value), len(value)) if value else (None, None)
    return float(value), 1


def machine_fields(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The document fields made from a report's ``machine_stats``."""
    out: dict[str, Any] = {}
    for device in ("cpu", "gpu"):
        out[f"{device}_usage"], out[f"{device}_num"] = _average(stats.get(f"{device}_usage"))
    for memory in ("memory", "gpu_memory"):
        free, _ = _average(stats.get(f"{memory}_free"))
        used, _ = _average(stats.get(f"{memory}_used"))
        out.update({f"{memory}_free": free, f"{memory}_used": used,
                    f"{memory}_total": round((free or 0) + (used or 0), 3)})
    for field in ("disk_free_home", "network_rx", "network_tx"):
        out[field] = stats.get(field)
    return out


def stat_doc(container: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The statistics document of one status report (``container``: the stored entry)."""
    doc = {"timestamp": int(now.timestamp() * 1000), "company": container["company"],
           "container_id": container["container_id"], "endpoint_url": container.get("endpoint_url")}
    for field in ("requests_num", "requests_min", "uptime_sec", "latency_ms"):
        doc[field] = container.get(field)
    if container.get("machine_stats"):
        doc.update(machine_fields(container["machine_stats"]))
    return {k: v for k, v in doc.items() if v is not None}


def _rounded(values: Sequence[float | None], factor: float) -> list[float]:
    return [round(v * factor, 2) if v else 0 for v in values]


def metrics_history(metric_type: str, buckets: Buckets, to_date: float, interval: int,
                    instance_charts: bool) -> dict[str, Any]:
    """``get_endpoint_metrics_history``'s answer from the histogram ``buckets``: the last,
    incomplete bucket left out (10% tolerance); per bucket the containers' values summed or
    averaged (``total``), and one series per container with 0 where it has no value.
    Dates are in milliseconds, as ClearML answers them."""
    metric = METRICS[metric_type]
    answer: dict[str, Any] = {"computed_interval": interval,
                              "total": {"title": metric.title, "dates": [], "values": []}, "instances": {}}
    containers = sorted({c for _, values in buckets for c in values})
    if not containers:
        return answer
    cutoff = (to_date - 0.9 * interval) * 1000
    kept = [(date, values) for date, values in buckets if date <= cutoff]
    dates = [date for date, _ in kept]
    totals = []
    for _, values in kept:
        present = [v or 0.0 for v in values.values()]
        if metric.total == "sum":
            totals.append(sum(present))
        else:
            totals.append(sum(present) / len(present) if present else 0.0)
    answer["total"].update(dates=dates, values=_rounded(totals, metric.factor))
    if instance_charts:
        answer["instances"] = {
            c: {"title": c, "dates": dates, "values": _rounded([v.get(c) for _, v in kept], metric.factor)}
            for c in containers
        }
    return answer
