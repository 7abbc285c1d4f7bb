"""Requests of ClearML's ``datasets`` service (Hyper-Datasets) where a client needs more than
the catalog says."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared.schemas.generated import datasets as generated
from shared.schemas.generated import projects as generated_projects
from shared.schemas.generated import system as generated_system


class CreateRequest(generated.CreateRequest):
    """``datasets.create``: answers ``{id}``.
    Refines the catalog's ``CreateRequest``: takes ``field_mappings`` (meta path -> field
    settings such as ``{"type": "dense_vector", "dims": 768}``), which the SDK's
    ``HyperDataset(..., field_mappings=...)`` sends (ClearML Server >= 3.25) and the frames
    room maps as vector fields; the catalog, older than that, lacks it."""

    field_mappings: dict[str, Any] | None = None


REQUESTS: dict[str, type[BaseModel]] = {
    "datasets.create": CreateRequest,
}

class DatasetStatsRequest(generated_projects.GetHyperdatasetStatsRequest):
    """``internal.dataset_stats``: the tasks process's ``projects.get_hyperdataset_stats`` as
    it asks the datasets process: ``project`` replaced by ``projects``, the project and every
    project under it (the tasks process keeps the tree); ``None``: every project."""

    projects: list[str] | None = None


# Cairn's own actions of the datasets process, which identity calls for ``system.get_datasets``
# and ``system.get_dataset_versions`` (across companies): those endpoints' requests as sent.
INTERNAL_REQUESTS: dict[str, type[BaseModel]] = {
    "internal.datasets_of_every_company": generated_system.GetDatasetsRequest,
    "internal.versions_of_every_company": generated_system.GetDatasetVersionsRequest,
    "internal.dataset_stats": DatasetStatsRequest,  # the tasks process's projects.get_hyperdataset_stats
}
