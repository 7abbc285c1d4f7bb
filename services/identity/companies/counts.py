"""``organization.get_entities_count``: how many projects, tasks, models, pipelines, datasets
and reports match the ``get_all``-style query given for each.

The entities live in the tasks process, which answers each query with its own
``*.get_all_ex`` (so every filter means there what it means in a listing); the ids are read
page by page and counted. A query that fails is reported under ``errors`` with its message,
the other counts still answered, as clearml-server does.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from services.identity.companies.listing import read_all
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

@dataclass(frozen=True)
class Kind:
    """How one field of the request is counted: the listing, and what it forces."""

    endpoint: str
    answer: str
    task_type: str | None = None
    special: bool = False  # hidden entities count; sub-projects included for task kinds


PROJECTS = Kind("projects.get_all_ex", "projects")
TASKS = Kind("tasks.get_all_ex", "tasks")
KINDS = {
    "projects": PROJECTS,
    "tasks": TASKS,
    "models": Kind("models.get_all_ex", "models"),
    "pipelines": Kind(PROJECTS.endpoint, PROJECTS.answer, special=True),
    "pipeline_runs": Kind(TASKS.endpoint, TASKS.answer, "controller", special=True),
    "datasets": Kind(PROJECTS.endpoint, PROJECTS.answer, special=True),
    "dataset_versions": Kind(TASKS.endpoint, TASKS.answer, "data_processing", special=True),
    "reports": Kind(TASKS.endpoint, TASKS.answer, "report", special=True),
}


def listing_query(kind: Kind, query: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    """The ``get_all_ex`` body that selects what ``query`` asks to count of ``kind``."""
    body = {**query, "only_fields": ["id"], "allow_public": request.get("allow_public", True) is not False}
    if kind.task_type:
        body.update(type=[kind.task_type], include_subprojects=True)
    if kind.special or kind.endpoint != "models.get_all_ex":
        body["search_hidden"] = kind.special or bool(request.get("search_hidden"))
    users = request.get("active_users")
    if users:
        if kind.answer == "projects":
            body["active_users"] = users
        elif not body.get("user"):
            body["user"] = users
    for paging in ("page", "page_size", "size", "scroll_id", "start"):
        body.pop(paging, None)
    return body


class EntityCounts:
    """The use case, over the tasks process's listings."""

    def __init__(self, tasks: ProcessRpc) -> None:
        self._tasks = tasks

    async def get_entities_count(self, identity: Identity, request: dict[str, Any]) -> dict[str, Any]:
        """``organization.get_entities_count``: ``{<field>: count, errors?: {<field>: message}}``
        for every field of ``KINDS`` the request names; ``limit`` caps each count."""
        fields = [field for field in KINDS if isinstance(request.get(field), dict)]
        limit = request.get("limit") or None
        results = await asyncio.gather(
            *(self._count(identity, KINDS[field], listing_query(KINDS[field], request[field], request), limit)
              for field in fields),
            return_exceptions=True,
        )
        answer: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for field, result in zip(fields, results):
            if isinstance(result, BaseException):
                errors[field] = result.message if isinstance(result, ApiError) else str(result)
            else:
                answer[field] = result
        if errors:
            answer["errors"] = errors
        return answer

    async def _count(self, identity: Identity, kind: Kind, body: dict[str, Any], limit: int | None) -> int:
        return len(await read_all(self._tasks, identity, kind.endpoint, kind.answer, body, limit))
