"""What the frames room needs of the datasets room (``services/datasets/datasets/``), written
as its contract: the version and dataset repositories and the rule of which versions take
frame changes. The datasets room's ``MongoVersionRepository``, ``MongoDatasetRepository``
and ``VersionService`` implement these; tests use in-memory fakes."""

from __future__ import annotations

from typing import Any, Protocol



class Versions(Protocol):
    async def get(self, company: str, version_id: str) -> dict[str, Any] | None:
        """The version document (``dataset``, ``parent``, ``lineage`` (itself first),
        ``status``), or None."""
        ...


class WritableVersions(Protocol):
    async def writable_version(self, company: str, version_id: str) -> dict[str, Any]:
        """The version document of a version that takes frame changes; raises the ClearML error
        (an ``ApiError``) when it is unknown or does not. The datasets room decides which: the
        SDK writes to its version after ``add_data_entries`` committed it (``delete_data_entries``:
        "only writable (non-published) versions"), so committed versions must take changes too."""
        ...


class Datasets(Protocol):
    async def get(self, company: str, dataset_id: str) -> dict[str, Any] | None:
        """The dataset document (``field_mappings`` as ClearML takes it), or None."""
        ...
