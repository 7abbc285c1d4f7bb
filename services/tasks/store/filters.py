"""Pure translation of the ``get_all_ex`` extras into MongoDB conditions: the ``filters`` field
(``tasks.get_all_ex``, ``projects.get_all_ex``), ``search_text`` (every ``get_all``) and the
numeric order of hyper-parameter values (``order_by``).

``filters`` (endpoint catalog, ``tasks.get_all_ex``): ``{field: {any: {include, exclude},
all: {include, exclude}, op: "and"|"or"}}``. For one field:

- ``any``: the entity has any of ``include`` OR lacks any of ``exclude`` (``$in`` / ``$ne``
  joined by ``$or``);
- ``all``: the entity has all of ``include`` AND none of ``exclude`` (``$all`` / ``$nin``);
- ``op`` joins the ``any`` and ``all`` parts (default ``and``); fields are joined by ``and``.

Only the entity's list fields may be filtered (``queries.QueryOptions.lists``); ClearML
ignores the others, and so does Cairn. A field named in ``filters`` is filtered there instead of
by its plain ``get_all`` filter. A field's spec holds only ``any``, ``all`` and ``op``, a part
only ``include`` and ``exclude`` (400/12 otherwise, checked by the request schema).
``include`` entries ``null``/``"__$null"`` match a missing or empty field, as the ``None``
value of the ``get_all`` list filters does.

``search_text``: ClearML answers it from a MongoDB text index. Cairn's MongoDB-wire store
(SecantusDB) has no text index and no ``$text``, so Cairn matches the whole text as a
case-insensitive substring (``$regex`` on the escaped text, ``$options: i``) over the fields
ClearML's text index covers (``SEARCH_FIELDS``). Differences: no word splitting, stemming or
stop words (searching ``"resnet adam"`` needs that phrase), and ``@text_score`` ordering is
ignored. Such a regex reads every document of the caller's company scope that the other
filters leave (no index serves an unanchored regex).

Numeric order: ClearML sorts ``hyperparams.<section>.<name>.value`` (strings) with MongoDB's
``numericOrdering`` collation. SecantusDB accepts that collation but mis-orders negative and
decimal numbers (measured: ``-3`` after ``100``), and real MongoDB's collation compares only the
digit runs (``1.10`` after ``1.9``). Cairn instead sorts by a computed key (``numeric_sort_keys``:
null/missing first, then numbers by value, then other strings), run as an aggregation by the
repository; ``last_metrics.*.value`` are stored as numbers and sort as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from shared.errors import ApiError

NULL_VALUES = (None, "__$null")

# The fields ClearML's text index covers, per entity.
TASK_SEARCH_FIELDS = ("name", "_id", "comment", "report", "models.input.model", "models.output.model",
                      "script.repository", "script.entry_point")
PROJECT_SEARCH_FIELDS = ("name", "_id", "description")
MODEL_SEARCH_FIELDS = ("name", "_id", "comment", "parent", "task", "project")

NUMERIC_PREFIXES = ("hyperparams.",)
SORT_KEY_PREFIX = "__sort_"


def _values(part: Mapping[str, Any] | None, key: str) -> list[Any]:
    values = (part or {}).get(key) or []
    if not isinstance(values, list):
        raise ApiError.named("validation_error", f"filters: {key} must be a list")
    return list(dict.fromkeys(values))


def _empty(path: str) -> dict[str, Any]:
    return {"$or": [{path: {"$exists": False}}, {path: None}, {path: []}]}


def _not_empty(path: str) -> dict[str, Any]:
    return {path: {"$exists": True, "$nin": [None, []]}}


def _any_part(path: str, part: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Alternatives: has any of ``include``, or lacks any of ``exclude``."""
    include, exclude = _values(part, "include"), _values(part, "exclude")
    out: list[dict[str, Any]] = []
    plain = [v for v in include if v not in NULL_VALUES]
    if plain:
        out.append({path: {"$in": plain}})
    if len(plain) != len(include):
        out.append(_empty(path))
    for value in exclude:
        out.append(_not_empty(path) if value in NULL_VALUES else {path: {"$ne": value}})
    return out


def _all_part(path: str, part: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Requirements: has all of ``include`` and none of ``exclude``."""
    include, exclude = _values(part, "include"), _values(part, "exclude")
    out: list[dict[str, Any]] = []
    plain_in = [v for v in include if v not in NULL_VALUES]
    plain_out = [v for v in exclude if v not in NULL_VALUES]
    if plain_in:
        out.append({path: {"$all": plain_in}})
    if len(plain_in) != len(include):
        out.append(_empty(path))
    if plain_out:
        out.append({path: {"$nin": plain_out}})
    if len(plain_out) != len(exclude):
        out.append(_not_empty(path))
    return out


def _join(conditions: list[dict[str, Any]], op: str) -> dict[str, Any]:
    if not conditions:
        return {}
    if len(conditions) == 1:
        return conditions[0]
    return {op: conditions}


def field_filter(path: str, spec: Any) -> dict[str, Any]:
    """One field's ``{any, all, op}`` (a mapping or the request's parsed model) -> a MongoDB
    condition (``{}`` when it asks nothing)."""
    if hasattr(spec, "model_dump"):
        spec = spec.model_dump()
    if not isinstance(spec, Mapping):
        raise ApiError.named("validation_error", "filters: each field takes {any, all, op}")
    op = spec.get("op") or "and"
    if op not in ("and", "or"):
        raise ApiError.named("validation_error", f"filters: op must be 'and' or 'or', not {op!r}")
    any_condition = _join(_any_part(path, spec.get("any")), "$or")
    all_condition = _join(_all_part(path, spec.get("all")), "$and")
    return _join([c for c in (any_condition, all_condition) if c], f"${op}")


def join_all(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    """The fields' conditions of ``filters``, all required (``{}`` when there are none)."""
    return _join([c for c in conditions if c], "$and")


def search_text_condition(text: str | None, fields: Sequence[str]) -> dict[str, Any]:
    """``search_text`` -> a case-insensitive substring match over ``fields`` (see module
    docstring); blank text asks nothing."""
    if not text or not text.strip():
        return {}
    regex = {"$regex": re.escape(text.strip()), "$options": "i"}
    return {"$or": [{field: regex} for field in fields]}


def is_numeric_path(path: str) -> bool:
    """Sort paths whose stored values are strings ClearML orders numerically."""
    return path.startswith(NUMERIC_PREFIXES) and path.endswith(".value")


def numeric_sort_keys(path: str, index: int) -> tuple[dict[str, Any], list[str]]:
    """The ``$addFields`` stage entries and the key names that sort ``path`` numerically:
    a class key (0 null or missing, 1 a number, 2 any other value), then the number, then
    the raw value."""
    value = f"${path}"
    number = {"$convert": {"input": value, "to": "double", "onError": None, "onNull": None}}
    kind, num = f"{SORT_KEY_PREFIX}{index}k", f"{SORT_KEY_PREFIX}{index}n"
    fields = {
        num: number,
        kind: {"$cond": [{"$eq": [{"$ifNull": [value, None]}, None]}, 0,
                         {"$cond": [{"$eq": [number, None]}, 2, 1]}]},
    }
    return fields, [kind, num]
