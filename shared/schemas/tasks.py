"""Requests of ClearML's ``tasks`` service (the part Cairn implements so far), and the
nested task definitions they carry.

Field names, types and required flags follow the endpoint catalog (``spec/endpoints.json``,
newest version of each endpoint) and the ``tasks`` definitions (``spec/definitions.json``).
Nested objects keep fields the catalog does not list (``Model``): newer clients send them and
read them back. Request bodies ignore unknown top-level fields (``Request``).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.schemas.base import Model, Request
from shared.schemas.generated import tasks as generated
from shared.schemas.generated._common import MakePrivateRequest, MakePublicRequest
from shared.schemas.generated.tasks import GetByIdRequest
from shared.schemas.projects import ContentFilters, FieldFilter, ListFilter, Paging


class TaskTypeEnum(str, Enum):
    """``task_type_enum``."""

    training = "training"
    testing = "testing"
    inference = "inference"
    data_processing = "data_processing"
    application = "application"
    monitor = "monitor"
    controller = "controller"
    optimizer = "optimizer"
    service = "service"
    qc = "qc"
    custom = "custom"


class TaskStatusEnum(str, Enum):
    """``task_status_enum``."""

    created = "created"
    queued = "queued"
    in_progress = "in_progress"
    stopped = "stopped"
    published = "published"
    publishing = "publishing"
    closed = "closed"
    failed = "failed"
    completed = "completed"
    unknown = "unknown"


class ArtifactTypeData(Model):
    """``artifact_type_data``."""

    preview: str | None = None
    content_type: str | None = None
    data_hash: str | None = None


class Artifact(Model):
    """``artifact``: one entry of ``execution.artifacts``."""

    key: str
    type: str
    mode: Literal["input", "output"] | None = None  # ``artifact_mode_enum``
    uri: str | None = None
    hash: str | None = None
    content_size: int | None = None
    timestamp: int | None = None
    type_data: ArtifactTypeData | None = None
    display_data: list[list[str]] | None = None


class Execution(Model):
    """``execution``: how the task runs (legacy ``parameters``, ``queue``, artifacts...)."""

    queue: str | None = None
    parameters: dict[str, Any] | None = None
    model: str | None = None
    model_desc: dict[str, Any] | None = None
    model_labels: dict[str, int] | None = None
    framework: str | None = None
    docker_cmd: str | None = None
    artifacts: list[Artifact] | None = None


class Script(Model):
    """``script``: where the task's code comes from."""

    binary: str | None = None
    repository: str | None = None
    tag: str | None = None
    branch: str | None = None
    version_num: str | None = None
    entry_point: str | None = None
    working_dir: str | None = None
    requirements: dict[str, Any] | None = None
    diff: str | None = None


class ConfigurationItem(Model):
    """``configuration_item``: one named configuration object of a task."""

    name: str | None = None
    value: str | None = None
    type: str | None = None
    description: str | None = None


class ParamsItem(Model):
    """``params_item``: one hyper-parameter of a section."""

    section: str | None = None
    name: str | None = None
    value: str | None = None
    type: str | None = None
    description: str | None = None


class TaskModelItem(Model):
    """``task_model_item``: a model the task uses or produced."""

    model: str
    name: str


class TaskModels(Model):
    """``task_models``: input and output models."""

    input: list[TaskModelItem] | None = None
    output: list[TaskModelItem] | None = None


# ``section_params``: parameter name -> item; hyperparams: section name -> section_params.
SectionParams = dict[str, ParamsItem]


class _TaskFields(Request):
    """The task fields ``tasks.create`` and ``tasks.edit`` share (all optional here)."""

    comment: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    project: str | None = None
    parent: str | None = None
    output_dest: str | None = None
    script: Script | None = None
    execution: Execution | None = None
    configuration: dict[str, ConfigurationItem] | None = None
    hyperparams: dict[str, SectionParams] | None = None
    container: dict[str, str] | None = None
    models: TaskModels | None = None
    runtime: dict[str, Any] | None = None


class CreateRequest(_TaskFields, generated.CreateRequest):
    """``tasks.create``: a new task in status ``created``. Answers ``{"id"}``. ``type`` takes
    the open-source catalog's types only (the generated enum, from the Enterprise seed, has
    more).
    Refines the catalog's ``CreateRequest``: ``configuration`` is parsed as Cairn's
    ``ConfigurationItem``; ``execution`` is parsed as Cairn's ``Execution``; ``hyperparams`` is
    parsed as Cairn's ``ParamsItem``; ``models`` is parsed as Cairn's ``TaskModels``; ``script``
    is parsed as Cairn's ``Script``; ``type`` is parsed as Cairn's ``TaskTypeEnum``."""

    type: TaskTypeEnum


class ValidateRequest(_TaskFields, generated.ValidateRequest):
    """``tasks.validate``: a ``tasks.create`` definition checked, not stored. ``type`` takes
    the catalog's (wider) enum; a type ``tasks.create`` refuses is answered 400/12.
    Refines the catalog's ``ValidateRequest``: ``configuration`` is parsed as Cairn's
    ``ConfigurationItem``; ``execution`` is parsed as Cairn's ``Execution``; ``hyperparams`` is
    parsed as Cairn's ``ParamsItem``; ``models`` is parsed as Cairn's ``TaskModels``; ``script``
    is parsed as Cairn's ``Script``."""


