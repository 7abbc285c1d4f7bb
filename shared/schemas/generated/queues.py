"""ClearML service ``queues``: 5 seed definitions, 20 endpoints, 42 classes.

Generated from ``shared/schemas/spec`` (the data-model seed and the endpoint catalogs) by
``python -m shared.schemas.codegen``. Do not edit: hand-written refinements live in
``shared/schemas/queues.py`` and win over these models (``shared.schemas.registry``).
"""
# ruff: noqa: E501

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from shared.schemas.generated._base import GeneratedModel, GeneratedRequest, GeneratedStrictRequest
from shared.schemas.generated._common import AddOrUpdateMetadataResponse, BatchOperation, CreateResponse, Credentials, DeleteMetadataResponse, DeleteResponse, FieldFilter, FieldFilterAll, FieldFilterAny, GetAllExRequestFiltersValue, GetAllExRequestFiltersValueAll, GetAllExRequestFiltersValueAny, TaskStatusEnum, UpdateResponse  # noqa: F401


class Entry(GeneratedModel):
    """From the seed ``queues.entry``."""

    added: datetime | None = Field(None, description='Time this entry was added to the queue')
    task: str | None = Field(None, description='Queued task ID')


class MetadataItem(GeneratedModel):
    """From the seed ``queues.metadata_item``."""

    key: str | None = Field(None, description='The key uniquely identifying the metadata item inside the given entity')
    type: str | None = Field(None, description='The type of the metadata item')
    value: str | None = Field(None, description='The value stored in the metadata item')


class QueueProfileConnection(GeneratedModel):
    """From the seed ``queues.queue/profile_connection``."""

    policy: str | None = Field(None, description='Policy ID')
    policy_name: str | None = Field(None, description='Policy Name. Returned only for admins or members of the corresponding policy group')
    profile: str | None = Field(None, description='Profile ID')
    user_group: str | None = Field(None, description='Policy group')


class Queue(GeneratedModel):
    """From the seed ``queues.queue``."""

    company: str | None = Field(None, description='Company id')
    created: datetime | None = Field(None, description='Queue creation time')
    display_name: str | None = Field(None, description='Display name')
    entries: list[Entry] | None = Field(None, description='List of ordered queue entries')
    id: str | None = Field(None, description='Queue id')
    last_update: datetime | None = Field(None, description='Queue last update')
    metadata: dict[str, MetadataItem] | None = Field(None, description='Queue metadata')
    name: str | None = Field(None, description='Queue name')
    profile_connection: QueueProfileConnection | None = Field(None, description='Profile connection for policy queues')
    system_tags: list[str] | None = Field(None, description="System tags. This field is reserved for system use, please don't use it.")
    tags: list[str] | None = Field(None, description='User-defined tags')
    user: str | None = Field(None, description='Associated user id')


class QueueMetrics(GeneratedModel):
    """From the seed ``queues.queue_metrics``."""

    avg_waiting_times: list[float] | None = Field(None, description='List of average waiting times for tasks in the queue. The points correspond to the timestamps in the dates list. If more than one value exists for the given interval then the maximum value is taken.')
    dates: list[int] | None = Field(None, description='List of timestamps (in seconds from epoch) in the acceding order. The timestamps are separated by the requested interval. Timestamps where no queue status change was recorded are omitted.')
    queue: str | None = Field(None, description='ID of the queue')
    queue_lengths: list[int] | None = Field(None, description='List of tasks counts in the queue. The points correspond to the timestamps in the dates list. If more than one value exists for the given interval then the count that corresponds to the maximum average value is taken.')


class MultiFieldPatternData(GeneratedModel):
    """From the catalog definition ``queues.multi_field_pattern_data``."""

    datetime: str | None = None
    fields_: list[str] | None = Field(None, alias='fields')
    pattern: str | None = None


class AddOrUpdateMetadataRequest(GeneratedRequest):
    """``queues.add_or_update_metadata`` (API 2.13)."""

    metadata: list[MetadataItem]
    queue: str
    replace_metadata: bool | None = False


class AddTaskRequest(GeneratedRequest):
    """``queues.add_task`` (API 2.4 to 2.31)."""

    queue: str
    task: str
    update_execution_queue: bool | None = True


