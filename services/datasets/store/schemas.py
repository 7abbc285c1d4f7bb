"""The meta schema of each dataset (MongoDB ``schemas``): one document per key path of the
frames' ``meta`` and its type, ``{company, dataset, path, type}``. A key's first type wins for
good: the unique index makes two writers that introduce one key at once agree on one type (the
loser reads the winner's and refuses its frames if they differ). Paths are values, never keys,
so dotted and ``$`` names need no escaping."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

INDEXES = [IndexModel([("company", ASCENDING), ("dataset", ASCENDING), ("path", ASCENDING)],
                      name="company_dataset_path", unique=True)]
DUPLICATE_KEY = 11000


class MongoSchemaRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._docs = db["schemas"]

    async def ensure_indexes(self) -> None:
        await self._docs.create_indexes(INDEXES)

    async def of_dataset(self, company: str, dataset: str) -> dict[str, str]:
        """Key path -> type of the dataset's frames' meta."""
        return (await self.of_datasets(company, [dataset])).get(dataset, {})

    async def of_datasets(self, company: str, datasets: Iterable[str]) -> dict[str, dict[str, str]]:
        """Dataset -> its schema (datasets without frames are absent)."""
        out: dict[str, dict[str, str]] = {}
        query = {"company": company, "dataset": {"$in": list(datasets)}}
        async for doc in self._docs.find(query, {"_id": 0, "dataset": 1, "path": 1, "type": 1}):
            out.setdefault(doc["dataset"], {})[doc["path"]] = doc["type"]
        return out

    async def add(self, company: str, dataset: str, types: Mapping[str, str]) -> dict[str, str]:
        """Record new key paths; the types the schema now holds for them (another writer's
        where it recorded a path first)."""
        if not types:
            return {}
        docs: list[dict[str, Any]] = [{"company": company, "dataset": dataset, "path": path, "type": kind}
                                      for path, kind in types.items()]
        try:
            await self._docs.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            if any(error.get("code") != DUPLICATE_KEY for error in exc.details.get("writeErrors", [])):
                raise
            held = await self._docs.find({"company": company, "dataset": dataset, "path": {"$in": list(types)}},
                                         {"_id": 0, "path": 1, "type": 1}).to_list()
            return {**dict(types), **{doc["path"]: doc["type"] for doc in held}}
        return dict(types)

    async def drop(self, company: str, dataset: str) -> None:
        await self._docs.delete_many({"company": company, "dataset": dataset})
