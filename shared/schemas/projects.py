"""Requests of ClearML's ``projects`` service (the part Cairn implements so far).

Field names, types and required flags follow the endpoint catalog (``spec/endpoints.json``,
newest version of each endpoint). Unknown fields are ignored (``Request``); a field of the
wrong type is a validation error (400/12), a missing required one 400/11.
"""

from __future__ import annotations

from pydantic import Field

from shared.schemas.base import Model, Request


class MultiFieldPatternData(Model):
    """``multi_field_pattern_data``: ``_any_`` / ``_all_`` filters of ``get_all``: the
    ``pattern`` (a regular expression) must match any / all of ``fields``."""

    pattern: str | None = None
    fields: list[str] | None = None
    datetime: str | None = None


class CreateRequest(Request):
    """``projects.create``: a new project; ``name`` may be a ``/``-separated path whose
    missing parent projects are created too. Answers ``{"id"}``."""

    name: str
    description: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    default_output_destination: str | None = None


class GetByIdRequest(Request):
    """``projects.get_by_id``: one project of the caller's company (or a public one)."""

    project: str


class GetAllRequest(Request):
    """``projects.get_all``: projects matching the filters. ``name``, ``basename`` and
    ``description`` are regular expressions; list filters accept ``-value`` and the
    ``__$not`` / ``__$all`` / ``__$any`` operators. Answers ``{"projects": [...]}``."""

    id: list[str] | None = None
    name: str | None = None
    basename: str | None = None
    description: str | None = None
    tags: list[str] | None = None
    system_tags: list[str] | None = None
    only_fields: list[str] | None = None
    order_by: list[str] | None = None
    page: int | None = Field(default=None, ge=0)
    page_size: int | None = Field(default=None, ge=1)
    search_hidden: bool = False
    shallow_search: bool = False
    search_text: str | None = None
    scroll_id: str | None = None
    refresh_scroll: bool | None = None
    size: int | None = Field(default=None, ge=1)
    any_: MultiFieldPatternData | None = Field(default=None, alias="_any_")
    all_: MultiFieldPatternData | None = Field(default=None, alias="_all_")


REQUESTS: dict[str, type[Request]] = {
    "projects.create": CreateRequest,
    "projects.get_by_id": GetByIdRequest,
    "projects.get_all": GetAllRequest,
}
