"""``tasks.get_all_ex``: the UI's and the SDK's task list (``tasks.get_all`` plus ``filters``,
``allow_public`` and ``search_text``: ``services.tasks.queries`` / ``filters``)."""

from __future__ import annotations

from typing import Any

from services.tasks.service import TaskService
from shared.messaging.envelopes import Identity
from shared.schemas import tasks as api


class TaskViewService:
    """``tasks.get_all_ex``."""

    def __init__(self, tasks: TaskService) -> None:
        self._tasks = tasks

    async def get_all_ex(self, identity: Identity, request: api.GetAllExRequest) -> dict[str, Any]:
        """``tasks.get_all_ex``: the tasks matching every ``get_all`` filter and ``filters``
        (per field ``any``/``all`` include/exclude), ordered by ``order_by`` (hyper-parameter
        values numerically), a page of them or a scroll. Hidden tasks only with
        ``search_hidden`` or by id; other companies' public tasks unless ``allow_public`` is
        false. Answers ``{tasks, scroll_id?}``."""
        return await self._tasks.get_all(identity, request)
