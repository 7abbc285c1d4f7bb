"""Requests of ClearML's ``projects`` service (the part Cairn implements so far).

Field names, types and required flags follow the endpoint catalog (``spec/endpoints.json``,
newest version of each endpoint). Unknown fields are ignored (``Request``); a field of the
wrong type is a validation error (400/12), a missing required one 400/11.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from shared.schemas.generated._common import MakePrivateRequest, MakePublicRequest
from shared.schemas.generated.projects import (
    CreateRequest,
    GetByIdRequest,
    MergeRequest,
    MoveRequest,
    UpdateRequest,
    ValidateDeleteRequest,
)
from shared.schemas.base import Model, Request
from shared.schemas.generated import projects as generated


def _one_item_list(value: Any) -> Any:
    """A single value where a list is expected is a one-item list, as in ClearML."""
    return value if value is None or isinstance(value, list) else [value]


# A ``get_all`` list filter (ClearML's "list fields"): values, ``-value`` / ``__$not`` /
# ``__$all`` / ``__$any`` operators and ``null`` (matches a missing or empty field). A single
# value is a one-item list. The items are checked where the filter is translated
# (``services.tasks.store.queries``): a non-string is 400/16 there, as in ClearML.
ListFilter = Annotated[list[Any] | None, BeforeValidator(_one_item_list)]


class MultiFieldPatternData(Model):
    """``multi_field_pattern_data``: ``_any_`` / ``_all_`` filters of ``get_all``: the
    ``pattern`` (a case-insensitive regular expression) or the ``datetime`` condition (as the
    date filters take it: ``">=2024-01-01"``, a list of such, or a ``[from, to]`` range) must
    hold for any / all of ``fields``. Exactly one of ``pattern`` and ``datetime`` (400/16
    otherwise, as in ClearML)."""

    pattern: str | None = None
    fields: list[str] | None = None
    datetime: list[str | None] | str | None = None


class FilterPart(Request):
    """``include`` / ``exclude`` values of a ``filters`` entry (``null`` matches an empty field).
    Another key is 400/12, as in ClearML."""

    model_config = ConfigDict(extra="forbid")

    include: list[str | None] | None = None
    exclude: list[str | None] | None = None


class FieldFilter(Request):
    """One field of ``get_all_ex``'s ``filters``: has ``any`` of / lacks any of (``any``), has
    ``all`` of / lacks all of (``all``); ``op`` joins the two parts. Another key is 400/12, as
    in ClearML."""

    model_config = ConfigDict(extra="forbid")

    any: FilterPart | None = None
    all: FilterPart | None = None
    op: Literal["and", "or"] = "and"


class EntityFilters(Request):
    """The filters every ``get_all`` of projects, tasks and models takes (``name`` is a
    regular expression; list filters accept ``-value`` and the ``__$not`` / ``__$all`` /
    ``__$any`` operators), with the fields to return and their order."""

    id: ListFilter = None
    name: str | None = None
    tags: ListFilter = None
    system_tags: ListFilter = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    search_hidden: bool = False
    search_text: str | None = None
    any_: MultiFieldPatternData | None = Field(default=None, alias="_any_")
    all_: MultiFieldPatternData | None = Field(default=None, alias="_all_")


class ContentFilters(EntityFilters):
    """The filters of what projects hold (tasks, models): by project and owner."""

    project: ListFilter = None
    include_subprojects: bool = False
    user: ListFilter = None


class Paging(Request):
    """A ``get_all`` page: ``page`` / ``page_size``, or ``size`` entities after ``scroll_id``."""

    page: int | None = Field(default=None, ge=0)
    page_size: int | None = Field(default=None, ge=1)
    scroll_id: str | None = None
    refresh_scroll: bool | None = None
    size: int | None = Field(default=None, ge=1)


class GetAllRequest(EntityFilters, Paging, generated.GetAllRequest):
    """``projects.get_all``: projects matching the filters; ``basename`` and ``description``
    are regular expressions too; ``parent`` selects the projects below the given ones, at any
    depth, or only directly with ``shallow_search`` (which alone selects the top-level
    projects). Answers ``{"projects": [...]}``.
    Refines the catalog's ``GetAllRequest``: ``search_hidden`` and ``shallow_search`` refuse null;
    the list filters ``id``, ``system_tags`` and ``tags`` take one value as a one-item list
    (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``;
    also takes ``parent`` (not in the newest catalog)."""

    parent: list[str | None] | None = None
    shallow_search: bool = False


class GetAllExRequest(GetAllRequest, generated.GetAllExRequest):
    """``projects.get_all_ex``: ``get_all``, and with ``include_stats`` the task statistics
    per project (``stats_for_state``: active, archived or both when null;
    ``stats_with_children``: every sub-project's tasks count too, and are listed in
    ``sub_projects``); ``check_own_contents`` adds ``own_tasks``/``own_models``;
    ``include_dataset_stats`` adds ``dataset_stats``. ``children_type``, ``children_tags``
    (``children_tags_filter``) and ``active_users`` select the projects holding such children
    (``services.tasks.projects.selection``); ``include_stats_filter`` narrows the counted tasks.
    ``allow_public`` when given wins over the legacy ``non_public``.
    Refines the catalog's ``GetAllExRequest``: ``allow_public``, ``check_own_contents``,
    ``include_dataset_stats``, ``include_stats``, ``non_public``, ``search_hidden``,
    ``shallow_search`` and ``stats_with_children`` refuse null; the list filters ``id``,
    ``system_tags`` and ``tags`` take one value as a one-item list (``ListFilter``); ``_all_`` and
    ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``; ``children_tags_filter`` and
    ``filters`` are parsed as Cairn's ``FieldFilter``; also takes ``parent`` (not in the newest
    catalog)."""

    include_stats: bool = False
    stats_with_children: bool = True
    check_own_contents: bool = False
    non_public: bool = False
    allow_public: bool = True
    include_dataset_stats: bool = False
    children_tags_filter: FieldFilter | None = None
    filters: dict[str, FieldFilter] | None = None


class DeleteRequest(generated.DeleteRequest):
    """``projects.delete``: refuses while non-archived tasks or models remain unless
    ``force``; ``delete_contents`` deletes them, else they lose their project.
    Refines the catalog's ``DeleteRequest``: ``delete_contents``, ``delete_external_artifacts``
    and ``force`` refuse null; ``delete_contents`` defaults to false (catalog: null)."""

    force: bool = False
    delete_contents: bool = False
    delete_external_artifacts: bool = True


class TagsRequest(generated.GetTaskTagsRequest, generated.GetModelTagsRequest):
    """``projects.get_task_tags`` / ``get_model_tags``: the tags used by tasks or models in
    ``projects`` (and their sub-projects; all when empty); ``filter`` narrows by
    ``tags``/``system_tags`` list filters. Answers ``{tags, system_tags?}``.
    Refines the catalog's ``GetModelTagsRequest``: ``include_system`` refuses null; ``filter`` is
    typed ``dict[str, list[str]] | None``."""

    include_system: bool = False
    filter: dict[str, list[str]] | None = None


class TaskParentsRequest(generated.GetTaskParentsRequest):
    """``projects.get_task_parents``: the parents of the tasks in ``projects`` (tasks of every
    state unless ``tasks_state`` is given: clearml-server's request class has no default).
    Refines the catalog's ``GetTaskParentsRequest``: ``include_subprojects`` refuses null;
    ``tasks_state`` defaults to null (catalog: 'active')."""

    include_subprojects: bool = True
    tasks_state: Literal["active", "archived"] | None = None


class HyperParametersRequest(generated.GetHyperParametersRequest):
    """``projects.get_hyper_parameters``: the (section, name) pairs the project's tasks use
    (without ``project``: every project's, or only tasks without one when not
    ``include_subprojects``).
    Refines the catalog's ``GetHyperParametersRequest``: ``include_subprojects``, ``page`` and
    ``page_size`` refuse null; ``project`` is optional."""

    project: str | None = None
    include_subprojects: bool = True
    page: int = 0
    page_size: int = 500


class MetricVariantsRequest(generated.GetUniqueMetricVariantsRequest):
    """``projects.get_unique_metric_variants``: the metric/variant pairs reported by the
    tasks (or models with ``model_metrics``) of ``project`` or of ``ids``.
    Refines the catalog's ``GetUniqueMetricVariantsRequest``: ``include_subprojects`` and
    ``model_metrics`` refuse null."""

    include_subprojects: bool = True
    model_metrics: bool = False


class ModelMetadataKeysRequest(generated.GetModelMetadataKeysRequest):
    """``projects.get_model_metadata_keys``: ``{keys, total, remaining}`` of the project's
    models' metadata (every project's without ``project``), sorted and paged.
    Refines the catalog's ``GetModelMetadataKeysRequest``: ``include_subprojects``, ``page`` and
    ``page_size`` refuse null; ``project`` is optional."""

    project: str | None = None
    include_subprojects: bool = True
    page: int = 0  # clearml-server takes a negative page as the first, a page_size below 1 as 1
    page_size: int = 500


class ModelMetadataValuesRequest(generated.GetModelMetadataValuesRequest):
    """``projects.get_model_metadata_values``: ``{total, values}`` of metadata ``key``.
    Refines the catalog's ``GetModelMetadataValuesRequest``: ``include_subprojects``, ``page`` and
    ``page_size`` refuse null."""

    include_subprojects: bool = True
    page: int = 0  # clearml-server takes a negative page as the first, a page_size below 1 as 1
    page_size: int = 500


class ProjectTagsFilter(Request):
    tags: list[str] | None = None
    system_tags: list[str] | None = None


class ProjectTagsRequest(generated.GetProjectTagsRequest):
    """``projects.get_project_tags``: the tags of the projects themselves (``projects`` and
    their sub-projects; all when empty). Answers ``{tags, system_tags?}``.
    Refines the catalog's ``GetProjectTagsRequest``: ``include_system`` refuses null; ``filter``
    is parsed as Cairn's ``ProjectTagsFilter``."""

    include_system: bool = False
    filter: ProjectTagsFilter | None = None


