"""Pure query planning for the MongoDB-wire store: which part of a ``get_all`` filter an index
can serve.

Measured on SecantusDB 0.7 (10,000 tasks, ``tests/benchmarks/bench_tasks.py``): its planner
uses an index only when EVERY field of the filter is a key of that index, and never for
``company: {$in: [...]}`` beside another field; otherwise it scans the collection (~450 ms at
10k tasks, against ~140 ms for the same page led by an index). Real MongoDB picks an index
for any subset. So a filter is split:

- ``lead``: the largest set of top-level conditions whose fields are all keys of one index
  (with ``company`` equality, the first key of every Cairn index), run as the first
  ``$match`` of an aggregation (served by that index); ties go to the usually more selective
  field (``PREFERENCE``). Its cost grows with the documents it lets through (SecantusDB
  fetches each, ~60 us, and does not stop early on an index sort), hence the compound
  indexes for the list page's common pairs (``repository.TASK_INDEXES``);
- ``rest``: every other condition, a second ``$match`` over what the first one let through.

The answer is the same as one ``$match`` of the whole filter (both are conjunctions), so the
split is safe on any MongoDB server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Tie-break between indexes covering as many conditions: the usually more selective first.
PREFERENCE = ("_id", "parent", "project", "task", "name", "path", "basename", "tags", "user", "type", "framework",
              "status", "system_tags", "last_update", "status_changed", "created")


@dataclass(frozen=True)
class Plan:
    """``lead``: served by an index (empty: none fits); ``rest``: filtered after it."""

    lead: dict[str, Any]
    rest: dict[str, Any]


def _bound(condition: Any) -> tuple[str, Any] | None:
    """How an index can serve ``condition``: ``("eq", value)`` (equality, or a one-value
    ``$in``/``$all``), ``("multi", condition)`` (``$in`` of several values, a range), or
    ``None``: not at all (``$ne``/``$nin``/``$exists``/``$not``, and ``$regex``: measured,
    even an anchored one makes SecantusDB scan the collection)."""
    if not isinstance(condition, Mapping) or not condition or not all(str(k).startswith("$") for k in condition):
        return "eq", condition
    if set(condition) == {"$eq"}:
        return "eq", condition["$eq"]
    if set(condition) in ({"$in"}, {"$all"}) and len(list(condition.get("$in", condition.get("$all")))) == 1:
        return "eq", list(condition.get("$in", condition.get("$all")))[0]
    if set(condition) == {"$in"} or set(condition) <= {"$gt", "$gte", "$lt", "$lte"}:
        return "multi", condition
    return None


def _served(keys: Sequence[str], bounds: Mapping[str, tuple[str, Any]]) -> list[str]:
    """The prefix of ``keys`` SecantusDB serves: keys with a bound, equality ones, then at most
    one multi-valued bound as the last (measured: ``$in`` on an earlier key of a compound
    index makes it scan the collection)."""
    served: list[str] = []
    for key in keys:
        if key not in bounds:
            break
        served.append(key)
        if bounds[key][0] == "multi":
            break
    return served


def _score(fields: Sequence[str]) -> tuple[int, int]:
    best = min((PREFERENCE.index(f) for f in fields if f in PREFERENCE), default=len(PREFERENCE))
    return len(fields), -best


def split(filter_: Mapping[str, Any], indexes: Sequence[Sequence[str]]) -> Plan:
    """Split ``filter_`` into the part the best index serves and the rest (see module)."""
    bounds = {k: b for k, v in filter_.items() if not k.startswith("$") and (b := _bound(v)) is not None}
    if not isinstance(filter_.get("company"), str):
        bounds.pop("company", None)
    best: list[str] = []
    for keys in indexes:
        served = _served(keys, bounds)
        if served and _score(served) > _score(best):
            best = served
    lead = {k: bounds[k][1] for k in best}
    rest = {k: v for k, v in filter_.items() if k not in lead}
    return Plan(lead, rest)


def index_keys(indexes: Sequence[Any]) -> list[list[str]]:
    """The key names of ``pymongo.IndexModel`` objects, in order, and the ``_id`` index every
    collection has."""
    return [["_id"], *(list(index.document["key"]) for index in indexes)]


def narrow_company(filter_: Mapping[str, Any], company: str) -> dict[str, Any]:
    """``filter_`` with its ``company: {$in: [company, ""]}`` scope narrowed to
    ``company`` alone (for a collection that holds no public object)."""
    return {**filter_, "company": company}


def public_scope_company(filter_: Mapping[str, Any]) -> str | None:
    """The caller's company when ``filter_`` is scoped to it plus the public objects."""
    scope = filter_.get("company")
    if isinstance(scope, Mapping) and set(scope) == {"$in"}:
        values = list(scope["$in"])
        if len(values) == 2 and "" in values:
            return next(v for v in values if v != "")
    return None
