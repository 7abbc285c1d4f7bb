"""``queues.get_all`` / ``get_all_ex`` filters in the domain's words: which of a company's
queues, in what order, which page. Pure: the MongoDB adapter translates a ``QueueFilter``
(``repository/queries.py``) and the in-memory fake asks ``QueueFilter.matches``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from services.queues.domain import HIDDEN_TAGS
from shared.access.listing import EVERYTHING, Readable
from shared.paging import DEFAULT_ORDER, MAX_PAGE_SIZE, page_window
from shared.paging import listing_order as order
from shared.patterns import checked
from shared.tag_values import split_tag_values
from shared.schemas import queues as queues_api

EVERY_QUEUE = 10_000  # more queues than a company has: reads that are not pages


@dataclass(frozen=True)
class TagFilter:
    """ClearML's list filter on tags: at least one of ``any_of`` (when given), every one of
    ``all_of``, none of ``none_of``."""

    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()

    def matches(self, tags: Sequence[str] | None) -> bool:
        have = set(tags or ())
        return ((not self.any_of or bool(have & set(self.any_of))) and set(self.all_of) <= have
                and not have & set(self.none_of))


RuleKind = Literal["any_of", "all_of", "none_of", "not_all_of", "empty", "not_empty"]


@dataclass(frozen=True)
class ListRule:
    """One condition on a list field (a single value counts as a one-item list)."""

    kind: RuleKind
    values: tuple[str, ...] = ()

    def matches(self, values: Sequence[Any]) -> bool:
        have, wanted = set(values), set(self.values)
        return {"any_of": lambda: bool(have & wanted), "all_of": lambda: wanted <= have,
                "none_of": lambda: not have & wanted, "not_all_of": lambda: not wanted <= have,
                "empty": lambda: not have, "not_empty": lambda: bool(have)}[self.kind]()


@dataclass(frozen=True)
class FieldFilter:
    """ClearML's ``filters.<field>``: the ``any`` part's rules joined by or, the ``all``
    part's by and, the two parts by and (``join_and``) or or."""

    field: str  # the stored field
    any_rules: tuple[ListRule, ...] = ()
    all_rules: tuple[ListRule, ...] = ()
    join_and: bool = True

    def matches(self, queue: Mapping[str, Any]) -> bool:
        value = queue.get(self.field)
        values = value if isinstance(value, list) else [] if value is None else [value]
        parts = []
        if self.any_rules:
            parts.append(any(rule.matches(values) for rule in self.any_rules))
        if self.all_rules:
            parts.append(all(rule.matches(values) for rule in self.all_rules))
        return not parts or (all(parts) if self.join_and else any(parts))


@dataclass(frozen=True)
class QueueFilter:
    """Which of ``company``'s queues: by id (any of ``ids``), name (``name_pattern``, a regular
    expression searched in the name), tags, those the caller may read (``access``); sorted by
    ``order`` and paged."""

    company: str
    ids: tuple[str, ...] = ()
    access: Readable = EVERYTHING
    name_pattern: str | None = None
    tags: TagFilter = TagFilter()
    system_tags: TagFilter = TagFilter()
    fields: tuple[FieldFilter, ...] = ()
    order: tuple[tuple[str, bool], ...] = DEFAULT_ORDER
    skip: int = 0
    limit: int = MAX_PAGE_SIZE

    def matches(self, queue: Mapping[str, Any]) -> bool:
        return (queue.get("company") == self.company
                and (not self.ids or queue.get("_id") in self.ids) and self.access.allows(queue.get("_id"))
                and (self.name_pattern is None or bool(re.search(self.name_pattern, queue.get("name") or "")))
                and self.tags.matches(queue.get("tags")) and self.system_tags.matches(queue.get("system_tags"))
                and all(f.matches(queue) for f in self.fields))


def name_pattern(pattern: str) -> str:
    """A valid regular expression that cannot stall the store's backtracking engine
    (``shared.patterns.checked``), else 400/21 invalid_regex_error."""
    return checked(pattern)


