"""What every task use case shares: reading a task the caller may read or write, changing a
status atomically, and answering the ``*_many`` batch endpoints."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from services.tasks import domain

from services.tasks.permissions.scope import require_write
from services.tasks.tasks import status
from services.tasks.store.criteria import Selection, Tags
from services.tasks.store.repository import Document, ModelRepository, ProjectRepository, TaskRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.outbox import Pending

Clock = Callable[[], datetime]


class TaskAccess:
    """Base of the task use-case classes: the repositories, the clock and shared steps."""

    def __init__(self, tasks: TaskRepository, projects: ProjectRepository, clock: Clock = domain.utc_now):
        self._tasks = tasks
        self._projects = projects
        self._clock = clock

    async def _readable_task(self, identity: Identity, task_id: str) -> Document:
        """The task if the caller's company (or everyone: public) owns it, else 400/101."""
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id)
        return task

    async def _writable_task(self, identity: Identity, task_id: str) -> Document:
        """The caller's own task: unknown -> 400/101 (naming the id and the company looked
        in, as clearml-server's write lookup does), a public one -> 403/21."""
        task = await self._tasks.get(identity.company, task_id)
        if task is None:
            raise ApiError.named("invalid_task_id", id=task_id, company=identity.company)
        if not task.get("company"):
            raise ApiError.named("no_write_permission", "cannot modify a public task", id=task_id)
        require_write("task", task)
        return task

    async def _writable_tasks(self, identity: Identity, task_ids: Iterable[str]) -> list[Document]:
        """The caller's own tasks ``task_ids``: any unknown -> 400/101 naming the missing ids,
        a public one -> 403/21, before anything changes (clearml-server's batch lookup)."""
        ids = list(dict.fromkeys(task_ids))
        found = {t: await self._tasks.get(identity.company, t) for t in ids}
        missing = [t for t, task in found.items() if task is None]
        if missing:
            raise ApiError.named("invalid_task_id", ids=missing)
        public = [t for t, task in found.items() if not task.get("company")]
        if public:
            raise ApiError.named("no_write_permission", "cannot modify public task(s)", ids=public)
        for task in found.values():
            require_write("task", task)
        return [found[t] for t in ids]

    async def _apply(self, identity: Identity, task: Document, changes: Document, *, unset: Iterable[str] = (),
                     add_tags: Tags | None = None, remove_tags: Tags | None = None, conditional: bool = True,
                     touch: bool = True, facts: Sequence[Pending] = ()) -> Document:
        """Set ``changes`` on ``task`` (remove the ``unset`` fields; ``add_tags``/``remove_tags``
        as the repository's ``update`` takes them) provided its status is still the one read
        (else 400/121: a concurrent status change won; 400/101 once it is gone), and with
        ``touch`` bump its project's ``last_update`` (clearml-server does for status changes,
        not for partial edits). ``facts`` are recorded with the change (the repository's
        ``update``)."""
        expected = task["status"] if conditional else None
        updated = await self._tasks.update(identity.company, task["_id"], changes, expected, unset=list(unset),
                                           add_tags=add_tags, remove_tags=remove_tags, facts=facts)
        if updated is None:
            if await self._tasks.get(identity.company, task["_id"]) is None:
                raise ApiError.named("invalid_task_id", id=task["_id"])
            raise ApiError.named("failed_changing_task_status", id=task["_id"], expected=task["status"])
        if touch and task.get("project"):
            await self._projects.touch(identity.company, [task["project"]], self._clock())
        return updated

    async def _change_status(
        self,
        identity: Identity,
        task: Document,
        new_status: str,
        *,
        force: bool = False,
        reason: str | None = None,
        message: str | None = None,
        extra_set: Document | None = None,
        unset: Iterable[str] = (),
        facts: Sequence[Pending] = (),
    ) -> dict[str, Any]:
        """Move ``task`` to ``new_status`` (section 6 rules, ``force`` skips them) with an
        atomic update conditional on the status read, recording ``facts`` with it. Answers
        ``{"updated", "fields"}``."""
        status.check_change(task["status"], new_status, force)
        changes = status.change_fields(new_status, identity.user, self._clock(), reason, message)
        changes.update(extra_set or {})
        await self._apply(identity, task, changes, unset=[path for path in unset if path not in changes], facts=facts)
        return {"updated": 1, "fields": domain.changes_to_api(changes)}


async def check_input_models(models: ModelRepository | None, identity: Identity, items: Iterable[Any]) -> None:
    """Every input model of a task being made must be the caller's company's or public, else
    400/201 naming the missing ones (clearml-server's ``validate_input_models``). ``items``:
    ``{model, name}`` mappings; without a model repository nothing is checked."""
    ids = list(dict.fromkeys(i.get("model") for i in items if isinstance(i, dict) and i.get("model")))
    if models is None or not ids:
        return
    readable = {d["_id"] for d in await models.select(Selection(identity.company, public=True, ids=ids), ["company"])}
    missing = [m for m in ids if m not in readable]
    if missing:
        raise ApiError.named("invalid_model_id", models=missing)


Action = Callable[[str], Awaitable[dict[str, Any]]]


async def for_each(ids: Iterable[str], action: Action) -> dict[str, list[dict[str, Any]]]:
    """The ``*_many`` answer: ``{succeeded: [{id, ...result}], failed: [{id, error}]}``;
    one id's ClearML error does not stop the others."""
    succeeded: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for task_id in dict.fromkeys(ids):
        try:
            result = await action(task_id)
        except ApiError as exc:
            error = {"codes": [exc.code, exc.subcode], "msg": exc.message, "data": exc.to_dict()["data"]}
            failed.append({"id": task_id, "error": error})
        else:
            succeeded.append({"id": task_id, **result})
    return {"succeeded": succeeded, "failed": failed}
