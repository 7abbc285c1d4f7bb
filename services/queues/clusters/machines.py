"""A worker's resources from its machine statistics (pure): the ``Bucket``s of the metrics a
status report carries (``stats.py``) turned into the dashboard's resource values. RAM figures
are reported in MB and answered in GB."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.queues.repository import Bucket

# The machine-statistics metrics the dashboard reads.
METRICS = ("cpu_usage", "gpu_usage", "memory_free", "memory_used", "gpu_memory_free", "gpu_memory_used",
           "disk_free_home", "network_rx", "network_tx")

MB_PER_GB = 1024.0


def _devices(bucket: Bucket | None) -> int:
    return len(bucket.variants) if bucket is not None else 0


def _summed(bucket: Bucket | None) -> float | None:
    if bucket is None:
        return None
    return sum(bucket.variants.values()) if bucket.variants else bucket.value


def resources(buckets: Mapping[str, Bucket]) -> dict[str, float]:
    """One worker's values at one time: ``cpu_count``/``gpu_count`` (devices reported),
    ``avg_cpu_load``/``avg_gpu_util`` (percent), ``ram_free``/``ram_total`` and
    ``gpu_ram_free``/``gpu_ram_total`` (GB, every GPU summed), ``home_free`` (percent),
    ``network_rx``/``network_tx`` (MB/s). A value whose metric was not reported is left out."""
    get = buckets.get
    out: dict[str, float] = {}
    if get("cpu_usage") is not None:
        out["cpu_count"] = _devices(get("cpu_usage"))
        out["avg_cpu_load"] = get("cpu_usage").value
    if get("gpu_usage") is not None:
        out["gpu_count"] = _devices(get("gpu_usage"))
        out["avg_gpu_util"] = get("gpu_usage").value
    free, used = get("memory_free"), get("memory_used")
    if free is not None:
        out["ram_free"] = free.value / MB_PER_GB
        out["ram_total"] = (free.value + (used.value if used is not None else 0.0)) / MB_PER_GB
    gpu_free, gpu_used = _summed(get("gpu_memory_free")), _summed(get("gpu_memory_used"))
    if gpu_free is not None:
        out["gpu_ram_free"] = gpu_free / MB_PER_GB
        out["gpu_ram_total"] = (gpu_free + (gpu_used or 0.0)) / MB_PER_GB
    for name, metric in (("home_free", "disk_free_home"), ("network_rx", "network_rx"), ("network_tx", "network_tx")):
        if get(metric) is not None:
            out[name] = get(metric).value
    return out


# How the values of several workers make a group's: averaged or summed.
AVERAGED = frozenset({"avg_cpu_load", "avg_gpu_util", "home_free"})


def combined(values: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Several workers' resources as one: counts, RAM and network summed; loads, utilisation
    and free disk averaged over the workers that report them."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for one in values:
        for name, value in one.items():
            sums[name] = sums.get(name, 0.0) + value
            counts[name] = counts.get(name, 0) + 1
    return {name: (total / counts[name] if name in AVERAGED else total) for name, total in sums.items()}