class AddTaskResponse(GeneratedModel):
    """``queues.add_task`` (API 2.4 to 2.31)."""

    added: Literal[0, 1] | None = None


class ClearQueueRequest(GeneratedRequest):
    """``queues.clear_queue`` (API 2.31)."""

    queue: str


class ClearQueueResponse(GeneratedModel):
    """``queues.clear_queue`` (API 2.31)."""

    removed_tasks: list[str] | None = None


class CreateRequest(GeneratedRequest):
    """``queues.create`` (API 2.4 to 2.31)."""

    display_name: str | None = None
    metadata: dict[str, MetadataItem] | None = None
    name: str
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class DeleteRequest(GeneratedRequest):
    """``queues.delete`` (API 2.4)."""

    force: bool | None = False
    queue: str


class DeleteMetadataRequest(GeneratedRequest):
    """``queues.delete_metadata`` (API 2.13)."""

    keys: list[str]
    queue: str


class GetAllRequest(GeneratedRequest):
    """``queues.get_all`` (API 2.4 to 2.21)."""

    id: list[str] | None = None
    max_task_entries: int | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllResponse(GeneratedModel):
    """``queues.get_all`` (API 2.4 to 2.21)."""

    queues: list[Queue] | None = None
    scroll_id: str | None = None


class GetAllExRequest(GeneratedRequest):
    """``queues.get_all_ex`` (API 2.4 to 2.27)."""

    filters: dict[str, GetAllExRequestFiltersValue] | None = None
    id: list[str] | None = None
    max_task_entries: int | None = None
    name: str | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(None, ge=0)
    page_size: int | None = Field(None, ge=1)
    refresh_scroll: bool | None = None
    scroll_id: str | None = None
    search_hidden: bool | None = False
    search_text: str | None = None
    size: int | None = Field(None, ge=1)
    system_tags: list[str] | None = None
    tags: list[str] | None = None


class GetAllExResponse(GetAllResponse):
    """``queues.get_all_ex`` (API 2.4 to 2.27)."""


class GetByIdRequest(GeneratedRequest):
    """``queues.get_by_id`` (API 2.4 to 2.20)."""

    max_task_entries: int | None = None
    queue: str


class GetByIdResponse(GeneratedModel):
    """``queues.get_by_id`` (API 2.4 to 2.20)."""

    queue: Queue | None = None


class GetDefaultRequest(GeneratedStrictRequest):
    """``queues.get_default`` (API 2.4)."""


class GetDefaultResponse(GeneratedModel):
    """``queues.get_default`` (API 2.4)."""

    id: str | None = None
    name: str | None = None


class GetNextTaskRequest(GeneratedRequest):
    """``queues.get_next_task`` (API 2.4 to 2.21)."""

    get_task_info: bool | None = False
    queue: str
    task: str | None = None


class GetNextTaskResponseTaskInfo(GeneratedModel):
    company: str | None = None
    user: str | None = None


class GetNextTaskResponse(GeneratedModel):
    """``queues.get_next_task`` (API 2.4 to 2.21)."""

    entry: Entry | None = None
    task_info: GetNextTaskResponseTaskInfo | None = None


class GetNumEntriesRequest(ClearQueueRequest):
    """``queues.get_num_entries`` (API 2.15)."""


class GetNumEntriesResponse(GeneratedModel):
    """``queues.get_num_entries`` (API 2.15)."""

    num: int | None = None


class GetQueueMetricsRequest(GeneratedRequest):
    """``queues.get_queue_metrics`` (API 2.4 to 2.20)."""

    from_date: float
    interval: int
    queue_ids: list[str] | None = None
    refresh: bool | None = False
    to_date: float


class GetQueueMetricsResponse(GeneratedModel):
    """``queues.get_queue_metrics`` (API 2.4 to 2.20)."""

    queues: list[QueueMetrics] | None = None


class MoveTaskBackwardRequest(GeneratedRequest):
    """``queues.move_task_backward`` (API 2.4)."""

    count: int | None = None
    queue: str
    task: str


class MoveTaskBackwardResponse(GeneratedModel):
    """``queues.move_task_backward`` (API 2.4)."""

    position: int | None = None


class MoveTaskForwardRequest(MoveTaskBackwardRequest):
    """``queues.move_task_forward`` (API 2.4)."""


