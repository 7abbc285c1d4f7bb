"""``frames.get_next*`` and ``frames.clear_get_next_state``: frames of a dataview a batch at a
time, with the scroll's position in ``iteration_states``.

A call without ``scroll_id`` opens a scroll and answers its id; later calls name it. Every
caller naming one scroll id (the workers of one task) shares its position: each batch is
claimed with a compare-and-set on the state, so two callers never get the same frames.
``reset_scroll`` starts the scroll over; ``force_scroll_id`` opens an unknown id instead of
refusing it (400/1104 otherwise). Random order without a seed gets one, answered as
``random_seed`` (the same seed, the same order). The seed it gets is derived from the
dataview's versions and rules: the SDK splits one sequence between the workers of a task
(``num_workers``) on its side, each worker with a scroll of its own, which works only when
their scrolls give the same order."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from services.datasets.iteration import rules
from services.datasets.iteration.ports import DataviewReader, FrameReader, IterationStates
from services.datasets.iteration.scroll import Scroller, Step, fresh
from services.datasets.iteration.view import View, ViewResolver
from services.datasets.query import rois
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

Document = dict[str, Any]
# Callers racing for one scroll retry this often before the call fails (never seen in tests
# with 8 workers on one scroll: each retry means another caller got a batch).
MAX_ATTEMPTS = 50


def dataview_dict(model: Any) -> Document:
    """A request's ``dataview`` (a model) as the plain dict the rules read."""
    return model.model_dump(mode="json", exclude_none=True, by_alias=True)


