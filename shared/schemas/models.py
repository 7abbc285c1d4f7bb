"""Requests of ClearML's ``models`` service (the part Cairn implements so far). Fields follow
``spec/endpoints.json`` (newest version of each endpoint)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared.schemas.base import Model, Request
from shared.schemas.generated import models as generated
from shared.schemas.generated._common import MakePrivateRequest, MakePublicRequest, MoveRequest, UpdateTagsRequest
from shared.schemas.generated.models import (
    EditRequest,
    GetByTaskIdRequest,
    GetFrameworksRequest,
    UpdateForTaskRequest,
)
from shared.schemas.projects import ContentFilters, FieldFilter, ListFilter, Paging


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


class CreateRequest(_ModelFields, generated.CreateRequest):
    """``models.create``: answers ``{id, created: true}``.
    Refines the catalog's ``CreateRequest``: ``public`` and ``ready`` refuse null; ``ready``
    defaults to true (catalog: false)."""

    ready: bool = True  # clearml-server's request class default (its schema text says false)
    public: bool = False
    ui_cache: dict[str, Any] | None = None
    # by key (clearml-server's request class) or a list of items (the SDK's schema): both taken
    metadata: dict[str, MetadataItem] | list[MetadataItem] | None = None


class UpdateRequest(generated.UpdateRequest):
    """``models.update``: answers ``{updated, fields}``. ``ready`` has no default (the
    catalog's false would publish nothing but would be stored); ``created`` is not changed by
    an update in Cairn: taken and dropped as any unknown field.
    Refines the catalog's ``UpdateRequest``: ``ready`` defaults to null (catalog: false);
    ``created`` takes any value."""

    ready: bool | None = None
    created: Any = Field(default=None, exclude=True)


class GetByIdRequest(generated.GetByIdRequest):
    """``models.get_by_id``: clearml-server reads it as a ``get_all`` query, so
    ``only_fields`` applies.
    Refines the catalog's ``GetByIdRequest``: also takes ``only_fields``."""

    only_fields: list[str] | None = None


class GetAllRequest(ContentFilters, Paging, generated.GetAllRequest):
    """``models.get_all``: list filters as in ``tasks.get_all`` (a single value is a one-item
    list); ``name`` and ``comment`` are regexes.
    Refines the catalog's ``GetAllRequest``: ``include_subprojects`` refuses null; the list
    filters ``framework``, ``id``, ``project``, ``system_tags``, ``tags``, ``task``, ``uri`` and
    ``user`` take one value as a one-item list (``ListFilter``); ``_all_`` and ``_any_`` are
    parsed as Cairn's ``MultiFieldPatternData``; also takes ``search_hidden``, ``parent`` and
    ``comment`` (not in the newest catalog)."""

    task: ListFilter = None
    framework: ListFilter = None
    uri: ListFilter = None
    parent: ListFilter = None
    comment: str | None = None


class GetAllExRequest(GetAllRequest, generated.GetAllExRequest):
    """``models.get_all_ex``: ``get_all`` plus ``filters`` per list field (they replace the
    plain filter of the same field), ``allow_public`` (false: the company's own only) and
    ``include_stats`` (``stats: {labels_count}`` per model).
    Refines the catalog's ``GetAllExRequest``: ``allow_public``, ``include_stats`` and
    ``include_subprojects`` refuse null; the list filters ``framework``, ``id``, ``project``,
    ``system_tags``, ``tags``, ``task``, ``uri`` and ``user`` take one value as a one-item list
    (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``;
    ``filters`` is parsed as Cairn's ``FieldFilter``; ``last_update`` is typed ``list[str] | str |
    None``; also takes ``search_hidden``, ``parent`` and ``comment`` (not in the newest catalog)."""

    allow_public: bool = True
    include_stats: bool = False
    filters: dict[str, FieldFilter] | None = None


class GetByIdExRequest(GetAllRequest, generated.GetByIdExRequest):
    """``models.get_by_id_ex``: ``get_all`` filters, ``id`` required (400/11 without).
    Refines the catalog's ``GetByIdExRequest``: the list filters ``framework``, ``id``,
    ``project``, ``system_tags``, ``tags``, ``task``, ``uri`` and ``user`` take one value as a
    one-item list (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's
    ``MultiFieldPatternData``; ``last_update`` is typed ``list[str] | str | None``; also takes
    ``include_subprojects``, ``refresh_scroll``, ``scroll_id``, ``size``, ``search_hidden``,
    ``parent`` and ``comment`` (not in the newest catalog)."""


class SetReadyRequest(generated.SetReadyRequest):
    """``models.set_ready``: publish the model (and its task with ``publish_task``).
    Refines the catalog's ``SetReadyRequest``: ``force_publish_task`` and ``publish_task`` refuse
    null; ``force_publish_task`` defaults to false (catalog: null); ``publish_task`` defaults to
    true (catalog: null)."""

    publish_task: bool = True
    force_publish_task: bool = False


class DeleteRequest(generated.DeleteRequest):
    """``models.delete``: a model used as a task's input needs ``force``.
    Refines the catalog's ``DeleteRequest``: ``force`` refuses null; ``force`` defaults to false
    (catalog: null)."""

    force: bool = False
    delete_external_artifacts: bool = True  # false: the model's file stays


class IdsRequest(generated.UnarchiveManyRequest):
    """``models.archive_many`` / ``unarchive_many``.
    Refines the catalog's ``UnarchiveManyRequest``: ``ids`` must not be empty."""

    ids: list[str] = Field(min_length=1)


class DeleteManyRequest(IdsRequest, generated.DeleteManyRequest):
    """``models.delete_many``: ``delete`` for each id.
    Refines the catalog's ``DeleteManyRequest``: ``force`` refuses null; ``force`` defaults to
    false (catalog: null); ``ids`` must not be empty."""

    force: bool = False
    delete_external_artifacts: bool = True


class PublishManyRequest(IdsRequest, generated.PublishManyRequest):
    """``models.publish_many``: ``set_ready`` for each id.
    Refines the catalog's ``PublishManyRequest``: clearml-server's request class reads
    ``publish_task`` (default true; the catalog's ``publish_tasks`` is taken and ignored);
    ``force_publish_task`` refuses null and defaults to false (catalog: null); ``ids`` must
    not be empty."""

    publish_task: bool = True
    force_publish_task: bool = False


class MetadataItem(Model):
    """One metadata entry: clearml-server requires all three parts (400/12)."""

    key: str
    type: str
    value: str


class AddOrUpdateMetadataRequest(generated.AddOrUpdateMetadataRequest):
    """``models.add_or_update_metadata``: at least one item. ``{updated}``.
    Refines the catalog's ``AddOrUpdateMetadataRequest``: ``replace_metadata`` refuses null;
    ``metadata`` is parsed as Cairn's ``MetadataItem`` and must not be empty."""

    metadata: list[MetadataItem] = Field(min_length=1)
    replace_metadata: bool = False


class DeleteMetadataRequest(generated.DeleteMetadataRequest):
    """``models.delete_metadata``: at least one key. ``{updated}``.
    Refines the catalog's ``DeleteMetadataRequest``: ``keys`` must not be empty."""

    keys: list[str] = Field(min_length=1)


REQUESTS: dict[str, type[BaseModel]] = {
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
    # ``task`` is optional in the catalog; the use case answers 400/11 without it.
    "models.get_by_task_id": GetByTaskIdRequest,
    "models.get_all_ex": GetAllExRequest,
    "models.get_by_id_ex": GetByIdExRequest,
    "models.move": MoveRequest,
    "models.update_tags": UpdateTagsRequest,
    "models.make_public": MakePublicRequest,
    "models.make_private": MakePrivateRequest,
}
