"""``dataviews.get_all`` in the room's words: which dataviews, in what order, which page, which
fields. Pure: the MongoDB adapter translates a ``DataviewFilter`` (``store/dataviews.py``) and
the in-memory fake asks ``DataviewFilter.matches``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from shared.errors import ApiError
from shared.paging import DEFAULT_ORDER, MAX_PAGE_SIZE, MAX_SKIP, checked_path, page_window
from shared.paging import listing_order as order
from shared.patterns import checked

SCROLL_PREFIX = "dataviews:"
# The filters of ClearML's request that select by a field's values, and the stored field.
LIST_FIELDS = {"id": "_id", "project": "project", "user": "user", "tags": "tags",
               "system_tags": "system_tags", "output_rois": "output_rois"}
SEARCHED_FIELDS = ("name", "description")  # what ``search_text`` looks into
DATE_FIELDS = ("created",)  # what a ``datetime`` condition of ``_any_`` / ``_all_`` compares
_COMPARISONS = (">=", ">", "<=", "<")  # longest first: ">=" is not ">" then "=2024..."
_GROUPS = {"__$all": "all", "__$and": "all", "__$any": "any", "__$or": "any"}


@dataclass(frozen=True)
class ListCondition:
    """ClearML's list filter on one field: any of ``any_of``, every one of ``all_of``, none of
    ``none_of``; the parts joined by and (``join_or`` false) or or; ``or_empty``: a missing or
    empty field matches too (a ``null`` among the values)."""

    field: str
    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    join_or: bool = False
    or_empty: bool = False

    def matches(self, value: Any) -> bool:
        have = set(value if isinstance(value, list) else [] if value is None else [value])
        parts = [test for given, test in ((self.any_of, lambda: bool(have & set(self.any_of))),
                                          (self.all_of, lambda: set(self.all_of) <= have),
                                          (self.none_of, lambda: not have & set(self.none_of))) if given]
        held = [test() for test in parts]
        matched = (any(held) if self.join_or else all(held)) if held else not self.or_empty
        return matched or (self.or_empty and not have)


@dataclass(frozen=True)
class Pattern:
    """A case-insensitive regular expression searched in any (``all_fields`` false) or every
    one of ``fields``."""

    pattern: str
    fields: tuple[str, ...]
    all_fields: bool = False

    def matches(self, doc: Mapping[str, Any]) -> bool:
        found = [bool(re.search(self.pattern, str(doc.get(f) or ""), re.IGNORECASE)) for f in self.fields]
        return all(found) if self.all_fields else any(found)


@dataclass(frozen=True)
class DateBounds:
    """Comparisons of a date field: ``(op, moment)`` pairs, ``op`` one of ``>=``, ``>``,
    ``<=``, ``<`` or ``=``, all of which must hold."""

    field: str
    bounds: tuple[tuple[str, datetime], ...]

    def matches(self, doc: Mapping[str, Any]) -> bool:
        value = doc.get(self.field)
        if not isinstance(value, datetime):
            return False
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        tests = {">=": value.__ge__, ">": value.__gt__, "<=": value.__le__, "<": value.__lt__, "=": value.__eq__}
        return all(tests[op](moment) for op, moment in self.bounds)


@dataclass(frozen=True)
class DataviewFilter:
    """Which dataviews of ``company`` (and the public ones): ``name_pattern`` searched in the
    name, ``status``, list conditions and patterns, those the caller may read (``only_ids``,
    ``excluded_ids``: the access rules); sorted by ``order`` (stored field,
    descending), paged by ``skip``/``limit``; ``fields``: the API fields to answer (all when
    empty)."""

    company: str
    name_pattern: str | None = None
    status: str | None = None
    lists: tuple[ListCondition, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    dates: tuple[DateBounds, ...] = ()
    order: tuple[tuple[str, bool], ...] = DEFAULT_ORDER
    skip: int = 0
    limit: int = MAX_PAGE_SIZE
    fields: tuple[str, ...] = ()
    only_ids: tuple[str, ...] | None = None  # access rules: only these (None: any but ``excluded_ids``)
    excluded_ids: tuple[str, ...] = ()

    def matches(self, doc: Mapping[str, Any]) -> bool:
        return (doc.get("company") in (self.company, "")
                and (doc.get("_id") in self.only_ids if self.only_ids is not None
                     else doc.get("_id") not in self.excluded_ids)
                and (self.name_pattern is None or bool(re.search(self.name_pattern, doc.get("name") or "")))
                and (self.status is None or doc.get("status") == self.status)
                and all(c.matches(doc.get(c.field)) for c in self.lists)
                and all(p.matches(doc) for p in self.patterns)
                and all(d.matches(doc) for d in self.dates))


def list_condition(name: str, field: str, values: Sequence[Any]) -> ListCondition:
    """ClearML's list filter: values match any; ``-v`` or a preceding ``__$not`` excludes
    ``v``; after ``__$all`` the values are all required, after ``__$any`` any of them, and the
    first of these says how the parts join; ``null`` also matches an empty field. A value that
    is not a string, an unknown ``__$`` operator or a dangling ``__$not`` -> 400/16."""
    parts: dict[str, list[str]] = {"any": [], "all": [], "none": []}
    group, join, negate, legacy, or_empty = "any", None, False, True, False
    for value in values:
        if value is None:
            or_empty = True
        elif not isinstance(value, str):
            raise _bad(name, "invalid value type, string expected", value=str(value))
        elif value in _GROUPS and not negate:
            group, legacy, join = _GROUPS[value], False, join or _GROUPS[value]
        elif value == "__$not" and not negate:
            negate = True
        elif value.startswith("__$"):
            raise _bad(name, "Value is expected after" if negate else "Unsupported operator", operator=value)
        else:
            excluded = negate or (legacy and value.startswith("-") and len(value) > 1)
            target = "none" if excluded else group
            parts[target].append(value[1:] if excluded and not negate else value)
            negate = False
    if negate:
        raise _bad(name, "Value is expected after", operator="__$not")
    return ListCondition(field, tuple(parts["any"]), tuple(parts["all"]), tuple(parts["none"]),
                         join == "any", or_empty)


def _bad(field: str, why: str, **data: Any) -> ApiError:
    return ApiError.named("fields_value_error", why, field=field, **data)


def multi_field(request: Any) -> tuple[tuple[Pattern, ...], tuple[DateBounds, ...]]:
    """``_any_`` / ``_all_``: a ``pattern`` over ``fields``, or a ``datetime`` condition over
    those of them that are dates (``created``): neither or both, or no ``fields`` -> 400/16,
    as in ClearML; and ``search_text`` (the text, literally, in the name or the description)."""
    found, dates = [], []
    for name, data, all_fields in (("_any_", request.any_, False), ("_all_", request.all_, True)):
        if data is None:
            continue
        if (data.pattern is None) == (data.datetime is None) or not data.fields:
            raise _bad(name, "incorrect field format")
        if data.pattern is not None:
            stored = tuple(checked_path(_stored(f), name) for f in data.fields)
            found.append(Pattern(checked(data.pattern), stored, all_fields))
        elif bounds := date_bounds(data.datetime):
            dates.extend(DateBounds(field, bounds) for field in DATE_FIELDS if field in data.fields)
    if request.search_text:
        found.append(Pattern(re.escape(request.search_text), SEARCHED_FIELDS))
    return tuple(found), tuple(dates)


def date_bounds(values: str | Sequence[str | None]) -> tuple[tuple[str, datetime], ...]:
    """``">=2024-01-01"``, a list of such, or an unprefixed ``[from, to]`` (either may be
    null) -> comparisons; what is not an ISO date is left out, as ClearML leaves it."""
    values = [values] if isinstance(values, str) else list(values)
    if len(values) == 2 and not any(isinstance(v, str) and v.startswith(_COMPARISONS) for v in values):
        values = [f"{op}{v}" for op, v in zip((">=", "<="), values) if v is not None]
    bounds = []
    for text in values:
        if not isinstance(text, str):
            continue
        op = next((c for c in _COMPARISONS if text.startswith(c)), "=")
        try:
            moment = datetime.fromisoformat(text[len(op) if op != "=" else 0:].strip())
        except ValueError:
            continue
        bounds.append((op, moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)))
    return tuple(bounds)


def _stored(field: str) -> str:
    return "_id" if field == "id" else field


def page(request: Any) -> tuple[int, int]:
    """(skip, limit): ``page`` of ``page_size`` (500 when not given, and at
    most 500); or, with ``scroll_id`` / ``size``, the ``size`` dataviews after those the
    scroll has given (all of them again with ``refresh_scroll``)."""
    if request.scroll_id is None and request.size is None:
        return page_window(request.page, request.page_size, MAX_PAGE_SIZE)
    given = scrolled(request.scroll_id) if request.scroll_id else 0
    size = min(request.size or MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    return (0, min(given + size, MAX_SKIP)) if request.refresh_scroll else (given, size)


def scrolling(request: Any) -> bool:
    return request.scroll_id is not None or request.size is not None


def scrolled(scroll_id: str) -> int:
    """How many dataviews a scroll id says were given; another text -> 400/1104."""
    count = scroll_id[len(SCROLL_PREFIX):] if scroll_id.startswith(SCROLL_PREFIX) else ""
    # A forged id: "²" passes isdigit() but not int(), and no store skips past int64.
    if not (count.isascii() and count.isdigit()) or int(count) > MAX_SKIP:
        raise ApiError.named("invalid_scroll_id", id=scroll_id)
    return int(count)


def scroll_id(given: int) -> str:
    """The scroll id after ``given`` dataviews."""
    return f"{SCROLL_PREFIX}{given}"


def dataview_filter(company: str, request: Any) -> DataviewFilter:
    """``dataviews.get_all`` -> DataviewFilter (``name``: a regular expression, checked)."""
    skip, limit = page(request)
    lists = tuple(list_condition(name, field, getattr(request, name)) for name, field in LIST_FIELDS.items()
                  if getattr(request, name) is not None)
    patterns, dates = multi_field(request)
    return DataviewFilter(
        company=company, name_pattern=checked(request.name) if request.name else None, status=request.status,
        lists=lists, patterns=patterns, dates=dates, order=order(request.order_by), skip=skip, limit=limit,
        fields=tuple(checked_path(f.strip(), "only_fields") for f in request.only_fields or () if f.strip()),
    )


def projected_paths(fields: Sequence[str]) -> list[str]:
    """The paths ``only_fields`` keeps (``id`` always; a path under another kept one adds
    nothing: ``iteration`` covers ``iteration.order``)."""
    paths = set(fields) | {"id"}
    return sorted(p for p in paths if not any(p.startswith(other + ".") for other in paths))


def project_fields(doc: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """Keep ``fields`` (dotted paths reach into objects, as ClearML's ``only_fields`` and
    MongoDB's projection do) of an API-form dataview."""
    if not fields:
        return doc
    out: dict[str, Any] = {}
    for path in projected_paths(fields):
        *parents, leaf = path.split(".")
        source, target = doc, out
        for part in parents:
            source = source.get(part)
            if not isinstance(source, dict):
                break
            target = target.setdefault(part, {})
        else:
            if leaf in source:
                target[leaf] = source[leaf]
    return out
