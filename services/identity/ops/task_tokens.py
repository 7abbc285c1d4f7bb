"""Task tokens: the session token a task runs with (clearml-agent hands one to the process
of each task it runs, so what the task reports is done as the task's user).

A token is only issued for a task that exists in the company it is asked for: the task is
looked up in the tasks process as that company's user, so an unknown id or another
company's task is refused with the tasks process's own error (400/101 invalid_task_id).
"""

from __future__ import annotations

from services.identity.users.accounts import AccountUseCases
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc


class TaskTokens:
    def __init__(self, tasks: ProcessRpc, accounts: AccountUseCases) -> None:
        self._tasks = tasks
        self._accounts = accounts

    async def for_caller(self, caller: Identity | None, task: str, expiration_sec: int | None) -> str:
        """``auth.get_task_token``: a token of the caller for one of its company's tasks."""
        if caller is None:
            raise ApiError(401, 20, "the endpoint needs an authenticated caller")
        await self._require_task(caller, task)
        return await self._accounts.token_for_user(caller.user, caller.company, expiration_sec)

    async def for_user(self, user: str, company: str, task: str, expiration_sec: int | None) -> str:
        """``auth.get_task_token_for_user`` (system callers): a token of ``user`` of
        ``company`` for a task of that company (the user is checked first: 400/301)."""
        token = await self._accounts.token_for_user(user, company, expiration_sec)
        await self._require_task(Identity(company=company, user=user, role="user"), task)
        return token

    async def _require_task(self, identity: Identity, task: str) -> None:
        # tasks.get_by_id answers 400/101 for an id the company does not have.
        await self._tasks.call(identity, "tasks.get_by_id", {"task": task})
