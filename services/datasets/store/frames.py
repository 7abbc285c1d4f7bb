"""Writing frames to Elasticsearch (``services/datasets/README.md``, "The frame document" and
"Visibility of a version"): one index per dataset, created on its first write with the
dataset's vector fields; a save is ONE bulk request of the version's documents and the
``hidden_in`` updates of the ancestors' copies it overrides; a delete removes the version's own
documents and hides the ancestors' ones. No scripts (the local Elasticsearch has none):
``hidden_in`` is rewritten whole, guarded by the copy's ``_seq_no``/``_primary_term`` so that
two versions hiding one ancestor copy at once never lose each other's update.

A frame is written whole or not at all: a copy is hidden only for a frame whose document was
written (a failed document's hide is undone; a failed hide removes the new document).

Writes do not refresh (a refresh per call costs the bulk's throughput); reads through
``search()`` call ``fresh`` first (this process refreshes the indices it wrote since their last
refresh), and ``stats``/``delete_version`` refresh before they read (the datasets room may run
them in another replica than the one that wrote)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from elasticsearch import BadRequestError

from services.datasets.store import layout
from services.datasets.store.search import FrameSearch
from shared import metrics
from shared.elastic import ElasticComponent

BULK_IN_FLIGHT = 2  # bulk requests of one write sent at once
SPLIT_FROM = 200  # ops from which a write is split
HIDE_ATTEMPTS = 5  # a hide that keeps meeting concurrent writers gives up and fails the frame
DELETE_CHUNK = 5000
# What the write path reads of a multi-get (a miss shrinks to {"found": false}; a first save
# asks for 1,000 ids per version of the lineage, nearly all misses).
_MGET_FIELDS = "docs.found,docs._id,docs._seq_no,docs._primary_term,docs._source"
_BULK_FIELDS = ("errors,items.*.status,items.*.result,items.*._seq_no,items.*._primary_term,"
                "items.*.error.type,items.*.error.reason")


@dataclass(frozen=True)
class Copy:
    """The document through which a version sees a frame: its own, or an ancestor's."""

    doc_id: str
    version: str
    source: dict[str, Any]
    seq_no: int
    primary_term: int


@dataclass(frozen=True)
class _Op:
    """One bulk line pair: the action's header and its body (None for a delete)."""

    action: str
    doc_id: str
    body: Mapping[str, Any] | None = None
    guard: Copy | None = None  # if_seq_no/if_primary_term of an update


def _bulk_body(index: str, ops: Sequence[_Op]) -> bytes:
    # Serialised here with orjson: the client's NDJSON serialiser is the standard library's.
    lines = []
    for op in ops:
        header: dict[str, Any] = {"_index": index, "_id": op.doc_id}
        if op.guard is not None:
            header.update(if_seq_no=op.guard.seq_no, if_primary_term=op.guard.primary_term)
        lines.append(orjson.dumps({op.action: header}))
        if op.body is not None:
            lines.append(orjson.dumps(op.body))
    lines.append(b"")
    return b"\n".join(lines)


def _outcome(item: Mapping[str, Any]) -> dict[str, Any]:
    return next(iter(item.values()))


def _failure(result: Mapping[str, Any]) -> str | None:
    error = result.get("error")
    if not error:
        return None
    return error.get("reason") or error.get("type") if isinstance(error, dict) else str(error)


