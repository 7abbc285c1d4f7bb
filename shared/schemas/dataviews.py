"""Requests of ClearML's ``dataviews`` service (Hyper-Datasets, Enterprise) where Cairn refines
the catalog's: only ``dataviews.get_all``, whose list filters take a single value as ClearML's
list filters do. Every other endpoint uses its generated model."""

from __future__ import annotations

from shared.schemas.generated import dataviews as generated
from shared.schemas.projects import EntityFilters, ListFilter, Paging


class GetAllRequest(EntityFilters, Paging, generated.GetAllRequest):
    """``dataviews.get_all``: the company's (and public) dataviews matching the filters;
    ``name`` is a regular expression; ``order_by``, ``only_fields``, pages or scrolls as every
    ``get_all``. Answers ``{"dataviews": [...]}`` (and ``scroll_id`` when scrolling).
    Refines the catalog's ``GetAllRequest``: the list filters ``id``, ``project``,
    ``system_tags``, ``tags``, ``user`` and ``output_rois`` take one value as a one-item list
    (``ListFilter``); ``_all_`` and ``_any_`` are parsed as Cairn's ``MultiFieldPatternData``;
    also takes ``search_hidden`` (no dataview is hidden: it changes nothing)."""

    project: ListFilter = None
    user: ListFilter = None
    output_rois: ListFilter = None


REQUESTS = {"dataviews.get_all": GetAllRequest}
