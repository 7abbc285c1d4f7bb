"""The facts the processes publish are the ones the AsyncAPI document declares."""

from __future__ import annotations

from services.events.domain import Target
from services.events.facts import files_released
from services.tasks.facts import task_fact
from shared.schemas.asyncapi import EventFilesReleased, ModelDeleted, TaskGone


def test_task_facts_match_their_declaration():
    task = {"_id": "t1", "company": "c1"}
    urls = {"artifact_urls": ["http://files/a"], "model_urls": [], "event_urls": []}
    for kind in ("TaskDeleted", "TaskReset"):
        fact = task_fact(kind, task, urls)
        assert TaskGone.model_validate(fact).model_dump() == fact
    model = {"type": "ModelDeleted", "id": "m1", "company": "c1", "url": "http://files/w.bin"}
    assert ModelDeleted.model_validate(model).model_dump() == model


def test_event_facts_match_their_declaration():
    urls = [f"http://files/img{n}.png" for n in range(1500)]
    facts = files_released("c1", Target("task", "t1"), urls)
    assert [len(f["urls"]) for f in facts] == [1000, 500]
    for fact in facts:
        assert EventFilesReleased.model_validate(fact).model_dump(exclude_none=True) == fact
