"""Pure translation of ``queues.get_all`` / ``get_all_ex`` filters into a MongoDB query.

Regular expressions always in the operator form ``{"$regex": p}`` (SecantusDB treats a
compiled pattern on an indexed field as an equality)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.queues.domain import HIDDEN_TAGS
from shared.errors import ApiError
from shared.mongo import all_of
from shared.schemas import queues as queues_api

MAX_PAGE_SIZE = 500
UNPAGED_LIMIT = 10_000
DEFAULT_SORT = [("created", 1), ("_id", 1)]


@dataclass(frozen=True)
class FindQuery:
    """What ``QueueRepository.find`` runs: already scoped to the caller's company."""

    filter: dict[str, Any]
    sort: list[tuple[str, int]] = field(default_factory=lambda: list(DEFAULT_SORT))
    skip: int = 0
    limit: int = UNPAGED_LIMIT


def regex_condition(pattern: str) -> dict[str, Any]:
    """``{"$regex": pattern}``; an invalid pattern -> 400/21 invalid_regex_error."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ApiError.named("invalid_regex_error", msg=str(exc), pattern=pattern) from None
    return {"$regex": pattern}


def list_condition(name: str, values: Sequence[str]) -> dict[str, Any]:
    """ClearML's list filter: any of the values; ``-v`` or a preceding ``__$not`` excludes
    ``v``; after ``__$all`` every value is required (until ``__$any``)."""
    include: list[str] = []
    required: list[str] = []
    exclude: list[str] = []
    mode, negate_next = include, False
    for value in values:
        if value in ("__$all", "__$and"):
            mode = required
        elif value in ("__$any", "__$or", "__$in"):
            mode = include
        elif value == "__$not":
            negate_next = True
        elif negate_next or value.startswith("-"):
            exclude.append(value if negate_next else value[1:])
            negate_next = False
        else:
            mode.append(value)
    condition = {op: vals for op, vals in (("$in", include), ("$all", required), ("$nin", exclude)) if vals}
    return {name: condition} if condition else {}


def sort_spec(order_by: Sequence[str] | None) -> list[tuple[str, int]]:
    sort = []
    for item in order_by or ():
        name = item.strip().lstrip("-+")
        if name:
            sort.append(("_id" if name == "id" else name, -1 if item.strip().startswith("-") else 1))
    return sort or list(DEFAULT_SORT)


def paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    """(skip, limit); ``page`` needs ``page_size`` (400/11); sizes capped at 500."""
    if page is not None and not page_size:
        raise ApiError.named("missing_required_fields", "page_size is required with page", field="page_size")
    if page_size is None:
        return 0, UNPAGED_LIMIT
    size = min(page_size, MAX_PAGE_SIZE)
    return (page or 0) * size, size


def queue_query(company: str, request: queues_api.GetAllRequest) -> FindQuery:
    """``queues.get_all`` -> FindQuery. Hidden queues are left out unless ``search_hidden``,
    ids or a name are given (as the reference server does)."""
    conditions: list[dict[str, Any]] = [{"company": company}]
    if request.id:
        conditions.append({"_id": {"$in": list(request.id)}})
    if request.name:
        conditions.append({"name": regex_condition(request.name)})
    if request.tags:
        conditions.append(list_condition("tags", request.tags))
    if request.system_tags:
        conditions.append(list_condition("system_tags", request.system_tags))
    if not (request.search_hidden or request.id or request.name):
        conditions.append({"system_tags": {"$nin": list(HIDDEN_TAGS)}})
    skip, limit = paging(request.page, request.page_size)
    return FindQuery(filter=all_of(*conditions), sort=sort_spec(request.order_by), skip=skip, limit=limit)


def project(doc: dict[str, Any], only_fields: Sequence[str] | None) -> dict[str, Any]:
    """Keep ``only_fields`` (top-level names; ``id`` always) of an API-form queue."""
    if not only_fields:
        return doc
    keep = {name.split(".", 1)[0] for name in only_fields} | {"id"}
    return {key: value for key, value in doc.items() if key in keep}
