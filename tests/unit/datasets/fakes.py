"""In-memory implementations of the datasets room's ports (``DatasetRepository``,
``VersionRepository``, ``FrameLifecycle``); the repositories are held to the same behaviour
suite as the MongoDB adapters (``repository_suite.py``)."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from services.datasets.datasets.listing import Listing
from services.datasets.store.datasets import DuplicateName
from shared.errors import ApiError

Document = dict[str, Any]
_FLOOR = datetime.min.replace(tzinfo=timezone.utc)


def _sort_key(value: Any) -> tuple:
    """Missing values first, as MongoDB sorts null before anything."""
    return (0, "") if value is None else (1, value)


def listed(docs: Sequence[Document], listing: Listing) -> list[Document]:
    found = [d for d in docs if listing.matches(d)]
    for field, descending in reversed(listing.order):
        found.sort(key=lambda d, f=field: _sort_key(d.get(f)), reverse=descending)
    return copy.deepcopy(found[listing.skip:listing.skip + listing.limit])


class _Collection:
    def __init__(self, unique: tuple[str, ...]) -> None:
        self.docs: dict[str, Document] = {}
        self._unique = unique

    def _taken(self, doc: Document, other_than: str | None = None) -> bool:
        key = tuple(doc.get(f) for f in self._unique)
        return any(tuple(d.get(f) for f in self._unique) == key and d["_id"] != other_than
                   for d in self.docs.values())

    async def add(self, doc: Document) -> None:
        if self._taken(doc):
            raise DuplicateName(doc.get("name"))
        self.docs[doc["_id"]] = copy.deepcopy(doc)

    async def get(self, company: str, doc_id: str) -> Document | None:
        doc = self.docs.get(doc_id)
        return copy.deepcopy(doc) if doc is not None and doc["company"] == company else None

    async def find(self, listing: Listing) -> list[Document]:
        return listed(list(self.docs.values()), listing)

    async def update(self, company: str, doc_id: str, fields: Document,
                     statuses: Sequence[str] | None = None) -> Document | None:
        doc = self.docs.get(doc_id)
        if doc is None or doc["company"] != company or (statuses is not None and doc.get("status") not in statuses):
            return None
        changed = {**doc, **copy.deepcopy(fields)}
        if self._taken(changed, doc_id):
            raise DuplicateName(fields.get("name"))
        self.docs[doc_id] = changed
        return copy.deepcopy(changed)

    async def delete(self, company: str, doc_id: str) -> bool:
        if await self.get(company, doc_id) is None:
            return False
        del self.docs[doc_id]
        return True


class InMemoryDatasetRepository(_Collection):
    """``DatasetRepository`` in a dict; names unique per company."""

    def __init__(self) -> None:
        super().__init__(("company", "name"))

    async def by_name(self, company: str, name: str) -> Document | None:
        found = [d for d in self.docs.values() if d["company"] == company and d["name"] == name]
        return copy.deepcopy(found[0]) if found else None


class InMemoryVersionRepository(_Collection):
    """``VersionRepository`` in a dict; names unique per dataset."""

    def __init__(self) -> None:
        super().__init__(("company", "dataset", "name"))

    async def of_dataset(self, company: str, dataset_id: str) -> list[Document]:
        return await self.of_datasets(company, [dataset_id])

    async def of_datasets(self, company: str, dataset_ids: Sequence[str]) -> list[Document]:
        found = [d for d in self.docs.values() if d["company"] == company and d["dataset"] in dataset_ids]
        return copy.deepcopy(sorted(found, key=lambda d: (d.get("created") or _FLOOR, d["_id"])))

    async def has_children(self, company: str, version_id: str) -> bool:
        return any(d["company"] == company and d.get("parent") == version_id for d in self.docs.values())


class FakeFrames:
    """``FrameLifecycle`` over a dict of frames per version: ``frames[version] = [labels of
    each frame]``; a version sees the frames of its lineage. Records the drops."""

    def __init__(self) -> None:
        self.frames: dict[str, list[list[str]]] = {}
        self.dropped_datasets: list[str] = []
        self.dropped_versions: list[str] = []

    async def drop_dataset(self, company: str, dataset: str) -> None:
        self.dropped_datasets.append(dataset)

    async def drop_version(self, company: str, dataset: str, version: str) -> int:
        self.dropped_versions.append(version)
        return len(self.frames.pop(version, []))

    async def version_stats(self, company: str, dataset: str, lineage: list[str]) -> dict[str, Any]:
        seen = [labels for version in lineage for labels in self.frames.get(version, [])]
        counts: dict[str, int] = {}
        for labels in seen:
            for label in labels:
                counts[label] = counts.get(label, 0) + 1
        annotated = sum(1 for labels in seen if labels)
        return {"frames": [{"name": "total", "count": len(seen)}, {"name": "annotated", "count": annotated},
                           {"name": "unannotated", "count": len(seen) - annotated}],
                "labels": [{"name": k, "count": v} for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))],
                "content_types": []}


class FakeProjects:
    """``Projects`` over a dict of project names by id; ``ensure`` creates what is missing."""

    def __init__(self, *known: str) -> None:
        self.names: dict[str, str] = {project: f"name-{project}" for project in known}

    async def check(self, identity, project_id: str) -> None:
        if project_id not in self.names:
            raise ApiError.named("invalid_project_id", id=project_id)

    async def ensure(self, identity, name: str) -> str:
        for project, known in self.names.items():
            if known == name:
                return project
        self.names[f"p-{name}"] = name
        return f"p-{name}"
