"""MongoDB adapter of the resources room's ``ResourceStore`` (``services/queues/resources/store.py``):
collections ``resource_config``, ``resource_policy``, ``resource_connection`` and
``resource_ledger`` of ``cairn_queues``. Lookups by ``_id`` check the company in code (as
``mongo.py``: a company condition next to ``_id`` makes SecantusDB leave the ``_id`` index).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.queues.resources.store import DuplicatePolicyName

Document = dict[str, Any]


class MongoResourceStore:
    """``ResourceStore`` over the four collections of ``cairn_queues``."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._config = db["resource_config"]
        self._policies = db["resource_policy"]
        self._connections = db["resource_connection"]
        self._ledger = db["resource_ledger"]

    async def ensure_indexes(self) -> None:
        await self._policies.create_indexes([
            IndexModel([("company", ASCENDING), ("name", ASCENDING)], name="company_name", unique=True)])
        await self._connections.create_indexes([
            IndexModel([("company", ASCENDING), ("policy", ASCENDING)], name="company_policy")])

    async def configuration(self, company: str) -> Document | None:
        return await self._config.find_one({"_id": company})

    async def put_configuration(self, company: str, doc: Document) -> None:
        await self._config.replace_one({"_id": company}, {**doc, "_id": company}, upsert=True)

    async def add_policy(self, policy: Document) -> None:
        try:
            await self._policies.insert_one(dict(policy))
        except DuplicateKeyError:
            raise DuplicatePolicyName(policy["name"]) from None

    async def policy(self, company: str, policy_id: str) -> Document | None:
        doc = await self._policies.find_one({"_id": policy_id})
        return doc if doc is not None and doc.get("company") == company else None

    async def policies(self, company: str) -> list[Document]:
        return await self._policies.find({"company": company}).sort("name", ASCENDING).to_list()

    async def update_policy(self, company: str, policy_id: str, fields: Document) -> bool:
        if await self.policy(company, policy_id) is None:
            return False
        try:
            await self._policies.update_one({"_id": policy_id}, {"$set": dict(fields)})
        except DuplicateKeyError:
            raise DuplicatePolicyName(fields.get("name", "")) from None
        return True

    async def delete_policy(self, company: str, policy_id: str) -> bool:
        if await self.policy(company, policy_id) is None:
            return False
        return (await self._policies.delete_one({"_id": policy_id})).deleted_count == 1

    async def add_connection(self, connection: Document) -> None:
        await self._connections.insert_one(dict(connection))

    async def connections(self, company: str, policy: str | None = None) -> list[Document]:
        query: Document = {"company": company}
        if policy is not None:
            query["policy"] = policy
        return await self._connections.find(query).sort("created", ASCENDING).to_list()

    async def delete_connection(self, company: str, queue_id: str) -> bool:
        doc = await self._connections.find_one({"_id": queue_id})
        if doc is None or doc.get("company") != company:
            return False
        return (await self._connections.delete_one({"_id": queue_id})).deleted_count == 1

    async def admit(self, company: str, task: str, entry: Document) -> None:
        key = f"{company}/{task}"
        await self._ledger.replace_one({"_id": key}, {**entry, "_id": key, "company": company, "task": task},
                                       upsert=True)

    async def forget(self, company: str, task: str) -> None:
        await self._ledger.delete_one({"_id": f"{company}/{task}"})

    async def ledger(self, company: str, tasks: Sequence[str]) -> dict[str, Document]:
        if not tasks:
            return {}
        keys = [f"{company}/{t}" for t in dict.fromkeys(tasks)]
        return {d["task"]: d async for d in self._ledger.find({"_id": {"$in": keys}})}
