"""``organization.*``: what spans the company's entities (their tags) and its people.

Tags live with the tasks and models, in the tasks process: they are asked of it over RPC
(its ``projects.get_task_tags`` and ``projects.get_model_tags`` over all projects, which
read the caller's company only, as ``organization.get_tags`` does in clearml-server).
"""

from __future__ import annotations

import asyncio
from typing import Any

from services.identity.store.companies import MongoCompanyDirectory
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

TAG_FIELDS = ("tags", "system_tags")


class Organization:
    """The open-source use cases of the ``organization`` service."""

    def __init__(self, tasks: ProcessRpc, directory: MongoCompanyDirectory) -> None:
        self._tasks = tasks
        self._directory = directory

    async def get_tags(self, identity: Identity, request: dict[str, Any]) -> dict[str, Any]:
        """``organization.get_tags``: the tags (and, with ``include_system``, system tags) of
        the company's tasks and models, merged and sorted; ``filter`` keeps the entities that
        carry one of the given tags (or system tags)."""
        query = {key: request[key] for key in ("include_system", "filter") if request.get(key) is not None}
        answers = await asyncio.gather(
            self._tasks.call(identity, "projects.get_task_tags", query),
            self._tasks.call(identity, "projects.get_model_tags", query),
        )
        return merge_tags(answers, bool(request.get("include_system")))

    async def get_user_companies(self, identity: Identity) -> dict[str, Any]:
        """``organization.get_user_companies``: the caller's company with its users (the
        ``owners``, by name) and how many there are (``allocated``)."""
        members = await self._directory.members(identity.company)
        owners = sorted(members, key=lambda user: user.get("name") or "")
        company = {"id": identity.company, "name": identity.company_name, "allocated": len(owners), "owners": owners}
        return {"companies": [company]}


def merge_tags(answers: list[dict[str, Any]], include_system: bool) -> dict[str, list[str]]:
    """One answer from several tag listings: each field's values united and sorted."""
    fields = TAG_FIELDS if include_system else TAG_FIELDS[:1]
    return {field: sorted({tag for answer in answers for tag in answer.get(field) or []}) for field in fields}
