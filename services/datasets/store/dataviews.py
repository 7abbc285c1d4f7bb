"""The ``dataviews`` collection of MongoDB ``cairn_datasets``: ``MongoDataviewRepository``, the
dataviews room's ``DataviewRepository`` (``services/datasets/dataviews/ports.py``), and the
translation of its ``DataviewFilter`` into MongoDB's query language.

Documents keep ClearML's field names (``filters``, ``iteration``, ``versions``, ...), ``_id``
for the id and ``created`` as a datetime; ``get`` answers them in ClearML's ``Dataview`` shape,
which the iteration room reads for ``frames.*_for_dataview_id``. Lookups go by ``_id`` alone
and check the company in code (a company condition next to ``_id`` makes SecantusDB leave the
``_id`` index). Regular expressions always in the operator form ``{"$regex": p}``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.datasets.dataviews.listing import DataviewFilter, DateBounds, ListCondition, Pattern, projected_paths
from shared.api_form import to_api
from shared.mongo import all_of

Document = dict[str, Any]
COLLECTION = "dataviews"
DATAVIEW_INDEXES = [
    IndexModel([("company", ASCENDING), ("created", ASCENDING), ("_id", ASCENDING)], name="company_created_id"),
    IndexModel([("company", ASCENDING), ("name", ASCENDING)], name="company_name"),
]


def as_api(doc: Mapping[str, Any]) -> Document:
    """A stored dataview in ClearML's ``Dataview`` shape: ``id``, dates as ISO 8601 text."""
    return to_api(dict(doc))


def _list_condition(condition: ListCondition) -> Document:
    field = condition.field
    parts = [{field: {op: list(values)}} for op, values in (("$in", condition.any_of), ("$all", condition.all_of),
                                                              ("$nin", condition.none_of)) if values]
    joined = parts[0] if len(parts) == 1 else {"$or" if condition.join_or else "$and": parts} if parts else {}
    if not condition.or_empty:
        return joined
    empty = [{field: {"$exists": False}}, {field: None}, {field: []}]
    return {"$or": [joined, *empty] if joined else empty}


def _pattern_condition(pattern: Pattern) -> Document:
    parts = [{field: {"$regex": pattern.pattern, "$options": "i"}} for field in pattern.fields]
    return {"$and" if pattern.all_fields else "$or": parts}


_COMPARE = {">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt", "=": "$eq"}


def _date_conditions(dates: DateBounds) -> list[Document]:
    """One comparison each (``all_of`` puts a field named twice under ``$and``)."""
    return [{dates.field: {_COMPARE[op]: moment}} for op, moment in dates.bounds]


def find_filter(query: DataviewFilter) -> Document:
    """The filter document of ``query``: the company's and the public dataviews."""
    conditions: list[Document] = [{"company": {"$in": [query.company, ""]}}]
    if query.name_pattern is not None:
        conditions.append({"name": {"$regex": query.name_pattern}})
    if query.status is not None:
        conditions.append({"status": query.status})
    if query.only_ids is not None:
        conditions.append({"_id": {"$in": list(query.only_ids)}})
    elif query.excluded_ids:
        conditions.append({"_id": {"$nin": list(query.excluded_ids)}})
    conditions.extend(_list_condition(c) for c in query.lists)
    conditions.extend(_pattern_condition(p) for p in query.patterns)
    conditions.extend(c for d in query.dates for c in _date_conditions(d))
    return all_of(*conditions)


def _projection(fields: Sequence[str]) -> Document | None:
    """The paths of ``only_fields`` (``id`` always)."""
    if not fields:
        return None
    return {"_id" if path == "id" else path: 1 for path in projected_paths(fields)}


class MongoDataviewRepository:
    """``DataviewRepository`` over the ``dataviews`` collection."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._dataviews = db[COLLECTION]

    async def ensure_indexes(self) -> None:
        await self._dataviews.create_indexes(DATAVIEW_INDEXES)

    async def add(self, dataview: Document) -> None:
        await self._dataviews.insert_one(dict(dataview))

    async def _readable(self, company: str, dataview_id: str) -> Document | None:
        doc = await self._dataviews.find_one({"_id": dataview_id})
        return doc if doc is not None and doc.get("company") in (company, "") else None

    async def get(self, company: str, dataview_id: str) -> Document | None:
        doc = await self._readable(company, dataview_id)
        return as_api(doc) if doc is not None else None

    async def stored(self, company: str, dataview_id: str) -> Document | None:
        doc = await self._dataviews.find_one({"_id": dataview_id})
        return doc if doc is not None and doc.get("company") == company else None

    async def find(self, query: DataviewFilter) -> list[Document]:
        sort = [(field, -1 if descending else 1) for field, descending in query.order]
        cursor = self._dataviews.find(find_filter(query), _projection(query.fields))
        docs = await cursor.sort(sort).skip(query.skip).limit(query.limit).to_list()
        return [as_api(doc) for doc in docs]

    async def update(self, company: str, dataview_id: str, fields: Mapping[str, Any],
                     unset: Sequence[str] = ()) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        change: Document = {}
        if fields:
            change["$set"] = dict(fields)
        if unset:
            change["$unset"] = {name: "" for name in unset}
        if change:
            await self._dataviews.update_one({"_id": dataview_id}, change)
        return True

    async def set_system_tag(self, company: str, dataview_id: str, tag: str, present: bool) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        change = {"$addToSet": {"system_tags": tag}} if present else {"$pull": {"system_tags": tag}}
        await self._dataviews.update_one({"_id": dataview_id}, change)
        return True

    async def set_project(self, company: str, dataview_ids: Sequence[str], project: str | None) -> int:
        change = {"$set": {"project": project}} if project else {"$unset": {"project": ""}}
        result = await self._dataviews.update_many({"_id": {"$in": list(dataview_ids)}, "company": company}, change)
        return result.matched_count

    async def delete(self, company: str, dataview_id: str) -> bool:
        if await self.stored(company, dataview_id) is None:
            return False
        return (await self._dataviews.delete_one({"_id": dataview_id})).deleted_count == 1
