"""ClearML service ``pipelines``: 0 seed definitions, 3 endpoints, 12 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/pipelines.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest
from shared.schemas.generated._common import BatchOperation, Credentials, FieldFilter, FieldFilterAll, FieldFilterAny, MetadataItem, TaskStatusEnum  # noqa: F401


class MultiFieldPatternData(GeneratedModel):
    """From the catalog definition ``pipelines.multi_field_pattern_data``."""

    datetime: str | None = None
    fields_: list[str] | None = Field(None, alias='fields')
    pattern: str | None = None


class DeleteRunsRequest(GeneratedRequest):
    """``pipelines.delete_runs`` (API 2.26)."""

    ids: list[str]
    project: str


class DeleteRunsResponseFailedItemError(GeneratedModel):
    codes: list[int] | None = None
    data: dict[str, Any] | None = None
    msg: str | None = None


class DeleteRunsResponseFailedItem(GeneratedModel):
    error: DeleteRunsResponseFailedItemError | None = None
    id: str | None = None


class DeleteRunsResponseSucceededItem(GeneratedModel):
    deleted: bool | None = None
    deleted_models: int | None = None
    id: str | None = None
    updated_children: int | None = None
    updated_models: int | None = None


class DeleteRunsResponse(GeneratedModel):
    """``pipelines.delete_runs`` (API 2.26)."""

    failed: list[DeleteRunsResponseFailedItem] | None = None
    succeeded: list[DeleteRunsResponseSucceededItem] | None = None


class StartPipelineRequestArgsItem(GeneratedModel):
    name: str | None = None
    value: str | None = None


class StartPipelineRequest(GeneratedRequest):
    """``pipelines.start_pipeline`` (API 2.17 to 2.28)."""

    args: list[StartPipelineRequestArgsItem] | None = None
    queue: str | None = None
    task: str
    verify_watched_queue: bool | None = False


class StartPipelineResponse(GeneratedModel):
    """``pipelines.start_pipeline`` (API 2.17 to 2.28)."""

    enqueued: bool | None = None
    pipeline: str | None = None
    queue_watched: bool | None = None


class CheckNewRunRequest(GeneratedRequest):
    """``pipelines.check_new_run``."""

    new_pipeline_name: str | None = None
    new_project_name: str
    task: str


class CheckNewRunResponseExistingProject(GeneratedModel):
    id: str | None = None
    name: str | None = None


class CheckNewRunResponse(GeneratedModel):
    """``pipelines.check_new_run``."""

    existing_project: CheckNewRunResponseExistingProject | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
}

REQUESTS: dict[str, Any] = {
    'pipelines.delete_runs': DeleteRunsRequest,
    'pipelines.start_pipeline': StartPipelineRequest,
    'pipelines.check_new_run': CheckNewRunRequest,
}

RESPONSES: dict[str, Any] = {
    'pipelines.delete_runs': DeleteRunsResponse,
    'pipelines.start_pipeline': StartPipelineResponse,
    'pipelines.check_new_run': CheckNewRunResponse,
}
