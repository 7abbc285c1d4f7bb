"""``reports.get_task_data``: the tasks (or models) a report's widget selects, with their
events data. The tasks come from ``tasks.get_all_ex`` (``models.get_all`` with
``model_events``); the events from the events process over Kafka RPC, called as the caller
(so it checks the caller may read them): ``events.scalar_metrics_iter_histogram`` and
``events.get_task_plots`` per task, ``events.plots`` (plots of the last iterations of each
task, ``last_iters_per_task_metric`` false), ``events.debug_images`` and
``events.get_task_single_value_metrics`` for all tasks at once.

Answer shapes (CLEARML_BEHAVIOR section 10, the reference server's multi-task forms):

- ``scalar_metrics_iter_histogram``: ``{metric: {variant: {task id: {name: task name, x, y}}}}``;
- ``plots``: ``{metric: {variant: {task id: {iteration: {name: task name, plots: [events]}}}}}``;
- ``debug_images``: ``[{task, iterations: [{iter, events}]}]`` (as ``events.debug_images``);
- ``single_value_metrics``: ``[{task, task_name, values: [{metric, variant, value, timestamp}]}]``.

Choice where ClearML was unclear: ``size`` limits how many tasks are taken (the first page
in ``order_by`` order; 500 at most), not a scroll.
"""

from __future__ import annotations

from typing import Any

from services.tasks import domain
from services.tasks.store.queries import MAX_PAGE_SIZE, model_query
from services.tasks.store.repository import ModelRepository
from services.tasks.events_port import EventsPort
from services.tasks.tasks.service import TaskService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import models as models_api
from shared.schemas import reports as api
from shared.schemas import tasks as tasks_api

EVENT_PARTS = ("debug_images", "plots", "scalar_metrics_iter_histogram", "single_value_metrics", "model_events")
_MODEL_FIELDS = ("id", "name", "tags", "system_tags", "project", "include_subprojects", "user", "only_fields",
                 "order_by", "search_text", "_any_", "_all_")


def _metrics(part: Any) -> list[dict[str, Any]] | None:
    return [m.model_dump(exclude_none=True) for m in part.metrics] if part.metrics else None


class TaskDataService:
    """``reports.get_task_data``."""

    def __init__(self, task_service: TaskService, models: ModelRepository, events: EventsPort) -> None:
        self._task_service = task_service
        self._models = models
        self._events = events

    async def get_task_data(self, identity: Identity, request: api.GetTaskDataRequest) -> dict[str, Any]:
        """``reports.get_task_data``: see the module docstring. Answers ``{tasks}`` plus each
        part asked for."""
        entities = await self._entities(identity, request)
        names = {e["id"]: e.get("name") for e in entities}
        out: dict[str, Any] = {"tasks": entities}
        ids = list(names)
        if request.scalar_metrics_iter_histogram is not None:
            out["scalar_metrics_iter_histogram"] = await self._scalars(identity, request, names)
        if request.plots is not None:
            out["plots"] = await self._plots(identity, request, names)
        if request.debug_images is not None:
            out["debug_images"] = await self._debug_images(identity, request, ids)
        if request.single_value_metrics is not None:
            out["single_value_metrics"] = await self._single_values(identity, request, names)
        return out

    async def _entities(self, identity: Identity, request: api.GetTaskDataRequest) -> list[dict[str, Any]]:
        """The selected tasks (``tasks.get_all_ex``) or models (``model_events``), API form."""
        body = request.model_dump(by_alias=True, exclude_none=True, exclude=set(EVENT_PARTS) | {"size"})
        body["page_size"] = min(request.size or MAX_PAGE_SIZE, MAX_PAGE_SIZE)
        if only := body.get("only_fields"):
            body["only_fields"] = list(dict.fromkeys([*only, "name"]))
        if not request.model_events:
            tasks = tasks_api.GetAllExRequest.model_validate(body)
            return (await self._task_service.get_all_ex(identity, tasks))["tasks"]
        models = models_api.GetAllRequest.model_validate(
            {k: v for k, v in body.items() if k in _MODEL_FIELDS or k == "page_size"})
        docs = await self._models.find(model_query(identity.company, models))
        if not request.allow_public:
            docs = [d for d in docs if d.get("company") == identity.company]
        return [domain.to_api(doc) for doc in docs]

    async def _scalars(self, identity: Identity, request, names: dict[str, Any]) -> dict[str, Any]:
        part = request.scalar_metrics_iter_histogram
        out: dict[str, Any] = {}
        for task, name in names.items():
            payload = {"task": task, "key": part.key, "samples": part.samples, "metrics": _metrics(part),
                       "model_events": request.model_events}
            found = await self._events.read(identity, "events.scalar_metrics_iter_histogram", _clean(payload))
            for metric, variants in (found or {}).items():
                for variant, series in variants.items():
                    entry = {"name": name, "x": series.get("x", []), "y": series.get("y", [])}
                    out.setdefault(metric, {}).setdefault(variant, {})[task] = entry
        return out

    async def _plots(self, identity: Identity, request, names: dict[str, Any]) -> dict[str, Any]:
        part = request.plots
        events: list[dict[str, Any]] = []
        if part.last_iters_per_task_metric:
            for task in names:
                payload = {"task": task, "iters": part.iters, "metrics": _metrics(part),
                           "model_events": request.model_events}
                found = await self._events.read(identity, "events.get_task_plots", _clean(payload))
                events.extend(found.get("plots") or [])
        elif names:
            payload = {"metrics": _task_metrics(list(names), _metrics(part)), "iters": part.iters,
                       "model_events": request.model_events}
            found = await self._events.read(identity, "events.plots", _clean(payload))
            events.extend(e for item in found.get("metrics") or [] for i in item.get("iterations") or []
                          for e in i.get("events") or [])
        return _group_plots(events, names)

    async def _debug_images(self, identity: Identity, request, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        part = request.debug_images
        payload = {"metrics": _task_metrics(ids, _metrics(part)), "iters": part.iters,
                   "model_events": request.model_events}
        found = await self._events.read(identity, "events.debug_images", _clean(payload))
        return list(found.get("metrics") or [])

    async def _single_values(self, identity: Identity, request, names: dict[str, Any]) -> list[dict[str, Any]]:
        if not names:
            return []
        payload = {"tasks": list(names), "model_events": request.model_events}
        found = await self._events.read(identity, "events.get_task_single_value_metrics", payload)
        return [{**item, "task_name": names.get(item.get("task"))} for item in found.get("tasks") or []]


def _clean(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if v is not None}


def _task_metrics(ids: list[str], metrics: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """``events.debug_images`` / ``events.plots`` selections: each task with each metric."""
    if not metrics:
        return [{"task": task} for task in ids]
    return [{"task": task, **metric} for task in ids for metric in metrics]


def _group_plots(events: list[dict[str, Any]], names: dict[str, Any]) -> dict[str, Any]:
    """Plot events -> ``{metric: {variant: {task: {iter: {name, plots}}}}}``."""
    out: dict[str, Any] = {}
    for event in events:
        task = event.get("task")
        by_iter = out.setdefault(event.get("metric", ""), {}).setdefault(event.get("variant", ""), {})
        entry = by_iter.setdefault(task, {}).setdefault(str(event.get("iter")), {"name": names.get(task), "plots": []})
        entry["plots"].append(event)
    return out
