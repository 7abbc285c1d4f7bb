"""In-memory fakes of what the frames room's use cases talk to: the frame store, the meta
schema store, the datasets room's versions and datasets (``frames/ports.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from services.datasets.store import layout
from services.datasets.store.frames import Copy
from shared.errors import ApiError


class InMemoryFrameStore:
    """The frame documents of one company, by dataset then document id. ``refuse``: frame ids
    whose documents the store refuses (as Elasticsearch refuses a value its mapping cannot take)."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, dict[str, Any]]] = {}
        self.refuse: set[str] = set()
        self.indices: dict[str, dict[str, Any]] = {}

    async def ensure_index(self, company: str, dataset: str, vectors: Mapping[str, Any]) -> None:
        self.indices.setdefault(dataset, dict(vectors))

    async def visible(self, company: str, dataset: str, lineage: Sequence[str], frame_ids: Iterable[str],
                      fields: Sequence[str] | None = None) -> dict[str, Copy]:
        out: dict[str, Copy] = {}
        docs = self.docs.get(dataset, {})
        for frame in frame_ids:
            for version in lineage:
                doc = docs.get(layout.doc_id(version, frame))
                if doc is not None and not set(lineage) & set(doc["hidden_in"]):
                    out[frame] = Copy(layout.doc_id(version, frame), version, dict(doc), 0, 1)
                    break
        return out

    async def write(self, company: str, dataset: str, version: str, docs: Sequence[Mapping[str, Any]],
                    hides: Mapping[str, Copy]) -> dict[str, str]:
        failed = {}
        for doc in docs:
            if doc["id"] in self.refuse:
                failed[doc["id"]] = "mapper_parsing_exception"
                continue
            self.docs.setdefault(dataset, {})[layout.doc_id(version, doc["id"])] = dict(doc)
            if doc["id"] in hides:
                self.docs[dataset][hides[doc["id"]].doc_id]["hidden_in"].append(version)
        return failed

    async def remove(self, company: str, dataset: str, version: str, copies: Mapping[str, Copy]) -> int:
        for copy in copies.values():
            if copy.version == version:
                del self.docs[dataset][copy.doc_id]
            else:
                self.docs[dataset][copy.doc_id]["hidden_in"].append(version)
        return len(copies)

    async def drop_index(self, company: str, dataset: str) -> None:
        self.docs.pop(dataset, None)
        self.indices.pop(dataset, None)

    async def delete_version(self, company: str, dataset: str, version: str) -> int:
        gone = [key for key, doc in self.docs.get(dataset, {}).items() if doc["version"] == version]
        for key in gone:
            del self.docs[dataset][key]
        return len(gone)

    async def stats(self, company: str, dataset: str, lineage: Sequence[str]) -> dict[str, Any]:
        seen = [d for d in self.docs.get(dataset, {}).values()
                if d["version"] in lineage and not set(lineage) & set(d["hidden_in"])]
        labels: dict[str, int] = {}
        for doc in seen:
            for label, count in doc["label_counts"].items():
                labels[label] = labels.get(label, 0) + count
        return {"total": len(seen), "annotated": sum(1 for d in seen if d["rois"]), "labels": labels,
                "content_types": {}}

    def frames_of(self, dataset: str, lineage: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {d["id"]: d for d in self.docs.get(dataset, {}).values()
                if d["version"] in lineage and not set(lineage) & set(d["hidden_in"])}


class InMemorySchemas:
    """``race``: types another writer recorded first (``add`` answers them, as the unique index
    makes the real store do)."""

    def __init__(self) -> None:
        self.types: dict[str, dict[str, str]] = {}
        self.race: dict[str, str] = {}

    async def of_dataset(self, company: str, dataset: str) -> dict[str, str]:
        return dict(self.types.get(dataset, {}))

    async def of_datasets(self, company: str, datasets: Iterable[str]) -> dict[str, dict[str, str]]:
        return {d: dict(self.types[d]) for d in datasets if d in self.types}

    async def add(self, company: str, dataset: str, types: Mapping[str, str]) -> dict[str, str]:
        held = self.types.setdefault(dataset, {})
        for path, kind in {**types, **{p: k for p, k in self.race.items() if p in types}}.items():
            held.setdefault(path, kind)
        return {path: held[path] for path in types}

    async def drop(self, company: str, dataset: str) -> None:
        self.types.pop(dataset, None)


class InMemoryVersions:
    """Versions and datasets of the datasets room (``Versions``, ``WritableVersions``, ``Datasets``)."""

    def __init__(self) -> None:
        self.versions: dict[str, dict[str, Any]] = {}
        self.datasets: dict[str, dict[str, Any]] = {}

    def add(self, version: str, dataset: str = "ds", parent: str | None = None, status: str = "draft") -> str:
        lineage = [version, *(self.versions[parent]["lineage"] if parent else [])]
        self.versions[version] = {"_id": version, "dataset": dataset, "parent": parent, "lineage": lineage,
                                  "status": status}
        self.datasets.setdefault(dataset, {"_id": dataset, "field_mappings": None})
        return version

    async def get(self, company: str, version_id: str) -> dict[str, Any] | None:
        return self.versions.get(version_id)

    async def writable_version(self, company: str, version_id: str) -> dict[str, Any]:
        version = self.versions.get(version_id)
        if version is None or version["status"] == "published":
            raise ApiError.named("invalid_id", "not a writable version", version=version_id)
        return version


class InMemoryDatasets:
    def __init__(self, versions: InMemoryVersions) -> None:
        self._versions = versions

    async def get(self, company: str, dataset_id: str) -> dict[str, Any] | None:
        return self._versions.datasets.get(dataset_id)
