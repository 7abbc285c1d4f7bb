"""Which tasks-service facts remove events, and which release the files their events name."""

from __future__ import annotations

import orjson
import pytest

from services.events.cleanup import TaskChangesListener, clear, event_urls, events_to_clear
from services.events.domain import IMAGE, LOG, Target
from services.events.facts import FILES_RELEASED, URLS_PER_FACT, files_released
from shared.settings import SharedSettings
from tests.unit.events.fakes import InMemoryEventRepository, FakeFactPublisher


@pytest.mark.parametrize(
    "fact, expected",
    [
        ({"type": "TaskDeleted", "id": "t1", "company": "acme"}, ("acme", Target("task", "t1"))),
        ({"type": "TaskReset", "id": "t1", "company": "acme"}, ("acme", Target("task", "t1"))),
        ({"type": "ModelDeleted", "id": "m1", "company": "acme"}, ("acme", Target("model", "m1"))),
        ({"type": "TaskEdited", "id": "t1", "company": "acme"}, None),
        ({"type": "TaskDeleted", "company": "acme"}, None),
        ({"type": "TaskDeleted", "id": "t1"}, None),
        (["TaskDeleted"], None),
    ],
)
def test_facts(fact, expected):
    assert events_to_clear(orjson.dumps(fact)) == expected


def test_malformed_facts_are_ignored():
    assert events_to_clear(b"{not json") is None


# -- releasing the files of deleted tasks' events -------------------------------------------


def image(task, n, company="acme", model=False, url=None):
    return {"type": IMAGE, "task": task, "iter": n, "company_id": company, "model_event": model,
            "url": url or f"http://files/{task}/img_{n % 3}.png"}


def stored(repo, *docs):
    for i, doc in enumerate(docs):
        repo.docs[("idx", f"{doc['task']}-{i}")] = doc


async def test_a_deleted_task_releases_its_image_urls_before_its_events_go():
    repo, facts = InMemoryEventRepository(), FakeFactPublisher()
    stored(repo, *[image("t1", n) for n in range(10)], image("t2", 1),
           {"type": LOG, "task": "t1", "company_id": "acme", "model_event": False, "msg": "x"})
    deleted = await clear(repo, facts, "acme", Target("task", "t1"), release=True)
    assert deleted == 11
    assert facts.published == [("t1", {"type": FILES_RELEASED, "company": "acme", "task": "t1",
                                       "urls": [f"http://files/t1/img_{k}.png" for k in range(3)]})]
    assert len(repo.docs) == 1  # t2's image stays


async def test_many_urls_are_paged_and_split_into_several_facts():
    repo, facts = InMemoryEventRepository(), FakeFactPublisher()
    stored(repo, *[image("m1", n, model=True, url=f"http://files/m/{n:05}.png") for n in range(2500)])
    urls = await event_urls(repo, "acme", Target("model", "m1"))
    assert urls == [f"http://files/m/{n:05}.png" for n in range(2500)] and repo.url_pages == 4
    await clear(repo, facts, "acme", Target("model", "m1"), release=True)
    assert [len(f["urls"]) for _, f in facts.published] == [URLS_PER_FACT, URLS_PER_FACT, 500]
    assert all(f["model"] == "m1" and "task" not in f for _, f in facts.published)
    assert files_released("acme", Target("task", "t"), []) == []


async def test_reset_tasks_lose_their_events_but_keep_their_files():
    repo, facts = InMemoryEventRepository(), FakeFactPublisher()
    stored(repo, image("t1", 1))
    listener = TaskChangesListener(SharedSettings(), repo, facts)
    await listener.apply(orjson.dumps({"type": "TaskReset", "id": "t1", "company": "acme"}))
    assert repo.docs == {} and facts.published == [] and repo.url_pages == 0


async def test_a_failed_publish_is_retried_and_the_events_wait_for_it():
    repo, facts = InMemoryEventRepository(), FakeFactPublisher()
    stored(repo, image("t1", 1))
    facts.fail = 2
    listener = TaskChangesListener(SharedSettings(), repo, facts)
    listener.retry_s = 0
    await listener.apply(orjson.dumps({"type": "TaskDeleted", "id": "t1", "company": "acme"}))
    assert [f["urls"] for _, f in facts.published] == [["http://files/t1/img_1.png"]]
    assert repo.docs == {}


async def test_a_late_reset_keeps_the_events_of_the_next_run():
    repo, facts = InMemoryEventRepository(), FakeFactPublisher()
    old = {"type": LOG, "task": "t1", "company_id": "acme", "model_event": False, "msg": "run 1", "@timestamp": 1_000}
    new = {**old, "msg": "run 2", "@timestamp": 3_000}
    stored(repo, old, new)
    listener = TaskChangesListener(SharedSettings(), repo, facts)
    await listener.apply(orjson.dumps({"type": "TaskReset", "id": "t1", "company": "acme", "at": 2_000}))
    assert [doc["msg"] for doc in repo.docs.values()] == ["run 2"]
    await listener.apply(orjson.dumps({"type": "TaskDeleted", "id": "t1", "company": "acme", "at": 2_000}))
    assert repo.docs == {}  # a deleted task's events all go, whatever the fact says
