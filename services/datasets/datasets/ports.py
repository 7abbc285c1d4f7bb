"""What the datasets room needs of the frames room (``frames/``, Elasticsearch), as a port:
the frames room implements it, ``main.py`` wires it, the unit tests use an in-memory fake."""

from __future__ import annotations

from typing import Any, Protocol


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
                        {"name": "annotated", "count": <frames with at least one ROI>}],
             "labels": [{"name": <label>, "count": <ROIs with that label>}, ...],
             "content_types": [{"name": <source content type>, "count": <sources>}, ...]}

        ``labels`` and ``content_types`` by count descending, then name; empty lists when
        the version has no frames."""


class NoFrames:
    """A ``FrameLifecycle`` for a process without the frames room: no frame anywhere."""

    async def drop_dataset(self, company: str, dataset: str) -> None:
        return None

    async def drop_version(self, company: str, dataset: str, version: str) -> int:
        return 0

    async def version_stats(self, company: str, dataset: str, lineage: list[str]) -> dict[str, Any]:
        return {"frames": [{"name": "total", "count": 0}, {"name": "annotated", "count": 0}],
                "labels": [], "content_types": []}
