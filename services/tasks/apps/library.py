"""What the use cases of the applications room share: reading an application's versions and
its active one, a tenant's deployment state, the instances still running and stopping them
behind a confirmation, and the views the endpoints answer (``app_info``,
``application_instance``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.tasks.apps import forms
from services.tasks.apps.ports import AppTasks, Tenants, launch_values, reported_info
from services.tasks.store.apps import (
    Document,
    MongoAppCatalog,
    MongoAppCustomizations,
    MongoAppDeployments,
    MongoAppInstances,
    MongoAppSettings,
)
from services.tasks.tasks import status
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

ADMIN_ROLES = frozenset({"admin", "system", "root"})
LIVE = frozenset({status.QUEUED, status.IN_PROGRESS})
APP_FIELDS = ("name", "description", "category", "icon", "badges", "provider", "details_page", "no_info_html",
              "no_info_image", "user_group_sharing", "confirm_config_update")


def unknown_app(app_id: str, version: str | None = None) -> ApiError:
    details = {"app": app_id, **({"version": version} if version else {})}
    return ApiError.named("invalid_id", "unknown application" + (" version" if version else ""), **details)


def definition(version_doc: Document) -> dict[str, Any]:
    """The uploaded definition of an application version (without its assets)."""
    return json.loads(version_doc["definition"])


def entries(version_doc: Document) -> list[dict[str, Any]]:
    return list((definition(version_doc).get("launch_template") or {}).get("entries") or [])


def active_version(versions: list[Document]) -> Document | None:
    """The version users launch: the latest-marked one if enabled, else the highest enabled."""
    enabled = [v for v in versions if v.get("enabled")]
    marked = [v for v in enabled if v.get("latest")]
    if marked:
        return marked[0]
    return max(enabled, key=lambda v: forms.version_key(v["version"]), default=None)


def state_for(tenant: str, states: dict[str, str], assignment: Document | None) -> str:
    """A tenant's deployment of an app: its explicit state, else what the app's assignment
    gives (``all``: enabled; ``include``: enabled if listed; ``exclude``: enabled unless
    listed). An app never assigned is assigned to ``all``."""
    if tenant in states:
        return states[tenant]
    mode = (assignment or {}).get("mode") or "all"
    listed = tenant in ((assignment or {}).get("tenants") or [])
    if mode == "include":
        return "enabled" if listed else "not_deployed"
    if mode == "exclude":
        return "not_deployed" if listed else "enabled"
    return "enabled"


@dataclass(frozen=True)
class Stores:
    catalog: MongoAppCatalog
    deployments: MongoAppDeployments
    instances: MongoAppInstances
    customizations: MongoAppCustomizations
    settings: MongoAppSettings

    async def ensure_indexes(self) -> None:
        await self.catalog.ensure_indexes()
        await self.deployments.ensure_indexes()
        await self.instances.ensure_indexes()
        await self.customizations.ensure_indexes()


class Library:
    """The shared steps of the room's use cases."""

    def __init__(self, stores: Stores, tasks: AppTasks, tenants: Tenants, clock: Callable[[], datetime],
                 new_id: Callable[[], str]) -> None:
        self.stores = stores
        self.tasks = tasks
        self.tenants = tenants
        self.clock = clock
        self.new_id = new_id

    # ----------------------------------------------------------------------- applications

    async def versions(self, app_id: str) -> list[Document]:
        """Every version of the app, oldest first; none -> 400/10."""
        versions = await self.stores.catalog.versions(app_id)
        if not versions:
            raise unknown_app(app_id)
        return sorted(versions, key=lambda v: forms.version_key(v["version"]))

    async def version(self, app_id: str, version: str | None) -> Document:
        """The named version, or the active one (400/10 when there is none)."""
        versions = await self.versions(app_id)
        if version:
            found = next((v for v in versions if v["version"] == version), None)
            if found is None:
                raise unknown_app(app_id, version)
            return found
        active = active_version(versions)
        if active is None:
            raise ApiError.named("invalid_id", "the application has no enabled version", app=app_id)
        return active

    async def state(self, app_id: str, tenant: str) -> str:
        return state_for(tenant, await self.stores.deployments.states(app_id),
                         await self.stores.deployments.assignment(app_id))

    async def usable(self, identity: Identity, app_id: str) -> Document:
        """The active version of an app deployed (enabled) for the caller's company; else
        400/10, as if unknown (a tenant does not see the apps it was not given)."""
        version = await self.version(app_id, None)
        state = await self.state(app_id, identity.company)
        if state == "disabled":
            raise ApiError.named("not_supported", "the application is disabled for this company", app=app_id)
        if state != "enabled":
            raise ApiError.named("invalid_id", "the application is not deployed for this company", app=app_id)
        return version

    @staticmethod
    def app_info(version_doc: Document, locked: bool = False) -> dict[str, Any]:
        """The seed's ``apps.app_info`` of a version."""
        spec = definition(version_doc)
        info = {field: spec.get(field) for field in APP_FIELDS if spec.get(field) is not None}
        return {**info, "id": version_doc["app_id"], "version": version_doc["version"],
                "active": bool(version_doc.get("enabled")), "disabled": locked, "missing_router": False}

    # -------------------------------------------------------------------------- instances

    async def task_of(self, instance: Document) -> Document | None:
        owner = Identity(company=instance["company"], user=instance["user"])
        return await self.tasks.get(owner, instance["_id"])

    async def live(self, instances: list[Document]) -> list[Document]:
        """The instances whose task is queued or running."""
        out = []
        for instance in instances:
            task = await self.task_of(instance)
            if task is not None and task.get("status") in LIVE:
                out.append(instance)
        return out

    async def stop_behind_confirmation(self, identity: Identity, instances: list[Document],
                                       confirm_stop: bool) -> dict[str, Any] | None:
        """Before a change that takes apps away from running instances: none running ->
        None (go ahead); running and not ``confirm_stop`` -> the answer that asks for
        confirmation (nothing changes); confirmed -> they are stopped (``tasks.stop``, as
        their owner's company) and the counts are answered with the change."""
        live = await self.live(instances)
        if not live:
            return None
        affected = await self.affected_tenants(identity, live)
        if not confirm_stop:
            return {"requires_confirmation": True, "running_instances": len(live), "stopped_instances": 0,
                    "affected_tenants": affected}
        for instance in live:
            owner = Identity(company=instance["company"], user=instance["user"], role="admin",
                             user_name=identity.user_name or identity.user)
            await self.tasks.stop(owner, instance["_id"])
        return {"requires_confirmation": False, "running_instances": len(live), "stopped_instances": len(live),
                "affected_tenants": affected}

    async def affected_tenants(self, identity: Identity, live: list[Document]) -> list[dict[str, Any]]:
        names = {t["id"]: t["name"] for t in await self.tenants.all(identity)}
        counts: dict[str, int] = {}
        for instance in live:
            counts[instance["company"]] = counts.get(instance["company"], 0) + 1
        return [{"id": company, "name": names.get(company), "running": n} for company, n in sorted(counts.items())]

    async def instance(self, identity: Identity, instance_id: str) -> Document:
        instance = await self.stores.instances.get(identity.company, instance_id)
        if instance is None:
            raise ApiError.named("invalid_id", "unknown application instance", instance=instance_id)
        return instance

    async def instance_view(self, identity: Identity, instance: Document, task: Document | None) -> dict[str, Any]:
        """The seed's ``apps.application_instance``: the instance with its task's status
        and times; ``application.configuration`` is the app's section of the task's
        hyper-parameters (the launch values) with the info the task reported (its
        ``properties`` hyper-parameters, see ``ports.reported_info``) over them."""
        task = task or {}
        active = active_version(await self.stores.catalog.versions(instance["app_id"]))
        section = instance.get("section") or "General"
        started = task.get("started")
        return {
            **self.summary_view(identity, instance, task),
            "company": instance["company"], "user": instance["user"],
            "project": task.get("project") or instance.get("project"),
            "comment": task.get("comment"),
            "status_changed": _time(task.get("status_changed")), "status_message": task.get("status_message"),
            "status_reason": task.get("status_reason"), "created": _time(instance.get("created")),
            "started": _time(started), "completed": _time(task.get("completed")),
            "queue": instance.get("queue"), "queue_name": instance.get("queue_name"),
            "setting_up": task.get("status") == status.IN_PROGRESS and not started,
            "valid_app_version": bool(active and active["version"] == instance["version"]),
            "application": {
                "app_id": instance["app_id"], "version": instance["version"],
                "configuration": {**launch_values(task, section), **reported_info(task)},
                "internal_execution": False,
                "run_by_admin": bool(instance.get("run_by_admin")),
            },
        }

    def summary_view(self, identity: Identity, instance: Document, task: Document) -> dict[str, Any]:
        """The seed's ``apps.application_instance_summary`` (what ``get_instances`` lists)."""
        started, completed = task.get("started"), task.get("completed")
        end = completed if task.get("status") not in LIVE else self.clock()
        duration = int((end - started).total_seconds()) if started and end and end >= started else None
        return {
            "id": instance["_id"], "name": task.get("name") or instance.get("name"),
            "status": task.get("status") or status.UNKNOWN,
            "last_change": _time(task.get("last_change") or task.get("last_update") or instance.get("last_change")),
            "active_duration": duration,
            "readonly": instance["user"] != identity.user and identity.role not in ADMIN_ROLES,
            "user_groups": instance.get("user_groups") or [],
            "application": {"version": instance["version"]},
        }


def _time(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value
