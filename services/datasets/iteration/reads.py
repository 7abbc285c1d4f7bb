"""Reads of the frames a dataview selects, without a scroll: counts (total and per rule),
snippets (pages of frames, or the nearest frames to a vector), source ids, statistics, the
query itself and grouped samples."""

from __future__ import annotations

import asyncio
import math
from typing import Any

from elasticsearch import BadRequestError

from services.datasets.iteration import rules
from services.datasets.iteration.ports import FrameReader
from services.datasets.iteration.service import IterationService, dataview_dict, present
from services.datasets.iteration.view import View, ViewResolver
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

Document = dict[str, Any]
# The most frames a kNN search weighs (Elasticsearch's own bound on num_candidates).
MAX_CANDIDATES = 10_000
TIEBREAK = [{"id": "asc"}, {"version": "asc"}]
MAX_SOURCE_IDS = 10_000  # get_source_ids_for_dataview: Elasticsearch's bucket limit


class DataviewReads:
    def __init__(self, frames: FrameReader, resolver: ViewResolver, iteration: IterationService) -> None:
        self._frames, self._resolver, self._iteration = frames, resolver, iteration

    async def _view(self, identity: Identity, dataview: Any) -> View:
        return await self._resolver.resolve(identity.company, dataview_dict(dataview))

    async def get_count_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_count_for_dataview``: the frames of an inline dataview, and per rule."""
        return await self._counts(identity.company, await self._view(identity, req.dataview))

    async def get_count_for_dataview_id(self, identity: Identity, req: Any) -> Document:
        """``frames.get_count_for_dataview_id``: the same for a stored dataview."""
        spec = await self._iteration.stored_dataview(identity.company, req.dataview)
        return await self._counts(identity.company, await self._resolver.resolve(identity.company, spec))

    async def _counts(self, company: str, view: View) -> Document:
        rule_views = view.rules if view.explicit else ()
        counts = await asyncio.gather(self._frames.count(company, view.datasets, view.query),
                                      *(self._frames.count(company, view.datasets, r.query) for r in rule_views))
        return {"total": counts[0],
                "rules": [{"rule_index": r.index, "name": r.rule.get("name"), "count": n, "accurate": True}
                          for r, n in zip(rule_views, counts[1:], strict=True)]}

    async def get_snippets_for_dataview2(self, identity: Identity, req: Any) -> Document:
        """``frames.get_snippets_for_dataview2``: a page of the dataview's frames in
        ``order_by`` order from ``search_after``; with ``vector_search`` (API 2.34) the
        ``neighbors`` frames nearest to the vector instead, nearest first, with ``_score``."""
        view = await self._view(identity, req.dataview)
        company = identity.company
        if req.vector_search is not None:
            frames = await self._nearest(company, view, req.vector_search, req.size)
            return {"frames": frames, "frames_total": len(frames), "search_after": None,
                    "total_in_versions": await self._frames.count(company, view.datasets, view.in_versions)}
        size = req.size if req.size is not None and req.size >= 0 else 50
        if req.aggregation is not None and req.aggregation.aggregate and not req.disable_aggregation:
            return await self._groups(company, view, req.aggregation.fields_ or ["context_id"], size, req)
        page = await _refused_as_400(self._frames.search(company, view.datasets, view.query, sort=_sort(req.order_by),
                                                         size=size, search_after=rules.decode_after(req.search_after)))
        total, in_versions = await asyncio.gather(self._frames.count(company, view.datasets, view.query),
                                                  self._frames.count(company, view.datasets, view.in_versions))
        after = rules.encode_after(page.frames[-1]["_sort"]) if size and len(page.frames) == size else None
        return {"frames": [present(view, f, req.projection) for f in page.frames], "frames_total": total,
                "search_after": after, "total_in_versions": in_versions}

    async def _groups(self, company: str, view: View, fields: list[str], size: int, req: Any) -> Document:
        """Snippets aggregated by the values of ``fields`` (see ``_group_page``), paged by
        ``search_after``."""
        (frames, after), total, in_versions = await asyncio.gather(
            self._group_page(company, view, fields, size, rules.decode_after(req.search_after), req),
            self._frames.count(company, view.datasets, view.query),
            self._frames.count(company, view.datasets, view.in_versions))
        return {"frames": frames, "frames_total": total, "total_in_versions": in_versions,
                "search_after": rules.encode_after(after)}

    async def _group_page(self, company: str, view: View, fields: list[str], size: int, after: list | None,
                          req: Any) -> tuple[list[Document], list | None]:
        """One page of groups of frames by the values of ``fields`` (a video by its
        ``context_id``), in key order: a frame per group (the first in ``order_by`` order)
        with the group's ``_key`` and ``num_frames``; and the key after it (None: the last)."""
        composite: Document = {"size": max(size, 1), "sources": [{f: {"terms": {"field": f}}} for f in fields]}
        if after and len(after) == len(fields):
            composite["after"] = dict(zip(fields, after, strict=True))
        first = {"top": {"top_hits": {"size": 1, "sort": _sort(getattr(req, "order_by", None))}}}
        found = await self._frames.aggregate(company, view.datasets, view.query,
                                             {"groups": {"composite": composite, "aggs": first}})
        buckets = found.get("groups", {}).get("buckets", [])
        frames = [{**present(view, {**hit["_source"], "_id": hit["_id"]}, req.projection),
                   "_key": "/".join(str(v) for v in b["key"].values()), "num_frames": b["doc_count"]}
                  for b in buckets for hit in _top_hits(b)]
        last = found.get("groups", {}).get("after_key")
        return frames, (list(last.values()) if last and len(buckets) == composite["size"] else None)

    async def _nearest(self, company: str, view: View, search: Any, size: int | None) -> list[Document]:
        """Exact: every filtered frame's vector weighed here. Fast: Elasticsearch's kNN picks
        twice the candidates asked for, weighed again here exactly (its quantized vectors
        rank near neighbours approximately), so both methods agree on what they return."""
        k = search.neighbors or size or 50
        function = search.similarity_func.value
        # the vector named explicitly: Elasticsearch leaves vectors out of _source otherwise
        if search.method == "fast":
            wanted = min(2 * k, MAX_CANDIDATES)
            knn = {"field": search.field, "query_vector": search.vector, "k": wanted,
                   "num_candidates": min(max(10 * wanted, 100), MAX_CANDIDATES)}
            page = await _refused_as_400(self._frames.search(company, view.datasets, view.query, size=wanted, knn=knn,
                                                             source=["*", search.field]))
            candidates = page.frames
        else:
            candidates = [doc async for doc in self._frames.scan(company, view.datasets, view.query,
                                                                 source=["id", search.field])]
        best = rules.nearest([(doc["_id"], rules.meta_value(doc, search.field)) for doc in candidates],
                             search.vector, function, k)
        if search.method != "fast" and best:
            page = await self._frames.search(company, view.datasets, {"ids": {"values": [key for key, _ in best]}},
                                             size=len(best), source=["*", search.field])
            candidates = page.frames
        docs = {f["_id"]: f for f in candidates}
        return [{**present(view, docs[key]), "_score": rules.es_score(function, score)}
                for key, score in best if key in docs]

    async def get_snippets_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_snippets_for_dataview``: page ``page`` (0-based) of ``page_size``
        frames in sequential order (of contexts, a frame each, with ``aggregate_on_context_id``),
        with the page count."""
        view = await self._view(identity, req.dataview)
        company, size, page_no = identity.company, max(req.page_size or 50, 1), max(req.page or 0, 0)
        pages = self._context_pages if req.aggregate_on_context_id else self._frame_pages
        frames, items = await pages(company, view, size, page_no, req)
        total, in_versions = await asyncio.gather(self._frames.count(company, view.datasets, view.query),
                                                  self._frames.count(company, view.datasets, view.in_versions))
        return {"frames": frames, "frames_total": total, "page": page_no,
                "pages_total": math.ceil((total if items is None else items) / size), "paging_id": None,
                "total_in_versions": in_versions, "versions_updated": []}

    async def _frame_pages(self, company: str, view: View, size: int, page_no: int,
                           req: Any) -> tuple[list[Document], int | None]:
        after = None
        for number in range(page_no + 1):
            result = await self._frames.search(company, view.datasets, view.query, sort=rules.SEQUENTIAL_SORT,
                                               size=size, search_after=after)
            if len(result.frames) < size and number < page_no:
                return [], None
            after = result.frames[-1]["_sort"] if result.frames else None
        return [present(view, f, req.projection) for f in result.frames], None

    async def _context_pages(self, company: str, view: View, size: int, page_no: int,
                             req: Any) -> tuple[list[Document], int | None]:
        """Pages of contexts; the item count is the number of contexts."""
        after: list | None = None
        for number in range(page_no + 1):
            frames, after = await self._group_page(company, view, ["context_id"], size, after, req)
            if after is None and number < page_no:
                frames = []
                break
        found = await self._frames.aggregate(company, view.datasets, view.query, {
            "contexts": {"cardinality": {"field": "context_id", "precision_threshold": 40000}}})
        return frames, int(found.get("contexts", {}).get("value", 0))

    async def get_source_ids_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_source_ids_for_dataview``: up to ``max_count`` distinct source ids of
        the dataview's frames."""
        view = await self._view(identity, req.dataview)
        size = min(max(req.max_count or 100, 1), MAX_SOURCE_IDS)  # ES refuses larger terms sizes
        aggs = await self._frames.aggregate(identity.company, view.datasets, view.query,
                                            {"ids": {"terms": {"field": "sources.id", "size": size}}})
        return {"source_ids": [b["key"] for b in aggs.get("ids", {}).get("buckets", [])]}

    async def get_stats_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_stats_for_dataview``: the frame count, ROIs per label (or values of
        ``labels_property``) and frames per content type of the dataview's frames."""
        view = await self._view(identity, req.dataview)
        aggs = {"content_types": {"terms": {"field": "sources.content_type", "size": 1000}},
                "labels": _values_agg(req.labels_property)}
        company = identity.company
        found, total = await asyncio.gather(self._frames.aggregate(company, view.datasets, view.query, aggs),
                                            self._frames.count(company, view.datasets, view.query))
        return {"frames": [{"name": "total", "count": total}],
                "labels": _buckets(found.get("labels", {})), "content_types": _buckets(found.get("content_types", {}))}

    async def get_snippets_query_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_snippets_query_for_dataview``: the Elasticsearch query of the
        dataview's frames (Cairn has no Kibana: no link)."""
        view = await self._view(identity, req.dataview)
        return {"query": view.query, "kibana_link": ""}

    async def get_group_snippets_for_dataview(self, identity: Identity, req: Any) -> Document:
        """``frames.get_group_snippets_for_dataview``: for each value of
        ``sample_aggregation.field`` (a frame, source or ROI field), up to ``samples`` frames
        with it, each with the value as ``_key``."""
        if req.dataview is None or req.sample_aggregation is None:
            return {"frames": []}
        view = await self._view(identity, req.dataview)
        spec = req.sample_aggregation
        samples = max(spec.samples or 1, 1)
        aggs = {"groups": _values_agg(spec, {"top": {"top_hits": {"size": samples, "sort": _sort(req.order_by)}}})}
        found = await self._frames.aggregate(identity.company, view.datasets, view.query, aggs)
        frames = []
        for bucket in _bucket_list(found.get("groups", {})):
            for hit in _top_hits(bucket):
                frames.append({**present(view, {**hit["_source"], "_id": hit["_id"]}, req.projection),
                               "_key": str(bucket["key"])})
        return {"frames": frames}


