"""Pure translation of ClearML ``get_all`` filters into MongoDB filter, sort, projection and
paging (``tasks.get_all``, ``projects.get_all``).

Regular expressions are always written in the operator form ``{"$regex": pattern}``, never as
compiled patterns: SecantusDB treats a BSON regex on an indexed field as an equality. Name
patterns are case-sensitive, as in ClearML (the SDK's get-or-create sends ``^<escaped>$``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.tasks.store import filters as ex
from services.tasks.store.conditions import as_date, as_number, bad_value, date_condition, metric_value, range_condition
from services.tasks.domain import HIDDEN_TAG, escape_path
from shared.errors import ApiError
from shared.patterns import checked
from shared.mongo import all_of
from shared.paging import MAX_PAGE_SIZE, checked_path, page_window
from shared.schemas import models as models_api
from shared.schemas import projects as projects_api
from shared.schemas import tasks as tasks_api

UNPAGED_LIMIT = 10_000  # a safety bound for the process's own reads (a get_all pages by 500)

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
    # The first ``order_by`` path when it sorts ascending: ClearML lists the entities whose
    # value there is empty (missing, null, "" or []) after all the others, not first.
    empty_last: str | None = None


def company_scope(company: str) -> dict[str, Any]:
    """The caller's own objects and the public ones (``company == ""``)."""
    return {"company": {"$in": [company, ""]}}


def regex_condition(pattern: str, options: str = "") -> dict[str, Any]:
    """``{"$regex": pattern}``; an invalid pattern, or one that could stall the store's
    backtracking engine (``shared.patterns.checked``) -> 400/21 invalid_regex_error."""
    checked(pattern)
    return {"$regex": pattern, "$options": options} if options else {"$regex": pattern}


# ClearML's list-filter operators: ``__$all``/``__$and`` and ``__$any``/``__$or`` set how the
# following values combine, ``__$not`` excludes the next value, ``__$nop`` goes back to the
# default (any of, ``-value`` excludes).
_GROUP_OPERATORS = {"__$all": "and", "__$and": "and", "__$any": "or", "__$or": "or"}
_MODIFIERS = {("and", True): "$all", ("and", False): "$nin", ("or", True): "$in", ("or", False): "$nin"}


def list_field_condition(field_name: str, values: Any) -> dict[str, Any]:
    """ClearML's list-field filter (a single value is a one-item list): values match any
    (``$in``); ``-v`` or a preceding ``__$not`` excludes the value; after ``__$all`` the values
    are all required, after ``__$any`` any of them; the first such operator says how the
    groups combine (all of them by default); ``None`` also matches a missing or empty field.
    A value that is not a string, an unknown ``__$`` operator or a dangling ``__$not`` ->
    400/16."""
    buckets: dict[str, list[Any]] = {}
    context, combine, legacy, negate, allow_empty = "or", None, True, False, False
    for value in values if isinstance(values, (list, tuple)) else [values]:
        if value is None or value == "__$nop":
            context, legacy = ("or", True) if value else (context, legacy)
            allow_empty, negate, combine = allow_empty or value is None, False, combine or "and"
            continue
        if not isinstance(value, str):
            raise bad_value(field_name, "invalid value type, string expected", value=str(value))
        if value.startswith("__$"):
            if negate:
                raise bad_value(field_name, "Value is expected after", operator="__$not")
            if value == "__$not":
                negate = True
            elif value in _GROUP_OPERATORS:
                context, legacy = _GROUP_OPERATORS[value], False
                combine = combine or context
            else:
                raise bad_value(field_name, "Unsupported operator", operator=value)
            continue
        include, negate, combine = not negate, False, combine or "and"
        if include and legacy and value.startswith("-"):
            include, value = False, value[1:]
            if not value:
                raise bad_value(field_name, "Missing value after the exclude prefix -")
        bucket = buckets.setdefault(_MODIFIERS[(context, include)], [])
        if value not in bucket:
            bucket.append(value)
    if negate:
        raise bad_value(field_name, "Value is expected after", operator="__$not")
    return _bucket_condition(field_name, buckets, combine or "and", allow_empty)


