"""Pure translation of ClearML ``get_all`` filters into MongoDB filter, sort, projection and
paging (``tasks.get_all``, ``projects.get_all``).

Regular expressions are always written in the operator form ``{"$regex": pattern}``, never as
compiled patterns: SecantusDB treats a BSON regex on an indexed field as an equality. Name
patterns are case-sensitive, as in ClearML (the SDK's get-or-create sends ``^<escaped>$``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from services.tasks import filters as ex
from services.tasks.domain import HIDDEN_TAG, escape_path
from shared.errors import ApiError
from shared.mongo import all_of
from shared.schemas import models as models_api
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

MAX_PAGE_SIZE = 500  # ClearML's services.mongo.max_page_size
UNPAGED_LIMIT = 10_000  # a safety bound for get_all without paging (ClearML has none)

Sort = list[tuple[str, int]]
DEFAULT_SORT: Sort = [("created", 1), ("_id", 1)]


@dataclass(frozen=True)
class FindQuery:
    """What a repository's ``find`` runs: already scoped to the caller's company."""

    filter: dict[str, Any]
    sort: Sort = field(default_factory=lambda: list(DEFAULT_SORT))
    projection: dict[str, int] | None = None
    skip: int = 0
    limit: int = UNPAGED_LIMIT
    # Sort paths ordered numerically although stored as strings (``filters.numeric_sort_keys``).
    numeric: frozenset[str] = frozenset()


def company_scope(company: str) -> dict[str, Any]:
    """The caller's own objects and the public ones (``company == ""``)."""
    return {"company": {"$in": [company, ""]}}


