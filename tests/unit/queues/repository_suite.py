"""One behaviour suite for the queues process's repositories, run against the in-memory fakes
(``test_fake_repositories.py``) and against MongoDB-wire (``tests/integration/queues``).

A concrete class inherits a ``...Contract`` and provides ``queues_repo`` / ``workers_repo``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.queues import domain
from services.queues.filters import queue_filter
from services.queues.repository import DuplicateName
from shared.access.listing import Readable
from shared.schemas import queues as queues_api

ACME, OTHER = "acme", "other"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def a_queue(queue_id: str, name: str | None = None, company: str = ACME, minute: int = 0, **fields) -> dict:
    return domain.new_queue(queue_id, company, "u1", name or f"queue-{queue_id}", fields, T0 + timedelta(minutes=minute))


def get_all(company: str = ACME, **body):
    return queue_filter(company, queues_api.GetAllRequest.model_validate(body))


def tasks_of(doc: dict) -> list[str]:
    return [e["task"] for e in doc["entries"]]


class QueueRepositoryContract:
    async def test_a_stored_queue_reads_back_equal_only_for_its_company(self, queues_repo):
        queue = a_queue("q1", metadata={"a.b": {"key": "a.b", "type": "str", "value": "1"}})
        await queues_repo.add(queue)
        assert await queues_repo.get(ACME, "q1") == queue
        assert await queues_repo.get(OTHER, "q1") is None
        assert (await queues_repo.by_name(ACME, "queue-q1"))["_id"] == "q1"
        assert await queues_repo.by_name(OTHER, "queue-q1") is None

    async def test_names_are_unique_per_company(self, queues_repo):
        await queues_repo.add(a_queue("q1", "gpu"))
        await queues_repo.add(a_queue("q2", "gpu", company=OTHER))
        with pytest.raises(DuplicateName):
            await queues_repo.add(a_queue("q3", "gpu"))
        await queues_repo.add(a_queue("q4", "cpu"))
        with pytest.raises(DuplicateName):
            await queues_repo.update(ACME, "q4", {"name": "gpu"})

    async def test_find_filters_names_tags_hidden_and_pages(self, queues_repo):
        await queues_repo.add(a_queue("q1", "gpu-large", minute=1, tags=["a"]))
        await queues_repo.add(a_queue("q2", "gpu-small", minute=2, tags=["b"]))
        await queues_repo.add(a_queue("q3", "k8s", minute=3, system_tags=["k8s-glue"]))
        await queues_repo.add(a_queue("q4", "gpu-x", company=OTHER))
        ids = lambda docs: [d["_id"] for d in docs]  # noqa: E731
        assert ids(await queues_repo.find(get_all())) == ["q1", "q2"]
        assert ids(await queues_repo.find(get_all(search_hidden=True))) == ["q1", "q2", "q3"]
        assert ids(await queues_repo.find(get_all(name="^gpu"))) == ["q1", "q2"]
        assert ids(await queues_repo.find(get_all(tags=["-a"]))) == ["q2"]
        assert ids(await queues_repo.find(get_all(order_by=["-name"], page=0, page_size=1))) == ["q2"]
        assert ids(await queues_repo.find(get_all(id=["q3", "q4"]))) == ["q3"]

    async def test_find_keeps_only_the_queues_the_caller_may_read(self, queues_repo):
        for n in range(1, 5):
            await queues_repo.add(a_queue(f"q{n}", minute=n))
        ids = lambda docs: [d["_id"] for d in docs]  # noqa: E731
        request = queues_api.GetAllRequest.model_validate({"page": 0, "page_size": 2})
        but = queue_filter(ACME, request, Readable(True, excluded=frozenset({"q1", "q3"})))
        assert ids(await queues_repo.find(but)) == ["q2", "q4"]  # in the query: the page is full
        only = queue_filter(ACME, request, Readable(False, only=frozenset({"q3", "q9"})))
        assert ids(await queues_repo.find(only)) == ["q3"]
        assert ids(await queues_repo.find(queue_filter(ACME, request, Readable(False)))) == []

    async def test_find_takes_field_filters_with_any_all_and_op(self, queues_repo):
        await queues_repo.add(a_queue("q1", minute=1, tags=["a", "b"]))
        await queues_repo.add(a_queue("q2", minute=2, tags=["a"]))
        await queues_repo.add(a_queue("q3", minute=3))
        ids = lambda docs: [d["_id"] for d in docs]  # noqa: E731

        async def found(**filters):
            return ids(await queues_repo.find(get_all(filters=filters)))
        assert await found(tags={"any": {"include": ["b", None]}}) == ["q1", "q3"]
        assert await found(tags={"any": {"exclude": ["a", "b"]}}) == ["q2", "q3"]
        assert await found(tags={"all": {"include": ["a"], "exclude": ["b"]}}) == ["q2"]
        assert await found(tags={"all": {"exclude": [None]}}) == ["q1", "q2"]
        assert await found(tags={"any": {"include": ["b"]}, "all": {"exclude": ["a"]}, "op": "or"}) == ["q1", "q3"]
        assert await found(id={"any": {"include": ["q2", "q3"]}}) == ["q2", "q3"]
        assert ids(await queues_repo.find(get_all(tags=["b"], filters={"tags": {"all": {"include": ["a"]}}}))) == [
            "q1", "q2"]  # the field's plain filter gives way

    async def test_defaults_are_the_queues_with_the_default_system_tag(self, queues_repo):
        await queues_repo.add(a_queue("q1", "default", system_tags=["default"]))
        await queues_repo.add(a_queue("q2", "other"))
        assert [d["_id"] for d in await queues_repo.defaults(ACME)] == ["q1"]
        assert await queues_repo.defaults(OTHER) == []

    async def test_update_sets_fields_and_metadata_items_are_set_and_deleted_by_key(self, queues_repo):
        await queues_repo.add(a_queue("q1", metadata={"x": {"key": "x", "value": "1"}, "y": {"key": "y"}}))
        assert await queues_repo.set_metadata(ACME, "q1", {"z": {"key": "z", "value": "3"}}, False, T0)
        assert await queues_repo.delete_metadata(ACME, "q1", ["x", "missing"], T0)
        doc = await queues_repo.update(ACME, "q1", {"display_name": "Q1"})
        assert set(doc["metadata"]) == {"y", "z"} and doc["display_name"] == "Q1" and doc["last_update"] == T0
        assert await queues_repo.set_metadata(ACME, "q1", {"w": {"key": "w"}}, True, T0)
        assert set((await queues_repo.get(ACME, "q1"))["metadata"]) == {"w"}
        assert await queues_repo.update(OTHER, "q1", {"name": "stolen"}) is None
        assert not await queues_repo.set_metadata(OTHER, "q1", {}, True, T0)
        assert not await queues_repo.delete_metadata(OTHER, "q1", ["w"], T0)

    async def test_push_refuses_a_task_already_there_and_pop_hands_out_in_order(self, queues_repo):
        await queues_repo.add(a_queue("q1"))
        assert await queues_repo.push("q1", domain.new_entry("t1", T0), T0)
        assert await queues_repo.push("q1", domain.new_entry("t2", T0), T0)
        assert not await queues_repo.push("q1", domain.new_entry("t1", T0), T0)
        queue, entry = await queues_repo.pop_first(ACME, "q1", T0, task="t2")
        assert entry is None and tasks_of(queue) == ["t1", "t2"]
        queue, entry = await queues_repo.pop_first(ACME, "q1", T0)
        assert entry["task"] == "t1" and tasks_of(queue) == ["t1", "t2"]  # as read before the pop
        assert await queues_repo.pop_first(OTHER, "q1", T0) == (None, None)
        assert (await queues_repo.pop_first(ACME, "q1", T0, task="t2"))[1]["task"] == "t2"
        queue, entry = await queues_repo.pop_first(ACME, "q1", T0)
        assert entry is None and queue["entries"] == []
        assert await queues_repo.pop_first(ACME, "missing", T0) == (None, None)

    async def test_pull_and_pull_everywhere(self, queues_repo):
        for queue_id in ("q1", "q2", "q3"):
            await queues_repo.add(a_queue(queue_id))
            await queues_repo.push(queue_id, domain.new_entry("t1", T0), T0)
        await queues_repo.add(a_queue("q4", company=OTHER))
        await queues_repo.push("q4", domain.new_entry("t1", T0), T0)
        assert await queues_repo.pull("q1", "t1", T0) == 1
        assert await queues_repo.pull("q1", "t1", T0) == 0
        assert await queues_repo.pull_everywhere(ACME, "t1", T0, keep="q3") == 1
        assert tasks_of(await queues_repo.get(ACME, "q3")) == ["t1"]
        assert tasks_of(await queues_repo.get(OTHER, "q4")) == ["t1"]

    async def test_replace_entries_and_delete_are_conditional_on_seq(self, queues_repo):
        await queues_repo.add(a_queue("q1"))
        await queues_repo.push("q1", domain.new_entry("t1", T0), T0)
        await queues_repo.push("q1", domain.new_entry("t2", T0), T0)
        seq = (await queues_repo.get(ACME, "q1"))["seq"]
        entries = (await queues_repo.get(ACME, "q1"))["entries"]
        assert await queues_repo.replace_entries("q1", seq, entries[::-1], T0)
        assert not await queues_repo.replace_entries("q1", seq, entries, T0)
        assert tasks_of(await queues_repo.get(ACME, "q1")) == ["t2", "t1"]
        assert not await queues_repo.delete(ACME, "q1", expected_seq=seq)
        assert not await queues_repo.delete(OTHER, "q1")
        assert await queues_repo.delete(ACME, "q1", expected_seq=seq + 1)
        assert await queues_repo.get(ACME, "q1") is None

    async def test_get_without_entries(self, queues_repo):
        await queues_repo.add(a_queue("q1"))
        await queues_repo.push("q1", domain.new_entry("t1", T0), T0)
        light = await queues_repo.get(ACME, "q1", entries=False)
        assert "entries" not in light and light["name"] == "queue-q1"
        assert await queues_repo.get(OTHER, "q1", entries=False) is None

    async def test_page_walks_every_company_by_id_with_entry_times_only(self, queues_repo):
        for queue_id, company in [("q3", ACME), ("q1", OTHER), ("q2", ACME)]:
            await queues_repo.add(a_queue(queue_id, company=company))
        await queues_repo.push("q2", domain.new_entry("t1", T0, "u1", "named"), T0)
        first = await queues_repo.page(None, 2)
        assert [(q["_id"], q["company"]) for q in first] == [("q1", OTHER), ("q2", ACME)]
        assert first[1]["entries"] == [{"added": T0}]
        assert [q["_id"] for q in await queues_repo.page("q2", 2)] == ["q3"]
        assert await queues_repo.page("q3", 2) == []


def a_worker(key: str, company: str = ACME, last: datetime = T0, timeout: int = 600) -> dict:
    return {"_id": key, "worker": key, "company": company, "user": "u1", "last_activity_time": last,
            "expires": last + timedelta(seconds=timeout), "timeout": timeout, "queues": [], "tags": []}


class WorkerRepositoryContract:
    async def test_live_workers_are_unexpired_and_recently_active(self, workers_repo):
        await workers_repo.save(a_worker("w1", last=T0))
        await workers_repo.save(a_worker("w2", last=T0 - timedelta(seconds=500)))
        await workers_repo.save(a_worker("w3", last=T0 - timedelta(seconds=700)))
        await workers_repo.save(a_worker("w4", company=OTHER))
        keys = lambda docs: [d["_id"] for d in docs]  # noqa: E731
        assert keys(await workers_repo.live(ACME, T0)) == ["w1", "w2"]
        assert keys(await workers_repo.live(ACME, T0, T0 - timedelta(seconds=60))) == ["w1"]

    async def test_save_touch_get_delete(self, workers_repo):
        await workers_repo.save(a_worker("w1"))
        assert await workers_repo.touch("w1", {"queues": ["q1"]})
        assert (await workers_repo.get("w1"))["queues"] == ["q1"]
        await workers_repo.save(a_worker("w1"))
        assert (await workers_repo.get("w1"))["queues"] == []
        assert not await workers_repo.touch("nobody", {"queues": []})
        assert await workers_repo.delete("w1")
        assert not await workers_repo.delete("w1")
        assert await workers_repo.get("w1") is None

