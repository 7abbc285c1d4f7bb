"""What deleting or resetting a task does to its output models (``tasks.delete`` /
``delete_many``, ``tasks.reset`` / ``reset_many``, CLEARML_BEHAVIOR section 6).

A task's output models are the models whose ``task`` is the task plus the ones its
``models.output`` lists. Without ``force`` a task with a published output model, or with a
published child task, cannot be deleted (400/123). With ``delete_output_models`` (ClearML's
default) the draft output models that no other task uses as input are deleted; a draft in use
loses its ``task``; a published one is kept and points at ``__DELETED__<task id>``. Without
``delete_output_models`` every output model is kept that way. A reset task stays: the models
it keeps only lose their ``task``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.tasks.tasks import status
from services.tasks.store.criteria import Selection
from services.tasks.store.repository import Document, ModelRepository, TaskRepository
from services.tasks.facts import model_deleted
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.outbox import Pending

DELETED_PREFIX = "__DELETED__"
_FIELDS = ["ready", "uri", "company"]


@dataclass
class Outputs:
    """A task's output models the caller may change, split by state."""

    published: list[Document] = field(default_factory=list)
    drafts: list[Document] = field(default_factory=list)
    in_use: set[str] = field(default_factory=set)


@dataclass
class Cleanup:
    """What happened to the output models."""

    deleted: list[Document] = field(default_factory=list)
    updated: int = 0
    facts: list[Pending] = field(default_factory=list)  # ModelDeleted, recorded with each delete

    @property
    def model_urls(self) -> list[str]:
        return list(dict.fromkeys(m["uri"] for m in self.deleted if m.get("uri")))


def split_outputs(models: Sequence[Document], company: str) -> Outputs:
    """The caller's own models (public ones are nobody's to change), published or draft."""
    own = list({m["_id"]: m for m in models if m.get("company") == company}.values())
    return Outputs(published=[m for m in own if m.get("ready")], drafts=[m for m in own if not m.get("ready")])


def check_deletable(task: Document, outputs: Outputs, published_children: int, force: bool) -> None:
    """Without ``force``: a published child or a published output model -> 400/123."""
    if force:
        return
    if published_children:
        raise ApiError.named("task_cannot_be_deleted", "has children, use force=True", task=task["_id"],
                             children=published_children)
    if outputs.published:
        raise ApiError.named("task_cannot_be_deleted", "has output models, use force=True", task=task["_id"],
                             models=len(outputs.published))


def input_model_ids(tasks: Sequence[Document]) -> set[str]:
    return {m.get("model") for t in tasks for m in ((t.get("models") or {}).get("input") or ()) if m.get("model")}


class OutputModelCleanup:
    """Reads and changes a deleted task's output models."""

    def __init__(self, tasks: TaskRepository, models: ModelRepository):
        self._tasks = tasks
        self._models = models

    async def outputs(self, identity: Identity, task: Document) -> Outputs:
        """The task's output models, and which drafts other tasks use as input."""
        found = await self._models.select(Selection(identity.company, public=True, tasks=[task["_id"]]), _FIELDS)
        listed = [m.get("model") for m in (task.get("models") or {}).get("output") or () if m.get("model")]
        if listed:
            found += await self._models.select(Selection(identity.company, ids=listed), _FIELDS)
        outputs = split_outputs(found, identity.company)
        if outputs.drafts:
            ids = [m["_id"] for m in outputs.drafts]
            users = await self._tasks.input_users(ids)
            outputs.in_use = input_model_ids([t for t in users if t["_id"] != task["_id"]]) & set(ids)
        return outputs

    async def published_children(self, identity: Identity, task_id: str) -> int:
        return await self._tasks.count(Selection(identity.company, parents=[task_id], statuses=[status.PUBLISHED]))

    async def apply(self, identity: Identity, task_id: str, outputs: Outputs, delete_models: bool,
                    stamp: dict[str, Any], files: bool, task_stays: bool = False) -> Cleanup:
        """Delete or detach the output models (see the module docstring); each deleted model's
        ``ModelDeleted`` (naming its file when ``files``) is recorded with its deletion, to be
        published by the caller. ``task_stays`` (``tasks.reset``): the kept models lose their
        ``task`` instead of pointing at ``__DELETED__<task id>``, and are not counted as updated."""
        result = Cleanup()
        kept = list(outputs.published)
        if delete_models:
            for model in outputs.drafts:
                fact = model_deleted(model, identity.company, files)
                if model["_id"] in outputs.in_use:
                    await self._models.update(identity.company, model["_id"], stamp, unset=["task"])
                elif await self._models.delete(identity.company, model["_id"], [fact]):
                    result.deleted.append(model)
                    result.facts.append(fact)
        else:
            kept += outputs.drafts
        for model in kept:
            if task_stays:
                await self._models.update(identity.company, model["_id"], stamp, unset=["task"])
                continue
            marked = {**stamp, "task": f"{DELETED_PREFIX}{task_id}"}
            if await self._models.update(identity.company, model["_id"], marked) is not None:
                result.updated += 1
        return result