class EditRequest(_TaskFields, generated.EditRequest):
    """``tasks.edit``: change a task's fields; only a ``created`` task unless ``force``.
    Answers ``{"updated": 0|1, "fields": {...}}``.
    Refines the catalog's ``EditRequest``: ``force`` refuses null; ``configuration`` is parsed as
    Cairn's ``ConfigurationItem``; ``execution`` is parsed as Cairn's ``Execution``;
    ``hyperparams`` is parsed as Cairn's ``ParamsItem``; ``models`` is parsed as Cairn's
    ``TaskModels``; ``script`` is parsed as Cairn's ``Script``; ``type`` is parsed as Cairn's
    ``TaskTypeEnum``; also takes ``status``."""

    force: bool = False
    type: TaskTypeEnum | None = None
    status: str | None = None  # set as given, without the state machine (clearml-server's edit)


class TaskFilters(ContentFilters):
    """The filters of tasks (``tasks.get_all``, ``reports.get_task_data``), as ClearML's task
    query options name them: list filters (``ListFilter``: ``status``, ``type``, ``parent``,
    and the dotted ``execution.queue``, ``models.input.model``, ``hyperparams.<section>.<name>.*``),
    regular expressions (``name``, ``comment``, ``report``), ranges ``[min, max]`` with an open
    end as ``null`` (``created``, ``started``, ``active_duration``, ``last_iteration``,
    ``last_metrics.*``), dates with an optional ``>=``/``>``/``<=``/``<`` prefix
    (``status_changed``, ``last_update``, ``last_change``) and equality (``runtime.*``). The
    dotted names are kept as extra fields (``model_extra``) and translated by
    ``services.tasks.store.queries``; other unknown fields are ignored, as ClearML ignores them.
    Status values are not checked: an unknown one matches nothing, as in ClearML."""

    model_config = ConfigDict(extra="allow")

    status: ListFilter = None
    type: ListFilter = None
    parent: ListFilter = None
    comment: str | None = None
    report: str | None = None
    created: Any = None
    started: Any = None
    active_duration: Any = None
    last_iteration: Any = None
    status_changed: ListFilter = None
    last_update: ListFilter = None
    last_change: ListFilter = None


class GetAllRequest(TaskFilters, Paging, generated.GetByIdExRequest, generated.GetAllRequest):
    """``tasks.get_all``: tasks matching the filters (``TaskFilters``), a page of them.
    Answers ``{"tasks": [...]}``.
    Refines the catalog's ``GetAllRequest``: ``include_subprojects`` and ``search_hidden`` refuse
    null; the list filters ``id``, ``parent``, ``project``, ``status``, ``status_changed``,
    ``system_tags``, ``tags``, ``type`` and ``user`` take one value as a one-item list
    (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``;
    also takes ``comment``, ``report``, ``created``, ``started``, ``active_duration``,
    ``last_iteration``, ``last_update`` and ``last_change`` (not in the newest catalog); unknown
    fields kept (the dotted filter fields)."""

    model_config = ConfigDict(extra="allow")  # the dotted filter fields (``TaskFilters``)


class GetAllExRequest(GetAllRequest, generated.GetAllExRequest):
    """``tasks.get_all_ex``: ``get_all`` plus ``allow_public`` and ``filters``
    (``services.tasks.store.filters``).
    Refines the catalog's ``GetAllExRequest``: ``allow_public``, ``include_subprojects`` and
    ``search_hidden`` refuse null; the list filters ``id``, ``parent``, ``project``, ``status``,
    ``status_changed``, ``system_tags``, ``tags``, ``type`` and ``user`` take one value as a
    one-item list (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's
    ``MultiFieldPatternData``; ``filters`` is parsed as Cairn's ``FieldFilter``; also takes
    ``comment``, ``report``, ``created``, ``started``, ``active_duration``, ``last_iteration``,
    ``last_update`` and ``last_change`` (not in the newest catalog); unknown fields kept (the
    dotted filter fields)."""

    model_config = ConfigDict(extra="allow")  # as ``GetAllRequest`` (the generated base ignores)

    allow_public: bool = True
    filters: dict[str, FieldFilter] | None = None


class MakeTasksPublicRequest(MakePublicRequest):
    """``tasks.make_public``: at least one id (400/12 otherwise), as clearml-server's request
    asks (its list field defaults to empty: a missing one too).
    Refines the catalog's ``MakePublicRequest``: ``ids`` must not be empty."""

    ids: list[str] = Field(default_factory=list, min_length=1, validate_default=True)


class MakeTasksPrivateRequest(MakePrivateRequest):
    """``tasks.make_private``: as ``MakeTasksPublicRequest``.
    Refines the catalog's ``MakePrivateRequest``: ``ids`` must not be empty."""

    ids: list[str] = Field(default_factory=list, min_length=1, validate_default=True)


REQUESTS: dict[str, type[BaseModel]] = {
    "tasks.create": CreateRequest,
    "tasks.get_all_ex": GetAllExRequest,
    "tasks.get_by_id_ex": GetAllRequest,
    "tasks.get_by_id": GetByIdRequest,
    "tasks.get_all": GetAllRequest,
    "tasks.edit": EditRequest,
    "tasks.validate": ValidateRequest,
    "tasks.make_public": MakeTasksPublicRequest,
    "tasks.make_private": MakeTasksPrivateRequest,
}
