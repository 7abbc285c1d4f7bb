"""Requests of ClearML's ``reports`` service: a report is a task of type ``report`` (markdown
in ``report``, files in ``report_assets``) kept in the hidden ``<project>/.reports`` project."""

from __future__ import annotations

from typing import Literal

from shared.schemas.base import Request
from shared.schemas.tasks import GetAllExRequest as TasksGetAllExRequest


class CreateRequest(Request):
    """``reports.create``: answers ``{id, project_id}`` (the ``.reports`` project)."""

    name: str
    comment: str | None = None
    tags: list[str] | None = None
    project: str | None = None
    report: str | None = None
    report_assets: list[str] | None = None


class UpdateRequest(Request):
    """``reports.update``: a published report is locked (400/110). ``{updated, fields}``."""

    task: str
    name: str | None = None
    comment: str | None = None
    tags: list[str] | None = None
    report: str | None = None
    report_assets: list[str] | None = None


class ReportRequest(Request):
    """``reports.publish`` / ``archive`` / ``unarchive``."""

    task: str
    comment: str | None = None


class DeleteRequest(Request):
    """``reports.delete``: only an archived report unless ``force``."""

    task: str
    force: bool = False


class MoveRequest(Request):
    """``reports.move``: into ``<project>/.reports``; ``{project_id}``."""

    task: str
    project: str | None = None
    project_name: str | None = None


class GetTagsRequest(Request):
    """``reports.get_tags``: the tags of the company's reports."""


class GetAllExRequest(TasksGetAllExRequest):
    """``reports.get_all_ex``: reports; ``project`` names the projects whose reports to list."""

    status: list[Literal["created", "published"]] | None = None  # type: ignore[assignment]


REQUESTS: dict[str, type[Request]] = {
    "reports.create": CreateRequest,
    "reports.update": UpdateRequest,
    "reports.publish": ReportRequest,
    "reports.archive": ReportRequest,
    "reports.unarchive": ReportRequest,
    "reports.delete": DeleteRequest,
    "reports.move": MoveRequest,
    "reports.get_tags": GetTagsRequest,
    "reports.get_all_ex": GetAllExRequest,
}
