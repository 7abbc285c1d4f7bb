"""``frames.prepare_download_for_dataview`` and ``frames.download_for_dataview``: the first
stores what to download (the dataview, format, projection) and answers its id; the second
answers every frame of that dataview, in sequential order, as one JSON or JSON-lines file."""

from __future__ import annotations

import base64
import gzip
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import orjson

from services.datasets.iteration import rules
from services.datasets.iteration.ports import FrameReader, IterationStates
from services.datasets.iteration.service import dataview_dict, present
from services.datasets.iteration.view import View, ViewResolver
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

Document = dict[str, Any]
PAGE = 1000
# A download is one RPC answer: past this many frames, read them with get_next_for_dataview.
MAX_FRAMES = 100_000


class Downloads:
    def __init__(self, frames: FrameReader, states: IterationStates, resolver: ViewResolver,
                 new_id: Callable[[], str] = lambda: uuid.uuid4().hex) -> None:
        self._frames, self._states, self._resolver, self._new_id = frames, states, resolver, new_id

    async def prepare_download_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.prepare_download_for_dataview``: remember the download, answer its id."""
        await self._resolver.resolve(identity.company, dataview_dict(req.dataview))  # bad versions: refused now
        prepare_id = self._new_id()
        await self._states.open({
            "id": prepare_id, "company": identity.company, "kind": "download",
            "dataview": dataview_dict(req.dataview), "download_type": req.download_type or "json",
            "projection": req.projection, "remove_none_values": bool(req.remove_none_values),
        })
        return {"prepare_id": prepare_id}

    async def download_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.download_for_dataview``: the prepared download's frames as a file."""
        prepared = await self._states.get(identity.company, req.prepare_id)
        if prepared is None or prepared.get("kind") != "download":
            raise ApiError.named("invalid_id", f"no prepared download {req.prepare_id}", prepare_id=req.prepare_id)
        view = await self._resolver.resolve(identity.company, prepared["dataview"])
        frames = [present(view, doc, prepared.get("projection"), prepared.get("remove_none_values", False))
                  async for doc in self._all(identity.company, view)]
        lines = prepared.get("download_type") != "json"
        body = b"".join(orjson.dumps(f) + b"\n" for f in frames) if lines else orjson.dumps(frames)
        name = f"dataview_{req.prepare_id}.{'jsonl' if lines else 'json'}"
        return {"cairn_raw": {"content_type": "application/json", "filename": name,
                              "base64": base64.b64encode(gzip.compress(body, compresslevel=5)).decode(),
                              "encoding": "gzip"}}

    async def _all(self, company: str, view: View) -> AsyncIterator[Document]:
        after, count = None, 0
        while True:
            page = await self._frames.search(company, view.datasets, view.query, sort=rules.SEQUENTIAL_SORT,
                                             size=PAGE, search_after=after)
            count += len(page.frames)
            if count > MAX_FRAMES:
                raise ApiError.named("fields_value_error", "too many frames to download at once: read them "
                                     "with frames.get_next_for_dataview", max_frames=MAX_FRAMES)
            for doc in page.frames:
                yield doc
            if len(page.frames) < PAGE:
                return
            after = page.frames[-1]["_sort"]