def regex_condition(pattern: str, options: str = "") -> dict[str, Any]:
    """``{"$regex": pattern}``; an invalid pattern -> 400/21 invalid_regex_error."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ApiError.named("invalid_regex_error", msg=str(exc), pattern=pattern) from None
    return {"$regex": pattern, "$options": options} if options else {"$regex": pattern}


_OPERATORS = {"not": "$nin", "all": "$all", "and": "$all", "any": "$in", "in": "$in"}


def list_field_condition(field_name: str, values: Sequence[str | None]) -> dict[str, Any]:
    """ClearML's list-field filter: values match any (``$in``); ``-v`` or a preceding
    ``__$not`` excludes the value; ``__$all`` makes the following values all required until
    ``__$any``; ``None`` among the included values also matches a missing or empty list."""
    buckets: dict[str, list[Any]] = {}
    sticky, pending = "$in", None
    for value in values:
        if isinstance(value, str) and value.startswith("__$"):
            op = _OPERATORS.get(value[3:], "$in")
            if op == "$nin":
                pending = op
            else:
                sticky, pending = op, None
            continue
        op = pending or sticky
        pending = None
        if isinstance(value, str) and value.startswith("-") and op == "$in":
            op, value = "$nin", value[1:]
        bucket = buckets.setdefault(op, [])
        if value not in bucket:
            bucket.append(value)
    return _bucket_condition(field_name, buckets)


def _bucket_condition(field_name: str, buckets: dict[str, list[Any]]) -> dict[str, Any]:
    included = buckets.get("$in", [])
    allow_empty = None in included
    if allow_empty:
        buckets["$in"] = [v for v in included if v is not None]
    condition = {op: vals for op, vals in buckets.items() if vals}
    if not allow_empty:
        return {field_name: condition} if condition else {}
    empty = [{field_name: {"$exists": False}}, {field_name: []}, {field_name: None}]
    return {"$or": [{field_name: condition}, *empty]} if condition else {"$or": empty}


_DATE_PREFIXES = {">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt", "": "$eq"}
_DATE_RE = re.compile(r"^(>=|>|<=|<)?(.*)$")


def date_condition(field_name: str, values: Iterable[str]) -> dict[str, Any]:
    """``[">=2024-01-01", "<2024-02-01T10:00:00"]`` -> range on ``field_name``; entries that are
    not dates are ignored, as in ClearML."""
    condition: dict[str, Any] = {}
    for text in values:
        prefix, value = _DATE_RE.match(text.strip()).groups()
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        condition[_DATE_PREFIXES[prefix or ""]] = moment
    return {field_name: condition} if condition else {}


def multi_field_condition(data: projects_api.MultiFieldPatternData | None, combine: str) -> dict[str, Any]:
    """``_any_`` (``$or``) / ``_all_`` (``$and``): a case-insensitive pattern over fields."""
    if data is None or not data.fields or data.pattern is None:
        return {}
    regex = regex_condition(data.pattern, "i")
    return {combine: [{_stored_field(name): regex} for name in data.fields]}


def hidden_condition(search_hidden: bool, ids: Sequence[str] | None) -> dict[str, Any]:
    """Hidden objects are left out unless searched for or asked for by id."""
    if search_hidden or ids:
        return {}
    return {"system_tags": {"$ne": HIDDEN_TAG}}


def _stored_field(name: str) -> str:
    return "_id" if name == "id" else escape_path(name)


def sort_spec(order_by: Sequence[str] | None) -> Sort:
    """``["-last_update", "name"]`` -> ``[("last_update", -1), ("name", 1)]``; default
    creation order (then id, so pages are stable)."""
    sort: Sort = []
    for item in order_by or ():
        item = item.strip()
        descending = item.startswith("-")
        name = item.lstrip("-+")
        if name and name != "@text_score":
            sort.append((_stored_field(name), -1 if descending else 1))
    return sort or list(DEFAULT_SORT)


def projection_spec(only_fields: Sequence[str] | None) -> dict[str, int] | None:
    """``only_fields`` -> an inclusion projection (``_id`` always kept); ``None`` for all."""
    if not only_fields:
        return None
    names = [f.strip() for f in only_fields if f and f.strip() and not f.startswith("-")]
    if not names:
        return {_stored_field(f.strip()[1:]): 0 for f in only_fields if f.strip()[1:]} or None
    projection = {"_id": 1, **{_stored_field(name): 1 for name in names}}
    return _drop_nested(projection)


def _drop_nested(projection: dict[str, int]) -> dict[str, int]:
    """``{"a": 1, "a.b": 1}`` collides in MongoDB; the parent already covers the child."""
    return {p: v for p, v in projection.items() if not any(p.startswith(o + ".") for o in projection)}


def paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    """(skip, limit). ``page`` without ``page_size`` -> 400/11; ``page_size`` alone means the
    first page; ``page_size`` is capped at 500; no paging -> up to ``UNPAGED_LIMIT``."""
    if page is not None and not page_size:
        raise ApiError.named("missing_required_fields", "page_size is required with page", field="page_size")
    if page is not None and page < 0:
        raise ApiError.named("validation_error", "page must be >= 0", field="page")
    if page_size is not None and page_size < 1:
        raise ApiError.named("validation_error", "page_size must be > 0", field="page_size")
    if page_size is None:
        return 0, UNPAGED_LIMIT
    size = min(page_size, MAX_PAGE_SIZE)
    return (page or 0) * size, size


def _common(company: str, request: Any, search_fields: Sequence[str]) -> list[dict[str, Any]]:
    """Filters every entity shares: scope (public objects too unless ``allow_public`` is
    false), ids, name, tags, hidden, ``_any_``/``_all_``, ``search_text`` (over
    ``search_fields``)."""
    public = getattr(request, "allow_public", True)
    return [
        company_scope(company) if public else {"company": company},
        list_field_condition("_id", request.id) if request.id else {},
        {"name": regex_condition(request.name)} if request.name else {},
        list_field_condition("tags", request.tags) if request.tags else {},
        list_field_condition("system_tags", request.system_tags) if request.system_tags else {},
        hidden_condition(request.search_hidden, request.id),
        multi_field_condition(request.any_, "$or"),
        multi_field_condition(request.all_, "$and"),
        ex.search_text_condition(getattr(request, "search_text", None), search_fields),
    ]


def task_query(company: str, request: tasks_api.GetAllRequest, projects: Sequence[str] | None = None) -> FindQuery:
    """``tasks.get_all`` -> FindQuery. ``projects`` replaces ``request.project`` when the
    service expanded it with sub-projects (``include_subprojects``)."""
    project = list(projects) if projects is not None else request.project
    statuses = [s.value for s in request.status] if request.status else None
    conditions = [
        *_common(company, request, ex.TASK_SEARCH_FIELDS),
        ex.filters_condition(getattr(request, "filters", None), ex.TASK_FILTER_FIELDS),
        list_field_condition("project", project) if project else {},
        list_field_condition("status", statuses) if statuses else {},
        list_field_condition("type", request.type) if request.type else {},
        list_field_condition("user", request.user) if request.user else {},
        {"parent": request.parent} if request.parent else {},
        date_condition("status_changed", request.status_changed or ()),
    ]
    return _query(conditions, request)


def model_query(company: str, request: models_api.GetAllRequest, projects: Sequence[str] | None = None) -> FindQuery:
    """``models.get_all`` -> FindQuery (``projects``: ``project`` widened by sub-projects)."""
    project = list(projects) if projects is not None else request.project
    conditions = [
        *_common(company, request, ex.MODEL_SEARCH_FIELDS),
        ex.filters_condition(getattr(request, "filters", None), ex.MODEL_FILTER_FIELDS),
        list_field_condition("project", project) if project else {},
        list_field_condition("task", request.task) if request.task else {},
        list_field_condition("framework", request.framework) if request.framework else {},
        list_field_condition("uri", request.uri) if request.uri else {},
        list_field_condition("user", request.user) if request.user else {},
        {"ready": request.ready} if request.ready is not None else {},
        date_condition("last_update", _as_list(request.last_update)),
    ]
    return _query(conditions, request)


def _as_list(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def hierarchy_condition(parents: Sequence[str | None] | None, shallow: bool) -> dict[str, Any]:
    """``projects.get_all`` ``parent``: the projects below the given ones at any depth (their
    ``path``), only the direct children with ``shallow_search``, which alone selects the
    top-level projects."""
    if shallow:
        return list_field_condition("parent", parents) if parents else {"parent": None}
    return list_field_condition("path", parents) if parents else {}


def project_query(company: str, request: projects_api.GetAllRequest) -> FindQuery:
    """``projects.get_all`` -> FindQuery (``parent``/``shallow_search``: ``hierarchy_condition``)."""
    conditions = [
        *_common(company, request, ex.PROJECT_SEARCH_FIELDS),
        ex.filters_condition(getattr(request, "filters", None), ex.PROJECT_FILTER_FIELDS),
        {"basename": regex_condition(request.basename)} if request.basename else {},
        {"description": regex_condition(request.description)} if request.description else {},
        hierarchy_condition(request.parent, request.shallow_search),
    ]
    return _query(conditions, request)


def _query(conditions: list[dict[str, Any]], request: Any) -> FindQuery:
    skip, limit = paging(request.page, request.page_size)
    sort = sort_spec(request.order_by)
    return FindQuery(
        filter=all_of(*conditions),
        sort=sort,
        projection=projection_spec(request.only_fields),
        skip=skip,
        limit=limit,
        numeric=frozenset(path for path, _ in sort if ex.is_numeric_path(path)),
    )
