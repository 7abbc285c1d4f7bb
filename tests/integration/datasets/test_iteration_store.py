"""``iteration_states`` on the real MongoDB-wire server, and scrolls over frames in the real
Elasticsearch shared by concurrent callers (the workers of one task)."""

from __future__ import annotations

import asyncio
import uuid
from types import SimpleNamespace

import pytest
from elasticsearch import AsyncElasticsearch
from elasticsearch.helpers import async_bulk

from services.datasets.iteration.service import IterationService
from services.datasets.iteration.view import ViewResolver
from services.datasets.store import layout
from services.datasets.store.iteration import COLLECTION, MongoIterationStates
from services.datasets.store.search import FrameSearch
from tests.support.servers import ES, require_servers

pytestmark = pytest.mark.integration


@pytest.fixture
def db(mongo_db):
    return mongo_db


@pytest.fixture
async def es():
    require_servers(kafka=False, mongo=False, es=True)
    prefix = f"it{uuid.uuid4().hex[:10]}_"
    client = AsyncElasticsearch(ES)
    try:
        yield SimpleNamespace(client=client, prefix=prefix)
    finally:
        await client.indices.delete(index=f"{prefix}{layout.FAMILY}-*", ignore_unavailable=True, allow_no_indices=True)
        await client.close()


async def test_a_state_is_read_back_only_by_its_company(db):
    states = MongoIterationStates(db)
    assert await states.open({"id": "s1", "company": "c1", "served": 0, "cursor": None})
    assert not await states.open({"id": "s1", "company": "c1", "served": 5})  # opened once only
    state = await states.get("c1", "s1")
    assert state["id"] == "s1" and state["seq"] == 0 and state["served"] == 0
    assert await states.get("c2", "s1") is None
    assert await states.get("c1", "nope") is None


async def test_advance_is_a_compare_and_set_on_the_sequence(db):
    states = MongoIterationStates(db)
    await states.open({"id": "s1", "company": "c1", "served": 0})
    assert await states.advance("c1", "s1", 0, {"served": 10, "cursor": ["a", 1]})
    assert not await states.advance("c1", "s1", 0, {"served": 99})  # a stale reader loses
    assert not await states.advance("c2", "s1", 1, {"served": 99})  # another company never wins
    state = await states.get("c1", "s1")
    assert (state["seq"], state["served"], state["cursor"]) == (1, 10, ["a", 1])


async def test_concurrent_advances_each_win_exactly_once(db):
    """Many callers read, compute and advance one state: every increment is applied once."""
    states = MongoIterationStates(db)
    await states.open({"id": "s", "company": "c", "served": 0})
    claimed: list[int] = []

    async def worker() -> None:
        for _ in range(10):
            while True:
                state = await states.get("c", "s")
                if await states.advance("c", "s", state["seq"], {"served": state["served"] + 1}):
                    claimed.append(state["served"])
                    break

    await asyncio.gather(*(worker() for _ in range(6)))
    assert sorted(claimed) == list(range(60))
    assert (await states.get("c", "s"))["served"] == 60


async def test_states_expire_a_week_after_their_last_use(db):
    states = MongoIterationStates(db)
    await states.ensure_indexes()
    await states.ensure_indexes()  # at every start: no error the second time
    indexes = await db[COLLECTION].index_information()
    assert any(spec.get("expireAfterSeconds") == 7 * 24 * 3600 and spec["key"] == [("updated", 1)]
               for spec in indexes.values())


async def test_remove_forgets_the_state(db):
    states = MongoIterationStates(db)
    await states.open({"id": "s1", "company": "c1"})
    assert not await states.remove("c2", "s1")
    assert await states.remove("c1", "s1")
    assert not await states.remove("c1", "s1")


class Versions:
    def __init__(self, *docs: dict) -> None:
        self._docs = {d["_id"]: d for d in docs}

    async def get(self, company, version_id):
        return self._docs.get(version_id)

    async def of_dataset(self, company, dataset_id):
        return [d for d in self._docs.values() if d["dataset"] == dataset_id]


async def index_frames(es, company: str, dataset: str, version: str, count: int) -> None:
    index = layout.dataset_index(es.prefix, company, dataset)
    await es.client.indices.create(index=index, **layout.index_body())
    actions = [{"_index": index, "_id": layout.doc_id(version, f"f{i:04d}"),
                "_source": {"id": f"f{i:04d}", "dataset": dataset, "version": version, "hidden_in": [],
                            "context_id": f"ctx{i % 7}", "timestamp": i, "meta": {"n": i}}}
               for i in range(count)]
    await async_bulk(es.client, actions, refresh="wait_for")


def request(**fields):
    base = {"scroll_id": None, "batch_size": 500, "random_seed": None, "reset_scroll": None,
            "force_scroll_id": None, "projection": None, "remove_none_values": False}
    return SimpleNamespace(**{**base, **fields})


def dataview(dataset: str, version: str, **iteration):
    return SimpleNamespace(model_dump=lambda **_: {"versions": [{"dataset": dataset, "version": version}],
                                                   "iteration": iteration})


async def service_over(db, es, frames: int) -> IterationService:
    """The use cases over ``frames`` frames of version v1 of dataset d1 (company c1)."""
    await index_frames(es, "c1", "d1", "v1", frames)
    resolver = ViewResolver(Versions({"_id": "v1", "dataset": "d1", "lineage": ["v1"]}))
    return IterationService(FrameSearch(es.client, es.prefix), MongoIterationStates(db), resolver, dataviews=None)


async def test_workers_sharing_one_scroll_never_get_the_same_frame(db, es):
    service = await service_over(db, es, 300)
    identity, view = SimpleNamespace(company="c1"), dataview("d1", "v1")
    first = await service.get_next_for_dataview(identity, request(dataview=view, batch_size=5))
    got = [f["id"] for f in first["frames"]]

    async def worker() -> None:
        while True:
            answer = await service.get_next_for_dataview(
                identity, request(dataview=view, batch_size=7, scroll_id=first["scroll_id"]))
            got.extend(f["id"] for f in answer["frames"])
            if answer["eof"] and not answer["frames"]:
                return

    await asyncio.gather(*(worker() for _ in range(4)))
    assert len(got) == 300
    assert sorted(got) == [f"f{i:04d}" for i in range(300)]


async def test_sequential_scroll_follows_context_then_timestamp_and_random_follows_the_seed(db, es):
    service = await service_over(db, es, 50)
    identity = SimpleNamespace(company="c1")

    async def order(**iteration) -> list[str]:
        answer = await service.get_next_for_dataview(identity, request(dataview=dataview("d1", "v1", **iteration)))
        assert answer["eof"]
        return [f["id"] for f in answer["frames"]]

    expected = sorted((f"ctx{i % 7}", i, f"f{i:04d}") for i in range(50))
    assert await order() == [f for _, _, f in expected]
    one, again, other = (await order(order="random", random_seed=1), await order(order="random", random_seed=1),
                         await order(order="random", random_seed=2))
    assert one == again != other
    assert sorted(one) == sorted(other) == sorted(f for _, _, f in expected)
