"""``tasks.validate``: check a task definition as ``tasks.create`` would take it, store nothing.

The request model already checked the fields (400/11, 400/12); a task type the catalog knows
but ``tasks.create`` refuses, or an empty ``TF_DEFINE/`` legacy parameter name -> 400/12. Then: the project must be the
caller's own (unknown -> 400/401, public -> 403/21), the parent a readable task (400/101) and
every input model a readable model (400/201). Answers ``{}``.
"""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.tasks.access import check_input_models
from services.tasks.store.repository import ModelRepository
from services.tasks.tasks.service import TaskService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import tasks as api


_CREATABLE_TYPES = frozenset(t.value for t in api.TaskTypeEnum)


class TaskValidationService:
    """``tasks.validate``."""

    def __init__(self, tasks: TaskService, models: ModelRepository):
        self._tasks = tasks
        self._models = models

    async def validate(self, identity: Identity, request: api.ValidateRequest) -> dict[str, Any]:
        """``tasks.validate``: ``{}`` when ``tasks.create`` would accept the definition."""
        if request.type.value not in _CREATABLE_TYPES:
            raise ApiError.named("validation_error", "unsupported task type", field="type", type=request.type.value)
        domain.task_fields(request.model_dump(mode="json", exclude_none=True))  # legacy parameters: 400/12
        await self._tasks.check_references(identity, {"project": request.project, "parent": request.parent})
        inputs = [m.model_dump() for m in request.models.input or []] if request.models else []
        await check_input_models(self._models, identity, inputs)
        return {}
