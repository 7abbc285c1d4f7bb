"""What ``projects.delete`` with ``delete_contents`` does to the tasks and models of the deleted
projects, and to the entities outside them that point at those (CLEARML_BEHAVIOR section 6).

Every model of the projects is deleted (not only the tasks' outputs): a task outside the
projects using one as input now names ``__DELETED__``; a published task outside that produced
one names ``__DELETED__`` in its outputs, an unpublished one loses the output. Then every task
of the projects is deleted: tasks outside that were its children lose their ``parent``,
models outside that it produced lose their ``task``. Each deletion is announced
(``ModelDeleted``, ``TaskDeleted``: the events process removes their events, the files process
the files they name, none unless external files are to be removed); each fact is recorded in
the outbox with its deletion (``services.tasks.facts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.tasks.tasks import status
from services.tasks.facts import FactPublisher, model_deleted, task_fact
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, ModelRepository, TaskRepository
from shared.messaging.envelopes import Identity
from shared.messaging.outbox import Pending

DELETED = "__DELETED__"

# URLs clearml-server hands to its asynchronous file deletion (its default configuration:
# the file server's http(s) and the cloud stores) and therefore leaves out of its answer.
SCHEDULED_PREFIXES = ("http://", "https://", "s3://", "azure://", "gs://")


@dataclass
class Removed:
    """What went: counts and the files of the deleted entities."""

    tasks: int = 0
    models: int = 0
    model_urls: set[str] = field(default_factory=set)
    artifact_urls: set[str] = field(default_factory=set)

    def answer_urls(self, delete_external: bool) -> dict[str, list[str]]:
        """``urls`` of the answer: with ``delete_external`` the server removes the URLs it can
        schedule, so only the others are left for the client."""
        def kept(urls: Iterable[str]) -> list[str]:
            return sorted(u for u in urls if not (delete_external and u.startswith(SCHEDULED_PREFIXES)))

        return {"model_urls": kept(self.model_urls), "artifact_urls": kept(self.artifact_urls), "event_urls": []}


def output_artifact_urls(task: Document) -> list[str]:
    """The URIs of a task's output artifacts."""
    artifacts = (task.get("execution") or {}).get("artifacts") or []
    return [a["uri"] for a in artifacts if isinstance(a, dict) and a.get("mode") != "input" and a.get("uri")]


def renamed_references(entries: Sequence[Document], gone: set[str]) -> list[Document]:
    """``models.input``/``output`` entries with the deleted models' ids replaced by ``__DELETED__``."""
    return [{**e, "model": DELETED} if e.get("model") in gone else e for e in entries]


class ProjectContentsCleanup:
    """Deletes the tasks and models of a set of projects (see the module docstring)."""

    def __init__(self, tasks: TaskRepository, models: ModelRepository, facts: FactPublisher | None):
        self._tasks = tasks
        self._models = models
        self._facts = facts

    async def delete(self, identity: Identity, projects: list[str], now: datetime, delete_external: bool) -> Removed:
        """Delete the models, then the tasks, of ``projects``."""
        removed = Removed()
        stamp = {"last_change": now, "last_changed_by": identity.user}
        await self._delete_models(identity, projects, stamp, delete_external, removed)
        await self._delete_tasks(identity, projects, stamp, delete_external, removed)
        return removed

    async def _delete_models(self, identity: Identity, projects: list[str], stamp: Document, delete_external: bool,
                             removed: Removed) -> None:
        models = await self._models.select(Selection(identity.company, projects=projects), ["task", "uri"])
        if not models:
            return
        gone = {m["_id"] for m in models}
        await self._forget_models(identity, projects, gone, {m["task"] for m in models if m.get("task")}, stamp)
        for model in models:
            gone = model_deleted(model, identity.company, delete_external)
            if await self._models.delete(identity.company, model["_id"], [gone]):
                removed.models += 1
                removed.model_urls.update([model["uri"]] if model.get("uri") else [])
                await self._publish(gone)

    async def _forget_models(self, identity: Identity, projects: list[str], gone: set[str], producers: set[str],
                             stamp: Document) -> None:
        """Tasks outside ``projects`` stop naming the deleted models as inputs or outputs."""
        outside = Selection(identity.company, outside=projects)
        users = await self._tasks.select(replace(outside, input_models=sorted(gone)), ["models"])
        for task in users:
            entries = renamed_references(task["models"]["input"], gone)
            await self._tasks.update(identity.company, task["_id"], {"models.input": entries})
        makers = await self._tasks.select(replace(outside, ids=sorted(producers)), ["models", "status"]) \
            if producers else []
        for task in makers:
            entries = (task.get("models") or {}).get("output") or []
            if not any(e.get("model") in gone for e in entries):
                continue
            kept = renamed_references(entries, gone) if task.get("status") == status.PUBLISHED \
                else [e for e in entries if e.get("model") not in gone]
            await self._tasks.update(identity.company, task["_id"], {"models.output": kept, **stamp})

    async def _delete_tasks(self, identity: Identity, projects: list[str], stamp: Document, delete_external: bool,
                            removed: Removed) -> None:
        tasks = await self._tasks.select(Selection(identity.company, projects=projects),
                                         ["company", "execution.artifacts"])
        if not tasks:
            return
        ids = sorted(t["_id"] for t in tasks)
        outside = Selection(identity.company, outside=projects)
        await self._tasks.update_many(replace(outside, parents=ids), stamp, unset=["parent"])
        await self._models.update_many(replace(outside, tasks=ids), stamp, unset=["task"])
        for task in tasks:
            urls = output_artifact_urls(task)
            named = {"artifact_urls": urls if delete_external else [], "model_urls": [], "event_urls": []}
            gone = task_fact("TaskDeleted", task, named)
            if await self._tasks.delete(identity.company, task["_id"], [gone]):
                removed.tasks += 1
                removed.artifact_urls.update(urls)
                await self._publish(gone)

    async def _publish(self, fact: Pending) -> None:
        """A fact recorded in the outbox with its deletion, published now."""
        if self._facts is not None:
            await self._facts.publish([fact])
