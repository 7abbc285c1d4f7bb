"""Requests of ClearML's ``models`` service (the part Cairn implements so far). Fields follow
``spec/endpoints.json`` (newest version of each endpoint)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from shared.schemas.base import Model, Request
from shared.schemas.projects import ContentFilters, FieldFilter, ListFilter, MakePublicRequest, Paging


class _ModelFields(Request):
    comment: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    framework: str | None = None
    design: dict[str, Any] | None = None
    labels: dict[str, int] | None = None
    project: str | None = None
    parent: str | None = None
    task: str | None = None


class CreateRequest(_ModelFields):
    """``models.create``: answers ``{id, created: true}``."""

    name: str
    uri: str
    ready: bool = True  # clearml-server's request class default (its schema text says false)
    public: bool = False
    ui_cache: dict[str, Any] | None = None
    # by key (clearml-server's request class) or a list of items (the SDK's schema): both taken
    metadata: dict[str, MetadataItem] | list[MetadataItem] | None = None


class EditRequest(_ModelFields):
    """``models.edit``: answers ``{updated, fields}``."""

    model: str
    name: str | None = None
    uri: str | None = None
    ready: bool | None = None
    iteration: int | None = None


class UpdateRequest(Request):
    """``models.update``: answers ``{updated, fields}``."""

    model: str
    name: str | None = None
    comment: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    project: str | None = None
    task: str | None = None
    ready: bool | None = None
    iteration: int | None = None
    ui_cache: dict[str, Any] | None = None


class UpdateForTaskRequest(Request):
    """``models.update_for_task``: a new output model of ``task`` from ``uri``, or
    ``override_model_id`` as its output. Answers ``{id, created, updated, fields}``."""

    task: str
    uri: str | None = None
    name: str | None = None
    comment: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    override_model_id: str | None = None
    iteration: int | None = None


class GetByIdRequest(Request):
    """``models.get_by_id``: clearml-server reads it as a ``get_all`` query, so
    ``only_fields`` applies."""

    model: str
    only_fields: list[str] | None = None


class GetAllRequest(ContentFilters, Paging):
    """``models.get_all``: list filters as in ``tasks.get_all`` (a single value is a one-item
    list); ``name`` and ``comment`` are regexes."""

    task: ListFilter = None
    framework: ListFilter = None
    uri: ListFilter = None
    parent: ListFilter = None
    comment: str | None = None
    ready: bool | None = None
    last_update: list[str] | str | None = None  # the SDK's schema allows a single string


class GetAllExRequest(GetAllRequest):
    """``models.get_all_ex``: ``get_all`` plus ``filters`` per list field (they replace the
    plain filter of the same field), ``allow_public`` (false: the company's own only) and
    ``include_stats`` (``stats: {labels_count}`` per model)."""

    allow_public: bool = True
    include_stats: bool = False
    filters: dict[str, FieldFilter] | None = None


class GetByIdExRequest(GetAllRequest):
    """``models.get_by_id_ex``: ``get_all`` filters, ``id`` required (400/11 without)."""


class MoveRequest(Request):
    """``models.move``: models into ``project`` (id; null: no project) or ``project_name``
    (got or created). Answers ``{project_id}``."""

    ids: list[str]
    project: str | None = None
    project_name: str | None = None


class UpdateTagsRequest(Request):
    """``models.update_tags``: add then remove user tags of the caller's models; ``{updated}``."""

    ids: list[str] | None = None
    add_tags: list[str] | None = None
    remove_tags: list[str] | None = None


class SetReadyRequest(Request):
    """``models.set_ready``: publish the model (and its task with ``publish_task``)."""

    model: str
    publish_task: bool = True
    force_publish_task: bool = False


class DeleteRequest(Request):
    """``models.delete``: a model used as a task's input needs ``force``."""

    model: str
    force: bool = False
    delete_external_artifacts: bool = True  # false: the model's file stays


class IdsRequest(Request):
    """``models.archive_many`` / ``unarchive_many``."""

    ids: list[str] = Field(min_length=1)


class DeleteManyRequest(IdsRequest):
    """``models.delete_many``: ``delete`` for each id."""

    force: bool = False
    delete_external_artifacts: bool = True


class PublishManyRequest(IdsRequest):
    """``models.publish_many``: ``set_ready`` for each id. clearml-server's request class reads
    ``publish_task`` (its schema text's ``publish_tasks`` is ignored)."""

    publish_task: bool = True
    force_publish_task: bool = False


class GetByTaskIdRequest(Request):
    """``models.get_by_task_id``: the task's newest model (``task`` is optional in the
    catalog; without it -> 400/11)."""

    task: str | None = None


class MetadataItem(Model):
    """One metadata entry: clearml-server requires all three parts (400/12)."""

    key: str
    type: str
    value: str


class AddOrUpdateMetadataRequest(Request):
    """``models.add_or_update_metadata``: at least one item. ``{updated}``."""

    model: str
    metadata: list[MetadataItem] = Field(min_length=1)
    replace_metadata: bool = False


class DeleteMetadataRequest(Request):
    """``models.delete_metadata``: at least one key. ``{updated}``."""

    model: str
    keys: list[str] = Field(min_length=1)


class GetFrameworksRequest(Request):
    """``models.get_frameworks``: the frameworks used (in ``projects``)."""

    projects: list[str] | None = None


REQUESTS: dict[str, type[Request]] = {
    "models.create": CreateRequest,
    "models.edit": EditRequest,
    "models.update": UpdateRequest,
    "models.update_for_task": UpdateForTaskRequest,
    "models.get_by_id": GetByIdRequest,
    "models.get_all": GetAllRequest,
    "models.set_ready": SetReadyRequest,
    "models.delete": DeleteRequest,
    "models.archive_many": IdsRequest,
    "models.unarchive_many": IdsRequest,
    "models.add_or_update_metadata": AddOrUpdateMetadataRequest,
    "models.delete_metadata": DeleteMetadataRequest,
    "models.get_frameworks": GetFrameworksRequest,
    "models.delete_many": DeleteManyRequest,
    "models.publish_many": PublishManyRequest,
    "models.get_by_task_id": GetByTaskIdRequest,
    "models.get_all_ex": GetAllExRequest,
    "models.get_by_id_ex": GetByIdExRequest,
    "models.move": MoveRequest,
    "models.update_tags": UpdateTagsRequest,
    "models.make_public": MakePublicRequest,
    "models.make_private": MakePublicRequest,
}
