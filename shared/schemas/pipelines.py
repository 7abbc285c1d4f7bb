"""Requests of ClearML's ``pipelines`` service (the part Cairn implements so far)."""

from __future__ import annotations

from pydantic import Field

from shared.schemas.base import Request


class DeleteRunsRequest(Request):
    """``pipelines.delete_runs``: delete runs (controller tasks) of a pipeline project; the
    last run may not go (400/160). Answers ``{succeeded, failed}``."""

    project: str
    ids: list[str] = Field(min_length=1)


REQUESTS: dict[str, type[Request]] = {"pipelines.delete_runs": DeleteRunsRequest}
