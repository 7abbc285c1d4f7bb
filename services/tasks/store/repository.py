"""Storage ports of the tasks process and their MongoDB adapters (database ``cairn_tasks``).

Documents are stored in their MongoDB form: ``_id`` is the ClearML id, dates are UTC
datetimes, user-chosen keys are already escaped (``domain.escape_task``). Every read is
scoped to the caller's company plus public objects (``company == ""``); every write to the
caller's own company only. Use cases say which documents they mean with a
``criteria.Selection`` and what to change with plain field values; the MongoDB condition and
update documents are written here and in ``criteria`` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from services.tasks.store.criteria import Selection, Tags, condition, metrics_update, silent_condition, updates, \
    visibility_condition, visibility_update
from services.tasks.store.filters import numeric_sort_keys
from shared.messaging.outbox import MongoOutbox, Pending
from shared.mongo import all_of
from shared.mongo_reads import CoalescedReads
from services.tasks.store.planning import index_keys, narrow_company, public_scope_company, split
from services.tasks.store.queries import (
    UNPAGED_LIMIT, FindQuery, company_scope, empty_value_conditions, projection_spec, sort_spec,
)

Document = dict[str, Any]


class DuplicateName(Exception):
    """A project with this full name already exists in the company."""


class TaskRepository(Protocol):
    """Tasks (``tasks.*`` endpoints). Contract, shared by every adapter and fake:

    - ``add`` stores a new document as given.
    - ``get`` returns the task if it belongs to ``company`` or is public, else ``None``.
    - ``find`` runs a ``FindQuery`` (already company-scoped) with its sort, projection, skip
      and limit; ``_id`` is always returned.
    - ``update`` sets ``changes`` (dotted paths), removes the ``unset`` fields, adds to each
      array field of ``add_tags`` the values it lacks (in their order, after the ones it
      holds) and takes those of ``remove_tags`` out (a field in one of them only), on the
      caller's own task, only while its status is ``expected_status`` (unless that is
      ``None``), and returns the updated document, or ``None`` when no task matched
      (missing, another company's, or status changed).
    - ``update`` and ``delete`` record their ``facts`` (``shared.messaging.outbox``) in the
      process's outbox atomically with the change, and only if it happened.
    - ``select`` returns the tasks of a ``Selection`` with ``fields`` (``only_fields`` names;
      ``None``: all) in ``order_by`` order (ClearML's ``order_by``; default: creation).
    """

    async def add(self, task: Document) -> None: ...

    async def get(self, company: str, task_id: str) -> Document | None: ...

    async def find(self, query: FindQuery) -> list[Document]: ...

    async def update(
        self, company: str, task_id: str, changes: Document, expected_status: str | None = None, *,
        unset: Sequence[str] = (), add_tags: Tags | None = None, remove_tags: Tags | None = None,
        facts: Sequence[Pending] = (),
    ) -> Document | None: ...

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]: ...

    async def update_many(self, selection: Selection, changes: Document, unset: Sequence[str] = (), *,
                          add_tags: Tags | None = None, remove_tags: Tags | None = None) -> int:
        """``update`` (unconditional) of every selected task; returns how many matched."""
        ...

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        """``public``: move the company's own tasks among ``ids`` to the public company,
        remembering it in ``company_origin``; else move back the public ones it made public.
        ``last_change``/``last_changed_by`` are stamped; returns how many moved."""
        ...

    async def record_metrics(self, company: str, task_id: str, last_metrics: dict[str, dict[str, Document]],
                             last_iteration: int | None, when: datetime) -> bool:
        """Fold metric statistics into the caller's own task: each
        ``last_metrics.<metric>.<variant>`` set, ``last_iteration`` only raised, ``last_update``
        = ``when``; ``False`` if there was no such task. Idempotent. Without statistics it
        just raises the iteration (``models.edit`` does so for a model's task)."""
        ...

    async def input_users(self, model_ids: Sequence[str]) -> list[Document]:
        """The tasks of every company that have one of ``model_ids`` as input model, with
        ``models.input`` (deleting a task keeps its draft outputs some task uses, whoever
        owns that task, as clearml-server does)."""
        ...

    async def silent(self, status: str, before: datetime, limit: int) -> list[Document]:
        """The tasks of every company in ``status`` whose ``last_update`` is before ``before``,
        least recently updated first, at most ``limit``, with ``company`` and ``user`` (the
        watchdog's sweep)."""
        ...

    async def delete(self, company: str, task_id: str, facts: Sequence[Pending] = ()) -> bool:
        """Remove the caller's own task; ``False`` if there was none."""
        ...

    async def distinct(self, field: str, selection: Selection) -> list[Any]:
        """The distinct values (array elements one by one, no null) of ``field`` over the
        selected tasks."""
        ...

    async def count(self, selection: Selection) -> int:
        """How many tasks are selected."""
        ...

    async def group_stats(self, selection: Selection, since: datetime) -> list[Document]:
        """``projects.get_all_ex`` statistics of the selected tasks, one row per (``project``,
        ``archived``, ``status``): ``count``, ``runtime`` (whole seconds from ``started`` to a
        later ``completed``), ``recent`` (how many ``completed`` at or after ``since``),
        ``last_run`` (latest ``started``)."""
        ...


class ProjectRepository(Protocol):
    """Projects (``projects.*`` endpoints, and project checks of ``tasks.*``). Contract:

    - ``add`` stores a new project; a full ``name`` already used in the same company raises
      ``DuplicateName`` (names are unique per company).
    - ``get`` returns the project if it belongs to ``company`` or is public, else ``None``.
    - ``get_by_name`` returns the projects with exactly this full name in ``company`` and the
      public ones.
    - ``find`` runs a company-scoped ``FindQuery``.
    - ``descendant_ids`` returns the ids of every readable project below the given ones.
    - ``touch`` sets ``last_update`` of the caller's own projects.
    - ``select`` returns the projects of a ``Selection`` with ``fields`` (``only_fields``
      names; ``None``: all) in ``order_by`` order (ClearML's ``order_by``; default: creation).
    """

    async def add(self, project: Document) -> None: ...

    async def get(self, company: str, project_id: str) -> Document | None: ...

    async def get_by_name(self, company: str, name: str) -> list[Document]: ...

    async def find(self, query: FindQuery) -> list[Document]: ...

    async def descendant_ids(self, company: str, project_ids: Sequence[str]) -> list[str]: ...

    async def with_ancestors(self, project_ids: Sequence[str]) -> list[str]:
        """The ids among ``project_ids`` that exist and every ancestor's, sorted, whatever
        company holds them (the caller scopes what it then reads)."""
        ...

    async def touch(self, company: str, project_ids: Sequence[str], when: datetime) -> None: ...

    async def update(self, company: str, project_id: str, changes: Document) -> bool:
        """``$set`` on the caller's own project; a full name already used -> ``DuplicateName``."""
        ...

    async def delete(self, company: str, project_ids: Sequence[str]) -> int:
        """Remove the caller's own projects among ``project_ids``; returns how many."""
        ...

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]: ...

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        """As ``TaskRepository.set_public``; a full name already used where the projects go
        -> ``DuplicateName`` (the unique index guards against races: the use case checks the
        names first)."""
        ...


def _index(*keys: str, unique: bool = False) -> IndexModel:
    spec = [(key.lstrip("-"), DESCENDING if key.startswith("-") else ASCENDING) for key in keys]
    name = "_".join(k.lstrip("-") for k in keys)
    return IndexModel(spec, name=name, unique=unique)


# Every get_all filter and sort Cairn issues is served by one of these (company first: every
# query is scoped by it).
TASK_INDEXES = [
    _index("company", "created", "_id"),
    _index("company", "name"),
    _index("company", "project", "created"),
    _index("company", "status"),
    _index("company", "type"),
    _index("company", "user"),
    _index("company", "parent"),
    _index("company", "tags"),
    _index("company", "system_tags"),
    _index("company", "last_update"),
    _index("company", "status_changed"),
    _index("status", "last_update"),  # the watchdog's sweep, across companies
    # The list page's common pairs (SecantusDB uses an index only for all of a $match's
    # fields: services.tasks.store.planning).
    _index("company", "status", "tags"),
    _index("company", "project", "status"),
]
PROJECT_INDEXES = [
    _index("company", "name", unique=True),
    _index("company", "created", "_id"),
    _index("company", "basename"),
    _index("company", "parent"),
    _index("company", "user"),  # get_all_ex ``filters``
    _index("company", "path"),
    _index("company", "tags"),
    _index("company", "system_tags"),
    _index("company", "last_update"),
]


def selected(selection: Selection, fields: Sequence[str] | None, order_by: Sequence[str] | None,
             limit: int) -> FindQuery:
    """The ``FindQuery`` of a repository's ``select``."""
    return FindQuery(filter=condition(selection), sort=sort_spec(order_by), projection=projection_spec(fields),
                     limit=limit)


async def _select(collection: AsyncCollection, indexes: list[list[str]], selection: Selection,
                  fields: Sequence[str] | None, order_by: Sequence[str] | None, limit: int) -> list[Document]:
    """A repository's ``select``. A selection of ids alone is looked up by ``_id`` alone, the
    company checked here (see ``readable``: a company condition beside ``_id`` costs SecantusDB
    the ``_id`` index, and such lookups are on the events' hot path)."""
    query = selected(selection, fields, order_by, limit)
    if selection.ids is None or replace(selection, ids=None) != Selection(selection.company, selection.public):
        return await _find(collection, query, indexes)
    projection, drop = _keeping_company(query.projection)
    cursor = collection.find({"_id": {"$in": list(selection.ids)}}, projection)
    docs = await cursor.sort(query.sort).limit(limit).to_list()
    companies = (selection.company, "") if selection.public else (selection.company,)
    found = [doc for doc in docs if doc.get("company") in companies]
    for doc in found if drop else ():
        doc.pop("company", None)
    return found


def _keeping_company(projection: dict[str, int] | None) -> tuple[dict[str, int] | None, bool]:
    """``projection`` widened to read ``company``, and whether ``company`` goes away after."""
    if not projection:
        return None, False
    if any(projection.values()):
        return {**projection, "company": 1}, "company" not in projection
    return {k: v for k, v in projection.items() if k != "company"} or None, "company" in projection


def readable(doc: Document | None, company: str) -> Document | None:
    """The document if the company may read it (its own or public). Lookups go by ``_id``
    alone and check the company here: with a company condition beside ``_id`` SecantusDB
    no longer answers from the ``_id`` index (measured 3x slower at 2k documents)."""
    if doc is not None and doc.get("company") in (company, ""):
        return doc
    return None


async def _find(collection: AsyncCollection, query: FindQuery, indexes: list[list[str]]) -> list[Document]:
    """Run a ``FindQuery``; with ``empty_last`` as two pages, as clearml-server does: the
    entities with a value at that path, then (when the page is not full) the empty ones,
    each sorted and paged on its own (a skip past the first part needs its count)."""
    if query.empty_last is None:
        return await _find_page(collection, query, indexes)
    skip, limit, found = query.skip, query.limit, []
    parts = empty_value_conditions(query.empty_last)
    for index, part in enumerate(parts):
        filter_ = all_of(query.filter, part)
        page = await _find_page(collection, replace(query, filter=filter_, skip=skip, limit=limit), indexes)
        found += page
        if page:
            skip, limit = 0, limit - len(page)
        elif index == 0:
            skip -= min(skip, await collection.count_documents(await _narrow_scope(collection, filter_)))
        if limit <= 0:
            break
    return found


async def _find_page(collection: AsyncCollection, query: FindQuery, indexes: list[list[str]]) -> list[Document]:
    """Run a ``FindQuery``: a plain ``find`` when one index serves the whole filter, else an
    aggregation whose first ``$match`` an index serves (``planning``: SecantusDB scans the
    collection otherwise); hyper-parameter values sorted numerically (``query.numeric``)."""
    filter_ = await _narrow_scope(collection, query.filter)
    plan = split(filter_, indexes)
    if not plan.rest and not query.numeric:
        cursor = collection.find(filter_, query.projection)
        cursor = cursor.sort(query.sort).skip(query.skip).limit(query.limit)
        return await cursor.to_list()
    pipeline = [{"$match": part} for part in (plan.lead, plan.rest) if part] or [{"$match": {}}]
    pipeline += _sorted_page(query)
    return await (await collection.aggregate(pipeline)).to_list()


async def _narrow_scope(collection: AsyncCollection, filter_: Document) -> Document:
    """The caller's company alone instead of ``{$in: [company, ""]}`` while the collection
    holds no public object (one indexed lookup): no index serves that ``$in`` beside another
    field on SecantusDB."""
    company = public_scope_company(filter_)
    if company is None or await collection.find_one({"company": ""}, {"_id": 1}) is not None:
        return filter_
    return narrow_company(filter_, company)


def stats_stages(since: datetime) -> list[Document]:
    """The ``$project``/``$group`` stages of ``group_stats`` (see ``TaskRepository``)."""
    started, completed = "$started", "$completed"
    ran = {"$and": [started, completed, {"$gt": [completed, started]}]}
    elapsed = {"$trunc": {"$divide": [{"$subtract": [completed, started]}, 1000]}}
    runtime = {"$cond": [ran, elapsed, 0]}
    fields = {"project": 1, "status": 1, "started": 1, "runtime": runtime,
              "archived": {"$in": ["archived", {"$ifNull": ["$system_tags", []]}]},
              "recent": {"$cond": [{"$gte": [completed, since]}, 1, 0]}}
    group = {"_id": {"project": "$project", "archived": "$archived", "status": "$status"}, "count": {"$sum": 1},
             "runtime": {"$sum": "$runtime"}, "recent": {"$sum": "$recent"}, "last_run": {"$max": started}}
    return [{"$project": fields}, {"$group": group}]


def _sorted_page(query: FindQuery) -> list[Document]:
    """``$sort``/``$skip``/``$limit``/``$project`` stages; hyper-parameter values in
    ``query.numeric`` sort by computed keys (``filters.numeric_sort_keys``), projected away."""
    added: Document = {}
    sort: Document = {}
    for index, (path, direction) in enumerate(query.sort):
        if path in query.numeric:
            fields, keys = numeric_sort_keys(path, index)
            added.update(fields)
            sort.update(dict.fromkeys(keys, direction))
        sort[path] = direction
    projection = dict(query.projection or {})
    if added and not any(projection.values()):
        projection.update(dict.fromkeys(added, 0))
    stages = [{"$addFields": added}] if added else []
    stages += [{"$sort": sort}, {"$skip": query.skip}, {"$limit": query.limit}]
    return stages + ([{"$project": projection}] if projection else [])


class MongoTaskRepository:
    """``TaskRepository`` over the ``task`` collection."""

    def __init__(self, db: AsyncDatabase, outbox: MongoOutbox | None = None) -> None:
        self._tasks = db["task"]
        self._by_id = CoalescedReads(self._tasks)
        self._index_keys = index_keys(TASK_INDEXES)
        self._outbox = outbox or MongoOutbox(db)

    async def ensure_indexes(self) -> None:
        await self._tasks.create_indexes(TASK_INDEXES)

    async def add(self, task: Document) -> None:
        await self._tasks.insert_one(dict(task))

    async def get(self, company: str, task_id: str) -> Document | None:
        return readable(await self._by_id.get(task_id), company)

    async def find(self, query: FindQuery) -> list[Document]:
        return await _find(self._tasks, query, self._index_keys)

    async def update(
        self, company: str, task_id: str, changes: Document, expected_status: str | None = None, *,
        unset: Sequence[str] = (), add_tags: Tags | None = None, remove_tags: Tags | None = None,
        facts: Sequence[Pending] = (),
    ) -> Document | None:
        match: Document = {"_id": task_id, "company": company}
        if expected_status is not None:
            match["status"] = expected_status
        update = updates(changes, unset, add_tags, remove_tags)

        # update_one + read back rather than find_one_and_update: SecantusDB serves
        # findAndModify with a collection scan (measured: 190 ms at 20k tasks, 1.3 ms for
        # update_one). The update itself stays atomic and conditional.
        async def change(session: AsyncClientSession | None) -> Document | None:
            result = await self._tasks.update_one(match, update, session=session)
            if result.matched_count == 0:
                return None
            if session is None:  # read back with the other lookups of this moment (one query)
                return await self._by_id.get(task_id)
            return await self._tasks.find_one({"_id": task_id}, session=session)  # inside its transaction

        return await self._outbox.write_with(change, facts)

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await _select(self._tasks, self._index_keys, selection, fields, order_by, limit)

    async def update_many(self, selection: Selection, changes: Document, unset: Sequence[str] = (), *,
                          add_tags: Tags | None = None, remove_tags: Tags | None = None) -> int:
        update = updates(changes, unset, add_tags, remove_tags)
        if selection.ids is not None and len(selection.ids) == 1:
            # One document (the watchdog stops tasks one by one): SecantusDB's update_one is
            # faster, with the id as an equality.
            match = {**condition(selection), "_id": selection.ids[0]}
            return (await self._tasks.update_one(match, update)).matched_count
        return (await self._tasks.update_many(condition(selection), update)).matched_count

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        update = visibility_update(company, public, user, when)
        return (await self._tasks.update_many(visibility_condition(company, ids, public), update)).matched_count

    async def record_metrics(self, company: str, task_id: str, last_metrics: dict[str, dict[str, Document]],
                             last_iteration: int | None, when: datetime) -> bool:
        # No read-back: this is on the events' hot path (one fold per task per ingest group).
        update = metrics_update(last_metrics, last_iteration, when)
        return (await self._tasks.update_one({"_id": task_id, "company": company}, update)).matched_count == 1

    async def input_users(self, model_ids: Sequence[str]) -> list[Document]:
        condition = {"models.input.model": {"$in": list(model_ids)}}
        return await self._tasks.find(condition, {"models.input": 1}).to_list()

    async def silent(self, status: str, before: datetime, limit: int) -> list[Document]:
        query = FindQuery(filter=silent_condition(status, before), sort=[("last_update", 1)],
                          projection={"_id": 1, "company": 1, "user": 1}, limit=limit)
        return await _find(self._tasks, query, self._index_keys)

    async def delete(self, company: str, task_id: str, facts: Sequence[Pending] = ()) -> bool:
        async def change(session: AsyncClientSession | None) -> bool:
            result = await self._tasks.delete_one({"_id": task_id, "company": company}, session=session)
            return result.deleted_count == 1

        return await self._outbox.write_with(change, facts)

    async def distinct(self, field: str, selection: Selection) -> list[Any]:
        return [value for value in await self._tasks.distinct(field, condition(selection)) if value is not None]

    async def count(self, selection: Selection) -> int:
        return await self._tasks.count_documents(condition(selection))

    async def group_stats(self, selection: Selection, since: datetime) -> list[Document]:
        plan = split(await _narrow_scope(self._tasks, condition(selection)), self._index_keys)
        pipeline = [{"$match": part} for part in (plan.lead, plan.rest) if part] or [{"$match": {}}]
        pipeline += stats_stages(since)
        rows = await (await self._tasks.aggregate(pipeline)).to_list()
        return [{**row.pop("_id"), **row} for row in rows]


# Every models.get_all filter and sort Cairn issues.
MODEL_INDEXES = [
    _index("company", "created", "_id"),
    _index("company", "name"),
    _index("company", "project", "created"),
    _index("company", "task"),
    _index("company", "framework"),
    _index("company", "tags"),
    _index("company", "system_tags"),
    _index("company", "user"),
    _index("company", "last_update"),
]

# Models are stored and changed like tasks (``ready`` instead of a status): same contract.
ModelRepository = TaskRepository


class MongoModelRepository(MongoTaskRepository):
    """``ModelRepository`` over the ``model`` collection (``expected_status`` is unused)."""

    def __init__(self, db: AsyncDatabase, outbox: MongoOutbox | None = None) -> None:
        self._tasks = db["model"]
        self._by_id = CoalescedReads(self._tasks)
        self._index_keys = index_keys(MODEL_INDEXES)
        self._outbox = outbox or MongoOutbox(db)

    async def ensure_indexes(self) -> None:
        await self._tasks.create_indexes(MODEL_INDEXES)


class MongoProjectRepository:
    """``ProjectRepository`` over the ``project`` collection."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._projects = db["project"]
        self._by_id = CoalescedReads(self._projects)

    async def ensure_indexes(self) -> None:
        await self._projects.create_indexes(PROJECT_INDEXES)

    async def add(self, project: Document) -> None:
        try:
            await self._projects.insert_one(dict(project))
        except DuplicateKeyError:
            raise DuplicateName(project.get("name")) from None

    async def get(self, company: str, project_id: str) -> Document | None:
        return readable(await self._by_id.get(project_id), company)

    async def get_by_name(self, company: str, name: str) -> list[Document]:
        return await self._projects.find({"name": name, **company_scope(company)}).to_list()

    async def find(self, query: FindQuery) -> list[Document]:
        return await _find(self._projects, query, index_keys(PROJECT_INDEXES))

    async def descendant_ids(self, company: str, project_ids: Sequence[str]) -> list[str]:
        condition = {"path": {"$in": list(project_ids)}, **company_scope(company)}
        return [doc["_id"] for doc in await self._projects.find(condition, {"_id": 1}).to_list()]

    async def with_ancestors(self, project_ids: Sequence[str]) -> list[str]:
        docs = await self._projects.find({"_id": {"$in": list(project_ids)}}, {"path": 1}).to_list()
        return sorted({*(d["_id"] for d in docs), *(p for d in docs for p in d.get("path") or ())})

    async def update(self, company: str, project_id: str, changes: Document) -> bool:
        try:
            result = await self._projects.update_one({"_id": project_id, "company": company}, {"$set": changes})
        except DuplicateKeyError:
            raise DuplicateName(changes.get("name")) from None
        return result.matched_count == 1

    async def delete(self, company: str, project_ids: Sequence[str]) -> int:
        result = await self._projects.delete_many({"_id": {"$in": list(project_ids)}, "company": company})
        return result.deleted_count

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await _select(self._projects, index_keys(PROJECT_INDEXES), selection, fields, order_by, limit)

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        update = visibility_update(company, public, user, when)
        try:
            return (await self._projects.update_many(visibility_condition(company, ids, public), update)).matched_count
        except DuplicateKeyError:
            raise DuplicateName(None) from None

    async def touch(self, company: str, project_ids: Sequence[str], when: datetime) -> None:
        if project_ids:
            await self._projects.update_many(
                {"_id": {"$in": list(project_ids)}, "company": company}, {"$set": {"last_update": when}}
            )
