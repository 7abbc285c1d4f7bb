"""Use cases that change frames: ``datasets.save_frames``, ``update_frames``, ``delete_frames``,
and the frame side of deleting datasets and versions and of version statistics (the port
``FrameLifecycle`` the datasets room calls)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.datasets.frames import rules
from services.datasets.frames.ports import Datasets, WritableVersions
from services.datasets.store.frames import Copy, ElasticFrameStore
from services.datasets.store.schemas import MongoSchemaRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity


CHECK_SLICE = 100  # frames checked between two turns of the event loop


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Batch:
    """The frames of one call: the checked ones by position, the refused ones' errors."""

    version: dict[str, Any]
    frames: dict[int, dict[str, Any]] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    raw_ids: list[str | None] = field(default_factory=list)
    copies: dict[str, Copy] = field(default_factory=dict)  # frame id -> the document the version sees

    @property
    def dataset(self) -> str:
        return self.version["dataset"]

    def refuse(self, position: int, error: str) -> None:
        self.frames.pop(position, None)
        self.errors.setdefault(position, error)

    def last_of_each(self) -> dict[str, int]:
        """Frame id -> the position that wins when a call names one frame twice (the last)."""
        return {frame["id"]: position for position, frame in sorted(self.frames.items())}


class FrameWrites:
    def __init__(self, store: ElasticFrameStore, schemas: MongoSchemaRepository, versions: WritableVersions,
                 datasets: Datasets, max_frames: int, clock: Callable[[], int] = now_ms) -> None:
        self._store, self._schemas, self._versions, self._datasets = store, schemas, versions, datasets
        self._max, self._clock = max_frames, clock

    def _limit(self, items: Sequence[Any]) -> None:
        if len(items) > self._max:
            raise ApiError.named("validation_error", f"too many frames in one call: {len(items)} "
                                 f"(at most {self._max})")

    async def save_frames(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.save_frames``: save frames in a writable version (a frame id the version
        already sees is replaced, keeping when it was first saved). Invalid frames are refused
        one by one and listed in ``errors`` by position; the others are saved."""
        self._limit(request.frames)
        batch = await self._prepare(identity.company, request, needs_id=False)
        written = await self._write(identity.company, batch, merge=False)
        return {"saved": len(written["ids"]), **written}

    async def update_frames(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.update_frames``: update frames the writable version sees (each needs its id;
        fields not sent keep their stored values). ``updated``: frames written; ``merged``:
        those among them that the version saw from an ancestor and now holds itself."""
        self._limit(request.frames)
        batch = await self._prepare(identity.company, request, needs_id=True)
        written = await self._write(identity.company, batch, merge=True)
        return {"updated": len(written["ids"]), **written}

    async def delete_frames(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.delete_frames``: remove frames (by id) from a writable version; ids the
        version does not see are ignored. ``deleted``: frames removed."""
        self._limit(request.frames)
        version = await self._versions.writable_version(identity.company, request.version)
        copies = await self._store.visible(identity.company, version["dataset"], version["lineage"],
                                           request.frames, fields=[])
        removed = await self._store.remove(identity.company, version["dataset"], version["_id"], copies)
        return {"deleted": removed}

    async def _prepare(self, company: str, request: Any, needs_id: bool) -> Batch:
        """The version (writable), each frame checked alone, then against the dataset's schema.
        The schema and the copies the version sees are read while the frames are checked."""
        batch = Batch(await self._versions.writable_version(company, request.version))
        dataset = await self._datasets.get(company, batch.dataset) or {}
        vectors = rules.vector_fields(dataset.get("field_mappings"))
        await self._store.ensure_index(company, batch.dataset, vectors)
        ids = [raw["id"] for raw in request.frames if type(raw) is dict and type(raw.get("id")) is str]
        fields = None if needs_id else ["saved", "saved_in_version"]  # an update merges the whole frame
        reads = asyncio.ensure_future(asyncio.gather(
            self._schemas.of_dataset(company, batch.dataset),
            self._store.visible(company, batch.dataset, batch.version["lineage"], ids, fields=fields)))
        types = await _check_each(batch, request.frames, needs_id, vectors)
        known, batch.copies = await reads
        await self._check_schema(company, batch, types, known)
        return batch

    async def _check_schema(self, company: str, batch: Batch, types: dict[int, dict[str, str]],
                            known: dict[str, str]) -> None:
        """Refuse the frames whose meta types conflict with the dataset's schema (or with an
        earlier frame of the call); record the new keys (a concurrent writer's type may win)."""
        fresh: dict[str, str] = {}
        for position in sorted(batch.frames):
            conflict = rules.schema_conflict(types[position], {**known, **fresh})
            if conflict:
                batch.refuse(position, conflict)
                continue
            fresh.update({path: kind for path, kind in types[position].items() if path not in known})
        held = await self._schemas.add(company, batch.dataset, fresh)
        if held != fresh:
            for position in sorted(batch.frames):
                conflict = rules.schema_conflict(types[position], held)
                if conflict:
                    batch.refuse(position, conflict)

    async def _write(self, company: str, batch: Batch, merge: bool) -> dict[str, Any]:
        """Write the checked frames (the last of each id) in one bulk request and answer."""
        version_id = batch.version["_id"]
        winners = batch.last_of_each()
        copies = {frame_id: copy for frame_id, copy in batch.copies.items() if frame_id in winners}
        now, docs = self._clock(), []
        for frame_id, position in winners.items():
            copy = copies.get(frame_id)
            if merge and copy is None:
                batch.refuse(position, f"frame {frame_id} not found in version {version_id}")
                continue
            frame = _merged(copy, batch.frames[position]) if merge else batch.frames[position]
            docs.append(rules.stored_document(frame, dataset=batch.dataset, version=version_id, now=now,
                                              previous=copy.source if copy else None))
        hides = {f: c for f, c in copies.items() if c.version != version_id}
        failed = await self._store.write(company, batch.dataset, version_id, docs, hides)
        sent = {doc["id"] for doc in docs}
        for position, frame in list(batch.frames.items()):
            if frame["id"] in failed or frame["id"] not in sent:
                batch.refuse(position, failed.get(frame["id"], "frame not saved"))
        answer = _answer(batch)
        if merge:
            answer["merged"] = sum(1 for doc in docs if doc["id"] in hides and doc["id"] not in failed)
        return answer

    # --- FrameLifecycle: what the datasets room asks of frames --------------------------

    async def drop_dataset(self, company: str, dataset: str) -> None:
        """A deleted dataset: its index (every version's frames) and its meta schema go."""
        await self._store.drop_index(company, dataset)
        await self._schemas.drop(company, dataset)

    async def drop_version(self, company: str, dataset: str, version: str) -> int:
        """A deleted version: the documents it wrote, deleted by id in bulk; their number."""
        return await self._store.delete_version(company, dataset, version)

    async def version_stats(self, company: str, dataset: str, lineage: list[str]) -> dict[str, Any]:
        """The statistics of the version of ``lineage`` in ClearML's version ``stats`` shape
        (``datasets.statistics``): ``{"frames": [{"name": "total"|"annotated"|"unannotated",
        "count": n}], "labels": [{"name": label, "count": ROIs}], "content_types": [{"name":
        content type, "count": frames}]}`` (labels and content types by count, descending)."""
        return rules.statistics(await self._store.stats(company, dataset, lineage))


async def _check_each(batch: Batch, frames: Sequence[Any], needs_id: bool,
                      vectors: dict[str, dict[str, Any]]) -> dict[int, dict[str, str]]:
    """Each frame checked alone (into ``batch``); the meta types of those that pass. The event
    loop gets a turn every CHECK_SLICE frames: the reads started before go on meanwhile, and
    10,000 frames do not hold up the process's other requests."""
    types: dict[int, dict[str, str]] = {}
    for position, raw in enumerate(frames):
        if position % CHECK_SLICE == 0:
            await asyncio.sleep(0)
        batch.raw_ids.append(raw.get("id") if type(raw) is dict and type(raw.get("id")) is str else None)
        try:
            frame = rules.check_frame(raw, needs_id=needs_id, needs_sources=not needs_id)
            types[position] = rules.meta_types(frame.get("meta"), vectors)
        except rules.FrameError as exc:
            batch.errors[position] = str(exc)
            continue
        batch.frames[position] = frame
    return types


def _merged(copy: Copy | None, frame: dict[str, Any]) -> dict[str, Any]:
    """An update: the stored frame's ClearML fields, replaced by those the request sent."""
    stored = rules.clearml_frame(copy.source) if copy else {}
    stored.pop("dataset", None)
    return {**stored, **frame}


def _answer(batch: Batch) -> dict[str, Any]:
    """``failed``, ``errors`` (one per refused frame: ``index`` (its position in the call),
    ``id``, ``_id`` (``<version>/<frame id>``, which the SDK splits to find the frame) and
    ``error``), ``ids`` of the frames written, ``total_rois``."""
    version_id = batch.version["_id"]
    errors = []
    for position, error in sorted(batch.errors.items()):
        frame_id = batch.raw_ids[position]
        errors.append({"index": position, "id": frame_id, "_id": f"{version_id}/{frame_id or ''}", "error": error})
    frames = [batch.frames[position] for position in sorted(batch.frames)]
    return {"failed": len(errors), "errors": errors, "ids": [frame["id"] for frame in frames],
            "total_rois": sum(len(frame.get("rois") or []) for frame in frames)}
