"""Use cases of the plot and debug image viewers: one sample, then step through the others.

Positions are ordered by (iteration, metric, variant). ``get_*_sample`` returns the sample at
an iteration (default the latest; else the nearest earlier one) and a scroll id that is the
position itself (no server state). ``next_*_sample`` steps from it: by default to the next
(or, with ``navigate_earlier``, the previous) variant of a debug image / metric of a plot in
the same iteration, then to the first (last) one of the next (previous) iteration, within the
current metric when ``navigate_current_metric`` was set, else across all metrics; with
``next_iteration`` to the same metric/variant at the next (previous) iteration. At either end
the answer has no event and the scroll id stays where it was.
"""

from __future__ import annotations

from typing import Any

from services.events.access import readable_as
from services.events.domain import IMAGE, PLOT, MetricFilter, Selection
from services.events.reads import decode_state, encode_state, target
from services.events.repository import EventRepository, TaskDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import events as api


class Samples:
    def __init__(self, repo: EventRepository, tasks: TaskDirectory) -> None:
        self._repo = repo
        self._tasks = tasks

    async def get_plot_sample(self, identity: Identity, req: api.SampleRequest) -> dict[str, Any]:
        """``events.get_plot_sample``: a metric's plots at ``iteration`` (default the latest)."""
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        state = {"task": req.task, "metric": req.metric, "all": not req.navigate_current_metric,
                 "model": req.model_events}
        return await self._plots_at(identity.company, state, req.iteration, exact=False)

    async def get_debug_image_sample(self, identity: Identity, req: api.SampleRequest) -> dict[str, Any]:
        """``events.get_debug_image_sample``: one metric/variant's image at ``iteration``
        (``variant`` is required, as ClearML's request declares: 400/12 without)."""
        if req.variant is None:
            raise ApiError.named("validation_error", "variant is required", field="variant")
        identity = await readable_as(self._tasks, identity, [req.task], req.model_events)
        state = {"task": req.task, "metric": req.metric, "variant": req.variant or "",
                 "all": not req.navigate_current_metric, "model": req.model_events}
        return await self._image_at(identity.company, state, req.iteration, exact=False)

    async def next_plot_sample(self, identity: Identity, req: api.NextSampleRequest) -> dict[str, Any]:
        """``events.next_plot_sample``: the next/previous metric's plots (see the module)."""
        state = self._state(req)
        identity = await readable_as(self._tasks, identity, [state["task"]], state.get("model", False))
        earlier = req.navigate_earlier is not False
        if req.next_iteration or not state.get("all"):
            fields, fixed = ("iter",), ("metric",)
        else:
            fields, fixed = ("iter", "metric"), ()
        found = None if state.get("iter") is None else await self._step(identity.company, PLOT, state, fields,
                                                                            fixed, earlier)
        if found is None:
            return await self._plots_at(identity.company, state, state.get("iter"), exact=True, empty=True)
        return await self._plots_at(identity.company, {**state, "metric": found["metric"]}, found["iter"], exact=True)

    async def next_debug_image_sample(self, identity: Identity, req: api.NextSampleRequest) -> dict[str, Any]:
        """``events.next_debug_image_sample``: the next/previous image (see the module)."""
        state = self._state(req)
        identity = await readable_as(self._tasks, identity, [state["task"]], state.get("model", False))
        earlier = req.navigate_earlier is not False
        if req.next_iteration:
            fields, fixed = ("iter",), ("metric", "variant")
        else:
            fields = ("iter", "variant") if not state.get("all") else ("iter", "metric", "variant")
            fixed = ("metric",) if not state.get("all") else ()
        found = None if state.get("iter") is None else await self._step(identity.company, IMAGE, state, fields,
                                                                            fixed, earlier)
        if found is None:
            return await self._image_at(identity.company, state, state.get("iter"), exact=True, empty=True)
        moved = {**state, "metric": found["metric"], "variant": found["variant"]}
        return await self._image_at(identity.company, moved, found["iter"], exact=True)

    @staticmethod
    def _state(req: api.NextSampleRequest) -> dict[str, Any]:
        """The position a scroll id holds; none, or another task's, is ClearML's 400/1104."""
        state = decode_state(req.scroll_id)
        if not state or state.get("task") != req.task:
            raise ApiError.named("invalid_scroll_id", scroll_id=req.scroll_id)
        return state

    async def _step(
        self, company: str, kind: str, state: dict, fields: tuple[str, ...], fixed: tuple[str, ...], earlier: bool
    ) -> dict[str, Any] | None:
        """The first event after (before) the current position in ``fields`` order, among the
        events that share the current values of ``fixed``."""
        selection = self._selection(company, kind, state, fixed)
        position = tuple(state["iter"] if name == "iter" else state.get(name) or "" for name in fields)
        return await self._repo.step(selection, fields, position, earlier)

    async def _plots_at(
        self, company: str, state: dict, iteration: int | None, exact: bool, empty: bool = False
    ) -> dict[str, Any]:
        selection = self._selection(company, PLOT, state, ("metric",))
        low, high, events = await self._repo.sample_at(selection, iteration, exact, size=100)
        if events:
            state = {**state, "iter": events[0]["iter"]}
        return {"events": [] if empty else events, "min_iteration": low, "max_iteration": high,
                "scroll_id": encode_state(state)}

    async def _image_at(
        self, company: str, state: dict, iteration: int | None, exact: bool, empty: bool = False
    ) -> dict[str, Any]:
        selection = self._selection(company, IMAGE, state, ("metric", "variant"))
        low, high, events = await self._repo.sample_at(selection, iteration, exact, size=1)
        if events:
            state = {**state, "iter": events[0]["iter"]}
        return {"event": None if empty or not events else events[0], "min_iteration": low, "max_iteration": high,
                "scroll_id": encode_state(state)}

    @staticmethod
    def _selection(company: str, kind: str, state: dict, names: tuple[str, ...]) -> Selection:
        """The task's (model's) events of one kind sharing the position's ``names`` values."""
        wanted = {name: state.get(name) or "" for name in names}
        metrics = (MetricFilter(wanted["metric"], (wanted["variant"],) if "variant" in wanted else ()),) if wanted else ()
        return Selection.of(company, target(state["task"], bool(state.get("model"))), event_type=kind, metrics=metrics)
