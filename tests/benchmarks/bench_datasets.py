"""Hyper-Dataset frames against raw Elasticsearch, in one run (issue 14's benchmark).

- ``save_frames``: 20,000 frames of about 1 KiB (ClearML's frame JSON: one image source, three
  ROIs with polygons, a few ``meta`` fields) sent as ``datasets.save_frames`` with
  1,000 frames a call, one call at a time, through the gateway, Kafka and the datasets
  process; frames/s from the first call to the last answer.
- ``raw_bulk_1000``: the very documents the datasets process stored (read back from its
  index) bulk-indexed into a new index with the very mapping of the dataset's index, in
  requests of 1,000, one refresh at the end (the floor: no API, no validation, no versions).
  ``raw_bulk_1000_refresh``: the same with ``refresh=true`` on each request, as an API whose
  answer makes the saved frames searchable must pay.
- ``transit_1mb``: the same 1,000-frame call to a version that does not exist (refused once
  the datasets process has read it, before any frame is looked at): the way there and back
  (HTTP, the gateway's checks, Kafka both ways, the datasets process's parse). A sequential
  client pays it on top of what Elasticsearch takes for the bulk, so raw bulk's time per
  1,000 over (that + this p50) is the ceiling of the save_frames ratio on this path
  (``ratios.save_frames_ceiling``).
- ``get_next``: ``frames.get_next_for_dataview`` with batches of 100 over the version's
  frames (sequential order, the scroll id carried from call to call): frames/s and p50/p99
  per call; against ``raw_search_after_100``, the same page straight from Elasticsearch (the
  version's visibility filter, the sequential sort, ``search_after``).
- ``memory``: the whole stack's resident memory (servers and every Cairn process) once the
  dataset holds 100,000 frames (issue 14: under 4 GiB).

Not a test: nothing asserts but the answers' success.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import orjson
from elasticsearch import AsyncElasticsearch
from elasticsearch.serializer import OrjsonSerializer

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.datasets.store import layout  # noqa: E402
from tests.benchmarks.client import auth_headers, post  # noqa: E402
from tests.benchmarks.memory import stack_rss_mib  # noqa: E402
from tests.support.servers import ES  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

PER_CALL = 1_000
TIMED_FRAMES = 20_000
STORED_FRAMES = 100_000
PAGE = 100
LABELS = ("car", "person", "bicycle", "truck", "dog")


def frame(i: int) -> dict:
    """A frame as the SDK sends it, about 1 KiB of JSON."""
    rois = [{"label": [LABELS[(i + r) % len(LABELS)]], "confidence": round(0.5 + r / 10, 2),
             "poly": [10.0 * r, 10.0, 10.0 * r + 50, 10.0, 10.0 * r + 50, 50.0, 10.0 * r, 50.0],
             "sources": ["image"], "meta": {"_type": "b2d", "_id": f"roi-{i}-{r}"}} for r in range(3)]
    return {
        "id": f"bench-{i:07d}",
        "context_id": f"drive-{i // 500:04d}",
        "sources": [{"id": "image", "uri": f"s3://cairn-bench/images/drive-{i // 500:04d}/{i:07d}.jpg",
                     "content_type": "image/jpeg", "width": 1920, "height": 1080, "timestamp": i % 500}],
        "rois": rois,
        "meta": {"split": ("train", "val", "test")[i % 3], "weather": ("sun", "rain", "fog")[i % 7 % 3],
                 "speed": i % 130, "night": i % 4 == 0, "camera": f"cam-{i % 6}", "vehicle": f"veh-{i % 40:03d}",
                 "lat": round(48.1 + (i % 1000) / 1e4, 6), "lon": round(11.5 + (i % 777) / 1e4, 6),
                 "note": f"recorded by vehicle {i % 40} on route {i % 13}, lane {i % 3}, sensor firmware 4.{i % 9}",
                 "_clearml_data_entry_class": "DataEntryImage",
                 "image": {"_clearml_data_sub_entry_class": "DataSubEntryImage"}},
    }


async def save_frames(http: aiohttp.ClientSession, version: str, start: int, stop: int) -> float:
    """Seconds to save frames ``start..stop`` in calls of ``PER_CALL``, one at a time."""
    began = time.perf_counter()
    for first in range(start, stop, PER_CALL):
        frames = [frame(i) for i in range(first, min(first + PER_CALL, stop))]
        answer = await post(http, "datasets.save_frames", {"version": version, "frames": frames})
        assert not answer.get("errors"), answer["errors"][:3]
    return time.perf_counter() - began


async def transit(http: aiohttp.ClientSession, calls: int = 20) -> dict:
    """``datasets.save_frames`` of ``PER_CALL`` frames to an unknown version, one at a time."""
    body = {"version": f"no-such-version-{uuid.uuid4().hex}", "frames": [frame(i) for i in range(PER_CALL)]}
    latencies = []
    began = time.perf_counter()
    for _ in range(calls):
        start = time.perf_counter()
        async with http.post("/v2.23/datasets.save_frames", json=body) as response:
            await response.read()
            assert response.status >= 400, "an unknown version is refused"
        latencies.append(time.perf_counter() - start)
    timed = summary(latencies, 0, time.perf_counter() - began)
    return {key: value for key, value in timed.items() if not key.startswith("frames")}


async def stored_documents(es: AsyncElasticsearch, index: str, count: int) -> list[tuple[str, bytes]]:
    """The first ``count`` documents of the dataset's index as stored (id, JSON)."""
    docs: list[tuple[str, bytes]] = []
    after = None
    while len(docs) < count:
        page = await es.search(index=index, size=min(5_000, count - len(docs)), sort=["_doc"], search_after=after,
                               query={"match_all": {}})
        hits = page["hits"]["hits"]
        if not hits:
            break
        docs += [(h["_id"], orjson.dumps(h["_source"])) for h in hits]
        after = hits[-1]["sort"]
    return docs


