"""One step of a scroll over a dataview: the next frames after the scroll's position, and the
position after them. Finite iteration reads the OR of the rules in one order (each frame once,
weights do not matter); infinite iteration reads each rule on its own cursor, shares every batch
between the rules by weight and starts a rule over (a new shuffle when random) when it runs
out. One search per rule that gets frames: no scanning per call."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import cycle, islice
from typing import Any

from services.datasets.iteration import rules
from services.datasets.iteration.ports import FrameReader
from services.datasets.iteration.view import View

Document = dict[str, Any]
# Pages read to fill one batch when ``jump`` (or clips already returned) leave frames out (then
# the batch may be short).
MAX_JUMP_PAGES = 20


@dataclass
class Step:
    """The frames of one call and the state fields after them; ``eof``: nothing is left."""

    frames: list[Document]
    changes: Document
    eof: bool


def fresh(seed: int) -> Document:
    """The position of a scroll that has returned nothing yet."""
    return {"seed": seed, "served": 0, "cursor": None, "done": False, "last": None, "rules": [], "credits": []}


class Scroller:
    def __init__(self, frames: FrameReader, company: str, view: View, iteration: rules.Iteration) -> None:
        self._frames, self._company, self._view, self._it = frames, company, view, iteration

    async def step(self, state: Document, requested: int | None, backwards: bool | None = None) -> Step:
        """The next batch; ``backwards`` (not None: bidirectional ``flow_control``): the batch
        after the last one returned (False) or before the first one returned (True)."""
        if backwards is not None:
            return await self._navigate(state, rules.batch_size(requested, 0, None), backwards)
        size = rules.batch_size(requested, state["served"], self._it.limit)
        if size == 0:
            return Step([], {}, True)
        if self._it.infinite:
            return await self._infinite(state, size)
        return await self._finite(state, size)

    async def _finite(self, state: Document, size: int) -> Step:
        if state.get("done"):
            return Step([], {}, True)
        query, sort = rules.ordered(self._view.query, self._it, state["seed"], 0)
        if self._it.random_clip_ms:
            kept, cursor, exhausted = await self._read_clips(query, sort, state["seed"], state.get("cursor"), size)
            last = None
        else:
            kept, cursor, last, exhausted = await self._read(query, sort, state.get("cursor"), state.get("last"), size)
        served = state["served"] + len(kept)
        limited = self._it.limit is not None and served >= self._it.limit
        changes = {"cursor": cursor, "last": last, "served": served, "done": exhausted or limited}
        return Step(kept, changes, exhausted or limited)

    async def _navigate(self, state: Document, size: int, backwards: bool) -> Step:
        """Bidirectional navigation (always sequential and finite, as ClearML limits it): the
        state keeps the sort positions of the first and last frame returned."""
        after = state.get("first") if backwards else state.get("cursor")
        if backwards and after is None:
            return Step([], {}, True)  # already at the start
        sort = rules.REVERSED_SORT if backwards else rules.SEQUENTIAL_SORT
        page = await self._frames.search(self._company, self._view.datasets, self._view.query, sort=sort,
                                         size=size, search_after=after)
        frames = page.frames[::-1] if backwards else page.frames
        changes: Document = {"served": state["served"] + len(frames)}
        if frames:
            changes.update(first=frames[0]["_sort"], cursor=frames[-1]["_sort"])
        return Step(frames, changes, len(page.frames) < size)

    async def _read(self, query: Document, sort: list, cursor: list | None, last: list | None,
                    size: int) -> tuple[list[Document], list | None, list | None, bool]:
        """Up to ``size`` frames after ``cursor`` (``jump`` may drop some: then more pages)."""
        kept: list[Document] = []
        for _ in range(MAX_JUMP_PAGES):
            wanted = size - len(kept)
            page = await self._frames.search(self._company, self._view.datasets, query, sort=sort,
                                             size=wanted, search_after=cursor)
            chosen, last = rules.apply_jump(page.frames, last, self._it.jump_ms, self._it.sequential_clip_ms)
            kept.extend(chosen)
            if page.frames:
                cursor = page.frames[-1]["_sort"]
            if len(page.frames) < wanted:
                return kept, cursor, last, True
            if len(kept) >= size:
                break
        return kept, cursor, last, False

    async def _read_clips(self, query: Document, sort: list, seed: int, cursor: list | None,
                          size: int) -> tuple[list[Document], list | None, bool]:
        """Random order in clips (``min_sequence``): frames in random order name the clips to
        return, one more search reads those clips' frames; whole clips, so a batch may end a
        clip beyond ``size``."""
        length = self._it.random_clip_ms or 1
        kept: list[Document] = []
        for _ in range(MAX_JUMP_PAGES):
            wanted = size - len(kept)
            page = await self._frames.search(self._company, self._view.datasets, query, sort=sort,
                                             size=wanted, search_after=cursor)
            if page.frames:
                cursor = page.frames[-1]["_sort"]
                clips, _ = rules.ordered(rules.all_of(self._view.query, rules.clips_query(page.frames, length)),
                                         self._it, seed, 0)
                members = await self._frames.search(self._company, self._view.datasets, clips, sort=sort,
                                                    size=rules.MAX_CLIP_FRAMES)
                kept.extend(rules.clips_in_order(page.frames, members.frames, length))
            if len(page.frames) < wanted:
                return kept, cursor, True
            if len(kept) >= size:
                break
        return kept, cursor, False

    async def _infinite(self, state: Document, size: int) -> Step:
        positions = _rule_positions(state, len(self._view.rules))
        weights = [0.0 if p.get("empty") else r.weight for r, p in zip(self._view.rules, positions, strict=True)]
        quotas, credits = rules.weighted_quotas(weights, state.get("credits") or [], size)
        frames: list[Document] = []
        for rule, position, quota in zip(self._view.rules, positions, quotas, strict=True):
            if quota:
                frames.extend(await self._from_rule(rule.query, state["seed"], position, quota))
        eof = not frames and all(p.get("empty") for p in positions)
        changes = {"rules": positions, "credits": credits, "served": state["served"] + len(frames)}
        return Step(frames, changes, eof or (self._it.limit is not None and changes["served"] >= self._it.limit))

    async def _from_rule(self, query: Document, seed: int, position: Document, quota: int) -> list[Document]:
        """``quota`` frames of one rule, wrapping to a new pass when it runs out (``position``
        is updated in place). A rule smaller than its share: once a whole pass came in one
        page, it is repeated rather than searched again (then the next call starts a pass), so
        a call makes at most three searches per rule."""
        out: list[Document] = []
        while len(out) < quota:
            from_start = position["cursor"] is None
            scored, sort = rules.ordered(query, self._it, seed, position["epoch"])
            page = await self._frames.search(self._company, self._view.datasets, scored, sort=sort,
                                             size=quota - len(out), search_after=position["cursor"])
            out.extend(page.frames)
            if page.frames:
                position["cursor"] = page.frames[-1]["_sort"]
            if len(out) >= quota:
                break
            if from_start and not page.frames:
                position["empty"] = True  # the rule selects nothing: its weight goes to the others
                break
            position["cursor"], position["epoch"] = None, position["epoch"] + 1
            if from_start:
                rest = quota - len(out)
                out.extend(islice(cycle(page.frames), rest))
                position["epoch"] += math.ceil(rest / len(page.frames))
                break
        return out


def _rule_positions(state: Document, count: int) -> list[Document]:
    positions = [dict(p) for p in state.get("rules") or []]
    if len(positions) != count:
        positions = [{"cursor": None, "epoch": 0, "empty": False} for _ in range(count)]
    return positions
