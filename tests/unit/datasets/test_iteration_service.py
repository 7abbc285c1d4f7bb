"""The use cases of ``frames.get_next*`` over in-memory fakes of their ports: paging, limits,
seeds, weights, shared scrolls and errors."""

from __future__ import annotations

import asyncio
from itertools import groupby
from types import SimpleNamespace

import pytest

from services.datasets.iteration.reads import DataviewReads
from services.datasets.iteration.service import IterationService
from services.datasets.iteration.view import ViewResolver
from shared.errors import ApiError
from tests.unit.datasets.iteration_fakes import InMemoryDataviews, InMemoryFrames, InMemoryStates, InMemoryVersions

ME = SimpleNamespace(company="c1")


def frames(dataset: str, version: str, count: int, prefix: str = "f") -> list[dict]:
    return [{"_id": f"{version}:{prefix}{i:03d}", "id": f"{prefix}{i:03d}", "dataset": dataset, "version": version,
             "hidden_in": [], "context_id": f"ctx{i % 3}", "timestamp": i, "meta": {"n": i}} for i in range(count)]


@pytest.fixture
def world():
    store = InMemoryFrames(frames("d1", "v1", 30) + frames("d2", "w1", 10, "g"))
    versions = InMemoryVersions({"_id": "v1", "dataset": "d1", "lineage": ["v1"]},
                                {"_id": "w1", "dataset": "d2", "lineage": ["w1"]})
    dataviews = InMemoryDataviews(stored={"versions": [{"dataset": "d1", "version": "v1"}]})
    resolver = ViewResolver(versions)
    service = IterationService(store, InMemoryStates(), resolver, dataviews,
                               new_id=iter(f"s{i}" for i in range(1000)).__next__)
    return SimpleNamespace(store=store, service=service, resolver=resolver)


def spec(*versions: tuple[str, str], filters=None, **iteration) -> SimpleNamespace:
    body = {"versions": [{"dataset": d, "version": v} for d, v in versions], "iteration": iteration}
    if filters:
        body["filters"] = filters
    return SimpleNamespace(model_dump=lambda **_: body)


def req(dataview, **fields) -> SimpleNamespace:
    base = {"scroll_id": None, "batch_size": 500, "random_seed": None, "reset_scroll": None,
            "force_scroll_id": None, "projection": None, "remove_none_values": False}
    return SimpleNamespace(dataview=dataview, **{**base, **fields})


async def drain(service, dataview, **fields) -> list[str]:
    ids, scroll = [], None
    while True:
        answer = await service.get_next_for_dataview(ME, req(dataview, scroll_id=scroll, **fields))
        ids += [f["id"] for f in answer["frames"]]
        scroll = answer["scroll_id"]
        if answer["eof"]:
            return ids


async def test_a_scroll_returns_every_frame_once_in_context_then_time_order(world):
    ids = await drain(world.service, spec(("d1", "v1")), batch_size=4)
    assert ids == [f"f{i:03d}" for i in sorted(range(30), key=lambda i: (f"ctx{i % 3}", i))]


async def test_each_call_is_one_search(world):
    first = await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), batch_size=10))
    before = world.store.searches
    await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), batch_size=10, scroll_id=first["scroll_id"]))
    assert world.store.searches == before + 1


async def test_the_limit_ends_the_scroll(world):
    assert len(await drain(world.service, spec(("d1", "v1"), limit=7), batch_size=3)) == 7


async def test_one_seed_gives_one_order(world):
    one = await drain(world.service, spec(("d1", "v1"), order="random", random_seed=5))
    again = await drain(world.service, spec(("d1", "v1"), order="random", random_seed=5))
    other = await drain(world.service, spec(("d1", "v1"), order="random", random_seed=6))
    assert one == again != other and sorted(one) == sorted(other)


async def test_callers_sharing_a_scroll_split_its_frames(world):
    first = await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), batch_size=2))
    got = [f["id"] for f in first["frames"]]

    async def worker():
        while True:
            answer = await world.service.get_next_for_dataview(
                ME, req(spec(("d1", "v1")), batch_size=3, scroll_id=first["scroll_id"]))
            got.extend(f["id"] for f in answer["frames"])
            if answer["eof"] and not answer["frames"]:
                return

    await asyncio.gather(*(worker() for _ in range(5)))
    assert sorted(got) == [f"f{i:03d}" for i in range(30)]


