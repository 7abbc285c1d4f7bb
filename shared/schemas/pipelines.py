"""Requests of ClearML's ``pipelines`` service (the part Cairn implements so far)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.schemas.base import Request
from shared.schemas.generated import pipelines as generated


class DeleteRunsRequest(generated.DeleteRunsRequest):
    """``pipelines.delete_runs``: delete runs (controller tasks) of a pipeline project; the
    last run may not go (400/160). Answers ``{succeeded, failed}``.
    Refines the catalog's ``DeleteRunsRequest``: ``ids`` must not be empty."""

    ids: list[str] = Field(min_length=1)


class PipelineArg(Request):
    """One argument of ``pipelines.start_pipeline``: set as hyper-parameter ``Args/<name>``
    (an argument without a name is ignored)."""

    name: str | None = None
    value: str | None = None


class StartPipelineRequest(generated.StartPipelineRequest):
    """``pipelines.start_pipeline``: clone the pipeline controller task ``task``, set ``args``
    as its ``Args`` hyper-parameters and enqueue the clone (to ``queue``, else the default
    queue). Answers ``{pipeline, enqueued}``.
    Refines the catalog's ``StartPipelineRequest``: ``verify_watched_queue`` refuses null;
    ``args`` is parsed as Cairn's ``PipelineArg``."""

    args: list[PipelineArg] | None = None
    verify_watched_queue: bool = False


REQUESTS: dict[str, type[BaseModel]] = {
    "pipelines.delete_runs": DeleteRunsRequest,
    "pipelines.start_pipeline": StartPipelineRequest,
}