def tag_filter(values: Sequence[str] | None, hidden: Sequence[str] = ()) -> TagFilter:
    """ClearML's list filter: any of the values; ``-v`` or a preceding ``__$not`` excludes
    ``v``; after ``__$all`` every value is required (until ``__$any``). ``hidden`` tags are
    excluded too."""
    include, required, exclude = split_tag_values(values)
    return TagFilter(include, required, (*hidden, *exclude))


FILTERED_FIELDS = {"id": "_id", "tags": "tags", "system_tags": "system_tags"}  # ClearML's list fields of a queue


def _rules(part: Any, include_kind: RuleKind, exclude_kind: RuleKind) -> tuple[ListRule, ...]:
    """A ``filters`` part as rules: its values (``null``: an empty list, or a non-empty one
    when excluded)."""
    if part is None:
        return ()
    rules = []
    for given, kind, empty in ((part.include, include_kind, "empty"), (part.exclude, exclude_kind, "not_empty")):
        values = tuple(sorted({v for v in given if v is not None}))
        if values:
            rules.append(ListRule(kind, values))
        if None in given:
            rules.append(ListRule(empty))
    return tuple(rules)


def field_filters(filters: Mapping[str, Any] | None) -> tuple[FieldFilter, ...]:
    """``filters`` of a listing -> FieldFilters of the list fields (others are not read)."""
    out = []
    for name, given in (filters or {}).items():
        if name in FILTERED_FIELDS and given is not None:
            out.append(FieldFilter(FILTERED_FIELDS[name], _rules(given.any, "any_of", "not_all_of"),
                                   _rules(given.all, "all_of", "none_of"), given.op == "and"))
    return tuple(out)


def paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    """(skip, limit): pages of ``page_size`` (500 when not given, and at most 500), as ClearML
    pages every listing (``shared.paging.page_window``)."""
    return page_window(page, page_size, MAX_PAGE_SIZE)


def queue_filter(company: str, request: queues_api.GetAllRequest, access: Readable = EVERYTHING) -> QueueFilter:
    """``queues.get_all`` -> QueueFilter of the queues the caller may read (``access``). Hidden
    queues are left out unless ``search_hidden``, ids or a name are given (as the reference
    server does)."""
    shown = request.search_hidden or request.id or request.name
    skip, limit = paging(request.page, request.page_size)
    filtered = set(request.filters or ())  # a field in filters loses its plain filter
    return QueueFilter(
        company=company, ids=() if "id" in filtered else tuple(request.id or ()), access=access,
        name_pattern=name_pattern(request.name) if request.name else None,
        tags=tag_filter(None if "tags" in filtered else request.tags),
        system_tags=tag_filter(None if "system_tags" in filtered else request.system_tags,
                               () if shown else HIDDEN_TAGS),
        fields=field_filters(request.filters), order=order(request.order_by), skip=skip, limit=limit,
    )


def queues_with_ids(company: str, queue_ids: Sequence[str] | None, search_hidden: bool,
                    access: Readable = EVERYTHING) -> QueueFilter:
    """The company's queues of ``queue_ids`` (all when none) the caller may read, the hidden
    ones only with ``search_hidden``; unpaged."""
    hidden = () if search_hidden else HIDDEN_TAGS
    return QueueFilter(company=company, ids=tuple(queue_ids or ()), system_tags=tag_filter(None, hidden),
                       access=access, limit=EVERY_QUEUE)


def project(doc: dict[str, Any], only_fields: Sequence[str] | None, always: Sequence[str] = ("id",)) -> dict[str, Any]:
    """Keep ``only_fields`` (top-level names; ``always`` whatever they say) of an API-form
    queue (or route)."""
    if not only_fields:
        return doc
    keep = {name.split(".", 1)[0] for name in only_fields} | set(always)
    return {key: value for key, value in doc.items() if key in keep}
