"""TEMPORARY stand-in for the datasets room (wip-versions) so that the frames e2e tests run
before it is merged: datasets.create, create_version, commit_version, publish_version. Deleted
before the frames branch is reported."""

from __future__ import annotations

import uuid
from typing import Any

from shared.errors import ApiError


class StandIn:
    def __init__(self, db, lifecycle=None) -> None:
        self._datasets, self._versions, self.lifecycle = db["datasets"], db["versions"], lifecycle

    async def get(self, company: str, version_id: str) -> dict[str, Any] | None:
        return await self._versions.find_one({"_id": version_id, "company": company})

    async def writable_version(self, company: str, version_id: str) -> dict[str, Any]:
        version = await self.get(company, version_id)
        if version is None or version["status"] == "published":
            raise ApiError.named("invalid_id", "no writable version", version=version_id)
        return version

    async def dataset(self, company: str, dataset_id: str) -> dict[str, Any] | None:
        return await self._datasets.find_one({"_id": dataset_id, "company": company})

    async def create(self, identity, request) -> dict[str, Any]:
        new = uuid.uuid4().hex
        await self._datasets.insert_one({"_id": new, "company": identity.company, "name": request.name,
                                         "field_mappings": getattr(request, "field_mappings", None)})
        return {"id": new}

    async def create_version(self, identity, request) -> dict[str, Any]:
        new = uuid.uuid4().hex
        lineage = [new]
        if request.parent:
            lineage += (await self.get(identity.company, request.parent))["lineage"]
        await self._versions.insert_one({"_id": new, "company": identity.company, "dataset": request.dataset,
                                         "parent": request.parent, "lineage": lineage, "status": "draft"})
        return {"id": new}

    async def commit_version(self, identity, request) -> dict[str, Any]:
        version = await self.get(identity.company, request.version)
        stats = await self.lifecycle.version_stats(identity.company, version["dataset"], version["lineage"])
        await self._versions.update_one({"_id": request.version}, {"$set": {"status": "committed", "stats": stats}})
        return {"committed": 1, "stats": stats}

    async def publish_version(self, identity, request) -> dict[str, Any]:
        await self._versions.update_one({"_id": request.version}, {"$set": {"status": "published"}})
        return {"published": 1}

    async def delete_version(self, identity, request) -> dict[str, Any]:
        version = await self.get(identity.company, request.version)
        await self.lifecycle.drop_version(identity.company, version["dataset"], request.version)
        await self._versions.delete_one({"_id": request.version})
        return {"deleted": True}


class StandInDatasets:
    def __init__(self, standin: StandIn) -> None:
        self._standin = standin

    async def get(self, company: str, dataset_id: str) -> dict[str, Any] | None:
        return await self._standin.dataset(company, dataset_id)
