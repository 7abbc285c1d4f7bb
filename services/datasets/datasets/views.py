"""Datasets and versions in ClearML's API form (``datasets.Dataset`` / ``datasets.Version``
of the v2_23 schema, which the SDK validates). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from services.datasets import domain
from services.datasets.datasets.listing import project
from shared.api_form import to_api

# Ours, not ClearML's: never answered.
INTERNAL_FIELDS = frozenset({"lineage"})


def version_view(version: Mapping[str, Any], only_fields: Sequence[str] | None = None) -> dict[str, Any]:
    """A stored version as ClearML answers it."""
    return project(stored_view(version), only_fields)


def stored_view(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A stored dataset or version with its own fields only, in ClearML's form (how
    ``system.get_datasets`` answers a dataset)."""
    return to_api({key: value for key, value in doc.items() if key not in INTERNAL_FIELDS})


def dataset_view(dataset: Mapping[str, Any], versions: Sequence[Mapping[str, Any]], resolve_head: bool = False,
                 only_fields: Sequence[str] | None = None) -> dict[str, Any]:
    """A stored dataset with what ClearML computes from its versions: ``version_count``, the
    statistics of the latest committed or published version (``display_stats``,
    ``display_version_name``) and, with ``resolve_head``, ``head_version`` and ``paradigm``."""
    doc = to_api(dict(dataset))
    doc["version_count"] = len(versions)
    shown = domain.display_version(versions)
    doc["display_stats"] = shown.get("stats") if shown else None
    doc["display_version_name"] = shown.get("name") if shown else None
    if resolve_head:
        head = domain.head_version(versions)
        doc["head_version"] = version_view(head) if head else None
        doc["paradigm"] = domain.paradigm(versions)
    return project(doc, only_fields)
