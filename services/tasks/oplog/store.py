"""The operations log's store: one document per recorded operation on a task, in the tasks
process's ``task_operation`` collection (this process is its only owner)."""

from __future__ import annotations

from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]


class OperationsStore(Protocol):
    """Operations ``{_id, company, task, seq, created, operation, user, user_name, info, reason}``.

    - ``add`` stores one operation as given.
    - ``page`` returns a task's operations of ``company``, ordered by ``created`` then
      ``seq`` (``descending``: newest first), skipping ``skip``, at most ``limit``.
    - ``clear`` removes a task's operations of ``company``; returns how many.
    """

    async def add(self, operation: Document) -> None: ...

    async def page(self, company: str, task: str, descending: bool, skip: int, limit: int) -> list[Document]: ...

    async def clear(self, company: str, task: str) -> int: ...


class MongoOperationsStore:
    """``OperationsStore`` over the ``task_operation`` collection; one index serves both
    orders of a task's log."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._operations = db["task_operation"]

    async def create_indexes(self) -> None:
        await self._operations.create_indexes(
            [IndexModel([("company", ASCENDING), ("task", ASCENDING), ("created", ASCENDING), ("seq", ASCENDING)])]
        )

    async def add(self, operation: Document) -> None:
        await self._operations.insert_one(dict(operation))

    async def page(self, company: str, task: str, descending: bool, skip: int, limit: int) -> list[Document]:
        direction = DESCENDING if descending else ASCENDING
        cursor = self._operations.find({"company": company, "task": task}).sort(
            [("created", direction), ("seq", direction)]
        )
        return await cursor.skip(skip).limit(limit).to_list()

    async def clear(self, company: str, task: str) -> int:
        return (await self._operations.delete_many({"company": company, "task": task})).deleted_count


class InMemoryOperationsStore:
    """``OperationsStore`` in memory (unit tests)."""

    def __init__(self) -> None:
        self.operations: list[Document] = []

    async def add(self, operation: Document) -> None:
        self.operations.append(dict(operation))

    async def page(self, company: str, task: str, descending: bool, skip: int, limit: int) -> list[Document]:
        rows = [o for o in self.operations if o["company"] == company and o["task"] == task]
        rows.sort(key=lambda o: (o["created"], o["seq"]), reverse=descending)
        return rows[skip:skip + limit]

    async def clear(self, company: str, task: str) -> int:
        before = len(self.operations)
        self.operations = [o for o in self.operations if not (o["company"] == company and o["task"] == task)]
        return before - len(self.operations)
