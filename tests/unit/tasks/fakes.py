"""In-memory fakes of the tasks process's ports, with the same contract as the MongoDB
adapters (``services.tasks.store.repository``); ``repository_suite`` runs against both.

``matches`` understands the part of MongoDB's query language that ``services.tasks.store.queries``
and ``services.tasks.store.criteria`` emit: equality (array-aware), ``$in $nin $all $ne $eq
$exists $regex $not $gt $gte $lt $lte``, ``$and``/``$or``, dotted paths; a ``Selection`` is matched
through the store's own translation (``criteria.condition``), which the contract suite checks
against the real store. The domain verbs (``update``, ``update_many``, ``set_public``,
``record_metrics``) change documents directly: no MongoDB update document is interpreted.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from services.tasks.store.criteria import PUBLIC, Selection, Tags, condition
from services.tasks.store.queries import EMPTY_VALUES, UNPAGED_LIMIT, FindQuery
from services.tasks.store.repository import Document, DuplicateName, selected
from shared.messaging.outbox import InMemoryOutbox, OutboxPublisher, Pending, utc_now

_MISSING = object()
LEASE_S = 30.0  # the outbox lease of the fakes, as in production


def _get(doc: Any, path: str) -> Any:
    value = doc
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list):
            found = [item[part] for item in value if isinstance(item, dict) and part in item]
            if not found:
                return _MISSING
            value = found
        else:
            return _MISSING
    return value


def _equals(value: Any, expected: Any) -> bool:
    if expected is None and (value is _MISSING or value is None):
        return True
    if value is _MISSING:
        return False
    if isinstance(value, list) and not isinstance(expected, list):
        return expected in value
    return value == expected


def _regex(value: Any, pattern: str, options: str) -> bool:
    flags = re.IGNORECASE if "i" in options else 0
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and re.search(pattern, v, flags) for v in values)


def _compare(value: Any, op: str, bound: Any) -> bool:
    if value is _MISSING or value is None:
        return False
    try:
        return {"$gt": value > bound, "$gte": value >= bound, "$lt": value < bound, "$lte": value <= bound}[op]
    except TypeError:
        return False


def _operator(value: Any, op: str, arg: Any, cond: dict[str, Any]) -> bool:
    if op == "$eq":
        return _equals(value, arg)
    if op == "$ne":
        return not _equals(value, arg)
    if op == "$in":
        return any(_equals(value, item) for item in arg)
    if op == "$nin":
        return not any(_equals(value, item) for item in arg)
    if op == "$all":
        return isinstance(value, list) and all(item in value for item in arg)
    if op == "$exists":
        return (value is not _MISSING) == bool(arg)
    if op == "$regex":
        return _regex(value, arg, cond.get("$options", ""))
    if op == "$options":
        return True
    if op == "$not":
        return not _field_matches(value, arg)
    if op in ("$gt", "$gte", "$lt", "$lte"):
        return _compare(value, op, arg)
    raise NotImplementedError(f"fake query operator {op}")


def _field_matches(value: Any, cond: Any) -> bool:
    if isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond):
        return all(_operator(value, op, arg, cond) for op, arg in cond.items())
    return _equals(value, cond)


def matches(doc: Document, query: dict[str, Any]) -> bool:
    """Whether ``doc`` satisfies the MongoDB ``query`` (the subset Cairn's queries use)."""
    for key, cond in query.items():
        if key == "$and":
            ok = all(matches(doc, sub) for sub in cond)
        elif key == "$or":
            ok = any(matches(doc, sub) for sub in cond)
        else:
            ok = _field_matches(_get(doc, key), cond)
        if not ok:
            return False
    return True


def _rank(value: Any) -> tuple[int, Any]:
    """MongoDB's cross-type sort order, reduced to the types tasks store."""
    if value is _MISSING or value is None:
        return (0, 0)
    if isinstance(value, bool):
        return (5, value)
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    if isinstance(value, datetime):
        return (6, value)
    return (3, str(value))


def _numeric_rank(value: Any) -> tuple[int, Any]:
    """The order ``filters.numeric_sort_keys`` computes: null, numbers, then other values."""
    if value is _MISSING or value is None:
        return (0, 0)
    try:
        return (1, float(value))
    except (TypeError, ValueError):
        return (2, _rank(value))


def _sorted(docs: list[Document], sort: Sequence[tuple[str, int]], numeric=frozenset()) -> list[Document]:
    def compare(a: Document, b: Document) -> int:
        for path, direction in sort:
            rank = _numeric_rank if path in numeric else _rank
            ka, kb = rank(_get(a, path)), rank(_get(b, path))
            if ka != kb:
                return (-1 if ka < kb else 1) * direction
        return 0

    return sorted(docs, key=functools.cmp_to_key(compare))


def _project(doc: Document, projection: dict[str, int] | None) -> Document:
    if not projection:
        return copy.deepcopy(doc)
    if all(v == 0 for v in projection.values()):
        out = copy.deepcopy(doc)
        for path in projection:
            _unset(out, path)
        return out
    out: Document = {"_id": doc["_id"]}
    for path in projection:
        picked = _pick(doc, path.split("."))
        if picked is not _MISSING:
            out = _merge(out, picked)
    return out


def _pick(value: Any, parts: list[str]) -> Any:
    """What MongoDB's inclusion of ``parts`` keeps of ``value`` (through arrays of documents)."""
    if not parts:
        return copy.deepcopy(value)
    if isinstance(value, list):
        return [p for p in (_pick(item, parts) for item in value if isinstance(item, dict)) if p is not _MISSING]
    if isinstance(value, dict) and parts[0] in value:
        inner = _pick(value[parts[0]], parts[1:])
        return _MISSING if inner is _MISSING else {parts[0]: inner}
    return _MISSING


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        return {**a, **{k: _merge(a[k], v) if k in a else v for k, v in b.items()}}
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [_merge(x, y) for x, y in zip(a, b)]
    return b


def _set(doc: Document, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        doc = doc.setdefault(part, {})
    doc[last] = value


def _unset(doc: Document, path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        doc = doc.get(part) if isinstance(doc, dict) else None
        if doc is None:
            return
    if isinstance(doc, dict):
        doc.pop(last, None)


def _find(docs: list[Document], query: FindQuery) -> list[Document]:
    found = _sorted([d for d in docs if matches(d, query.filter)], query.sort, query.numeric)
    if query.empty_last is not None:  # a stable partition: the empty values after the others
        found.sort(key=lambda d: _get(d, query.empty_last) in (_MISSING, *EMPTY_VALUES))
    return [_project(d, query.projection) for d in found[query.skip : query.skip + query.limit]]


def _readable(doc: Document, company: str) -> bool:
    return doc.get("company") in (company, "")


def _change(doc: Document, changes: Document, unset: Sequence[str] = (), add_tags: Tags | None = None,
            remove_tags: Tags | None = None) -> None:
    for path, value in changes.items():
        _set(doc, path, copy.deepcopy(value))
    for path in unset:
        _unset(doc, path)
    for path, values in (add_tags or {}).items():
        held = _get(doc, path)
        held = list(held) if isinstance(held, list) else []
        _set(doc, path, held + [v for v in dict.fromkeys(values) if v not in held])
    for path, values in (remove_tags or {}).items():
        held = _get(doc, path)
        if isinstance(held, list):
            _set(doc, path, [v for v in held if v not in values])


def _before(value: Any, bound: datetime) -> bool:
    return isinstance(value, datetime) and value < bound


def _movable(doc: Document, company: str, ids: Sequence[str], public: bool) -> bool:
    """Whether ``set_public`` moves ``doc``: the company's own (to make public) or a public
    one it made public (to make private)."""
    if doc["_id"] not in ids:
        return False
    if public:
        return doc.get("company") == company
    return doc.get("company") == PUBLIC and doc.get("company_origin") == company


def _moved(doc: Document, company: str, public: bool, user: str, when: datetime) -> Document:
    moved = copy.deepcopy(doc)
    moved.update(last_change=when, last_changed_by=user, company=PUBLIC if public else company)
    if public:
        moved["company_origin"] = company
    else:
        moved.pop("company_origin", None)
    return moved


class InMemoryTaskRepository:
    """``TaskRepository`` in a dict; the facts of a change go to ``outbox`` (the transaction)."""

    def __init__(self, outbox: InMemoryOutbox | None = None) -> None:
        self.docs: dict[str, Document] = {}
        self.outbox = outbox or InMemoryOutbox()

    def _record(self, facts: Sequence[Pending]) -> None:
        self.outbox.add(facts, utc_now() + timedelta(seconds=LEASE_S))

    async def add(self, task: Document) -> None:
        if task["_id"] in self.docs:
            raise ValueError(f"duplicate task id {task['_id']}")
        self.docs[task["_id"]] = copy.deepcopy(task)

    async def get(self, company: str, task_id: str) -> Document | None:
        doc = self.docs.get(task_id)
        return copy.deepcopy(doc) if doc and _readable(doc, company) else None

    async def find(self, query: FindQuery) -> list[Document]:
        return _find(list(self.docs.values()), query)

    async def update(
        self, company: str, task_id: str, changes: Document, expected_status: str | None = None, *,
        unset: Sequence[str] = (), add_tags: Tags | None = None, remove_tags: Tags | None = None,
        facts: Sequence[Pending] = (),
    ) -> Document | None:
        doc = self.docs.get(task_id)
        if doc is None or doc.get("company") != company:
            return None
        if expected_status is not None and doc.get("status") != expected_status:
            return None
        _change(doc, changes, unset, add_tags, remove_tags)
        self._record(facts)
        return copy.deepcopy(doc)

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await self.find(selected(selection, fields, order_by, limit))

    async def update_many(self, selection: Selection, changes: Document, unset: Sequence[str] = (), *,
                          add_tags: Tags | None = None, remove_tags: Tags | None = None) -> int:
        found = [doc for doc in self.docs.values() if matches(doc, condition(selection))]
        for doc in found:
            _change(doc, changes, unset, add_tags, remove_tags)
        return len(found)

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        found = [doc for doc in self.docs.values() if _movable(doc, company, ids, public)]
        for doc in found:
            self.docs[doc["_id"]] = _moved(doc, company, public, user, when)
        return len(found)

    async def record_metrics(self, company: str, task_id: str, last_metrics: dict[str, dict[str, Document]],
                             last_iteration: int | None, when: datetime) -> bool:
        doc = self.docs.get(task_id)
        if doc is None or doc.get("company") != company:
            return False
        doc["last_update"] = when
        for metric, variants in last_metrics.items():
            for variant, value in variants.items():
                doc.setdefault("last_metrics", {}).setdefault(metric, {})[variant] = copy.deepcopy(dict(value))
        if last_iteration is not None and (doc.get("last_iteration") is None or last_iteration > doc["last_iteration"]):
            doc["last_iteration"] = last_iteration
        return True

    async def input_users(self, model_ids: Sequence[str]) -> list[Document]:
        return [{"_id": d["_id"], "models": {"input": copy.deepcopy(d["models"]["input"])}} for d in self.docs.values()
                if any(m.get("model") in model_ids for m in ((d.get("models") or {}).get("input") or ()))]

    async def silent(self, status: str, before: datetime, limit: int) -> list[Document]:
        found = [d for d in self.docs.values() if d.get("status") == status and _before(d.get("last_update"), before)]
        found.sort(key=lambda d: d["last_update"])
        return [{key: d.get(key) for key in ("_id", "company", "user")} for d in found[:limit]]

    async def delete(self, company: str, task_id: str, facts: Sequence[Pending] = ()) -> bool:
        doc = self.docs.get(task_id)
        if doc is None or doc.get("company") != company:
            return False
        del self.docs[task_id]
        self._record(facts)
        return True

    async def count(self, selection: Selection) -> int:
        return sum(1 for doc in self.docs.values() if matches(doc, condition(selection)))

    async def group_stats(self, selection: Selection, since: datetime) -> list[dict[str, Any]]:
        from services.tasks.projects.views import stats_rows

        return stats_rows([doc for doc in self.docs.values() if matches(doc, condition(selection))], since)

    async def distinct(self, field: str, selection: Selection) -> list[Any]:
        values: list[Any] = []
        for doc in self.docs.values():
            value = _get(doc, field)
            if not matches(doc, condition(selection)) or value is _MISSING:
                continue
            for item in value if isinstance(value, list) else [value]:  # arrays count per element
                if item is not None and item not in values:
                    values.append(item)
        return values


class StatusChangesBeforeWrite(InMemoryTaskRepository):
    """Another request stops the task between the use case's read and its write."""

    async def update(self, company, task_id, changes, expected_status=None, **edits):
        self.docs[task_id]["status"] = "stopped"
        return await super().update(company, task_id, changes, expected_status, **edits)


class InMemoryProjectRepository:
    """``ProjectRepository`` in a dict; names unique per company, like the unique index."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def add(self, project: Document) -> None:
        if any(d["company"] == project["company"] and d["name"] == project["name"] for d in self.docs.values()):
            raise DuplicateName(project["name"])
        self.docs[project["_id"]] = copy.deepcopy(project)

    async def get(self, company: str, project_id: str) -> Document | None:
        doc = self.docs.get(project_id)
        return copy.deepcopy(doc) if doc and _readable(doc, company) else None

    async def get_by_name(self, company: str, name: str) -> list[Document]:
        return [copy.deepcopy(d) for d in self.docs.values() if d["name"] == name and _readable(d, company)]

    async def find(self, query: FindQuery) -> list[Document]:
        return _find(list(self.docs.values()), query)

    async def descendant_ids(self, company: str, project_ids: Sequence[str]) -> list[str]:
        wanted = set(project_ids)
        return [
            d["_id"] for d in self.docs.values() if _readable(d, company) and wanted.intersection(d.get("path") or ())
        ]

    async def with_ancestors(self, project_ids: Sequence[str]) -> list[str]:
        docs = [self.docs[p] for p in project_ids if p in self.docs]
        return sorted({*(d["_id"] for d in docs), *(p for d in docs for p in d.get("path") or ())})

    async def update(self, company: str, project_id: str, changes: Document) -> bool:
        doc = self.docs.get(project_id)
        if doc is None or doc.get("company") != company:
            return False
        name = changes.get("name")
        if name and any(d["company"] == company and d["name"] == name and d["_id"] != project_id
                        for d in self.docs.values()):
            raise DuplicateName(name)
        _change(doc, changes)
        return True

    async def delete(self, company: str, project_ids: Sequence[str]) -> int:
        gone = [p for p in project_ids if p in self.docs and self.docs[p].get("company") == company]
        for project_id in gone:
            del self.docs[project_id]
        return len(gone)

    async def select(self, selection: Selection, fields: Sequence[str] | None = None,
                     order_by: Sequence[str] | None = None, limit: int = UNPAGED_LIMIT) -> list[Document]:
        return await self.find(selected(selection, fields, order_by, limit))

    async def set_public(self, company: str, ids: Sequence[str], public: bool, user: str, when: datetime) -> int:
        changed = [_moved(d, company, public, user, when) for d in self.docs.values()
                   if _movable(d, company, ids, public)]
        names = {(d["company"], d["name"]) for d in self.docs.values() if d["_id"] not in {c["_id"] for c in changed}}
        keys = [(d["company"], d["name"]) for d in changed]
        if len(set(keys)) < len(keys) or names.intersection(keys):
            raise DuplicateName(None)
        for doc in changed:
            self.docs[doc["_id"]] = doc
        return len(changed)

    async def touch(self, company: str, project_ids: Sequence[str], when: datetime) -> None:
        for project_id in project_ids:
            doc = self.docs.get(project_id)
            if doc and doc.get("company") == company:
                doc["last_update"] = when


class InMemoryScrollRepository:
    """``ScrollRepository`` in a dict."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}

    async def get(self, scroll_id: str) -> Document | None:
        doc = self.docs.get(scroll_id)
        return copy.deepcopy(doc) if doc else None

    async def save(self, state: Document) -> None:
        self.docs[state["_id"]] = copy.deepcopy(state)


class RecordingFacts(OutboxPublisher):
    """The production ``FactPublisher`` over an in-memory outbox, keeping what it sent in
    ``published`` (it is its own ``FactSender``)."""

    def __init__(self, outbox: InMemoryOutbox | None = None) -> None:
        self.outbox = outbox or InMemoryOutbox()
        self.published: list[dict[str, Any]] = []
        self.fail: BaseException | None = None  # raised by every send (a broker away, a kill)
        super().__init__(self.outbox, self, LEASE_S)

    async def send(self, key: str, fact: dict[str, Any]) -> None:
        assert key == fact["id"]
        if self.fail is not None:
            raise self.fail
        self.published.append(copy.deepcopy(fact))

    async def drain_later(self) -> int:
        """The drainer of a process started again once the writer's lease is over."""
        later = utc_now() + timedelta(seconds=LEASE_S)
        return await OutboxPublisher(self.outbox, self, LEASE_S, clock=lambda: later).drain()


class InMemoryQueues:
    """``QueuePort`` in memory: queues by id (names map to ids, created on first use; the
    default queue is ``default``), each an ordered list of task ids. ``fail_next`` makes the
    next ``enqueue`` raise that error (to test the roll-back)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[str]] = {"default": []}
        self.names: dict[str, str] = {"default": "default"}
        self.fail_next: Exception | None = None
        self.name_calls: list[list[str]] = []

    async def enqueue(self, identity, task: str, queue: str | None, queue_name: str | None,
                      task_user: str | None, task_name: str | None = None) -> str:
        from shared.errors import ApiError

        if self.fail_next is not None:
            error, self.fail_next = self.fail_next, None
            raise error
        if queue:
            if queue not in self.entries:
                raise ApiError.named("invalid_queue_id", id=queue)
            target = queue
        elif queue_name:
            target = self.names.setdefault(queue_name, f"q-{queue_name}")
            self.entries.setdefault(target, [])
        else:
            target = "default"
        if task in self.entries[target]:
            raise ApiError.named("task_already_queued", task=task, queue=target)
        await self.dequeue(identity, task)
        self.entries[target].append(task)
        return target

    async def queue_names(self, identity, ids: list[str]) -> dict[str, str]:
        self.name_calls.append(list(ids))
        by_id = {qid: name for name, qid in self.names.items()}
        return {qid: by_id[qid] for qid in ids if qid in by_id}

    async def dequeue(self, identity, task: str) -> int:
        removed = [qid for qid, tasks in self.entries.items() if task in tasks]
        for qid in removed:
            self.entries[qid].remove(task)
        return len(removed)