async def test_an_unknown_scroll_is_refused_unless_forced(world):
    with pytest.raises(ApiError) as refused:
        await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), scroll_id="nope"))
    assert (refused.value.code, refused.value.subcode) == (400, 1104)
    answer = await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), scroll_id="nope",
                                                               force_scroll_id=True, batch_size=2))
    assert answer["scroll_id"] == "nope" and len(answer["frames"]) == 2


async def test_reset_starts_over_and_clear_forgets(world):
    view = spec(("d1", "v1"))
    first = await world.service.get_next_for_dataview(ME, req(view, batch_size=2))
    await world.service.get_next_for_dataview(ME, req(view, batch_size=2, scroll_id=first["scroll_id"]))
    again = await world.service.get_next_for_dataview(ME, req(view, batch_size=2, scroll_id=first["scroll_id"],
                                                              reset_scroll=True))
    assert again["frames"] == first["frames"]
    await world.service.clear_get_next_state(ME, SimpleNamespace(scroll_id=first["scroll_id"]))
    with pytest.raises(ApiError):
        await world.service.get_next_for_dataview(ME, req(view, scroll_id=first["scroll_id"]))


async def test_infinite_iteration_follows_the_weights_and_never_ends(world):
    rules = [{"dataset": "d1", "version": "v1", "weight": 3}, {"dataset": "d2", "version": "w1", "weight": 1}]
    view = spec(("d1", "v1"), ("d2", "w1"), filters=rules, infinite=True)
    before = world.store.searches
    answer = await world.service.get_next_for_dataview(ME, req(view, batch_size=100))
    assert world.store.searches - before == 2  # rules smaller than their share are repeated, not searched again
    assert not answer["eof"]
    assert sum(f["id"].startswith("f") for f in answer["frames"]) == 75
    assert sum(f["id"].startswith("g") for f in answer["frames"]) == 25  # 10 frames, repeated


async def test_an_empty_rule_leaves_its_share_to_the_others(world):
    rules = [{"dataset": "d1", "version": "v1"}, {"dataset": "d3", "version": "*"}]
    view = spec(("d1", "v1"), filters=rules, infinite=True)
    answer = await world.service.get_next_for_dataview(ME, req(view, batch_size=40))
    answer = await world.service.get_next_for_dataview(ME, req(view, batch_size=40, scroll_id=answer["scroll_id"]))
    assert len(answer["frames"]) == 40 and not answer["eof"]


async def test_a_stored_dataview_is_read_by_id_and_an_unknown_one_refused(world):
    answer = await world.service.get_next_for_dataview_id(ME, req("stored"))
    assert len(answer["frames"]) == 30
    with pytest.raises(ApiError) as refused:
        await world.service.get_next_for_dataview_id(ME, req("nope"))
    assert refused.value.code == 400


async def test_a_version_of_another_dataset_is_refused(world):
    with pytest.raises(ApiError) as refused:
        await world.service.get_next_for_dataview(ME, req(spec(("d1", "w1"))))
    assert refused.value.code == 400


async def test_frames_name_the_version_they_were_read_in(world):
    answer = await world.service.get_next_for_dataview(ME, req(spec(("d1", "v1")), batch_size=1))
    assert answer["frames"][0]["dataset"] == {"id": "d1", "version": "v1"}
    assert "hidden_in" not in answer["frames"][0]


async def test_bidirectional_flow_control_goes_back_a_batch_at_a_time(world):
    view = spec(("d1", "v1"))
    order = await drain(world.service, view)

    async def batch(scroll, backwards=False):
        flow = SimpleNamespace(bidirectional=True, navigate_backwards=backwards)
        answer = await world.service.get_next_for_dataview(ME, req(view, batch_size=4, scroll_id=scroll,
                                                                   flow_control=flow))
        return answer["scroll_id"], [f["id"] for f in answer["frames"]], answer["eof"]

    scroll, first, _ = await batch(None)
    scroll, second, _ = await batch(scroll)
    scroll, third, _ = await batch(scroll)
    assert first + second + third == order[:12]
    assert (await batch(scroll, backwards=True))[1] == second
    assert (await batch(scroll, backwards=True))[1] == first
    assert (await batch(scroll, backwards=True))[1:] == ([], True)
    assert (await batch(scroll))[1] == second


