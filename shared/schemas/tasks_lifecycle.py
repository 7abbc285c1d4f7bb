"""Requests of ClearML's ``tasks`` status endpoints (section 6 of CLEARML_BEHAVIOR): the
status changes, ``stop``/``reset``/``publish``/``archive``/``delete``, ``ping`` and the
``*_many`` batch variants. Fields follow ``spec/endpoints.json`` (newest version)."""

from __future__ import annotations

from pydantic import Field

from shared.schemas.base import Request


class _StatusChange(Request):
    """Fields every status change takes."""

    task: str
    force: bool = False
    status_reason: str | None = None
    status_message: str | None = None


class StartedRequest(_StatusChange):
    """``tasks.started``: -> in_progress. Answers ``{updated, started, fields}``."""


class StoppedRequest(_StatusChange):
    """``tasks.stopped``: -> stopped (sets ``completed``)."""


class FailedRequest(_StatusChange):
    """``tasks.failed``: -> failed (sets ``completed``)."""


class CompletedRequest(_StatusChange):
    """``tasks.completed``: -> completed, then published with ``publish``."""

    publish: bool = False


class CloseRequest(_StatusChange):
    """``tasks.close``: -> closed."""


class StopRequest(_StatusChange):
    """``tasks.stop``: a user's stop: at once for queued/development/silent tasks, else the
    running task is asked to stop (``status_message = "stopping"``)."""

    include_pipeline_steps: bool = False


class ResetRequest(_StatusChange):
    """``tasks.reset``: -> created, run results cleared (``clear_all``: script and execution too)."""

    clear_all: bool = False
    delete_external_artifacts: bool = True
    delete_output_models: bool | None = None
    return_file_urls: bool | None = None


class PublishRequest(_StatusChange):
    """``tasks.publish``: -> published."""

    publish_model: bool | None = None


class PingRequest(Request):
    """``tasks.ping``: the task is alive (refreshes ``last_update``). Answers ``{}``."""

    task: str


class ArchiveRequest(Request):
    """``tasks.archive``: add the ``archived`` system tag to each task. Answers ``{archived}``."""

    tasks: list[str] = Field(min_length=1)
    include_pipeline_steps: bool = False
    status_reason: str | None = None
    status_message: str | None = None


class DeleteRequest(Request):
    """``tasks.delete``: only ``created`` or archived tasks unless ``force``."""

    task: str
    force: bool = False
    move_to_trash: bool = False
    include_pipeline_steps: bool = False
    delete_external_artifacts: bool = True
    delete_output_models: bool | None = None
    return_file_urls: bool | None = None
    status_reason: str | None = None
    status_message: str | None = None


class _Many(Request):
    """A ``*_many`` batch: the same action on each id; answers ``{succeeded, failed}``."""

    ids: list[str] = Field(min_length=1)
    status_reason: str | None = None
    status_message: str | None = None
    include_pipeline_steps: bool = False


class _ForcedMany(_Many):
    force: bool = False


class StopManyRequest(_ForcedMany):
    """``tasks.stop_many``."""


class ResetManyRequest(_ForcedMany):
    """``tasks.reset_many``."""

    clear_all: bool = False
    delete_external_artifacts: bool = True
    delete_output_models: bool | None = None
    return_file_urls: bool | None = None


class PublishManyRequest(_ForcedMany):
    """``tasks.publish_many``."""

    publish_model: bool | None = None


class ArchiveManyRequest(_Many):
    """``tasks.archive_many``."""


class UnarchiveManyRequest(_Many):
    """``tasks.unarchive_many``."""


class DeleteManyRequest(_ForcedMany):
    """``tasks.delete_many``."""

    move_to_trash: bool = False
    delete_external_artifacts: bool = True
    delete_output_models: bool | None = None
    return_file_urls: bool | None = None


REQUESTS: dict[str, type[Request]] = {
    "tasks.started": StartedRequest,
    "tasks.stopped": StoppedRequest,
    "tasks.failed": FailedRequest,
    "tasks.completed": CompletedRequest,
    "tasks.close": CloseRequest,
    "tasks.stop": StopRequest,
    "tasks.stop_many": StopManyRequest,
    "tasks.reset": ResetRequest,
    "tasks.reset_many": ResetManyRequest,
    "tasks.publish": PublishRequest,
    "tasks.publish_many": PublishManyRequest,
    "tasks.ping": PingRequest,
    "tasks.archive": ArchiveRequest,
    "tasks.archive_many": ArchiveManyRequest,
    "tasks.unarchive_many": UnarchiveManyRequest,
    "tasks.delete": DeleteRequest,
    "tasks.delete_many": DeleteManyRequest,
}
