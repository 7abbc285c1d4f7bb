"""The frames room as the endpoint table and the datasets room see it."""

from __future__ import annotations

from dataclasses import dataclass

from services.datasets.frames.ports import Datasets, Versions, WritableVersions
from services.datasets.frames.reads import FrameReads
from services.datasets.frames.writes import FrameWrites
from services.datasets.store.frames import ElasticFrameStore
from services.datasets.store.schemas import MongoSchemaRepository


@dataclass(frozen=True)
class FramesRoom:
    """``writes``: save/update/delete frames, and the ``FrameLifecycle`` port the datasets room
    calls (``drop_dataset``, ``drop_version``, ``version_stats``); ``reads``: every frame read."""

    writes: FrameWrites
    reads: FrameReads

    @classmethod
    def build(cls, store: ElasticFrameStore, schemas: MongoSchemaRepository, versions: Versions,
              writable: WritableVersions, datasets: Datasets, max_frames: int) -> FramesRoom:
        return cls(FrameWrites(store, schemas, writable, datasets, max_frames),
                   FrameReads(store, schemas, versions, datasets))
