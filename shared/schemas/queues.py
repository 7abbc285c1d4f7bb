"""Requests of ClearML's ``queues`` service (the endpoints Cairn implements), and the internal
RPC requests the tasks service sends to the queues process (``tasks.enqueue`` / ``dequeue``).

The generated models (``shared.schemas.generated.queues``) already carry the catalog's fields;
the refinements here add the reference server's defaults and bounds.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.schemas.generated import queues as generated


class MoveTaskRequest(generated.MoveTaskForwardRequest):
    """``queues.move_task_forward`` / ``move_task_backward``: move ``task`` by ``count``
    positions (default 1) towards the front / the back of ``queue``; answers ``{"position"}``.
    Any count is taken, as clearml-server does: 0 stays, a negative one moves the other way.
    Refines the catalog's ``MoveTaskBackwardRequest``: ``count`` refuses null; ``count`` defaults
    to 1 (catalog: null)."""

    count: int = 1


class ListFilterPart(BaseModel):
    """The ``any`` or ``all`` part of a ``filters.<field>``: values to include and to exclude
    (``null``: an empty list)."""

    model_config = ConfigDict(extra="forbid")

    include: list[str | None] = []
    exclude: list[str | None] = []


class ListFilter(BaseModel):
    """``filters.<field>`` of a listing: only ``any``, ``all`` and ``op`` (else 400/12, as
    clearml-server's parser refuses them)."""

    model_config = ConfigDict(extra="forbid")

    any: ListFilterPart | None = None
    all: ListFilterPart | None = None
    op: Literal["and", "or"] = "and"


class GetAllRequest(generated.GetAllExRequest, generated.GetAllRequest):
    """``queues.get_all`` / ``queues.get_all_ex``: queues matching the filters; ``name`` is a
    regular expression, ``tags``/``system_tags`` accept ``-tag`` and ``__$not``/``__$all``/
    ``__$any``; a single value stands for a one-item list; ``filters`` (``any``/``all``/``op``
    per field) on ``id``, ``tags`` and ``system_tags`` replace those fields' plain filters; pages of at most 500 (also when
    no ``page_size`` is given); hidden queues only with ``search_hidden``, an ``id`` or a ``name``;
    ``max_task_entries`` caps the returned entries of each queue.
    Refines the catalog's ``GetAllExRequest``: ``max_task_entries`` is at least 0; ``filters`` is
    parsed as Cairn's ``ListFilter``; own validators ``_one_value_is_a_list``."""

    max_task_entries: int | None = Field(default=None, ge=0)
    filters: dict[str, ListFilter] | None = None  # type: ignore[assignment]

    @field_validator("id", "tags", "system_tags", "order_by", mode="before")
    @classmethod
    def _one_value_is_a_list(cls, value: Any) -> Any:
        """clearml-server takes a single value where its query lists are expected."""
        return [value] if isinstance(value, str) else value


class GetQueueMetricsRequest(generated.GetQueueMetricsRequest):
    """``queues.get_queue_metrics``: dates at least 0 and an interval of at least 1 second
    (else 400/12); hidden queues only with ``search_hidden`` (which the reference server
    reads from the request although its schema does not list it), also when named in
    ``queue_ids``.
    Refines the catalog's ``GetQueueMetricsRequest``: ``from_date`` is at least 0; ``interval`` is
    at least 1; ``to_date`` is at least 0; also takes ``search_hidden`` (not in the newest
    catalog)."""

    from_date: float = Field(ge=0)
    to_date: float = Field(ge=0)
    interval: int = Field(ge=1)
    search_hidden: bool = False


REQUESTS: dict[str, type[BaseModel]] = {
    "queues.create": generated.CreateRequest,
    "queues.get_by_id": generated.GetByIdRequest,
    "queues.get_all": GetAllRequest,
    "queues.get_all_ex": GetAllRequest,
    "queues.get_default": generated.GetDefaultRequest,
    "queues.update": generated.UpdateRequest,
    "queues.delete": generated.DeleteRequest,
    "queues.add_task": generated.AddTaskRequest,
    "queues.get_next_task": generated.GetNextTaskRequest,
    "queues.remove_task": generated.RemoveTaskRequest,
    "queues.move_task_forward": MoveTaskRequest,
    "queues.move_task_backward": MoveTaskRequest,
    "queues.move_task_to_front": generated.MoveTaskToFrontRequest,
    "queues.move_task_to_back": generated.MoveTaskToBackRequest,
    "queues.peek_task": generated.PeekTaskRequest,
    "queues.get_num_entries": generated.GetNumEntriesRequest,
    "queues.clear_queue": generated.ClearQueueRequest,
    "queues.add_or_update_metadata": generated.AddOrUpdateMetadataRequest,
    "queues.delete_metadata": generated.DeleteMetadataRequest,
    "queues.get_queue_metrics": GetQueueMetricsRequest,
}


class JoinedTask(BaseModel):
    """A queue entry's task in ``queues.get_all_ex``: ClearML joins the task document, so
    the entry carries ``{id, name}`` instead of the id alone (the catalog's ``entry``
    schema, shared with ``get_by_id``, still says string)."""

    id: str | None = None
    name: str | None = None


class EntryEx(generated.Entry):
    task: JoinedTask | None = None  # type: ignore[assignment]


class QueueEx(generated.Queue):
    entries: list[EntryEx] | None = None  # type: ignore[assignment]
    workers: list[dict] | None = None


class GetAllExResponse(generated.GetAllExResponse):
    """``queues.get_all_ex``: queues with joined entry tasks and their listening ``workers``."""

    queues: list[QueueEx] | None = None  # type: ignore[assignment]


RESPONSES: dict[str, type[BaseModel]] = {"queues.get_all_ex": GetAllExResponse}


class _Internal(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EnqueueRequest(_Internal):
    """``internal.enqueue`` (called by the tasks service for ``tasks.enqueue``): put ``task`` at
    the end of the queue given by id, else by ``queue_name`` (created when missing), else the
    company's default queue, after removing it from every other queue of the company.
    ``task_user`` (the task's owner) is kept with the entry for ``get_next_task``'s
    ``task_info``, ``task_name`` for the task names of ``queues.get_all_ex`` and
    ``workers.get_all``. Answers ``{"queue": id}``; already in that queue -> 400/706."""

    task: str = Field(min_length=1)
    queue: str | None = None
    queue_name: str | None = None
    task_user: str | None = None
    task_name: str | None = None


class DequeueRequest(_Internal):
    """``internal.dequeue`` (for ``tasks.dequeue``, ``tasks.stop``, ``tasks.reset`` ...): remove
    ``task`` from every queue of the company. Answers ``{"removed": <how many queues it left>}``."""

    task: str = Field(min_length=1)


class QueueNamesRequest(_Internal):
    """``internal.queue_names`` (for the tasks service's ``*_ex`` reads, ``execution.queue.name``):
    the names of the queues ``ids`` of the caller's company and the public ones. Answers
    ``{"names": {id: name}}`` (unknown ids left out)."""

    ids: list[str] = Field(default_factory=list)


INTERNAL_REQUESTS: dict[str, type[BaseModel]] = {
    "internal.enqueue": EnqueueRequest,
    "internal.dequeue": DequeueRequest,
    "internal.queue_names": QueueNamesRequest,
}
