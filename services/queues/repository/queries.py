"""A ``QueueFilter`` (``filters.py``) in MongoDB's query language, for ``MongoQueueRepository.find``.

Regular expressions always in the operator form ``{"$regex": p}`` (SecantusDB treats a
compiled pattern on an indexed field as an equality)."""

from __future__ import annotations

from typing import Any

from services.queues.filters import FieldFilter, ListRule, QueueFilter, TagFilter
from shared.mongo import all_of


def tag_condition(field: str, tags: TagFilter) -> dict[str, Any]:
    condition = {op: list(values) for op, values in (("$in", tags.any_of), ("$all", tags.all_of),
                                                     ("$nin", tags.none_of)) if values}
    return {field: condition} if condition else {}


def _rule(field: str, rule: ListRule) -> dict[str, Any]:
    values = list(rule.values)
    condition = {"any_of": {"$in": values}, "all_of": {"$all": values}, "none_of": {"$nin": values},
                 "not_all_of": {"$not": {"$all": values}}, "empty": {"$size": 0},
                 "not_empty": {"$not": {"$size": 0}}}[rule.kind]
    return {field: condition}


def _joined(op: str, conditions: list[dict[str, Any]]) -> dict[str, Any]:
    return conditions[0] if len(conditions) == 1 else {op: conditions}


def field_condition(field_filter: FieldFilter) -> dict[str, Any]:
    parts = [_joined(op, [_rule(field_filter.field, rule) for rule in rules])
             for op, rules in (("$or", field_filter.any_rules), ("$and", field_filter.all_rules)) if rules]
    return _joined("$and" if field_filter.join_and else "$or", parts) if parts else {}


def access_condition(query: QueueFilter) -> dict[str, Any]:
    """The queues the caller may read (``shared.access.listing.Readable``)."""
    if not query.access.everything:
        return {"_id": {"$in": sorted(query.access.only)}}
    return {"_id": {"$nin": sorted(query.access.excluded)}} if query.access.excluded else {}


def find_filter(query: QueueFilter) -> dict[str, Any]:
    """The filter document of ``query`` (company first: the indexes start with it)."""
    conditions: list[dict[str, Any]] = [{"company": query.company}]
    if query.ids:
        conditions.append({"_id": {"$in": list(query.ids)}})
    conditions.append(access_condition(query))
    if query.name_pattern is not None:
        conditions.append({"name": {"$regex": query.name_pattern}})
    conditions.append(tag_condition("tags", query.tags))
    conditions.append(tag_condition("system_tags", query.system_tags))
    conditions.extend(field_condition(f) for f in query.fields)
    return all_of(*conditions)


def sort(query: QueueFilter) -> list[tuple[str, int]]:
    return [(field, -1 if descending else 1) for field, descending in query.order]
