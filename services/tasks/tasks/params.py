"""Use cases of a task's hyper-parameters and configuration by section:
``tasks.get_hyper_params``, ``edit_hyper_params``, ``delete_hyper_params``,
``get_configurations``, ``get_configuration_names``, ``edit_configuration``,
``delete_configuration``.

Stored as ``hyperparams.<section>.<name> = {section, name, value, type, description}`` and
``configuration.<name> = {name, value, type, description}`` with escaped keys (dots and ``$``
allowed in names, returned intact). Editing needs a ``created`` task (or, with ``force``, an
``in_progress`` one: ``status.may_update``), except for the ``properties`` section (ClearML's
runtime properties, any case), editable in any status without touching ``last_update``. Every
edit of an existing task counts as one (``updated``/``deleted`` 1), as clearml-server's update
of ``last_change`` does; reads list items ordered by section and name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.tasks import domain
from services.tasks.tasks import status
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
        if not any_status and not status.may_update(task["status"], force):
            raise ApiError.named("invalid_task_status", expected=status.CREATED, status=task["status"])
        return task

    async def _write(self, identity: Identity, task: Document, changes: Document, unset: Sequence[str] = (),
                     last_update: bool = True) -> int:
        """Set ``changes`` and remove the ``unset`` paths (parameters, configuration items),
        stamping the change (and ``last_update`` with ``last_update``)."""
        now = self._clock()
        stamps = {"last_change": now, "last_changed_by": identity.user, **({"last_update": now} if last_update else {})}
        await self._apply(identity, task, {**changes, **stamps}, unset=unset, touch=False)  # the project's stays
        return 1

    async def _readable_many(self, identity: Identity, task_ids: Sequence[str]) -> list[Document]:
        """The tasks (unescaped); any of them unknown -> 400/101 naming every id asked."""
        tasks = [await self._tasks.get(identity.company, t) for t in dict.fromkeys(task_ids)]
        if any(task is None for task in tasks):
            raise ApiError.named("invalid_task_id", ids=list(task_ids))
        return [domain.unescape_task(task) for task in tasks]

    async def get_hyper_params(self, identity: Identity, request: api.GetHyperParamsRequest) -> dict[str, Any]:
        """``tasks.get_hyper_params``: every parameter of each task, section by section."""
        params = []
        for task in await self._readable_many(identity, request.tasks):
            items = [item for section in (task.get("hyperparams") or {}).values() for item in section.values()]
            items.sort(key=lambda p: (p.get("section") or "", p.get("name") or ""))
            params.append({"task": task["_id"], "hyperparams": items})
        return {"params": params}

    async def edit_hyper_params(self, identity: Identity, request: api.EditHyperParamsRequest) -> dict[str, Any]:
        """``tasks.edit_hyper_params``: items need a ``section``, a ``name`` and a ``value``
        (400/12). Only ``properties`` items: any status, ``last_update`` kept."""
        sections: dict[str, dict[str, Any]] = {}
        for item in request.hyperparams:
            if not item.section or not item.name or item.value is None:
                raise ApiError.named("validation_error", "hyperparams need a section, a name and a value")
            data = {**item.model_dump(exclude_none=True), "section": properties_case(item.section)}
            sections.setdefault(data["section"], {})[item.name] = data
        only_properties = set(sections) == {PROPERTIES_SECTION}
        task = await self._editable(identity, request.task, request.force, only_properties)
        escaped = domain.escape_task({"hyperparams": sections})["hyperparams"]
        if request.replace_hyperparams == "all":
            changes = {"hyperparams": escaped}
        elif request.replace_hyperparams == "section":
            changes = {f"hyperparams.{section}": params for section, params in escaped.items()}
        else:
            changes = {f"hyperparams.{s}.{n}": item for s, params in escaped.items() for n, item in params.items()}
        return {"updated": await self._write(identity, task, changes, last_update=not only_properties)}

    async def delete_hyper_params(self, identity: Identity, request: api.DeleteHyperParamsRequest) -> dict[str, Any]:
        """``tasks.delete_hyper_params``: a key without ``name`` removes its whole section;
        a section together with one of its parameters -> 400/15 fields_conflict."""
        if any(not key.section for key in request.hyperparams):
            raise ApiError.named("validation_error", "hyperparams keys need a section")
        keys = [(properties_case(k.section or ""), k.name) for k in request.hyperparams]
        only_properties = all(section == PROPERTIES_SECTION for section, _ in keys)
        task = await self._editable(identity, request.task, request.force, only_properties)
        whole = {section for section, name in keys if not name}
        if any(name and section in whole for section, name in keys):
            raise ApiError.named("fields_conflict", "cannot delete a parameter of a section deleted whole")
        paths = dict.fromkeys(_path("hyperparams", section, *([name] if name else [])) for section, name in keys)
        return {"deleted": await self._write(identity, task, {}, list(paths), not only_properties)}

    async def get_configurations(self, identity: Identity, request: api.GetConfigurationsRequest) -> dict[str, Any]:
        """``tasks.get_configurations``: the items by name (only those in ``names`` when given)."""
        wanted = set(request.names) if request.names else None
        configurations = []
        for task in await self._readable_many(identity, request.tasks):
            stored = sorted((task.get("configuration") or {}).items())
            items = [item for name, item in stored if wanted is None or name in wanted]
            configurations.append({"task": task["_id"], "configuration": items})
        return {"configurations": configurations}

    async def get_configuration_names(
        self, identity: Identity, request: api.GetConfigurationNamesRequest
    ) -> dict[str, Any]:
        """``tasks.get_configuration_names``: sorted names per task (``skip_empty``: with a
        value); tasks without such names, and unknown ids, are left out (no error)."""
        configurations = []
        for task_id in dict.fromkeys(request.tasks):
            task = await self._tasks.get(identity.company, task_id)
            items = (domain.unescape_task(task).get("configuration") or {}).items() if task else ()
            names = sorted(name for name, item in items if not request.skip_empty or item.get("value"))
            if names:
                configurations.append({"task": task_id, "names": names})
        return {"configurations": configurations}

    async def edit_configuration(self, identity: Identity, request: api.EditConfigurationRequest) -> dict[str, Any]:
        """``tasks.edit_configuration``: items need a ``name`` and a ``value`` (400/12)."""
        if any(not item.name or item.value is None for item in request.configuration):
            raise ApiError.named("validation_error", "configuration items need a name and a value")
        task = await self._editable(identity, request.task, request.force)
        items = {item.name: item.model_dump(exclude_none=True) for item in request.configuration}
        escaped = domain.escape_task({"configuration": items})["configuration"]
        if request.replace_configuration:
            changes = {"configuration": escaped}
        else:
            changes = {f"configuration.{name}": item for name, item in escaped.items()}
        return {"updated": await self._write(identity, task, changes)}

    async def delete_configuration(
        self, identity: Identity, request: api.DeleteConfigurationRequest
    ) -> dict[str, Any]:
        """``tasks.delete_configuration``: answers ``{deleted: 1}`` for any existing task."""
        task = await self._editable(identity, request.task, request.force)
        paths = dict.fromkeys(_path("configuration", name) for name in request.configuration)
        return {"deleted": await self._write(identity, task, {}, list(paths))}


def properties_case(section: str) -> str:
    """ClearML folds the ``properties`` section's name to lower case (``Properties`` too)."""
    return PROPERTIES_SECTION if section.lower() == PROPERTIES_SECTION else section
