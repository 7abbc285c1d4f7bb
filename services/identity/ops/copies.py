"""``system.copy_tasks``: tasks copied into a company as one of its users (e.g. example
tasks a system user keeps, given to a new tenant). The tasks live in the tasks process, which
makes the copies (``internal.copy_tasks``) as that user; identity checks the user first."""

from __future__ import annotations

from services.identity.service import IdentityPorts
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc


class TaskCopies:
    def __init__(self, tasks: ProcessRpc, ports: IdentityPorts) -> None:
        self._tasks = tasks
        self._ports = ports

    async def copy(self, caller: Identity, company: str, user: str, tasks: list[str],
                   project: str | None, new_project_name: str | None) -> list[str]:
        """The tasks the caller's company may read, copied as ``user`` of ``company`` (400/301
        when the user is not there): the new ids, in the order of ``tasks``."""
        found = await self._ports.users.get(user)
        if found is None or found.company != company:
            raise ApiError.named("invalid_user_id", id=user, company=company)
        target = Identity(company=company, user=user, role=found.role, user_name=found.name)
        body = {"tasks": tasks, "source_company": caller.company, "project": project,
                "new_project_name": new_project_name}
        answer = await self._tasks.call(target, "internal.copy_tasks", body)
        return answer["ids"]