class UserNamesRequest(generated.GetUserNamesRequest):
    """``projects.get_user_names``: ``{users: [{id, name}]}`` of the owners of the tasks (or
    models) in ``projects``.
    Refines the catalog's ``GetUserNamesRequest``: ``include_subprojects`` refuses null;
    ``entity`` is typed ``Literal['task', 'model']``."""

    include_subprojects: bool = True
    entity: Literal["task", "model"] = "task"


class HyperparamValuesRequest(generated.GetHyperparamValuesRequest):
    """``projects.get_hyperparam_values``: ``{total, values}`` of hyper-parameter
    ``section``/``name`` over the tasks of ``projects`` (``pattern``: a case-insensitive
    regular expression the values must match).
    Refines the catalog's ``GetHyperparamValuesRequest``: ``include_subprojects``, ``page`` and
    ``page_size`` refuse null."""

    include_subprojects: bool = True
    page: int = 0  # clearml-server takes a negative page as the first, a page_size below 1 as 1
    page_size: int = 500


REQUESTS: dict[str, type[BaseModel]] = {
    "projects.create": CreateRequest,
    "projects.get_by_id": GetByIdRequest,
    "projects.get_all": GetAllRequest,
    "projects.get_all_ex": GetAllExRequest,
    "projects.get_task_tags": TagsRequest,
    "projects.get_model_tags": TagsRequest,
    "projects.get_task_parents": TaskParentsRequest,
    "projects.get_hyper_parameters": HyperParametersRequest,
    "projects.get_unique_metric_variants": MetricVariantsRequest,
    "projects.update": UpdateRequest,
    "projects.move": MoveRequest,
    "projects.merge": MergeRequest,
    "projects.validate_delete": ValidateDeleteRequest,
    "projects.delete": DeleteRequest,
    "projects.make_public": MakePublicRequest,
    "projects.make_private": MakePrivateRequest,
    "projects.get_model_metadata_keys": ModelMetadataKeysRequest,
    "projects.get_model_metadata_values": ModelMetadataValuesRequest,
    "projects.get_project_tags": ProjectTagsRequest,
    "projects.get_user_names": UserNamesRequest,
    "projects.get_hyperparam_values": HyperparamValuesRequest,
}