async def raw_bulk(es: AsyncElasticsearch, index: str, mapping: dict, docs: list[tuple[str, bytes]],
                   refresh_each: bool) -> dict:
    await es.indices.create(index=index, settings={"number_of_shards": 1, "number_of_replicas": 0},
                            mappings=mapping)
    began = time.perf_counter()
    for first in range(0, len(docs), PER_CALL):
        lines = []
        for doc_id, source in docs[first:first + PER_CALL]:
            lines += [orjson.dumps({"index": {"_index": index, "_id": doc_id}}), source]
        answer = await es.bulk(operations=b"\n".join(lines) + b"\n", refresh=refresh_each)
        assert not answer["errors"]
    await es.indices.refresh(index=index)
    elapsed = time.perf_counter() - began
    count = (await es.count(index=index))["count"]
    return {"frames": count, "seconds": round(elapsed, 2), "frames_per_s": round(len(docs) / elapsed)}


def summary(latencies: list[float], frames: int, wall: float) -> dict:
    ordered = sorted(latencies)
    return {"calls": len(ordered), "frames": frames, "frames_per_s": round(frames / wall),
            "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p99_ms": round(ordered[max(0, int(len(ordered) * 0.99) - 1)] * 1000, 2)}


async def get_next(http: aiohttp.ClientSession, dataset: str, version: str, calls: int) -> dict:
    """``frames.get_next_for_dataview`` pages of ``PAGE`` over the version, sequentially."""
    dataview = {"versions": [{"dataset": dataset, "version": version}],
                "filters": [{"dataset": dataset, "version": version, "weight": 1}],
                "iteration": {"order": "sequential", "infinite": False}}
    scroll, latencies, frames = None, [], 0
    began = time.perf_counter()
    for _ in range(calls):
        body = {"dataview": dataview, "batch_size": PAGE, **({"scroll_id": scroll} if scroll else {})}
        start = time.perf_counter()
        answer = await post(http, "frames.get_next_for_dataview", body)
        latencies.append(time.perf_counter() - start)
        frames += len(answer["frames"])
        scroll = answer.get("scroll_id") or scroll
        assert len(answer["frames"]) == PAGE, "the version has frames for every call"
    return summary(latencies, frames, time.perf_counter() - began)