class ElasticFrameStore(ElasticComponent):
    """The frames of every dataset of every company (``<prefix>cairn-frames-<company>-<dataset>``)."""

    def __init__(self, url: str, prefix: str, timeout_s: float = 60.0) -> None:
        super().__init__(url, prefix, timeout_s)
        self._ready: set[str] = set()  # indices known to exist
        self._dirty: set[str] = set()  # indices written by this process since their last refresh

    async def start(self) -> None:
        """Nothing to put: each dataset's index is created with its own mapping on first write."""

    def index(self, company: str, dataset: str) -> str:
        return layout.dataset_index(self.prefix, company, dataset)

    def search(self) -> FrameSearch:
        """The read side, seeing what this process wrote (``fresh`` before every read)."""
        return FrameSearch(self.es, self.prefix, before_read=self.fresh)

    async def ensure_index(self, company: str, dataset: str, vectors: Mapping[str, Mapping[str, Any]]) -> None:
        """The dataset's index, created with the mapping of its vector fields unless it exists."""
        name = self.index(company, dataset)
        if name in self._ready:
            return
        try:
            await self._create(name, layout.index_body(dict(vectors)))
        except BadRequestError as exc:
            if exc.error != "illegal_argument_exception" or "exclude_source_vectors" not in str(exc):
                raise
            await self._create(name, layout.index_body(dict(vectors), keep_vectors=False))  # before 9.x
        self._ready.add(name)

    async def _create(self, name: str, body: dict[str, Any]) -> None:
        try:
            await self.es.indices.create(index=name, **body)
        except BadRequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise

    async def visible(self, company: str, dataset: str, lineage: Sequence[str], frame_ids: Iterable[str],
                      fields: Sequence[str] | None = None) -> dict[str, Copy]:
        """Frame id -> the document through which the version of ``lineage`` sees it (real
        time: a multi-get of ``<version>:<frame>`` for every version of the lineage)."""
        ids = list(dict.fromkeys(frame_ids))
        if not ids:
            return {}
        wanted = [layout.doc_id(v, f) for f in ids for v in lineage]
        source: Any = ["id", "version", "hidden_in", *fields] if fields is not None else True
        answer = await self.es.mget(index=self.index(company, dataset), ids=wanted, source=source,
                                    realtime=True, filter_path=_MGET_FIELDS)
        seen = set(lineage)
        out: dict[str, Copy] = {}
        for doc in answer.get("docs", ()):
            body = doc.get("_source")
            if not doc.get("found") or body is None or seen.intersection(body.get("hidden_in") or ()):
                continue
            out.setdefault(body["id"], Copy(doc["_id"], body["version"], body, doc["_seq_no"], doc["_primary_term"]))
        return out

    async def _bulk(self, index: str, ops: Sequence[_Op]) -> list[dict[str, Any]]:
        """The outcome of each op, in order. A big batch goes as BULK_IN_FLIGHT requests at
        once: Elasticsearch indexes one bulk request on one write thread, so two keep both
        cores busy (measured here: 1,000 frames index in 0.6x the time of one request)."""
        if not ops:
            return []
        parts = BULK_IN_FLIGHT if len(ops) >= SPLIT_FROM else 1
        size = -(-len(ops) // parts)
        chunks = [ops[start:start + size] for start in range(0, len(ops), size)]
        for chunk in chunks:
            metrics.bulk_documents(len(chunk))
        answers = await asyncio.gather(*(self.es.bulk(operations=_bulk_body(index, chunk), refresh=False,
                                                      filter_path=_BULK_FIELDS) for chunk in chunks))
        self._dirty.add(index)
        return [_outcome(item) for answer in answers for item in answer["items"]]

    async def write(self, company: str, dataset: str, version: str, docs: Sequence[Mapping[str, Any]],
                    hides: Mapping[str, Copy]) -> dict[str, str]:
        """Index ``docs`` (written by ``version``) and hide the ancestors' copies of
        ``hides`` (frame id -> copy) in one bulk request; frame id -> error of each frame not
        written (nothing of it remains)."""
        index = self.index(company, dataset)
        ops = [_Op("index", layout.doc_id(version, doc["id"]), doc) for doc in docs]
        hidden = [frame for frame in dict.fromkeys(doc["id"] for doc in docs) if frame in hides]
        ops += [_hide_op(hides[frame], version) for frame in hidden]
        results = await self._bulk(index, ops)
        written = {doc["id"]: _failure(result) for doc, result in zip(docs, results)}
        hide_results = dict(zip(hidden, results[len(docs):]))
        undo: list[_Op] = []
        for frame, result in hide_results.items():
            if written.get(frame) is not None:
                if _failure(result) is None:  # the document failed: its copy shows again
                    undo.append(_restore_op(hides[frame], result))
            elif _failure(result) is not None and not await self._hide_again(index, hides[frame], version, result):
                written[frame] = f"frame not saved: the frame of version {hides[frame].version} could not be hidden"
                undo.append(_Op("delete", layout.doc_id(version, frame)))
        await self._bulk(index, undo)
        return {frame: error for frame, error in written.items() if error is not None}

    async def _hide_again(self, index: str, copy: Copy, version: str, result: Mapping[str, Any]) -> bool:
        """A hide that met a concurrent change of the copy (409): read it again and retry."""
        if result.get("status") != 409:
            return False
        for _ in range(HIDE_ATTEMPTS):
            current = await self.es.options(ignore_status=404).get(index=index, id=copy.doc_id,
                                                                    source=["hidden_in"])
            if not current.get("found"):
                return False
            hidden_in = current["_source"].get("hidden_in") or []
            if version in hidden_in:
                return True
            latest = Copy(copy.doc_id, copy.version, {"hidden_in": hidden_in}, current["_seq_no"],
                         current["_primary_term"])
            [outcome] = await self._bulk(index, [_hide_op(latest, version)])
            if _failure(outcome) is None:
                return True
            if outcome.get("status") != 409:
                return False
        return False

    async def remove(self, company: str, dataset: str, version: str, copies: Mapping[str, Copy]) -> int:
        """Delete frames from ``version``: its own documents go, the ancestors' copies are
        hidden. The number of frames removed."""
        index = self.index(company, dataset)
        frames = list(copies)
        ops = [_Op("delete", copies[f].doc_id) if copies[f].version == version else _hide_op(copies[f], version)
               for f in frames]
        removed = 0
        for frame, result in zip(frames, await self._bulk(index, ops)):
            if _failure(result) is None or await self._hide_again(index, copies[frame], version, result):
                removed += 1
        return removed

    async def fresh(self, company: str, datasets: Iterable[str]) -> None:
        """Make this process's unrefreshed writes to these datasets (``*``: all the company's)
        searchable; nothing to do (no request) when it wrote none."""
        if not self._dirty:
            return
        datasets = list(datasets)
        if "*" in datasets:
            family = layout.company_pattern(self.prefix, company).rstrip("*")
            names = {name for name in self._dirty if name.startswith(family)}
        else:
            names = {self.index(company, d) for d in datasets} & self._dirty
        if names:
            self._dirty -= names
            await self.es.indices.refresh(index=",".join(sorted(names)), ignore_unavailable=True)

    async def refresh(self, company: str, dataset: str) -> None:
        self._dirty.discard(self.index(company, dataset))
        await self.es.indices.refresh(index=self.index(company, dataset), ignore_unavailable=True)

    async def drop_index(self, company: str, dataset: str) -> None:
        name = self.index(company, dataset)
        self._ready.discard(name)
        self._dirty.discard(name)
        await self.es.indices.delete(index=name, ignore_unavailable=True)

    async def delete_version(self, company: str, dataset: str, version: str) -> int:
        """Delete the documents ``version`` wrote, by id in bulk (no _delete_by_query locally)."""
        await self.refresh(company, dataset)
        ids = [frame["_id"] async for frame in self.search().scan(
            company, [dataset], {"term": {"version": version}}, source=False, page=DELETE_CHUNK)]
        deleted = 0
        for start in range(0, len(ids), DELETE_CHUNK):
            results = await self._bulk(self.index(company, dataset),
                                       [_Op("delete", doc_id) for doc_id in ids[start:start + DELETE_CHUNK]])
            deleted += sum(1 for result in results if result.get("result") == "deleted")
        return deleted

    async def stats(self, company: str, dataset: str, lineage: Sequence[str]) -> dict[str, Any]:
        """Counts of the frames of a version: ``{"total", "annotated" (frames with ROIs),
        "labels": {label: ROIs}, "content_types": {content type: frames}}``."""
        await self.refresh(company, dataset)
        aggs = {
            "annotated": {"filter": {"nested": {"path": "rois", "query": {"match_all": {}}}}},
            "rois": {"nested": {"path": "rois"}, "aggs": {"labels": {"terms": {"field": "rois.label", "size": 10000}}}},
            "content_types": {"terms": {"field": "sources.content_type", "size": 1000}},
        }
        answer = await self.es.search(index=self.index(company, dataset), ignore_unavailable=True,
                                      allow_no_indices=True, query=layout.visible_in(lineage), aggs=aggs,
                                      size=0, track_total_hits=True)
        found = answer.get("aggregations") or {}
        return {"total": answer["hits"]["total"]["value"],
                "annotated": found.get("annotated", {}).get("doc_count", 0),
                "labels": _buckets(found.get("rois", {}).get("labels")),
                "content_types": _buckets(found.get("content_types"))}


def _buckets(agg: Mapping[str, Any] | None) -> dict[str, int]:
    return {bucket["key"]: bucket["doc_count"] for bucket in (agg or {}).get("buckets", [])}


def _hide_op(copy: Copy, version: str) -> _Op:
    hidden_in = [*(copy.source.get("hidden_in") or []), version]
    return _Op("update", copy.doc_id, {"doc": {"hidden_in": hidden_in}}, guard=copy)


def _restore_op(copy: Copy, result: Mapping[str, Any]) -> _Op:
    """Undo a hide: the copy's ``hidden_in`` as it was, guarded by the hide's own seq_no."""
    after = Copy(copy.doc_id, copy.version, copy.source, result["_seq_no"], result["_primary_term"])
    return _Op("update", copy.doc_id, {"doc": {"hidden_in": copy.source.get("hidden_in") or []}}, guard=after)
