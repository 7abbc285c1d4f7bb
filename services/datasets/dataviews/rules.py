"""Pure rules of dataview documents: what ``dataviews.create`` and ``dataviews.update`` check
in filter rules (ranges, weights, Lucene syntax, the datasets and versions they name) and the
document a new dataview is. No store, broker or schema library here: the request arrives as
plain dicts (ClearML's field names), the Lucene parser is passed in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.errors import ApiError

ANY = "*"  # a rule's dataset or version: every one in the view
ARCHIVED = "archived"  # the system tag of an archived dataview
DRAFT, PUBLISHED = "draft", "published"
# What a dataview holds when a client leaves it out (the SDK reads lists as possibly empty).
DEFAULTS: Mapping[str, Any] = {"description": "", "tags": [], "system_tags": [], "filters": [], "versions": [],
                               "output_rois": "all_in_frame", "status": DRAFT}
# The Lucene texts of a filter rule (ClearML's query_string syntax), by field.
QUERY_FIELDS = ("frame_query", "sources_query")


@dataclass(frozen=True)
class Reference:
    """A dataset and version a dataview names (``*`` or None: not a particular one), and
    where (``filters[0]``, ``versions[1]``, ``mapping.rules[2].source``)."""

    where: str
    dataset: str | None
    version: str | None

    @property
    def dataset_id(self) -> str | None:
        return self.dataset if self.dataset not in (None, "", ANY) else None

    @property
    def version_id(self) -> str | None:
        return self.version if self.version not in (None, "", ANY) else None


def new_dataview(fields: Mapping[str, Any], dataview_id: str, company: str, user: str,
                 now: datetime) -> dict[str, Any]:
    """The stored document of ``dataviews.create`` (``fields``: the request's, None left out)."""
    return {**DEFAULTS, **fields, "_id": dataview_id, "company": company, "user": user, "created": now}


def check_rules(fields: Mapping[str, Any], parse: Callable[[str], Any]) -> None:
    """Every filter rule of ``fields`` well formed: weights >= 0, ``count_range`` /
    ``conf_range`` as the catalog describes them (400/12), Lucene texts that parse (400/19
    naming the field, the position and the parser's message)."""
    for i, rule in enumerate(fields.get("filters") or ()):
        where = f"filters[{i}]"
        if rule.get("weight") is not None and rule["weight"] < 0:
            raise _invalid(f"{where}.weight", "weight must be >= 0", rule["weight"])
        for name in QUERY_FIELDS:
            check_query(f"{where}.{name}", rule.get(name), parse)
        for j, label_rule in enumerate(rule.get("label_rules") or ()):
            at = f"{where}.label_rules[{j}]"
            check_query(f"{at}.label", label_rule.get("label"), parse)
            check_count_range(f"{at}.count_range", label_rule.get("count_range"))
            check_conf_range(f"{at}.conf_range", label_rule.get("conf_range"))


def check_query(where: str, text: str | None, parse: Callable[[str], Any]) -> None:
    """A Lucene text (empty: none) that the query room's parser takes, else 400/19."""
    if not text or not text.strip():
        return
    try:
        parse(text)
    except Exception as exc:  # the parser's LuceneSyntaxError; anything else is a bug: re-raised
        if not hasattr(exc, "position"):
            raise
        message = getattr(exc, "message", None) or str(exc)
        raise ApiError.named("invalid_lucene_syntax", f"{where}: {message} at position {exc.position}",
                             field=where, query=text, position=exc.position, error=message) from None


def check_count_range(where: str, bounds: list[int] | None) -> None:
    """(min[, max]): each >= -1 (-1: no bound); max is -1 or >= min."""
    if not bounds:
        return
    if len(bounds) > 2 or any(b < -1 for b in bounds):
        raise _invalid(where, "count_range is [min, max] of integers >= -1", bounds)
    if len(bounds) == 2 and bounds[1] != -1 and bounds[1] < bounds[0]:
        raise _invalid(where, "count_range max must be -1 or >= min", bounds)


def check_conf_range(where: str, bounds: list[float] | None) -> None:
    """(min[, max]): each -1 (no bound) or >= 0; max is -1 or >= min."""
    if not bounds:
        return
    if len(bounds) > 2 or any(b != -1 and b < 0 for b in bounds):
        raise _invalid(where, "conf_range is [min, max] of numbers that are -1 or >= 0", bounds)
    if len(bounds) == 2 and bounds[1] != -1 and bounds[1] < bounds[0]:
        raise _invalid(where, "conf_range max must be -1 or >= min", bounds)


def _invalid(where: str, why: str, value: Any) -> ApiError:
    return ApiError.named("validation_error", f"{where}: {why}", field=where, value=value)


def references(fields: Mapping[str, Any]) -> Iterator[Reference]:
    """The datasets and versions named by the filter rules, the version entries (and the
    versions they merge with) and the mapping rules' sources of ``fields``."""
    for i, rule in enumerate(fields.get("filters") or ()):
        yield Reference(f"filters[{i}]", rule.get("dataset"), rule.get("version"))
    for i, entry in enumerate(fields.get("versions") or ()):
        yield Reference(f"versions[{i}]", entry.get("dataset"), entry.get("version"))
        if entry.get("merge_with"):
            yield Reference(f"versions[{i}].merge_with", entry.get("dataset"), entry["merge_with"])
    for i, rule in enumerate((fields.get("mapping") or {}).get("rules") or ()):
        source = rule.get("source") or {}
        yield Reference(f"mapping.rules[{i}].source", source.get("dataset"), source.get("version"))


def check_reference(ref: Reference, dataset: Mapping[str, Any] | None, version: Mapping[str, Any] | None) -> None:
    """``ref``'s dataset and version as found in the caller's company (None: not found):
    an unknown one -> 400/10 naming it; a version of another dataset -> 400/16."""
    if ref.dataset_id and dataset is None:
        raise ApiError.named("invalid_id", f"{ref.where}: dataset not found", field=ref.where, dataset=ref.dataset)
    if ref.version_id and version is None:
        raise ApiError.named("invalid_id", f"{ref.where}: version not found", field=ref.where, version=ref.version)
    if ref.dataset_id and version is not None and version.get("dataset") != ref.dataset_id:
        raise ApiError.named("fields_value_error", f"{ref.where}: the version is not of the dataset",
                             field=ref.where, dataset=ref.dataset, version=ref.version)


def writable(dataview: Mapping[str, Any], force: bool, action: str) -> None:
    """A published dataview is read only: changing or deleting it needs ``force`` (403/21)."""
    if dataview.get("status") == PUBLISHED and not force:
        raise ApiError.named("no_write_permission", f"dataview is published, use force=True to {action} it",
                             id=dataview["_id"])
