"""Requests of ClearML's ``tasks`` status endpoints (section 6 of CLEARML_BEHAVIOR): the
status changes, ``stop``/``reset``/``publish``/``archive``/``delete``, ``ping`` and the
``*_many`` batch variants. Fields follow ``spec/endpoints.json`` (newest version)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.schemas.base import Request
from shared.schemas.generated import tasks as generated
from shared.schemas.generated.tasks import PingRequest


class _StatusChange(Request):
    """Fields every status change takes."""

    task: str
    force: bool = False
    status_reason: str | None = None
    status_message: str | None = None


class StartedRequest(_StatusChange, generated.StartedRequest):
    """``tasks.started``: -> in_progress. Answers ``{updated, started, fields}``.
    Refines the catalog's ``StartedRequest``: ``force`` refuses null."""


class StoppedRequest(_StatusChange, generated.StoppedRequest):
    """``tasks.stopped``: -> stopped (sets ``completed``).
    Refines the catalog's ``StoppedRequest``: ``force`` refuses null."""


class FailedRequest(_StatusChange, generated.FailedRequest):
    """``tasks.failed``: -> failed (sets ``completed``).
    Refines the catalog's ``FailedRequest``: ``force`` refuses null."""


class CompletedRequest(_StatusChange, generated.CompletedRequest):
    """``tasks.completed``: -> completed, then published with ``publish``.
    Refines the catalog's ``CompletedRequest``: ``force`` and ``publish`` refuse null."""

    publish: bool = False


class CloseRequest(_StatusChange, generated.CloseRequest):
    """``tasks.close``: -> closed.
    Refines the catalog's ``CloseRequest``: ``force`` refuses null."""


class StopRequest(_StatusChange, generated.StopRequest):
    """``tasks.stop``: a user's stop: at once for queued/development/silent tasks, else the
    running task is asked to stop (``status_message = "stopping"``).
    Refines the catalog's ``StopRequest``: ``force`` and ``include_pipeline_steps`` refuse null."""

    include_pipeline_steps: bool = False


class ResetRequest(_StatusChange, generated.ResetRequest):
    """``tasks.reset``: -> created, run results cleared (``clear_all``: script and execution too).
    Refines the catalog's ``ResetRequest``: ``clear_all``, ``delete_external_artifacts`` and
    ``force`` refuse null."""

    clear_all: bool = False
    delete_external_artifacts: bool = True


class PublishRequest(_StatusChange, generated.PublishRequest):
    """``tasks.publish``: -> published.
    Refines the catalog's ``PublishRequest``: ``force`` refuses null."""


class ArchiveRequest(generated.ArchiveRequest):
    """``tasks.archive``: add the ``archived`` system tag to each task. Answers ``{archived}``.
    Refines the catalog's ``ArchiveRequest``: ``include_pipeline_steps`` refuses null; ``tasks``
    must not be empty (400/12)."""

    tasks: list[str] = Field(min_length=1)
    include_pipeline_steps: bool = False


class DeleteRequest(generated.DeleteRequest):
    """``tasks.delete``: only ``created`` or archived tasks unless ``force``.
    Refines the catalog's ``DeleteRequest``: ``delete_external_artifacts``, ``force``,
    ``include_pipeline_steps`` and ``move_to_trash`` refuse null."""

    force: bool = False
    move_to_trash: bool = False
    include_pipeline_steps: bool = False
    delete_external_artifacts: bool = True


class _Many(Request):
    """A ``*_many`` batch: the same action on each id; answers ``{succeeded, failed}``."""

    ids: list[str] = Field(min_length=1)
    status_reason: str | None = None
    status_message: str | None = None
    include_pipeline_steps: bool = False


class _ForcedMany(_Many):
    force: bool = False


class StopManyRequest(_ForcedMany, generated.StopManyRequest):
    """``tasks.stop_many``.
    Refines the catalog's ``StopManyRequest``: ``force`` and ``include_pipeline_steps`` refuse
    null; ``ids`` must not be empty."""


class ResetManyRequest(_ForcedMany, generated.ResetManyRequest):
    """``tasks.reset_many``.
    Refines the catalog's ``ResetManyRequest``: ``clear_all``, ``delete_external_artifacts`` and
    ``force`` refuse null; ``ids`` must not be empty; also takes ``status_reason``,
    ``status_message`` and ``include_pipeline_steps`` (not in the newest catalog)."""

    clear_all: bool = False
    delete_external_artifacts: bool = True


class PublishManyRequest(_ForcedMany, generated.PublishManyRequest):
    """``tasks.publish_many``.
    Refines the catalog's ``PublishManyRequest``: ``force`` refuses null; ``ids`` must not be
    empty; also takes ``include_pipeline_steps`` (not in the newest catalog)."""


class ArchiveManyRequest(_Many, generated.ArchiveManyRequest):
    """``tasks.archive_many``.
    Refines the catalog's ``ArchiveManyRequest``: ``include_pipeline_steps`` refuses null; ``ids``
    must not be empty."""


class UnarchiveManyRequest(_Many, generated.UnarchiveManyRequest):
    """``tasks.unarchive_many``.
    Refines the catalog's ``UnarchiveManyRequest``: ``include_pipeline_steps`` refuses null;
    ``ids`` must not be empty."""


class DeleteManyRequest(_ForcedMany, generated.DeleteManyRequest):
    """``tasks.delete_many``.
    Refines the catalog's ``DeleteManyRequest``: ``delete_external_artifacts``, ``force``,
    ``include_pipeline_steps`` and ``move_to_trash`` refuse null; ``ids`` must not be empty; also
    takes ``status_reason`` and ``status_message`` (not in the newest catalog)."""

    move_to_trash: bool = False
    delete_external_artifacts: bool = True


REQUESTS: dict[str, type[BaseModel]] = {
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
