"""Use cases of a task's hyper-parameters and configuration by section:
``tasks.get_hyper_params``, ``edit_hyper_params``, ``delete_hyper_params``,
``get_configurations``, ``get_configuration_names``, ``edit_configuration``,
``delete_configuration``.

Stored as ``hyperparams.<section>.<name> = {section, name, value, type, description}`` and
``configuration.<name> = {name, value, type, description}`` with escaped keys (dots and ``$``
allowed in names, returned intact). Editing needs a ``created`` task unless ``force``, except
for the ``properties`` section (ClearML's runtime properties), editable in any status.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.tasks import domain
from services.tasks.tasks.access import TaskAccess
from services.tasks.store.repository import Document
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks_editing as api

PROPERTIES_SECTION = "properties"


def _path(*parts: str) -> str:
    return ".".join(domain.escape_key(part) for part in parts)


class ParamsService(TaskAccess):
    """Hyper-parameters and configuration items of tasks."""

    async def _editable(self, identity: Identity, task_id: str, force: bool, any_status: bool = False) -> Document:
        task = await self._writable_task(identity, task_id)
        if not any_status and not domain.may_edit(task["status"], force):
            raise ApiError.named("invalid_task_status", expected=domain.STATUS_CREATED, status=task["status"])
        return task

    async def _write(self, identity: Identity, task: Document, update: Document) -> dict[str, Any]:
        now = self._clock()
        update.setdefault("$set", {}).update(last_update=now, last_change=now, last_changed_by=identity.user)
        await self._apply(identity, task, update)
        return {"updated": 1}

    async def _readable_many(self, identity: Identity, task_ids: Sequence[str]) -> list[Document]:
        return [domain.unescape_task(await self._readable_task(identity, t)) for t in dict.fromkeys(task_ids)]

    async def get_hyper_params(self, identity: Identity, request: api.GetHyperParamsRequest) -> dict[str, Any]:
        """``tasks.get_hyper_params``: every parameter of each task, section by section."""
        params = []
        for task in await self._readable_many(identity, request.tasks):
            items = [item for section in (task.get("hyperparams") or {}).values() for item in section.values()]
            params.append({"task": task["_id"], "hyperparams": items})
        return {"params": params}

    async def edit_hyper_params(self, identity: Identity, request: api.EditHyperParamsRequest) -> dict[str, Any]:
        """``tasks.edit_hyper_params``: items need a ``section`` and a ``name`` (400/12)."""
        sections: dict[str, dict[str, Any]] = {}
        for item in request.hyperparams:
            if not item.section or not item.name:
                raise ApiError.named("validation_error", "hyperparams need a section and a name")
            data = item.model_dump(exclude_none=True)
            sections.setdefault(item.section, {})[item.name] = data
        only_properties = set(sections) == {PROPERTIES_SECTION} and request.replace_hyperparams != "all"
        task = await self._editable(identity, request.task, request.force, only_properties)
        escaped = domain.escape_task({"hyperparams": sections})["hyperparams"]
        if request.replace_hyperparams == "all":
            changes = {"hyperparams": escaped}
        elif request.replace_hyperparams == "section":
            changes = {f"hyperparams.{section}": params for section, params in escaped.items()}
        else:
            changes = {f"hyperparams.{s}.{n}": item for s, params in escaped.items() for n, item in params.items()}
        return await self._write(identity, task, {"$set": changes})

    async def delete_hyper_params(self, identity: Identity, request: api.DeleteHyperParamsRequest) -> dict[str, Any]:
        """``tasks.delete_hyper_params``: a key without ``name`` removes its whole section."""
        if any(not key.section for key in request.hyperparams):
            raise ApiError.named("validation_error", "hyperparams keys need a section")
        only_properties = all(key.section == PROPERTIES_SECTION for key in request.hyperparams)
        task = await self._editable(identity, request.task, request.force, only_properties)
        paths = [_path("hyperparams", k.section, *([k.name] if k.name else [])) for k in request.hyperparams]
        stored = task.get("hyperparams") or {}
        present = [p for p in paths if _has(stored, p.split(".")[1:])]
        if not present:
            return {"deleted": 0}
        await self._write(identity, task, {"$unset": dict.fromkeys(present, "")})
        return {"deleted": 1}

    async def get_configurations(self, identity: Identity, request: api.GetConfigurationsRequest) -> dict[str, Any]:
        """``tasks.get_configurations``: the items (only those in ``names`` when given)."""
        wanted = set(request.names) if request.names else None
        configurations = []
        for task in await self._readable_many(identity, request.tasks):
            stored = (task.get("configuration") or {}).items()
            items = [item for name, item in stored if wanted is None or name in wanted]
            configurations.append({"task": task["_id"], "configuration": items})
        return {"configurations": configurations}

    async def get_configuration_names(
        self, identity: Identity, request: api.GetConfigurationNamesRequest
    ) -> dict[str, Any]:
        """``tasks.get_configuration_names``: names per task (``skip_empty``: with a value)."""
        configurations = []
        for task in await self._readable_many(identity, request.tasks):
            items = (task.get("configuration") or {}).items()
            names = [name for name, item in items if not request.skip_empty or item.get("value")]
            configurations.append({"task": task["_id"], "names": names})
        return {"configurations": configurations}

    async def edit_configuration(self, identity: Identity, request: api.EditConfigurationRequest) -> dict[str, Any]:
        """``tasks.edit_configuration``: items need a ``name`` (400/12)."""
        if any(not item.name for item in request.configuration):
            raise ApiError.named("validation_error", "configuration items need a name")
        task = await self._editable(identity, request.task, request.force)
        items = {item.name: item.model_dump(exclude_none=True) for item in request.configuration}
        escaped = domain.escape_task({"configuration": items})["configuration"]
        if request.replace_configuration:
            changes = {"configuration": escaped}
        else:
            changes = {f"configuration.{name}": item for name, item in escaped.items()}
        return await self._write(identity, task, {"$set": changes})

    async def delete_configuration(
        self, identity: Identity, request: api.DeleteConfigurationRequest
    ) -> dict[str, Any]:
        """``tasks.delete_configuration``: answers ``{deleted: 0|1}``."""
        task = await self._editable(identity, request.task, request.force)
        stored = task.get("configuration") or {}
        present = [_path("configuration", name) for name in request.configuration if domain.escape_key(name) in stored]
        if not present:
            return {"deleted": 0}
        await self._write(identity, task, {"$unset": dict.fromkeys(present, "")})
        return {"deleted": 1}


def _has(doc: Any, parts: Sequence[str]) -> bool:
    for part in parts:
        if not isinstance(doc, dict) or part not in doc:
            return False
        doc = doc[part]
    return True
