"""Which resource category and groups a worker belongs to (pure).

A cluster report names its worker's category (the report's ``key``) and resource groups. A
worker without one is placed as clearml-agent names it for the resource dashboard: a worker
id of at least two colon-separated parts ``<category>:<name>:...`` is in category
``<category>`` and group ``<category>:<name>``; a shorter id is in the ``onprem`` category
(the agent's default cluster name) and group ``onprem:<id's first part>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_CATEGORY = "onprem"  # clearml-agent's agent.resource_dashboard.default_cluster_name


@dataclass(frozen=True)
class Placement:
    category: str
    groups: tuple[str, ...]


def by_convention(worker: str) -> Placement:
    parts = worker.split(":")
    if len(parts) < 3:
        return Placement(DEFAULT_CATEGORY, (f"{DEFAULT_CATEGORY}:{parts[0]}",))
    return Placement(parts[0], (":".join(parts[:2]),))


def reported(reports: Iterable[Mapping[str, Any]]) -> dict[str, Placement]:
    """worker id -> its placement, from the live cluster reports that name a worker."""
    out = {}
    for report in reports:
        if report.get("worker"):
            groups = tuple(report.get("resource_groups") or ()) or by_convention(report["worker"]).groups
            out[report["worker"]] = Placement(report["key"], groups)
    return out


def place(worker: str, known: Mapping[str, Placement]) -> Placement:
    return known.get(worker) or by_convention(worker)