def _bucket_condition(field_name: str, buckets: dict[str, list[Any]], combine: str,
                      allow_empty: bool) -> dict[str, Any]:
    if combine == "or" and len(buckets) > 1:
        condition: dict[str, Any] = {"$or": [{field_name: {op: vals}} for op, vals in buckets.items()]}
    else:
        condition = {field_name: dict(buckets)} if buckets else {}
    if not allow_empty:
        return condition
    empty = [{field_name: {"$exists": False}}, {field_name: []}, {field_name: None}]
    return {"$or": [condition, *empty]} if condition else {"$or": empty}


def multi_field_condition(data: projects_api.MultiFieldPatternData | None, combine: str,
                          date_fields: Sequence[str] = ()) -> dict[str, Any]:
    """``_any_`` (``$or``) / ``_all_`` (``$and``): a case-insensitive ``pattern`` over
    ``fields``, or a ``datetime`` condition (``date_condition``) over those of ``fields`` that
    are date fields of the entity. Neither or both of ``pattern`` and ``datetime``, or no
    ``fields`` -> 400/16, as in ClearML."""
    if data is None:
        return {}
    field = "_any_" if combine == "$or" else "_all_"
    if (data.pattern is None) == (data.datetime is None) or data.fields is None:
        raise bad_value(field, "incorrect field format")
    if data.pattern is not None:
        regex = regex_condition(data.pattern, "i")
        parts = [{_stored_field(name, field): regex} for name in data.fields]
    else:
        conditions = (date_condition(_stored_field(name, field), data.datetime) for name in data.fields
                      if name in date_fields)
        parts = [c for c in conditions if c]
    return {combine: parts} if parts else {}


def hidden_condition(search_hidden: bool, ids: Sequence[str] | None) -> dict[str, Any]:
    """Hidden objects are left out unless searched for or asked for by id."""
    if search_hidden or ids:
        return {}
    return {"system_tags": {"$ne": HIDDEN_TAG}}


def _stored_field(name: str, field: str | None = None) -> str:
    """The stored path of a field the request names (in its ``field``, e.g. ``order_by``; the
    field itself by default), a field path the store takes (``shared.paging.checked_path``):
    ``_any_`` fields, ``order_by``, ``only_fields`` and the dotted filters name any path."""
    return "_id" if name == "id" else checked_path(escape_path(name), field or name)


def sort_spec(order_by: Sequence[str] | None) -> Sort:
    """``["-last_update", "name"]`` -> ``[("last_update", -1), ("name", 1), ("_id", 1)]``: as
    ClearML, the id orders what the given fields leave equal (so pages are stable); default
    creation order, then id."""
    sort: Sort = []
    for item in order_by or ():
        item = item.strip()
        descending = item.startswith("-")
        name = item.lstrip("-+")
        if name and name != "@text_score":
            sort.append((_stored_field(name, "order_by"), -1 if descending else 1))
    if sort and not any(path == "_id" for path, _ in sort):
        sort.append(("_id", 1))
    return sort or list(DEFAULT_SORT)


def projection_spec(only_fields: Sequence[str] | None) -> dict[str, int] | None:
    """``only_fields`` -> an inclusion projection (``_id`` always kept); ``None`` for all."""
    if not only_fields:
        return None
    names = [f.strip() for f in only_fields if f and f.strip() and not f.startswith("-")]
    if not names:
        return {_projected(f.strip()[1:]): 0 for f in only_fields if f.strip()[1:]} or None
    projection = {"_id": 1, **{_projected(name): 1 for name in names}}
    return _drop_nested(projection)


def _projected(name: str) -> str:
    return _stored_field(name, "only_fields")


def _drop_nested(projection: dict[str, int]) -> dict[str, int]:
    """``{"a": 1, "a.b": 1}`` collides in MongoDB; the parent already covers the child."""
    return {p: v for p, v in projection.items() if not any(p.startswith(o + ".") for o in projection)}


def paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    """(skip, limit): ``shared.paging.page_window``; a negative ``page`` or a ``page_size``
    below 1 -> 400/12."""
    if page is not None and page < 0:
        raise ApiError.named("validation_error", "page must be >= 0", field="page")
    if page_size is not None and page_size < 1:
        raise ApiError.named("validation_error", "page_size must be > 0", field="page_size")
    return page_window(page, page_size)


@dataclass(frozen=True)
class QueryOptions:
    """How an entity's ``get_all`` filters its fields (ClearML's query parameter options): a
    name ending in ``.*`` stands for every dotted field below it. Fields named nowhere are
    ignored, as ClearML ignores them."""

    lists: tuple[str, ...]
    ranges: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ("name",)
    equals: tuple[str, ...] = ()


TASK_OPTIONS = QueryOptions(
    lists=("id", "user", "tags", "system_tags", "type", "status", "project", "parent", "hyperparams.*",
           "execution.queue", "models.input.model"),
    ranges=("created", "started", "active_duration", "last_metrics.*", "last_iteration"),
    dates=("status_changed", "last_update", "last_change"),
    patterns=("name", "comment", "report"),
    equals=("runtime.*",),
)
PROJECT_OPTIONS = QueryOptions(lists=("id", "tags", "system_tags"))
# What a project's ``get_all_ex`` ``filters`` may name (``parent`` and ``user`` only there).
PROJECT_FILTER_OPTIONS = QueryOptions(lists=("id", "tags", "system_tags", "parent", "user"))
MODEL_OPTIONS = QueryOptions(
    lists=("id", "user", "tags", "system_tags", "framework", "uri", "project", "task", "parent"),
    dates=("last_update",),
    patterns=("name", "comment"),
    equals=("ready",),
)
_RANGE_VALUES = {"created": as_date, "started": as_date, "active_duration": as_number,
                 "last_iteration": as_number}


def _matching(names: Sequence[str], params: dict[str, Any]) -> list[str]:
    """The request fields ``names`` covers (``prefix.*`` covers ``prefix.<anything>``)."""
    found: list[str] = []
    for name in names:
        if name.endswith(".*"):
            found += [key for key in params if key.startswith(name[:-1])]
        elif name in params:
            found.append(name)
    return found


def request_fields(request: Any) -> dict[str, Any]:
    """The filter fields a request names (declared ones and, for tasks, the dotted extras such
    as ``hyperparams.Args.lr.value``), without the ``None`` ones: ClearML skips those too."""
    fields = {name: getattr(request, name) for name in type(request).model_fields}
    fields.update(getattr(request, "model_extra", None) or {})
    return {name: value for name, value in fields.items() if value is not None}


def option_conditions(params: dict[str, Any], options: QueryOptions) -> list[dict[str, Any]]:
    """The conditions of every field ``options`` knows in ``params``; a field that
    ``filters`` names is filtered there instead (``filter_conditions``)."""
    replaced = set((params.get("filters") or {}))
    conditions = [{_stored_field(n): regex_condition(params[n])} for n in _matching(options.patterns, params)
                  if isinstance(params[n], str) and params[n]]
    conditions += [list_field_condition(_stored_field(n), params[n]) for n in _matching(options.lists, params)
                   if n not in replaced]
    for name in _matching(options.ranges, params):
        convert = _RANGE_VALUES.get(name, metric_value)
        conditions.append(range_condition(_stored_field(name), params[name], convert))
    conditions += [date_condition(_stored_field(n), params[n]) for n in _matching(options.dates, params)]
    conditions += [{_stored_field(n): _compared(n, params[n])} for n in _matching(options.equals, params)]
    return conditions


def _compared(field_name: str, value: Any) -> Any:
    """A value an equality filter (``runtime.*``) compares with; an object would be read by
    MongoDB as operators (``{"$regex": "(a+)+$"}`` past ``shared.patterns.checked``) -> 400/16."""
    if isinstance(value, dict):
        raise bad_value(field_name, "invalid value type, an object is not compared", value=str(value)[:100])
    return value


