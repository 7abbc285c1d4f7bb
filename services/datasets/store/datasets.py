"""MongoDB repositories of datasets and versions (database ``cairn_datasets``, collections
``datasets`` and ``versions``; the documents of ``services/datasets/README.md``).

Contracts other rooms read through: ``MongoDatasetRepository.get(company, dataset_id)`` and
``MongoVersionRepository.get(company, version_id)`` / ``of_dataset(company, dataset_id)``.
Lookups go by ``_id`` alone and check the company in code (a company condition next to ``_id``
makes SecantusDB leave the ``_id`` index). Names are unique per company (datasets) and per
dataset (versions) by unique indexes, so two racing creations cannot both win."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.datasets.datasets.listing import Listing, ListRule
from shared.mongo import all_of

Document = dict[str, Any]


class DuplicateName(Exception):
    """A dataset (in its company) or a version (in its dataset) with this name exists."""

    def __init__(self, name: Any) -> None:
        super().__init__(f"name exists: {name}")
        self.name = name


class DatasetRepository(Protocol):
    """The ``datasets`` collection (``MongoDatasetRepository``; a fake in the unit tests)."""

    async def add(self, dataset: Document) -> None: ...  # DuplicateName
    async def get(self, company: str, dataset_id: str) -> Document | None: ...
    async def by_name(self, company: str, name: str) -> Document | None: ...
    async def find(self, listing: Listing) -> list[Document]: ...
    async def update(self, company: str, dataset_id: str, fields: Document) -> Document | None: ...  # DuplicateName
    async def delete(self, company: str, dataset_id: str) -> bool: ...


class VersionRepository(Protocol):
    """The ``versions`` collection (``MongoVersionRepository``; a fake in the unit tests)."""

    async def add(self, version: Document) -> None: ...  # DuplicateName
    async def get(self, company: str, version_id: str) -> Document | None: ...
    async def of_dataset(self, company: str, dataset_id: str) -> list[Document]: ...
    async def of_datasets(self, company: str, dataset_ids: Sequence[str]) -> list[Document]: ...
    async def find(self, listing: Listing) -> list[Document]: ...
    async def update(self, company: str, version_id: str, fields: Document,
                     statuses: Sequence[str] | None = None) -> Document | None: ...  # DuplicateName
    async def has_children(self, company: str, version_id: str) -> bool: ...
    async def delete(self, company: str, version_id: str) -> bool: ...


def _rule(rule: ListRule) -> dict[str, Any]:
    values = list(rule.values)
    op = {"any_of": "$in", "all_of": "$all", "none_of": "$nin"}[rule.kind]
    return {rule.field: {op: values}}


def _text(search: str) -> dict[str, Any]:
    """Free text: the words as given, anywhere in the name or the comment, any case (no text
    index: SecantusDB has none; regexes always in operator form)."""
    import re

    pattern = {"$regex": re.escape(search), "$options": "i"}
    return {"$or": [{"name": pattern}, {"comment": pattern}]}


def find_filter(listing: Listing) -> dict[str, Any]:
    """The filter document of ``listing`` (company first: the indexes start with it)."""
    conditions: list[dict[str, Any]] = [{"company": listing.company}] if listing.company is not None else []
    conditions += [_rule(rule) for rule in listing.rules]
    conditions += [{"$or": [_rule(rule) for rule in group]} for group in listing.alternatives]
    if listing.name_pattern is not None:
        conditions.append({"name": {"$regex": listing.name_pattern}})
    if listing.search:
        conditions.append(_text(listing.search))
    if listing.created_from is not None:
        conditions.append({"created": {"$gte": listing.created_from}})
    for pattern in listing.patterns:
        regex = {"$regex": pattern.pattern, "$options": "i"}
        conditions.append({"$and" if pattern.every else "$or": [{field: regex} for field in pattern.fields]})
    return all_of(*conditions)


def sort(listing: Listing) -> list[tuple[str, int]]:
    return [(field, -1 if descending else 1) for field, descending in listing.order]


DATASET_INDEXES = [
    IndexModel([("company", ASCENDING), ("name", ASCENDING)], name="company_name", unique=True),
    IndexModel([("company", ASCENDING), ("created", ASCENDING), ("_id", ASCENDING)], name="company_created_id"),
]
VERSION_INDEXES = [
    IndexModel([("company", ASCENDING), ("dataset", ASCENDING), ("name", ASCENDING)], name="company_dataset_name",
               unique=True),
    IndexModel([("company", ASCENDING), ("parent", ASCENDING)], name="company_parent"),
]


class _MongoDocuments:
    """What both collections share: named documents of a company, listed by a ``Listing``."""

    def __init__(self, db: AsyncDatabase, collection: str, indexes: list[IndexModel]) -> None:
        self._docs, self._indexes = db[collection], indexes

    async def ensure_indexes(self) -> None:
        await self._docs.create_indexes(self._indexes)

    async def add(self, doc: Document) -> None:
        try:
            await self._docs.insert_one(dict(doc))
        except DuplicateKeyError:
            raise DuplicateName(doc.get("name")) from None

    async def get(self, company: str, doc_id: str) -> Document | None:
        doc = await self._docs.find_one({"_id": doc_id})
        return doc if doc is not None and doc.get("company") == company else None

    async def find(self, listing: Listing) -> list[Document]:
        cursor = self._docs.find(find_filter(listing)).sort(sort(listing)).skip(listing.skip)
        return await cursor.limit(listing.limit).to_list()

    async def update(self, company: str, doc_id: str, fields: Document,
                     statuses: Sequence[str] | None = None) -> Document | None:
        """Set ``fields`` while the document's status is one of ``statuses`` (any when None);
        None when it is unknown or in another status."""
        current = await self.get(company, doc_id)
        if current is None or (statuses is not None and current.get("status") not in statuses):
            return None
        if not fields:
            return current
        condition: Document = {"_id": doc_id}
        if statuses is not None:
            condition["status"] = {"$in": list(statuses)}
        try:
            result = await self._docs.update_one(condition, {"$set": dict(fields)})
        except DuplicateKeyError:
            raise DuplicateName(fields.get("name")) from None
        return await self._docs.find_one({"_id": doc_id}) if result.matched_count else None

    async def delete(self, company: str, doc_id: str) -> bool:
        if await self.get(company, doc_id) is None:
            return False
        return (await self._docs.delete_one({"_id": doc_id})).deleted_count == 1


class MongoDatasetRepository(_MongoDocuments):
    """``DatasetRepository`` over the ``datasets`` collection."""

    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db, "datasets", DATASET_INDEXES)

    async def by_name(self, company: str, name: str) -> Document | None:
        return await self._docs.find_one({"company": company, "name": name})


class MongoVersionRepository(_MongoDocuments):
    """``VersionRepository`` over the ``versions`` collection."""

    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db, "versions", VERSION_INDEXES)

    async def of_dataset(self, company: str, dataset_id: str) -> list[Document]:
        """Every version of the dataset, oldest first."""
        return await self.of_datasets(company, [dataset_id])

    async def of_datasets(self, company: str, dataset_ids: Sequence[str]) -> list[Document]:
        cursor = self._docs.find({"company": company, "dataset": {"$in": list(dataset_ids)}})
        return await cursor.sort([("created", ASCENDING), ("_id", ASCENDING)]).to_list()

    async def has_children(self, company: str, version_id: str) -> bool:
        return await self._docs.find_one({"company": company, "parent": version_id}, {"_id": 1}) is not None
