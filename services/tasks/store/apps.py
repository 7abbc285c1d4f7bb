"""MongoDB stores of the applications room (``services/tasks/apps``), in ``cairn_tasks``.

Collections (one owner: the apps room of the tasks process):

- ``apps``: one document per application version ``{_id: "<app>@<version>", app_id,
  version, name, category, enabled, latest, origin, definition (the uploaded definition as
  JSON text: free-form templates keep keys MongoDB could not), created, last_update,
  updated_by}``; ``app_assets``: the small files of a version (bytes, content type);
  ``app_locks``: ``{_id: app_id, locked}``, the launch lock of an application.
- ``app_deployments``: ``{_id: "<app>|<tenant>", app_id, tenant, state}`` where ``state`` is
  ``enabled``/``disabled``/``not_deployed``, a tenant's explicit deployment of an app;
  ``app_assignments``: ``{_id: app_id, mode, tenants}``, the app's tenant assignment (what a
  tenant without an explicit deployment gets).
- ``app_instances``: ``{_id: <the instance's task id>, company, user, app_id, version,
  customization_id, name, project, queue, queue_name, params, user_groups, created,
  last_change}``.
- ``app_customizations``: ``{_id, app_id, name, base_version, appearance_overrides,
  wizard_overrides (JSON text), assignment {mode, tenants}, state, launch_locked,
  last_update, updated_by}``.
- ``app_settings``: server-wide settings of the room by ``_id`` (``hub_token``).

The collections are small (apps and customizations are made by administrators); instance
reads are served by the ``(company, app_id)`` and ``(app_id)`` indexes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]


def version_doc_id(app_id: str, version: str) -> str:
    return f"{app_id}@{version}"


class MongoAppCatalog:
    """Application versions, their assets and launch locks."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._apps = db["apps"]
        self._assets = db["app_assets"]
        self._locks = db["app_locks"]

    async def ensure_indexes(self) -> None:
        await self._apps.create_index([("app_id", ASCENDING), ("version", ASCENDING)], unique=True)
        await self._assets.create_index([("app_id", ASCENDING), ("version", ASCENDING)])

    async def get(self, app_id: str, version: str) -> Document | None:
        return await self._apps.find_one({"_id": version_doc_id(app_id, version)})

    async def versions(self, app_id: str) -> list[Document]:
        return await self._apps.find({"app_id": app_id}).to_list(None)

    async def every_version(self) -> list[Document]:
        return await self._apps.find({}).to_list(None)

    async def save(self, doc: Document) -> None:
        await self._apps.replace_one({"_id": doc["_id"]}, doc, upsert=True)

    async def set_enabled(self, app_id: str, versions: Sequence[str], enabled: bool, when: datetime, user: str) -> int:
        """Enable or disable these versions -> how many changed."""
        result = await self._apps.update_many(
            {"app_id": app_id, "version": {"$in": list(versions)}, "enabled": {"$ne": enabled}},
            {"$set": {"enabled": enabled, "last_update": when, "updated_by": user}})
        return result.modified_count

    async def set_latest(self, app_id: str, version: str) -> None:
        await self._apps.update_many({"app_id": app_id, "version": {"$ne": version}}, {"$set": {"latest": False}})
        await self._apps.update_one({"_id": version_doc_id(app_id, version)}, {"$set": {"latest": True}})

    async def delete(self, app_id: str, versions: Sequence[str]) -> int:
        ids = [version_doc_id(app_id, v) for v in versions]
        await self._assets.delete_many({"app_id": app_id, "version": {"$in": list(versions)}})
        return (await self._apps.delete_many({"_id": {"$in": ids}})).deleted_count

    async def save_assets(self, app_id: str, version: str, assets: dict[str, tuple[str, bytes]]) -> None:
        """Replace the version's assets: uri -> (content type, bytes)."""
        await self._assets.delete_many({"app_id": app_id, "version": version})
        if assets:
            await self._assets.insert_many([
                {"_id": f"{version_doc_id(app_id, version)}/{uri}", "app_id": app_id, "version": version, "uri": uri,
                 "content_type": content_type, "data": data}
                for uri, (content_type, data) in assets.items()])

    async def asset(self, app_id: str, version: str, uri: str) -> Document | None:
        return await self._assets.find_one({"_id": f"{version_doc_id(app_id, version)}/{uri}"})

    async def locked(self, app_id: str) -> bool:
        doc = await self._locks.find_one({"_id": app_id})
        return bool(doc and doc.get("locked"))

    async def set_locked(self, app_id: str, locked: bool) -> None:
        await self._locks.replace_one({"_id": app_id}, {"_id": app_id, "locked": locked}, upsert=True)

    async def forget(self, app_id: str) -> None:
        """The app's lock goes with its last version."""
        await self._locks.delete_one({"_id": app_id})