async def test_snippets_count_the_rules_frames_and_every_frame_of_the_views_versions(world):
    reads = DataviewReads(world.store, world.resolver, world.service)
    view = spec(("d1", "v1"), ("d2", "w1"), filters=[{"dataset": "d1", "version": "v1"}])
    request = SimpleNamespace(dataview=view, vector_search=None, aggregation=None, disable_aggregation=None,
                              size=10, order_by=None, search_after=None, projection=None)
    answer = await reads.get_snippets_for_dataview2(ME, request)
    assert (answer["frames_total"], answer["total_in_versions"], len(answer["frames"])) == (30, 40, 10)
    counts = await reads.get_count_for_dataview(ME, SimpleNamespace(dataview=view))
    assert counts == {"total": 30, "rules": [{"rule_index": 0, "name": None, "count": 30, "accurate": True}]}


async def test_two_callers_forcing_one_new_scroll_id_share_it(world):
    view = spec(("d1", "v1"))
    answers = await asyncio.gather(*(world.service.get_next_for_dataview(
        ME, req(view, scroll_id="task-1", force_scroll_id=True, batch_size=5)) for _ in range(2)))
    ids = [f["id"] for answer in answers for f in answer["frames"]]
    assert len(ids) == len(set(ids)) == 10


async def test_an_entry_merged_with_another_version_reads_both():
    docs = frames("d1", "v1", 4) + frames("d1", "m1", 2, "m")
    docs[0]["hidden_in"] = ["m1"]  # m1 deleted f000
    versions = InMemoryVersions({"_id": "v1", "dataset": "d1", "lineage": ["v1"]},
                                {"_id": "m1", "dataset": "d1", "lineage": ["m1"]})
    service = IterationService(InMemoryFrames(docs), InMemoryStates(), ViewResolver(versions), InMemoryDataviews())
    body = {"versions": [{"dataset": "d1", "version": "v1", "merge_with": "m1"}], "iteration": {}}
    answer = await service.get_next_for_dataview(ME, req(SimpleNamespace(model_dump=lambda **_: body)))
    assert sorted(f["id"] for f in answer["frames"]) == ["f001", "f002", "f003", "m000", "m001"]
    assert {f["dataset"]["version"] for f in answer["frames"]} == {"v1"}


async def test_random_order_with_min_sequence_returns_each_clip_once_in_time_order(world):
    # frames of d1/v1: ctx{i % 3}, timestamp i: clips of 9 ms hold three frames of a context
    view = spec(("d1", "v1"), order="random", random_seed=4, min_sequence=9)
    answers, scroll = [], None
    while True:
        answer = await world.service.get_next_for_dataview(ME, req(view, scroll_id=scroll, batch_size=4))
        answers.append(answer["frames"])
        scroll = answer["scroll_id"]
        if answer["eof"]:
            break
    frames = [f for batch in answers for f in batch]
    assert sorted(f["id"] for f in frames) == [f"f{i:03d}" for i in range(30)]
    runs = [key for key, _ in groupby(frames, key=lambda f: (f["context_id"], f["timestamp"] // 9))]
    assert len(runs) == len(set(runs)) == 12  # each clip comes whole, once
    for clip in (list(group) for _, group in groupby(frames, key=lambda f: (f["context_id"], f["timestamp"] // 9))):
        assert [f["timestamp"] for f in clip] == sorted(f["timestamp"] for f in clip)
    assert runs != sorted(runs)  # the clips come in random order


async def test_merge_with_a_version_of_another_dataset_is_refused(world):
    body = {"versions": [{"dataset": "d1", "version": "v1", "merge_with": "w1"}], "iteration": {}}
    with pytest.raises(ApiError) as refused:
        await world.service.get_next_for_dataview(ME, req(SimpleNamespace(model_dump=lambda **_: body)))
    assert (refused.value.code, refused.value.subcode) == (400, 10)