class MoveTaskForwardResponse(MoveTaskBackwardResponse):
    """``queues.move_task_forward`` (API 2.4)."""


class MoveTaskToBackRequest(GeneratedRequest):
    """``queues.move_task_to_back`` (API 2.4)."""

    queue: str
    task: str


class MoveTaskToBackResponse(MoveTaskBackwardResponse):
    """``queues.move_task_to_back`` (API 2.4)."""


class MoveTaskToFrontRequest(MoveTaskToBackRequest):
    """``queues.move_task_to_front`` (API 2.4)."""


class MoveTaskToFrontResponse(MoveTaskBackwardResponse):
    """``queues.move_task_to_front`` (API 2.4)."""


class PeekTaskRequest(ClearQueueRequest):
    """``queues.peek_task`` (API 2.15)."""


class PeekTaskResponse(GeneratedModel):
    """``queues.peek_task`` (API 2.15)."""

    task: str | None = None


class RemoveTaskRequest(GeneratedRequest):
    """``queues.remove_task`` (API 2.4 to 2.31)."""

    queue: str
    task: str
    update_task_status: bool | None = False


class RemoveTaskResponse(GeneratedModel):
    """``queues.remove_task`` (API 2.4 to 2.31)."""

    removed: Literal[0, 1] | None = None


class UpdateRequest(GeneratedRequest):
    """``queues.update`` (API 2.4 to 2.31)."""

    display_name: str | None = None
    metadata: dict[str, MetadataItem] | None = None
    name: str | None = None
    queue: str
    system_tags: list[str] | None = None
    tags: list[str] | None = None


# Seed definition (``svc.name``, nested ``svc.name/field``) -> class or type.
DEFINITIONS: dict[str, Any] = {
    'queues.entry': Entry,
    'queues.metadata_item': MetadataItem,
    'queues.queue': Queue,
    'queues.queue/profile_connection': QueueProfileConnection,
    'queues.queue_metrics': QueueMetrics,
}

REQUESTS: dict[str, Any] = {
    'queues.add_or_update_metadata': AddOrUpdateMetadataRequest,
    'queues.add_task': AddTaskRequest,
    'queues.clear_queue': ClearQueueRequest,
    'queues.create': CreateRequest,
    'queues.delete': DeleteRequest,
    'queues.delete_metadata': DeleteMetadataRequest,
    'queues.get_all': GetAllRequest,
    'queues.get_all_ex': GetAllExRequest,
    'queues.get_by_id': GetByIdRequest,
    'queues.get_default': GetDefaultRequest,
    'queues.get_next_task': GetNextTaskRequest,
    'queues.get_num_entries': GetNumEntriesRequest,
    'queues.get_queue_metrics': GetQueueMetricsRequest,
    'queues.move_task_backward': MoveTaskBackwardRequest,
    'queues.move_task_forward': MoveTaskForwardRequest,
    'queues.move_task_to_back': MoveTaskToBackRequest,
    'queues.move_task_to_front': MoveTaskToFrontRequest,
    'queues.peek_task': PeekTaskRequest,
    'queues.remove_task': RemoveTaskRequest,
    'queues.update': UpdateRequest,
}

RESPONSES: dict[str, Any] = {
    'queues.add_or_update_metadata': AddOrUpdateMetadataResponse,
    'queues.add_task': AddTaskResponse,
    'queues.clear_queue': ClearQueueResponse,
    'queues.create': CreateResponse,
    'queues.delete': DeleteResponse,
    'queues.delete_metadata': DeleteMetadataResponse,
    'queues.get_all': GetAllResponse,
    'queues.get_all_ex': GetAllExResponse,
    'queues.get_by_id': GetByIdResponse,
    'queues.get_default': GetDefaultResponse,
    'queues.get_next_task': GetNextTaskResponse,
    'queues.get_num_entries': GetNumEntriesResponse,
    'queues.get_queue_metrics': GetQueueMetricsResponse,
    'queues.move_task_backward': MoveTaskBackwardResponse,
    'queues.move_task_forward': MoveTaskForwardResponse,
    'queues.move_task_to_back': MoveTaskToBackResponse,
    'queues.move_task_to_front': MoveTaskToFrontResponse,
    'queues.peek_task': PeekTaskResponse,
    'queues.remove_task': RemoveTaskResponse,
    'queues.update': UpdateResponse,
}
