"""Pure rules of dataview documents: what ``dataviews.create`` and ``dataviews.update`` check
in filter rules (weights, what the query room compiles, the datasets and versions they name)
and the document a new dataview is. No store, broker or schema library here: the request
arrives as plain dicts (ClearML's field names), the query room's compiler is passed in."""

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


def check_rules(fields: Mapping[str, Any], compile_rule: Callable[..., Any]) -> None:
    """Every filter rule of ``fields`` well formed: a weight >= 0 (400/12), and what the
    iteration room will run, the query room's ``compile_rule(rule, index=i)``, accepts it
    (it raises ClearML's errors naming the rule: 400/19 for Lucene that does not parse, with
    the parser's position and message; 400/12 for a bad ``count_range``/``conf_range``;
    400/21 for a regular expression that could stall). So a dataview that is stored can be
    iterated."""
    for i, rule in enumerate(fields.get("filters") or ()):
        if rule.get("weight") is not None and rule["weight"] < 0:
            raise ApiError.named("validation_error", f"filters[{i}].weight: weight must be >= 0",
                                 rule=i, field="weight", value=rule["weight"])
        compile_rule(rule, index=i)


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
    an unknown one -> 400/10 naming it; a version of another dataset -> 400/16 (the general
    ClearML codes the versions room answers too: Enterprise's own are not public)."""
    if ref.dataset_id and dataset is None:
        raise ApiError.named("invalid_id", f"{ref.where}: invalid dataset id", field=ref.where, dataset=ref.dataset)
    if ref.version_id and version is None:
        raise ApiError.named("invalid_id", f"{ref.where}: invalid dataset version id", field=ref.where, version=ref.version)
    if ref.dataset_id and version is not None and version.get("dataset") != ref.dataset_id:
        raise ApiError.named("fields_value_error", f"{ref.where}: the version is not of the dataset",
                             field=ref.where, dataset=ref.dataset, version=ref.version)


def writable(dataview: Mapping[str, Any], force: bool, action: str) -> None:
    """A published dataview is read only: changing or deleting it needs ``force``. ClearML
    Enterprise's own subcode is not public: 400/16, as the versions room answers a write to a
    published version."""
    if dataview.get("status") == PUBLISHED and not force:
        raise ApiError.named("fields_value_error", f"dataview is published, use force=True to {action} it",
                             id=dataview["_id"], status=PUBLISHED)
