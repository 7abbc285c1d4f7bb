"""What the datasets room needs of its neighbours, as ports: the frames room (``frames/``,
Elasticsearch) and the tasks process's projects. ``main.py`` wires them; the unit tests use
in-memory fakes."""

from __future__ import annotations

from typing import Any, Protocol

from shared.messaging.envelopes import Identity


class FrameLifecycle(Protocol):
    """The frames of datasets and versions, as the version tree's use cases need them."""

    async def drop_dataset(self, company: str, dataset: str) -> None:
        """Remove every frame of the dataset (its index); nothing to do when it has none."""

    async def drop_version(self, company: str, dataset: str, version: str) -> int:
        """Remove the frame documents the version wrote (by id, in bulk); how many."""

    async def version_stats(self, company: str, dataset: str, lineage: list[str]) -> dict[str, Any]:
        """The statistics of the version whose lineage (itself first, then its ancestors) is
        given, over the frames visible in it, in the shape of ClearML's version ``stats``
        (``datasets.Statistics``: lists of ``{"name": str, "count": int}``)::

            {"frames": [{"name": "total", "count": <frames>},
                        {"name": "annotated", "count": <frames with at least one ROI>},
                        {"name": "unannotated", "count": <frames without ROIs>}],
             "labels": [{"name": <label>, "count": <ROIs with that label>}, ...],
             "content_types": [{"name": <source content type>, "count": <frames>}, ...]}

        ``labels`` and ``content_types`` by count descending; empty lists (and zero counts) when
        the version has no frames."""


class NoFrames:
    """A ``FrameLifecycle`` for a process without the frames room: no frame anywhere."""

    async def drop_dataset(self, company: str, dataset: str) -> None:
        return None

    async def drop_version(self, company: str, dataset: str, version: str) -> int:
        return 0

    async def version_stats(self, company: str, dataset: str, lineage: list[str]) -> dict[str, Any]:
        frames = [{"name": name, "count": 0} for name in ("total", "annotated", "unannotated")]
        return {"frames": frames, "labels": [], "content_types": []}


class Projects(Protocol):
    """Projects, which the tasks process owns (the same port as the dataviews room's:
    ``dataviews/projects.RpcProjects`` implements it over RPC)."""

    async def check(self, identity: Identity, project_id: str) -> None:
        """Nothing when the caller may use the project, else ClearML's 400/401."""

    async def ensure(self, identity: Identity, name: str) -> str:
        """The id of the project named ``name``, created when missing."""
