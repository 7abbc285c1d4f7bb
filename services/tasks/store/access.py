"""The storage side of the permissions room (``services.tasks.permissions``): the MongoDB
condition of what a restricted caller may read, and the per-company project tree version.

``ReadableFilter`` says in the domain's words what one caller may read of one entity type
(the room computes it from the access rules); ``readable_condition`` writes it as a query
condition, which ``criteria.condition`` adds to a ``Selection`` carrying it and
``restricted`` to a ``FindQuery``, so lists, counts and statistics are filtered by the
database (paging stays right).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from services.tasks.store.queries import FindQuery
from shared.mongo import all_of

Document = dict[str, Any]
# Past this length an exclusion stays ``$nin``: MongoDB refuses longer regular expressions
# (its limit is 32,764 characters), and a pattern that long would name ~500 ids anyway.
MAX_PATTERN = 16_000


@dataclass(frozen=True)
class ReadableFilter:
    """The entities of one type a caller may read:

    - ``in_project``: where the entity's project is (``project`` of a task or model); for
      projects ``False``: the project itself is its first project (``_id``);
    - ``category``: the type's category grants read, so everything outside
      ``closed_projects`` is readable; else only what is in ``open_projects``;
    - ``shown``/``hidden``: entities rules name directly, readable or not, whatever their
      project.
    """

    in_project: bool
    category: bool
    open_projects: tuple[str, ...] = ()
    closed_projects: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()


def none_of(values: Sequence[str]) -> Document:
    """A field condition: the value is none of ``values`` (a missing value included), as ONE
    anchored regular expression of the escaped values instead of ``$nin``.

    SecantusDB evaluates ``$nin`` in Python with a type-aware equality per value, per
    document: closing 20 projects cost a 10,000-task list page ~600 ms more than no rule
    (``tests/benchmarks/bench_permissions.py``); the compiled, cached regex costs one C match
    per document (measured on the same data: within the run's noise of no condition). No
    index serves either form, so nothing is lost on any MongoDB server. Past ``MAX_PATTERN``
    characters it stays ``$nin``."""
    pattern = "^(?:" + "|".join(re.escape(v) for v in values) + ")$"
    if len(pattern) > MAX_PATTERN:
        return {"$nin": list(values)}
    return {"$not": {"$regex": pattern}}


def readable_condition(f: ReadableFilter) -> Document:
    """The MongoDB condition of ``f`` (``{}``: everything). Exclusions are ``none_of``;
    inclusions stay ``$in`` (an index can serve one)."""
    key = "project" if f.in_project else "_id"
    if f.category:
        base: Document = {key: none_of(f.closed_projects)} if f.closed_projects else {}
    else:
        base = {key: {"$in": list(f.open_projects)}}
    if f.hidden:
        hidden = {"_id": none_of(f.hidden)}
        base = all_of(base, hidden) if base else hidden
    if f.shown:
        # The project branch first: it decides most documents (SecantusDB evaluates the
        # branches in order, per document).
        return {"$or": [base, {"_id": {"$in": list(f.shown)}}]} if base else {}
    return base


def restricted(query: FindQuery, f: ReadableFilter | None) -> FindQuery:
    """``query`` limited to what ``f`` lets the caller read."""
    condition = readable_condition(f) if f is not None else {}
    return replace(query, filter=all_of(query.filter, condition)) if condition else query


class MongoTreeVersions:
    """The per-company project tree version (``resolver.TreeVersions``) in the
    ``project_tree`` collection: ``{_id: company, version}``."""

    def __init__(self, db: AsyncDatabase) -> None:
        self._versions = db["project_tree"]

    async def current(self, company: str) -> int:
        doc = await self._versions.find_one({"_id": company})
        return int(doc["version"]) if doc else 0

    async def bump(self, company: str) -> None:
        await self._versions.update_one({"_id": company}, {"$inc": {"version": 1}}, upsert=True)