def filter_conditions(filters: Any, options: QueryOptions) -> dict[str, Any]:
    """``get_all_ex``'s ``filters`` over the entity's list fields (others are ignored, as in
    ClearML): ``services.tasks.filters.field_filter`` per field, all required."""
    names = _matching(options.lists, dict(filters or {}))
    return ex.join_all([ex.field_filter(_stored_field(name), filters[name]) for name in names])


def _common(company: str, request: Any, search_fields: Sequence[str], date_fields: Sequence[str] = ()
            ) -> list[dict[str, Any]]:
    """Filters every entity shares: scope (public objects too unless ``allow_public`` is
    false), hidden, ``_any_``/``_all_``, ``search_text`` (over ``search_fields``)."""
    public = getattr(request, "allow_public", True)
    return [
        company_scope(company) if public else {"company": company},
        hidden_condition(request.search_hidden, request.id),
        multi_field_condition(request.any_, "$or", date_fields),
        multi_field_condition(request.all_, "$and", date_fields),
        ex.search_text_condition(getattr(request, "search_text", None), search_fields),
    ]


def _content_query(company: str, request: Any, options: QueryOptions, search_fields: Sequence[str],
                   projects: Sequence[str] | None) -> FindQuery:
    """A task or model ``get_all``: ``projects`` replaces ``request.project`` when the
    service widened it with sub-projects (``include_subprojects``)."""
    params = request_fields(request)
    if projects is not None:
        params["project"] = list(projects)
    conditions = [
        *_common(company, request, search_fields, options.dates),
        *option_conditions(params, options),
        filter_conditions(params.get("filters"), options),
    ]
    return _query(conditions, request)


def task_query(company: str, request: tasks_api.GetAllRequest, projects: Sequence[str] | None = None) -> FindQuery:
    """``tasks.get_all`` -> FindQuery (``TASK_OPTIONS``)."""
    return _content_query(company, request, TASK_OPTIONS, ex.TASK_SEARCH_FIELDS, projects)


def model_query(company: str, request: models_api.GetAllRequest, projects: Sequence[str] | None = None) -> FindQuery:
    """``models.get_all`` -> FindQuery (``MODEL_OPTIONS``)."""
    return _content_query(company, request, MODEL_OPTIONS, ex.MODEL_SEARCH_FIELDS, projects)


def hierarchy_condition(parents: Sequence[str | None] | None, shallow: bool) -> dict[str, Any]:
    """``projects.get_all`` ``parent``: the projects below the given ones at any depth (their
    ``path``), only the direct children with ``shallow_search``, which alone selects the
    top-level projects."""
    if shallow:
        return list_field_condition("parent", parents) if parents else {"parent": None}
    return list_field_condition("path", parents) if parents else {}


def project_query(company: str, request: projects_api.GetAllRequest, ids: Sequence[str] | None = None) -> FindQuery:
    """``projects.get_all`` -> FindQuery (``parent``/``shallow_search``: ``hierarchy_condition``);
    ``ids``: only among these projects (``get_all_ex``'s selection)."""
    params = request_fields(request)
    conditions = [
        *_common(company, request, ex.PROJECT_SEARCH_FIELDS),
        *option_conditions(params, PROJECT_OPTIONS),
        filter_conditions(params.get("filters"), PROJECT_FILTER_OPTIONS),
        {"basename": regex_condition(request.basename)} if request.basename else {},
        {"description": regex_condition(request.description)} if request.description else {},
        hierarchy_condition(request.parent, request.shallow_search),
        {"_id": {"$in": list(ids)}} if ids is not None else {},
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
        empty_last=empty_last(sort) if request.order_by else None,
    )


def empty_last(sort: Sort) -> str | None:
    """The path whose empty values go last (see ``FindQuery.empty_last``): the first sort
    path, when ascending (the id is never empty)."""
    path, direction = sort[0]
    return path if direction == 1 and path != "_id" else None


# What ClearML counts as an empty value of the ``empty_last`` path.
EMPTY_VALUES: tuple[Any, ...] = (None, "", [])


def empty_value_conditions(path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(non-empty, empty) conditions on ``path`` (a missing field counts as null)."""
    return {path: {"$nin": list(EMPTY_VALUES)}}, {path: {"$in": list(EMPTY_VALUES)}}