class MongoAppDeployments:
    """Which tenants (companies) have which application, and each app's assignment."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._deployments = db["app_deployments"]
        self._assignments = db["app_assignments"]

    async def ensure_indexes(self) -> None:
        await self._deployments.create_index([("app_id", ASCENDING)])
        await self._deployments.create_index([("tenant", ASCENDING)])

    async def states(self, app_id: str) -> dict[str, str]:
        """The explicit deployments of an app: tenant -> state."""
        return {d["tenant"]: d["state"] async for d in self._deployments.find({"app_id": app_id})}

    async def of_tenant(self, tenant: str) -> dict[str, str]:
        """The explicit deployments of a tenant: app id -> state."""
        return {d["app_id"]: d["state"] async for d in self._deployments.find({"tenant": tenant})}

    async def set_state(self, app_id: str, tenants: Sequence[str], state: str, when: datetime) -> None:
        for tenant in tenants:
            await self._deployments.replace_one(
                {"_id": f"{app_id}|{tenant}"},
                {"_id": f"{app_id}|{tenant}", "app_id": app_id, "tenant": tenant, "state": state, "last_update": when},
                upsert=True)

    async def clear(self, app_id: str, tenants: Sequence[str] | None = None) -> int:
        """Forget explicit deployments (of these tenants, or all) -> how many."""
        query: Document = {"app_id": app_id}
        if tenants is not None:
            query["tenant"] = {"$in": list(tenants)}
        return (await self._deployments.delete_many(query)).deleted_count

    async def assignment(self, app_id: str) -> Document | None:
        return await self._assignments.find_one({"_id": app_id})

    async def set_assignment(self, app_id: str, mode: str, tenants: Sequence[str], when: datetime, user: str) -> None:
        await self._assignments.replace_one(
            {"_id": app_id},
            {"_id": app_id, "mode": mode, "tenants": list(tenants), "last_update": when, "updated_by": user},
            upsert=True)

    async def forget(self, app_id: str) -> None:
        await self._deployments.delete_many({"app_id": app_id})
        await self._assignments.delete_one({"_id": app_id})


class MongoAppInstances:
    """Application instances, one per app task (the task's id is the instance's)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._instances = db["app_instances"]

    async def ensure_indexes(self) -> None:
        await self._instances.create_index([("company", ASCENDING), ("app_id", ASCENDING)])
        await self._instances.create_index([("app_id", ASCENDING)])
        await self._instances.create_index([("customization_id", ASCENDING)])

    async def add(self, doc: Document) -> None:
        await self._instances.insert_one(doc)

    async def get(self, company: str, instance_id: str) -> Document | None:
        return await self._instances.find_one({"_id": instance_id, "company": company})

    async def find(self, company: str, *, app_id: str | None = None, user: str | None = None,
                   customization_id: str | None = None, name: str | None = None) -> list[Document]:
        """The company's instances, newest first; ``name``: a case-insensitive part of it."""
        query: Document = {"company": company}
        if app_id:
            query["app_id"] = app_id
        if user:
            query["user"] = user
        if customization_id:
            query["customization_id"] = customization_id
        if name:
            query["name"] = {"$regex": re.escape(name), "$options": "i"}
        return await self._instances.find(query).sort([("created", -1), ("_id", 1)]).to_list(None)

    async def of_apps(self, app_ids: Sequence[str], *, tenants: Sequence[str] | None = None,
                      versions: Sequence[str] | None = None, customization_id: str | None = None) -> list[Document]:
        """Instances of any company of these apps (of these tenants, versions, customization)."""
        query: Document = {"app_id": {"$in": list(app_ids)}}
        if tenants is not None:
            query["company"] = {"$in": list(tenants)}
        if versions is not None:
            query["version"] = {"$in": list(versions)}
        if customization_id:
            query["customization_id"] = customization_id
        return await self._instances.find(query).to_list(None)

    async def update(self, company: str, instance_id: str, changes: Document) -> None:
        await self._instances.update_one({"_id": instance_id, "company": company}, {"$set": changes})


class MongoAppCustomizations:
    """Customizations of applications (overridden appearance and launch-form fields)."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._customizations = db["app_customizations"]

    async def ensure_indexes(self) -> None:
        await self._customizations.create_index([("app_id", ASCENDING)])

    async def add(self, doc: Document) -> None:
        await self._customizations.insert_one(doc)

    async def get(self, customization_id: str) -> Document | None:
        return await self._customizations.find_one({"_id": customization_id})

    async def find(self, app_id: str | None = None) -> list[Document]:
        query = {"app_id": app_id} if app_id else {}
        return await self._customizations.find(query).sort([("name", 1), ("_id", 1)]).to_list(None)

    async def update(self, customization_id: str, changes: Document) -> None:
        await self._customizations.update_one({"_id": customization_id}, {"$set": changes})

    async def delete(self, customization_id: str) -> bool:
        return (await self._customizations.delete_one({"_id": customization_id})).deleted_count > 0

    async def delete_of_app(self, app_id: str) -> int:
        return (await self._customizations.delete_many({"app_id": app_id})).deleted_count


class MongoAppSettings:
    """Server-wide settings of the applications room, by name."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._settings = db["app_settings"]

    async def get(self, name: str) -> Document | None:
        return await self._settings.find_one({"_id": name})

    async def put(self, name: str, value: Document) -> None:
        await self._settings.replace_one({"_id": name}, {**value, "_id": name}, upsert=True)

    async def delete(self, name: str) -> bool:
        return (await self._settings.delete_one({"_id": name})).deleted_count > 0
