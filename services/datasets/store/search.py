"""Reading frames from Elasticsearch: searches, counts and aggregations over the indices of
some datasets of one company. The query comes from the caller (``layout.visible_in`` and the
compiled filter rules of ``services/datasets/query``); this class only knows indices."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import AsyncElasticsearch

from services.datasets.store import layout


@dataclass
class FramePage:
    """Frames as stored (``_source``) with ``_id``, ``_score`` and ``_sort`` added; ``total``
    when asked for."""

    frames: list[dict[str, Any]] = field(default_factory=list)
    total: int | None = None


class FrameSearch:
    """``before_read`` (optional): awaited with the company and datasets before every read;
    the frame store's ``fresh`` makes the frames this process saved searchable (writes do not
    refresh), so a read right after ``save_frames`` sees them."""

    def __init__(self, es: AsyncElasticsearch, prefix: str,
                 before_read: Callable[[str, Sequence[str]], Awaitable[None]] | None = None) -> None:
        self._es, self._prefix, self._before_read = es, prefix, before_read

    async def _index(self, company: str, datasets: Sequence[str]) -> str:
        if self._before_read is not None:
            await self._before_read(company, datasets)
        return layout.indices(self._prefix, company, datasets)

    async def search(self, company: str, datasets: Sequence[str], query: dict[str, Any], *,
                     sort: list[Any] | None = None, size: int = 100, search_after: list[Any] | None = None,
                     source: list[str] | bool | None = None, knn: dict[str, Any] | None = None,
                     track_total: bool = False) -> FramePage:
        body: dict[str, Any] = {"query": query, "size": size, "track_total_hits": track_total}
        if sort:
            body["sort"] = sort
        if search_after:
            body["search_after"] = search_after
        if source is not None:
            body["_source"] = source
        if knn:
            body["knn"] = {**knn, "filter": query}
            body.pop("query")
        answer = await self._es.search(index=await self._index(company, datasets), ignore_unavailable=True,
                                       allow_no_indices=True, **body)
        hits = answer["hits"]
        frames = [{**h.get("_source", {}), "_id": h["_id"], "_score": h.get("_score"), "_sort": h.get("sort")}
                  for h in hits["hits"]]
        total = hits["total"]["value"] if track_total and isinstance(hits.get("total"), dict) else None
        return FramePage(frames, total)

    async def count(self, company: str, datasets: Sequence[str], query: dict[str, Any]) -> int:
        answer = await self._es.count(index=await self._index(company, datasets), ignore_unavailable=True,
                                      allow_no_indices=True, query=query)
        return int(answer["count"])

    async def aggregate(self, company: str, datasets: Sequence[str], query: dict[str, Any],
                        aggs: dict[str, Any]) -> dict[str, Any]:
        answer = await self._es.search(index=await self._index(company, datasets), ignore_unavailable=True,
                                       allow_no_indices=True, query=query, aggs=aggs, size=0)
        return answer.get("aggregations", {})

    async def scan(self, company: str, datasets: Sequence[str], query: dict[str, Any], *,
                   source: list[str] | bool | None = None, page: int = 1000) -> AsyncIterator[dict[str, Any]]:
        """Every matching frame, in frame id then version order (search_after pages)."""
        after: list[Any] | None = None
        while True:
            result = await self.search(company, datasets, query, sort=[{"id": "asc"}, {"version": "asc"}], size=page,
                                       search_after=after, source=source)
            for frame in result.frames:
                yield frame
            if len(result.frames) < page:
                return
            after = result.frames[-1]["_sort"]