async def raw_pages(es: AsyncElasticsearch, index: str, version: str, calls: int) -> dict:
    """The same pages straight from Elasticsearch: visibility, sequential sort, search_after."""
    query = layout.visible_in([version])
    sort = [{"context_id": "asc"}, {"timestamp": "asc"}, {"id": "asc"}]
    after, latencies, frames = None, [], 0
    began = time.perf_counter()
    for _ in range(calls):
        start = time.perf_counter()
        page = await es.search(index=index, query=query, sort=sort, size=PAGE, search_after=after)
        latencies.append(time.perf_counter() - start)
        hits = page["hits"]["hits"]
        frames += len(hits)
        after = hits[-1]["sort"]
    return summary(latencies, frames, time.perf_counter() - began)


async def make_version(http: aiohttp.ClientSession) -> tuple[str, str, str]:
    """A dataset and a draft version, and the company (for the index name)."""
    dataset = (await post(http, "datasets.create", {"name": f"bench-frames-{uuid.uuid4().hex[:8]}"}))["id"]
    version = (await post(http, "datasets.create_version", {"dataset": dataset, "name": "bench"}))["id"]
    company = (await post(http, "users.get_current_user", {}))["user"]["company"]["id"]
    return dataset, version, company


async def run(stack: Stack) -> dict:
    es = AsyncElasticsearch(ES, serializer=OrjsonSerializer(), request_timeout=300)
    raw_prefix = f"{stack.db_prefix.lower()}raw."
    timeout = aiohttp.ClientTimeout(600)
    try:
        async with aiohttp.ClientSession(stack.url, headers=auth_headers(stack), timeout=timeout) as http:
            dataset, version, company = await make_version(http)
            index = layout.dataset_index(stack.db_prefix.lower(), company, dataset)
            transit_1mb = await transit(http)  # before the saves: no merges of their segments yet
            saved_s = await save_frames(http, version, 0, TIMED_FRAMES)
            await save_frames(http, version, TIMED_FRAMES, STORED_FRAMES)
            pages = STORED_FRAMES // PAGE // 10
            results = {"save_frames": {"frames": TIMED_FRAMES, "seconds": round(saved_s, 2),
                                       "frames_per_s": round(TIMED_FRAMES / saved_s)},
                       "get_next": await get_next(http, dataset, version, pages),
                       "transit_1mb": transit_1mb}
        results["memory"] = {"frames_stored": STORED_FRAMES, **stack_rss_mib(stack)}
        results["raw_search_after_100"] = await raw_pages(es, index, version, pages)
        mapping = (await es.indices.get_mapping(index=index))[index]["mappings"]
        docs = await stored_documents(es, index, TIMED_FRAMES)
        results["raw_bulk_1000"] = await raw_bulk(es, f"{raw_prefix}a", mapping, docs, False)
        results["raw_bulk_1000_refresh"] = await raw_bulk(es, f"{raw_prefix}b", mapping, docs, True)
    finally:
        await es.indices.delete(index=f"{raw_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        await es.close()
    return with_ratios(results)


def with_ratios(results: dict) -> dict:
    save = results["save_frames"]["frames_per_s"]
    raw_ms = PER_CALL / results["raw_bulk_1000"]["frames_per_s"] * 1000  # one bulk of PER_CALL
    results["ratios"] = {
        "save_frames_vs_raw_bulk_1000": round(save / results["raw_bulk_1000"]["frames_per_s"], 2),
        "save_frames_vs_raw_bulk_1000_refresh": round(save / results["raw_bulk_1000_refresh"]["frames_per_s"], 2),
        "save_frames_ceiling": round(raw_ms / (raw_ms + results["transit_1mb"]["p50_ms"]), 2),
        "get_next_p50_vs_raw_search_after": round(
            results["get_next"]["p50_ms"] / results["raw_search_after_100"]["p50_ms"], 2),
    }
    results["targets"] = "save_frames >= 0.7x raw_bulk_1000; whole stack < 4096 MiB with 100,000 frames"
    return results