def _sort(order_by: Any) -> list[Any]:
    """``order_by`` [{field, order}] as a sort, made total by the frame id and version."""
    sort: list[Any] = [{item.field: {"order": item.order or "asc", "unmapped_type": "keyword"}}
                       for item in order_by or () if item.field]
    return sort + TIEBREAK if sort else list(rules.SEQUENTIAL_SORT)


def _values_agg(spec: Any, sub: Document | None = None) -> Document:
    """A terms aggregation over a frame, source or ROI field (ROI ones under ``nested``, the
    frames counted back through ``reverse_nested``); the ROI labels by default."""
    kind, field = (spec.type, spec.field) if spec is not None else ("roi", "label")
    path = {"frame": field, "source": f"sources.{field}", "roi": f"rois.{field}"}[kind]
    terms: Document = {"terms": {"field": path, "size": 1000}}
    if kind != "roi":
        return {**terms, **({"aggs": sub} if sub else {})}
    if sub:
        terms["aggs"] = {"frames": {"reverse_nested": {}, "aggs": sub}}
    return {"nested": {"path": "rois"}, "aggs": {"values": terms}}


def _bucket_list(agg: Document) -> list[Document]:
    return agg.get("values", agg).get("buckets", [])


def _buckets(agg: Document) -> list[Document]:
    return [{"name": str(b["key"]), "count": b["doc_count"]} for b in _bucket_list(agg)]


def _top_hits(bucket: Document) -> list[Document]:
    holder = bucket.get("frames", bucket)
    return holder.get("top", {}).get("hits", {}).get("hits", [])


async def _refused_as_400(search: Any) -> Any:
    """A search Elasticsearch refuses because of what the caller sent (a vector field that is
    not one, wrong dimensions, a search_after of another order) is a 400 with its reason."""
    try:
        return await search
    except BadRequestError as refused:
        raise ApiError.named("validation_error", f"search refused: {refused.message}") from None
