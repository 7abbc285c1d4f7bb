"""Which datasets and versions a listing asks for (``datasets.get_all``/``get_all_ex``,
``get_versions``/``get_versions_ex``), in the domain's words. Pure: the MongoDB adapter
(``store/datasets.py``) translates a query, and the in-memory fakes ask ``matches``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from services.datasets.domain import PUBLISHED, refused
from shared.paging import DEFAULT_ORDER, MAX_PAGE_SIZE, checked_path, page_window
from shared.paging import listing_order as order
from shared.patterns import checked
from shared.tag_values import split_tag_values

EVERY_DATASET = 1_000_000  # more datasets than a company has: reads that are not pages


@dataclass(frozen=True)
class ListRule:
    """One condition on a list field (a single value counts as a one-item list)."""

    field: str  # the stored field
    kind: str  # any_of | all_of | none_of
    values: tuple[Any, ...]

    def matches(self, doc: Mapping[str, Any]) -> bool:
        value = doc.get(self.field)
        have = set(value if isinstance(value, list) else [] if value is None else [value])
        wanted = set(self.values)
        if self.kind == "any_of":
            return bool(have & wanted)
        if self.kind == "all_of":
            return wanted <= have
        return not have & wanted


@dataclass(frozen=True)
class FieldPattern:
    """ClearML's ``_any_`` / ``_all_``: a regular expression searched, in any case, in any
    (``every`` false) or every one of ``fields``."""

    pattern: str
    fields: tuple[str, ...]
    every: bool

    def matches(self, doc: Mapping[str, Any]) -> bool:
        found = (re.search(self.pattern, str(doc.get(f) or ""), re.IGNORECASE) is not None for f in self.fields)
        return all(found) if self.every else any(found)


@dataclass(frozen=True)
class Listing:
    """What every listing shares: the company, conditions joined by and (``rules``; each
    ``any_of`` group of ``alternatives`` joined by or), a free-text search over name and
    comment, the order and the page."""

    company: str | None  # None: every company (``system.*`` callers)
    rules: tuple[ListRule, ...] = ()
    alternatives: tuple[tuple[ListRule, ...], ...] = ()
    name_pattern: str | None = None
    search: str | None = None
    created_from: datetime | None = None
    patterns: tuple[FieldPattern, ...] = ()
    order: tuple[tuple[str, bool], ...] = DEFAULT_ORDER
    skip: int = 0
    limit: int = MAX_PAGE_SIZE

    def matches(self, doc: Mapping[str, Any]) -> bool:
        return ((self.company is None or doc.get("company") == self.company) and all(r.matches(doc) for r in self.rules)
                and all(any(r.matches(doc) for r in group) for group in self.alternatives)
                and (self.name_pattern is None or bool(re.search(self.name_pattern, doc.get("name") or "")))
                and (self.search is None or any(self.search.lower() in (doc.get(f) or "").lower()
                                                for f in ("name", "comment")))
                and (self.created_from is None or (doc.get("created") is not None
                                                   and doc["created"] >= self.created_from))
                and all(p.matches(doc) for p in self.patterns))


def tag_rules(field: str, values: Sequence[str] | None) -> tuple[ListRule, ...]:
    """ClearML's tag filter: any of the values; ``-v`` (or ``__$not`` before it) excludes ``v``;
    after ``__$all`` every value is required (until ``__$any``)."""
    include, required, exclude = split_tag_values(values)
    kinds = (("any_of", include), ("all_of", required), ("none_of", exclude))
    return tuple(ListRule(field, kind, tuple(vals)) for kind, vals in kinds if vals)


FILTERED_FIELDS = {"id": "_id", "tags": "tags", "system_tags": "system_tags", "project": "project",
                   "status": "status", "parent": "parent", "user": "user"}


def field_rules(filters: Mapping[str, Any] | None) -> tuple[tuple[ListRule, ...], tuple[tuple[ListRule, ...], ...]]:
    """``filters`` of a ``*_ex`` listing: per field, ``all`` rules are joined by and, ``any``
    rules by or (as an alternative group); other fields are not filtered on."""
    rules: list[ListRule] = []
    groups: list[tuple[ListRule, ...]] = []
    for name, given in (filters or {}).items():
        field = FILTERED_FIELDS.get(name)
        if field is None or given is None:
            continue
        if given.all is not None:
            rules += [ListRule(field, "all_of", tuple(given.all.include or ())),
                      ListRule(field, "none_of", tuple(given.all.exclude or ()))]
        if given.any is not None:
            group = [ListRule(field, "any_of", (v,)) for v in given.any.include or ()]
            group += [ListRule(field, "none_of", (v,)) for v in given.any.exclude or ()]
            if group:
                groups.append(tuple(group))
    return tuple(r for r in rules if r.values), tuple(groups)


def field_patterns(request: Any) -> tuple[FieldPattern, ...]:
    """``_any_`` / ``_all_`` of a listing: a ``pattern`` over ``fields`` (400/16 without them,
    as ClearML); a ``datetime`` condition is not taken (the datasets' dates are filtered by
    ``order_by`` and paging only)."""
    out = []
    for name, given, every in (("_any_", request.any_, False), ("_all_", request.all_, True)):
        if given is None or given.datetime is not None and given.pattern is None:
            continue
        if given.pattern is None or not given.fields_:
            raise refused("incorrect field format", field=name)
        stored = tuple("_id" if f == "id" else checked_path(f, name) for f in given.fields_)
        out.append(FieldPattern(checked(given.pattern), stored, every))
    return tuple(out)


def paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    """(skip, limit): pages of ``page_size`` (500 when not given, and at most 500)
    (``shared.paging.page_window``)."""
    return page_window(page, page_size, MAX_PAGE_SIZE)


def dataset_listing(company: str, request: Any) -> Listing:
    """``datasets.get_all`` / ``get_all_ex`` -> Listing (``size`` pages as ``page_size`` does)."""
    filtered_rules, groups = field_rules(getattr(request, "filters", None))
    rules = [*tag_rules("tags", request.tags), *tag_rules("system_tags", request.system_tags), *filtered_rules]
    if request.id:
        rules.append(ListRule("_id", "any_of", tuple(request.id)))
    project = getattr(request, "project", None)
    if project is not None:
        rules.append(ListRule("project", "any_of", (project,)))
    skip, limit = paging(request.page, request.page_size or request.size)
    return Listing(company, tuple(rules), groups, checked(request.name) if request.name else None,
                   request.search_text or None, None, field_patterns(request), order(request.order_by), skip, limit)


def version_listing(company: str, request: Any) -> Listing:
    """``datasets.get_versions`` / ``get_versions_ex`` -> Listing of one dataset's versions
    (only the published ones unless ``only_published`` is false; ``start_from``: created at or
    after that time)."""
    filtered_rules, groups = field_rules(getattr(request, "filters", None))
    rules = [ListRule("dataset", "any_of", (request.dataset,)), *tag_rules("tags", request.tags),
             *tag_rules("system_tags", request.system_tags), *filtered_rules]
    if request.versions:
        rules.append(ListRule("_id", "any_of", tuple(request.versions)))
    if request.only_published is not False:
        rules.append(ListRule("status", "any_of", (PUBLISHED,)))
    skip, limit = paging(request.page, request.page_size)
    return Listing(company, tuple(rules), groups, None, request.search_text or None,
                   start_time(request.start_from), (), order(request.order_by), skip, limit)


def every_company_datasets(request: Any) -> Listing:
    """``system.get_datasets`` -> Listing of the datasets of every company, by id and tags."""
    rules = [*tag_rules("tags", request.tags), *tag_rules("system_tags", request.system_tags)]
    if request.id:
        rules.append(ListRule("_id", "any_of", tuple(request.id)))
    skip, limit = paging(request.page, request.page_size)
    return Listing(None, tuple(rules), order=order(request.order_by), skip=skip, limit=limit)


def every_company_versions(request: Any) -> Listing:
    """``system.get_dataset_versions`` -> Listing of the versions of every company, by id and
    dataset (any status); ``order_by`` is one field there."""
    rules = [ListRule("dataset", "any_of", (request.dataset,))] if request.dataset else []
    if request.id:
        rules.append(ListRule("_id", "any_of", tuple(request.id)))
    skip, limit = paging(request.page, request.page_size)
    ordered = order([request.order_by] if request.order_by else None)
    return Listing(None, tuple(rules), order=ordered, skip=skip, limit=limit)


def start_time(value: str | None) -> datetime | None:
    """``start_from``: an ISO 8601 time (400 when it is not one)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise refused("start_from is not an ISO 8601 time", start_from=value) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def project(doc: Mapping[str, Any], only_fields: Sequence[str] | None) -> dict[str, Any]:
    """Keep ``only_fields`` (top-level names; ``id`` always) of an API-form document."""
    if not only_fields:
        return dict(doc)
    keep = {name.split(".", 1)[0] for name in only_fields} | {"id"}
    return {key: value for key, value in doc.items() if key in keep}
