"""The facts the processes publish are the ones the AsyncAPI document declares."""

from __future__ import annotations

from datetime import UTC, datetime

from services.events.domain import Target
from services.events.facts import files_released
from services.tasks.facts import model_deleted, task_fact
from shared.schemas.asyncapi import EventFilesReleased, ModelDeleted, TaskGone


def test_task_facts_match_their_declaration():
    task = {"_id": "t1", "company": "c1"}
    urls = {"artifact_urls": ["http://files/a"], "model_urls": [], "event_urls": []}
    for kind in ("TaskDeleted", "TaskReset"):
        for fact in (task_fact(kind, task, urls).fact, task_fact(kind, task).fact,
                     task_fact(kind, task, at=datetime(2026, 12, 8, tzinfo=UTC)).fact):
            assert TaskGone.model_validate(fact).model_dump(exclude_none=True) == fact
    for files in (True, False):
        model = model_deleted({"_id": "m1", "uri": "http://files/w.bin"}, "c1", files).fact
        assert ModelDeleted.model_validate(model).model_dump() == model


def test_event_facts_match_their_declaration():
    urls = [f"http://files/img{n}.png" for n in range(1500)]
    facts = files_released("c1", Target("task", "t1"), urls)
    assert [len(f["urls"]) for f in facts] == [1000, 500]
    for fact in facts:
        assert EventFilesReleased.model_validate(fact).model_dump(exclude_none=True) == fact