class IterationService:
    def __init__(self, frames: FrameReader, states: IterationStates, resolver: ViewResolver,
                 dataviews: DataviewReader, new_id: Callable[[], str] = lambda: uuid.uuid4().hex) -> None:
        self._frames, self._states, self._resolver = frames, states, resolver
        self._dataviews, self._new_id = dataviews, new_id

    async def get_next_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_next_for_dataview``: the next frames of an inline dataview."""
        spec = dataview_dict(req.dataview)
        view = await self._resolver.resolve(identity.company, spec)
        return await self._next(identity.company, view, req)

    async def get_next_for_dataview_id(self, identity: Identity, req: Any) -> Document:
        """``frames.get_next_for_dataview_id``: the next frames of a stored dataview."""
        spec = await self.stored_dataview(identity.company, req.dataview)
        view = await self._resolver.resolve(identity.company, spec)
        return await self._next(identity.company, view, req, dataview_id=req.dataview)

    async def get_next_for_dataview_and_context_id(self, identity: Identity, req: Any) -> Document:
        """``frames.get_next_for_dataview_and_context_id``: the dataview's frames of one context,
        from ``timestamp`` on, in time order."""
        view = await self._resolver.resolve(identity.company, dataview_dict(req.dataview))
        extra = {"bool": {"filter": [{"term": {"context_id": req.context_id}},
                                     {"range": {"timestamp": {"gte": req.timestamp or 0}}}]}}
        return await self._next(identity.company, view.narrowed(extra), req, sequential=True)

    async def get_next(self, identity: Identity, req: Any) -> Document:
        """``frames.get_next``: the frames of one dataset version (merged with ``merge_with``
        when given; only those with one of ``labels`` when given), in sequential order."""
        spec = {"versions": [{"dataset": req.dataset, "version": req.version, "merge_with": req.merge_with}]}
        view = await self._resolver.resolve(identity.company, spec)
        if req.labels:
            view = view.narrowed({"terms": {"labels": list(req.labels)}})
        answer = await self._next(identity.company, view, req, sequential=True)
        answer.pop("random_seed", None)
        return answer

    async def clear_get_next_state(self, identity: Identity, req: Any) -> Document:
        """``frames.clear_get_next_state``: forget a scroll (an unknown one is no error)."""
        await self._states.remove(identity.company, req.scroll_id)
        return {}

    async def stored_dataview(self, company: str, dataview_id: str) -> Document:
        spec = await self._dataviews.get(company, dataview_id)
        if spec is None:
            raise ApiError.named("invalid_id", f"dataview not found: {dataview_id}", id=dataview_id)
        return spec

    async def _next(self, company: str, view: View, req: Any, sequential: bool = False,
                    dataview_id: str | None = None) -> Document:
        iteration = rules.iteration_of(None if sequential else view.spec.get("iteration"),
                                       getattr(req, "random_seed", None))
        state = await self._state(company, req, iteration, view, dataview_id)
        scroller = Scroller(self._frames, company, view, iteration)
        flow = getattr(req, "flow_control", None)
        backwards = bool(flow.navigate_backwards) if flow is not None and flow.bidirectional else None
        for _ in range(MAX_ATTEMPTS):
            step = await scroller.step(state, req.batch_size, backwards)
            if not step.changes or await self._states.advance(company, state["id"], state["seq"], step.changes):
                return self._answer(view, req, state, step)
            state = await self._states.get(company, state["id"]) or _gone(state["id"])
        raise ApiError(500, 0, "the scroll is contended: try again", scroll_id=state["id"])

    async def _state(self, company: str, req: Any, iteration: rules.Iteration, view: View,
                     dataview_id: str | None) -> Document:
        scroll_id = req.scroll_id
        seed = iteration.seed if iteration.seed is not None else rules.new_seed(_identity_of(view))
        # what the scroll reads, for the access check of whoever names it later
        opened_on = {"dataview_id": dataview_id, "datasets": [d for d in view.datasets if d != "*"]}
        if not scroll_id:
            return await self._open(company, self._new_id(), seed, opened_on)
        state = await self._states.get(company, scroll_id)
        if state is None:
            if not getattr(req, "force_scroll_id", None):
                raise ApiError.named("invalid_scroll_id", scroll_id=scroll_id)
            return await self._open(company, scroll_id, seed, opened_on)
        if getattr(req, "reset_scroll", None):
            return await self._reset(company, state, iteration)
        return state

    async def _open(self, company: str, scroll_id: str, seed: int, opened_on: Document) -> Document:
        state = {"id": scroll_id, "company": company, "kind": "scroll", **opened_on, **fresh(seed)}
        if await self._states.open(state):
            return {**state, "seq": 0}
        # another caller forced the same new id first: share its scroll
        return await self._states.get(company, scroll_id) or _gone(scroll_id)

    async def _reset(self, company: str, state: Document, iteration: rules.Iteration) -> Document:
        """Start the scroll over (keeping its seed unless the request names one)."""
        seed = iteration.seed if iteration.seed is not None else state.get("seed", 0)
        changes = fresh(seed)
        if await self._states.advance(company, state["id"], state["seq"], changes):
            return {**state, **changes, "seq": state["seq"] + 1}
        return await self._states.get(company, state["id"]) or _gone(state["id"])

    def _answer(self, view: View, req: Any, state: Document, step: Step) -> Document:
        frames = [present(view, doc, getattr(req, "projection", None), bool(getattr(req, "remove_none_values", False)))
                  for doc in step.frames]
        if view.spec.get("output_rois") == "frame_per_roi":
            frames = rules.frame_per_roi(frames)
        return {"frames": frames, "frames_returned": len(frames), "scroll_id": state["id"], "eof": step.eof,
                "random_seed": state.get("seed"), "roi_stats": rules.roi_stats(frames)}


def present(view: View, doc: Mapping[str, Any], projection: list[str] | None = None,
            remove_none: bool = False) -> Document:
    """A stored frame as a dataview returns it: ClearML's shape, the version it was read in,
    its ROIs as a task receives them (``query.rois``: only the matching ones for
    ``output_rois: only_filtered``, labels mapped and enumerated), then projected."""
    scope = rules.owner(doc, view.scopes)
    frame = rules.as_clearml_frame(doc, scope)
    if "rois" in frame:
        frame["rois"] = rois.present_rois(
            frame["rois"] or [], filter_rule=_selecting_rule(view, doc),
            mapping_rules=(view.spec.get("mapping") or {}).get("rules"),
            enumeration=view.spec.get("labels_enumeration"), dataset=doc.get("dataset"),
            version=scope.version if scope else doc.get("version"))
    if remove_none:
        frame = {k: v for k, v in frame.items() if v is not None or k == "meta"}
    return rules.project(frame, projection)


def _selecting_rule(view: View, doc: Mapping[str, Any]) -> dict[str, Any] | None:
    """For ``output_rois`` ``only_filtered`` (and ``frame_per_roi``, which implies it): the first
    rule that selects the frame, whose label rules say which ROIs to keep; None keeps all."""
    if view.spec.get("output_rois") not in ("only_filtered", "frame_per_roi") or not view.explicit:
        return None
    return next((r.rule for r in view.rules if rois.frame_matches(r.rule, doc)), None)


def _identity_of(view: View) -> str:
    """What makes two dataviews read the same frames (their versions and rules)."""
    return json.dumps([view.spec.get("versions"), view.spec.get("filters")], sort_keys=True, default=str)


def _gone(scroll_id: str) -> Document:
    raise ApiError.named("invalid_scroll_id", scroll_id=scroll_id)
