"""Use cases that read frames and what describes them: ``frames.get_by_id``, ``get_by_ids``,
``get_count``, ``get_with_projection``, ``datasets.get_snippets``, ``get_sources``,
``get_source_ids``, ``get_schema``, ``get_schema_keys``, ``get_vector_fields``. A version's
frames are those its lineage sees (README, "Visibility of a version")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from services.datasets.frames import rules
from services.datasets.frames.ports import Datasets, Versions
from services.datasets.store import layout
from services.datasets.store.frames import ElasticFrameStore
from services.datasets.store.schemas import MongoSchemaRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

# Frame fields every frame has, by schema type (``datasets.get_schema``), as Lucene paths.
FRAME_FIELDS = {"id": rules.STRING, "context_id": rules.STRING, "timestamp": rules.NUMBER,
                "saved": rules.NUMBER, "updated": rules.NUMBER, "saved_in_version": rules.STRING,
                "updated_in_version": rules.STRING}
ROI_FIELDS = {"rois.id": rules.STRING, "rois.label": rules.STRING, "rois.confidence": rules.NUMBER,
              "rois.sources": rules.STRING, "rois.area": rules.NUMBER}
SOURCE_FIELDS = {"sources.id": rules.STRING, "sources.uri": rules.STRING, "sources.content_type": rules.STRING,
                 "sources.width": rules.NUMBER, "sources.height": rules.NUMBER, "sources.timestamp": rules.NUMBER}
MAX_COUNT = 10_000  # Elasticsearch's result window: the most frames one read answers

# Default order of frames: ClearML sorts by context id, then timestamp.
ORDER = [{"context_id": "asc"}, {"timestamp": "asc"}, {"id": "asc"}]


class FrameReads:
    def __init__(self, store: ElasticFrameStore, schemas: MongoSchemaRepository, versions: Versions,
                 datasets: Datasets) -> None:
        self._store, self._schemas, self._versions, self._datasets = store, schemas, versions, datasets

    async def _version(self, company: str, version_id: str, dataset: str | None = None) -> dict[str, Any]:
        version = await self._versions.get(company, version_id)
        if version is None or (dataset and version["dataset"] != dataset):
            # as the datasets room answers an unknown version (400/10)
            raise ApiError.named("invalid_id", "invalid dataset version id", id=version_id)
        return version

    async def get_by_id(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``frames.get_by_id``: one frame of a version (optionally projected)."""
        version = await self._version(identity.company, request.version, request.dataset)
        copies = await self._store.visible(identity.company, version["dataset"], version["lineage"], [request.frame])
        if request.frame not in copies:
            raise ApiError.named("invalid_id", "invalid frame id", id=request.frame, version=request.version)
        return {"frame": rules.clearml_frame(copies[request.frame].source, request.version, request.projection)}

    async def get_by_ids(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``frames.get_by_ids``: the frames of a version with these ids (in the order asked;
        ids the version does not have are left out)."""
        version = await self._version(identity.company, request.version, request.dataset)
        copies = await self._store.visible(identity.company, version["dataset"], version["lineage"],
                                           request.frame_ids)
        frames = [rules.clearml_frame(copies[f].source, request.version, request.projection)
                  for f in dict.fromkeys(request.frame_ids) if f in copies]
        return {"frames": frames}

    async def get_count(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``frames.get_count``: the number of frames of a version (with any of ``labels``)."""
        version = await self._version(identity.company, request.version, request.dataset)
        query = layout.visible_in(version["lineage"])
        if request.labels:
            query = {"bool": {"filter": [query, {"terms": {"labels": request.labels}}]}}
        return {"total": await self._store.search().count(identity.company, [version["dataset"]], query)}

    async def _selection(self, company: str, dataset: str, version_id: str | None) -> dict[str, Any]:
        """A version's frames; without a version, the dataset's newest copies (hidden by none)."""
        if version_id:
            return layout.visible_in((await self._version(company, version_id, dataset))["lineage"])
        return {"bool": {"must_not": [{"exists": {"field": "hidden_in"}}]}}

    async def _snippets(self, company: str, request: Any) -> list[dict[str, Any]]:
        query = await self._selection(company, request.dataset, request.version)
        page = await self._store.search().search(company, [request.dataset], query, sort=ORDER,
                                                 size=_bounded(request.max_count))
        return page.frames

    async def get_snippets(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_snippets``: the first ``max_count`` frames (ClearML's default order)."""
        docs = await self._snippets(identity.company, request)
        return {"snippets": [rules.clearml_frame(doc, request.version) for doc in docs]}

    async def get_sources(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_sources``: the uris of the sources of the first ``max_count`` frames,
        by source id."""
        sources: dict[str, list[str]] = {}
        for doc in await self._snippets(identity.company, request):
            for source in doc.get("sources") or []:
                sources.setdefault(source.get("id") or "", []).append(source.get("uri"))
        return {"sources": sources}

    async def get_source_ids(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_source_ids``: the distinct source ids (at most ``max_count``)."""
        query = await self._selection(identity.company, request.dataset, request.version)
        size = max(1, _bounded(request.max_count))
        found = await self._store.search().aggregate(identity.company, [request.dataset], query,
                                                     {"ids": {"terms": {"field": "sources.id", "size": size}}})
        return {"source_ids": sorted(b["key"] for b in found.get("ids", {}).get("buckets", []))}

    async def _datasets_of(self, company: str, dataset: str | None, versions: Iterable[str] | None) -> list[str]:
        found = [dataset] if dataset else []
        for version_id in versions or []:
            found.append((await self._version(company, version_id, dataset))["dataset"])
        return list(dict.fromkeys(found))

    async def _meta_schema(self, company: str, request: Any) -> dict[str, str]:
        datasets = await self._datasets_of(company, request.dataset, request.versions)
        merged: dict[str, str] = {}
        for schema in (await self._schemas.of_datasets(company, datasets)).values():
            for path, kind in schema.items():
                merged.setdefault(path, kind)
        return dict(sorted(merged.items()))

    async def get_schema(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_schema``: the fields (Lucene paths) and their types a query of these
        versions can use: the frame's (with its meta schema), a ROI's or a source's."""
        kind = getattr(request.schema_type, "value", request.schema_type) or "frame"
        if kind == "roi":
            return {"schema": dict(ROI_FIELDS)}
        if kind == "source":
            return {"schema": dict(SOURCE_FIELDS)}
        return {"schema": {**FRAME_FIELDS, **await self._meta_schema(identity.company, request)}}

    async def get_schema_keys(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_schema_keys``: the field names a Lucene query of these versions can use."""
        meta = await self._meta_schema(identity.company, request)
        frame_keys = [*FRAME_FIELDS, *(path for path, kind in meta.items() if kind != rules.OBJECT)]
        return {"frame_keys": frame_keys, "roi_keys": list(ROI_FIELDS), "source_keys": list(SOURCE_FIELDS)}

    async def get_vector_fields(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_vector_fields``: the dense-vector meta fields of the datasets (their
        ``field_mappings``) of a dataset or of some versions."""
        fields = []
        for dataset_id in await self._datasets_of(identity.company, request.dataset, request.versions):
            dataset = await self._datasets.get(identity.company, dataset_id) or {}
            for path, spec in rules.vector_fields(dataset.get("field_mappings")).items():
                fields.append(rules.vector_field_answer(path, spec))
        return {"fields": fields}

    async def get_with_projection(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``frames.get_with_projection``: for each query item (``field`` in ``values``), the
        frames of the versions having it, projected; ``frames``: value -> frames."""
        out: dict[str, list[dict[str, Any]]] = {}
        for entry in request.versions or []:
            version = await self._version(identity.company, entry.version, entry.dataset)
            for item in request.query or []:
                await self._project(identity.company, version, entry.version, item, out)
        return {"frames": out}

    async def _project(self, company: str, version: dict[str, Any], version_id: str, item: Any,
                       out: dict[str, list[dict[str, Any]]]) -> None:
        if not item.field or not item.values:
            return
        query = {"bool": {"filter": [layout.visible_in(version["lineage"]), {"terms": {item.field: item.values}}]}}
        async for doc in self._store.search().scan(company, [version["dataset"]], query):
            frame = rules.clearml_frame(doc, version_id, item.projection)
            for value in dict.fromkeys(str(v) for v in rules.values_at(doc, item.field)):
                if value in item.values:
                    out.setdefault(value, []).append(frame)


def _bounded(max_count: int | None) -> int:
    return min(max(0, max_count or 0), MAX_COUNT)
