"""In-memory fakes of the dataviews room's ports (``services/datasets/dataviews/ports.py``)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from services.datasets.dataviews.listing import DataviewFilter, project_fields
from services.datasets.store.dataviews import as_api
from shared.errors import ApiError

Document = dict[str, Any]


def _sort_key(value: Any) -> tuple:
    """MongoDB's order: missing and null first, then numbers, text, others."""
    if value is None:
        return (0, "")
    return (1, value) if isinstance(value, (int, float)) else (2, str(value))


class InMemoryDataviewRepository:
    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def add(self, dataview: Document) -> None:
        self.docs[dataview["_id"]] = copy.deepcopy(dict(dataview))

    async def get(self, company: str, dataview_id: str) -> Document | None:
        doc = self.docs.get(dataview_id)
        return as_api(copy.deepcopy(doc)) if doc is not None and doc["company"] in (company, "") else None

    async def stored(self, company: str, dataview_id: str) -> Document | None:
        doc = self.docs.get(dataview_id)
        return copy.deepcopy(doc) if doc is not None and doc["company"] == company else None

    async def find(self, query: DataviewFilter) -> list[Document]:
        found = [d for d in self.docs.values() if query.matches(d)]
        for field, descending in reversed(query.order):
            found.sort(key=lambda d: _sort_key(d.get(field)), reverse=descending)
        page = found[query.skip:query.skip + query.limit]
        return [project_fields(as_api(copy.deepcopy(d)), query.fields) for d in page]

    async def update(self, company: str, dataview_id: str, fields: Mapping[str, Any],
                     unset: Sequence[str] = ()) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        doc = self.docs[dataview_id]
        doc.update(copy.deepcopy(dict(fields)))
        for name in unset:
            doc.pop(name, None)
        return True

    async def set_system_tag(self, company: str, dataview_id: str, tag: str, present: bool) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        tags = [t for t in self.docs[dataview_id].get("system_tags") or [] if t != tag]
        self.docs[dataview_id]["system_tags"] = [*tags, tag] if present else tags
        return True

    async def set_project(self, company: str, dataview_ids: Sequence[str], project: str | None) -> int:
        mine = [i for i in dataview_ids if i in self.docs and self.docs[i]["company"] == company]
        for dataview_id in mine:
            if project:
                self.docs[dataview_id]["project"] = project
            else:
                self.docs[dataview_id].pop("project", None)
        return len(mine)

    async def delete(self, company: str, dataview_id: str) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        del self.docs[dataview_id]
        return True


class InMemoryLookup:
    """Datasets or versions of the versions room, by id."""

    def __init__(self, *docs: Document) -> None:
        self.docs = {d["_id"]: d for d in docs}

    async def get(self, company: str, entity_id: str) -> Document | None:
        doc = self.docs.get(entity_id)
        return doc if doc is not None and doc.get("company") == company else None


class InMemoryProjects:
    """The tasks process's projects, by id; ``ensure`` makes ``project-<name>`` ids."""

    def __init__(self, *ids: str) -> None:
        self.names: dict[str, str] = {project_id: project_id for project_id in ids}

    async def check(self, identity: Any, project_id: str) -> None:
        if project_id not in self.names:
            raise ApiError.named("invalid_project_id", id=project_id)

    async def ensure(self, identity: Any, name: str) -> str:
        self.names.setdefault(f"project-{name}", name)
        return f"project-{name}"
