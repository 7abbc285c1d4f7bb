"""Application instances: launching an app (its task created from the app's task definition,
the launch form's values as the task's hyper-parameters, enqueued as ``tasks.enqueue``
does), relaunching and editing one, and reading them with their task's status and the info
the task reported.

An instance is a task: its id is the task's id, its status the task's. A running app task
reports its info with the SDK's ``Task.set_user_properties(...)`` (the task's ``properties``
hyper-parameters); ``get_instance_info`` answers it in ``application.configuration``, over
the launch values (the app's hyper-parameter section of the task, ``General`` unless the app
names another).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from services.tasks.apps import forms
from services.tasks.apps.library import ADMIN_ROLES, LIVE, Library, definition, entries, state_for
from services.tasks.apps.ports import is_queue_id
from services.tasks.store.apps import Document
from services.tasks.tasks import status
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import apps as generated

LOCKED = "launching this application is locked by an administrator"


class AppInstances:
    """``apps.launch_instance``, ``relaunch_instance``, ``edit_instance``,
    ``get_instances``, ``get_instance_info``, ``get_launch_template``, ``get_info_template``."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._instances = library.stores.instances

    # -------------------------------------------------------------------------- launching

    async def launch_instance(self, identity: Identity, request: generated.LaunchInstanceRequest) -> dict[str, Any]:
        """``apps.launch_instance``: check the values against the app's launch form (with
        the customization's overrides), create the app's task in the app's project of the
        caller's company and enqueue it on the form's queue (the default queue when the form
        has none). Unknown, undeployed or locked app or customization, or a bad value ->
        400 and nothing is created."""
        version = await self._lib.usable(identity, request.app)
        customization = await self._customization(identity, request.app, request.customization_id)
        if await self._lib.stores.catalog.locked(request.app):
            raise ApiError.named("not_supported", LOCKED, app=request.app)
        form = self._form(version, customization)
        values = forms.validate(form, request.launch_params)
        queue = forms.queue_of(form, values)
        await self._check_queue(identity, queue)
        spec = definition(version)
        task_def = spec["task"]
        project = task_def.get("project") or f"Apps/{spec['name']}"
        task_id = await self._lib.tasks.create(identity, project, request.task_name or spec["name"], task_def,
                                               forms.task_parameters(form, values))
        now = self._lib.clock()
        await self._instances.add({
            "_id": task_id, "company": identity.company, "user": identity.user, "app_id": request.app,
            "version": version["version"], "customization_id": request.customization_id,
            "name": request.task_name or spec["name"], "section": task_def.get("hyperparams_section") or "General",
            "params": values, "user_groups": request.user_groups or [], "run_by_admin": identity.role in ADMIN_ROLES,
            "queue": None, "queue_name": None, "created": now, "last_change": now})
        await self._enqueue(identity, task_id, queue)
        return {"instance": task_id}

    async def relaunch_instance(self, identity: Identity, request: generated.RelaunchInstanceRequest) -> dict[str, Any]:
        """``apps.relaunch_instance``: run a stopped (or ended) instance again with the app's
        active version: its task is reset, takes the values (the earlier ones with
        ``launch_params`` over them, checked against the form) and is enqueued again. A
        queued or running instance -> 400/110."""
        instance = await self._lib.instance(identity, request.instance)
        task = await self._lib.task_of(instance)
        if task is None:
            raise ApiError.named("invalid_task_id", "the instance's task is gone", id=instance["_id"])
        if task.get("status") in LIVE:
            raise ApiError.named("invalid_task_status", "stop the instance before relaunching it",
                                 status=task.get("status"))
        version = await self._lib.usable(identity, instance["app_id"])
        customization = await self._customization(identity, instance["app_id"], instance.get("customization_id"))
        if await self._lib.stores.catalog.locked(instance["app_id"]):
            raise ApiError.named("not_supported", LOCKED, app=instance["app_id"])
        form = self._form(version, customization)
        known = {e["name"] for e in form}
        earlier = {k: v for k, v in (instance.get("params") or {}).items() if k in known}
        values = forms.validate(form, {**earlier, **(request.launch_params or {})})
        queue = forms.queue_of(form, values)
        await self._check_queue(identity, queue)
        task_def = definition(version)["task"]
        section = task_def.get("hyperparams_section") or "General"
        await self._lib.tasks.reset(identity, instance["_id"])
        await self._lib.tasks.edit(identity, instance["_id"], name=request.task_name, script=task_def.get("script"),
                                   container=task_def.get("container"))
        await self._lib.tasks.set_params(identity, instance["_id"], section, forms.task_parameters(form, values))
        changes = {"version": version["version"], "params": values, "section": section,
                   "last_change": self._lib.clock()}
        if request.task_name:
            changes["name"] = request.task_name
        if request.user_groups is not None:
            changes["user_groups"] = request.user_groups
        await self._instances.update(identity.company, instance["_id"], changes)
        await self._enqueue(identity, instance["_id"], queue)
        return {"instance": instance["_id"]}

    async def edit_instance(self, identity: Identity, request: generated.EditInstanceRequest) -> dict[str, Any]:
        """``apps.edit_instance``: change some launch values of an instance (checked
        against the form of its version) and its user groups. A running (or not yet
        queued) instance's task parameters change at once; an ended one's at its next
        relaunch; a queued one -> 400/110. Only its owner or an administrator may (403/21)."""
        instance = await self._lib.instance(identity, request.instance)
        if instance["user"] != identity.user and identity.role not in ADMIN_ROLES:
            raise ApiError.named("no_write_permission", "only the instance's owner or an administrator may edit it")
        version_doc = await self._lib.stores.catalog.get(instance["app_id"], instance["version"])
        if version_doc is None:
            raise ApiError.named("invalid_id", "the instance's application version was deleted",
                                 app=instance["app_id"], version=instance["version"])
        customization = await self._lib.stores.customizations.get(instance.get("customization_id") or "")
        form = self._form(version_doc, customization)
        values = forms.validate(form, request.update_params, partial=True)
        if any(e.get("type") == forms.QUEUE and e["name"] in values for e in form):
            raise ApiError.named("validation_error", "the queue of an instance is chosen when it is (re)launched")
        task = await self._lib.task_of(instance)
        state = (task or {}).get("status")
        if state == status.QUEUED:
            raise ApiError.named("invalid_task_status", "a queued instance runs with the values it was queued "
                                 "with: stop it, or edit it once it runs", status=state)
        if state in (status.CREATED, status.IN_PROGRESS):
            await self._lib.tasks.set_params(identity, instance["_id"], instance.get("section") or "General",
                                             forms.task_parameters(form, values))
        changes: dict[str, Any] = {"params": {**(instance.get("params") or {}), **values},
                                   "last_change": self._lib.clock()}
        if request.user_groups is not None:
            changes["user_groups"] = request.user_groups
        await self._instances.update(identity.company, instance["_id"], changes)
        return {"updated": 1}

    # ---------------------------------------------------------------------------- reading

    async def get_instances(self, identity: Identity, request: generated.GetInstancesRequest) -> dict[str, Any]:
        """``apps.get_instances``: the company's instances (of ``app``, of the caller with
        ``current_user``, of a customization, whose name contains ``name``), newest first,
        with their task's status; ``status: running`` is queued or running, ``stopped`` the
        rest; archived tasks only with ``show_archived``; ``updated_since`` (Unix time, s or
        ms) by last change; ``page``/``page_size`` page. ``usage.running``: the live ones of
        the selection before paging. The answer is the summary form either way (``summary``),
        and instances launched with a customization are listed with the others
        (``include_customizations`` changes nothing; ``customization_id`` selects them)."""
        found = await self._instances.find(identity.company, app_id=request.app,
                                           user=identity.user if request.current_user else None,
                                           customization_id=request.customization_id, name=request.name)
        since = _since(request.updated_since)
        tasks = await self._lib.tasks.get_many(identity.company, [i["_id"] for i in found])
        views, running = [], 0
        for instance in found:
            task = tasks.get(instance["_id"])
            if task is None or ("archived" in (task.get("system_tags") or []) and not request.show_archived):
                continue
            live = task.get("status") in LIVE
            if (request.status == "running" and not live) or (request.status == "stopped" and live):
                continue
            if since and _changed(task, instance) < since:
                continue
            running += live
            views.append(self._lib.summary_view(identity, instance, task))
        if request.page_size:
            start = (request.page or 0) * request.page_size
            views = views[start:start + request.page_size]
        return {"instances": views, "usage": {"running": running, "max_allowed": None}}

    async def get_instance_info(self, identity: Identity, request: generated.GetInstanceInfoRequest) -> dict[str, Any]:
        """``apps.get_instance_info``: the instance (seed ``application_instance``) with its
        task's status and times and, in ``application.configuration``, its launch values
        with the info the task reported over them. Unknown -> 400/10."""
        instance = await self._lib.instance(identity, request.instance)
        return {"info": await self._lib.instance_view(identity, instance, await self._lib.task_of(instance))}

    async def get_launch_template(self, identity: Identity, request: generated.GetLaunchTemplateRequest) -> dict[str, Any]:
        """``apps.get_launch_template``: the launch form of an app (its active version, with
        the customization's overrides), or of an instance filled with its values:
        ``{app_id, version, customization_id, entries: [{..., value}]}``."""
        values = None
        if request.instance:
            instance = await self._lib.instance(identity, request.instance)
            version = await self._lib.stores.catalog.get(instance["app_id"], instance["version"]) \
                or await self._lib.version(instance["app_id"], None)
            customization = await self._lib.stores.customizations.get(instance.get("customization_id") or "")
            values = instance.get("params") or {}
        elif request.app:
            version = await self._lib.usable(identity, request.app)
            customization = await self._customization(identity, request.app, request.customization_id)
        else:
            raise ApiError.named("missing_required_fields", "give app or instance")
        template = forms.filled_form(self._form(version, customization), values)
        template.update(app_id=version["app_id"], version=version["version"],
                        customization_id=customization["_id"] if customization else None)
        return {"launch_template": template, "missing_router": False}

    async def get_info_template(self, identity: Identity, request: generated.GetInfoTemplateRequest) -> dict[str, Any]:
        """``apps.get_info_template``: the info template of the instance's app version (as
        uploaded; empty when the app has none)."""
        instance = await self._lib.instance(identity, request.instance)
        version = await self._lib.stores.catalog.get(instance["app_id"], instance["version"])
        if version is None:
            raise ApiError.named("invalid_id", "the instance's application version was deleted",
                                 app=instance["app_id"], version=instance["version"])
        return {"info_template": definition(version).get("info_template") or {}}

    # ------------------------------------------------------------------------------ steps

    async def _customization(self, identity: Identity, app_id: str, customization_id: str | None) -> Document | None:
        """The customization a launch uses: of this app, enabled, given to the caller's
        company and not locked; else 400."""
        if not customization_id:
            return None
        customization = await self._lib.stores.customizations.get(customization_id)
        if customization is None or customization["app_id"] != app_id:
            raise ApiError.named("invalid_id", "unknown customization of this application",
                                 customization_id=customization_id)
        assignment = customization.get("assignment") or {}
        if customization.get("state") != "enabled" or state_for(identity.company, {}, assignment) != "enabled":
            raise ApiError.named("invalid_id", "the customization is not available to this company",
                                 customization_id=customization_id)
        if customization.get("launch_locked"):
            raise ApiError.named("not_supported", LOCKED, customization_id=customization_id)
        return customization

    @staticmethod
    def _form(version: Document, customization: Document | None) -> list[dict[str, Any]]:
        overrides = json.loads(customization["wizard_overrides"]) if customization else []
        return forms.apply_overrides(entries(version), overrides)

    async def _check_queue(self, identity: Identity, queue: str | None) -> None:
        """A queue named by id must exist before anything is created (by name it is made
        when missing, as ``tasks.enqueue`` does)."""
        if queue and is_queue_id(queue):
            if queue not in await self._lib.tasks.queue_names(identity, [queue]):
                raise ApiError.named("invalid_queue_id", queue=queue)

    async def _enqueue(self, identity: Identity, task_id: str, queue: str | None) -> None:
        queue_id, queue_name = await self._lib.tasks.enqueue(identity, task_id, queue)
        await self._instances.update(identity.company, task_id, {"queue": queue_id, "queue_name": queue_name,
                                                                 "last_change": self._lib.clock()})


def _since(value: int | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromtimestamp(value / 1000 if value > 10**11 else value, tz=timezone.utc)


def _changed(task: Document, instance: Document) -> datetime:
    moments = [m for m in (task.get("last_change"), task.get("last_update"), instance.get("last_change"))
               if isinstance(m, datetime)]
    return max(moments) if moments else datetime.min.replace(tzinfo=timezone.utc)
