"""``datasets.get_label_keywords_for_running_task`` over in-memory fakes: which dataviews a
task names, the versions they read and the joined label counts; under access rules, the
caller must read every stored dataview the task names and every dataset its dataviews read."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from services.datasets.access import DatasetAccess
from services.datasets.iteration.labels import TaskLabels, join_labels, version_ids
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.access.view import StaticAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from tests.unit.datasets.iteration_fakes import InMemoryDataviews, InMemoryVersions

ME = Identity(company="c1", user="me")


def stats(**labels: int) -> dict:
    return {"labels": [{"name": name, "count": count} for name, count in labels.items()]}


class Tasks:
    def __init__(self, **tasks: dict) -> None:
        self._tasks = tasks

    async def get(self, identity, task_id: str) -> dict:
        if task_id not in self._tasks:
            raise ApiError.named("invalid_task_id", id=task_id)
        return self._tasks[task_id]


def closed_to_me(entity_type: str, entity_id: str) -> AccessRulesChanged:
    """Every dataset and dataview open to all, but ``entity_id`` readable by someone else only."""
    rules = [RuleSnapshot(id=f"c-{t}", entity_type=t, access_permission="read_write", groups=["all"])
             for t in ("dataset", "dataview")]
    rules.append(RuleSnapshot(id="own", entity_type=entity_type, entity_id=entity_id, access_permission="read",
                              users=["someone-else"]))
    return AccessRulesChanged(company="c1", version=1, groups=[GroupSnapshot(id="all", everyone=True)], rules=rules)


def labels_of(task: dict, rules: AccessRulesChanged | None = None) -> list[dict]:
    versions = InMemoryVersions({"_id": "v1", "dataset": "d1", "stats": stats(cat=3, dog=1)},
                                {"_id": "w1", "dataset": "d2", "stats": stats(dog=2, bird=1)})
    dataviews = InMemoryDataviews(dv1={"versions": [{"dataset": "d2", "version": "w1"}]})
    access = DatasetAccess(StaticAccess([rules] if rules else []), None, versions)
    access.attach_dataviews(dataviews)
    service = TaskLabels(Tasks(t=task), dataviews, versions, access)
    answer = asyncio.run(service.get_label_keywords_for_running_task(ME, SimpleNamespace(task="t")))
    return answer["labels"]


def test_labels_of_the_embedded_and_the_stored_dataviews_are_joined_most_frequent_first():
    task = {"status": "in_progress",
            "execution": {"dataviews": [{"name": "a", "versions": [{"dataset": "d1", "version": "v1"}]}]},
            "input": {"dataviews": {"b": "dv1"}}}
    assert labels_of(task) == [{"name": "cat", "count": 3}, {"name": "dog", "count": 3}, {"name": "bird", "count": 1}]


def test_a_version_read_by_two_dataviews_counts_once():
    entry = {"versions": [{"dataset": "d2", "version": "w1"}]}
    task = {"status": "completed", "execution": {"dataviews": {"a": entry, "b": entry}}}
    assert labels_of(task) == [{"name": "dog", "count": 2}, {"name": "bird", "count": 1}]


def test_a_task_without_dataviews_has_no_labels():
    assert labels_of({"status": "in_progress"}) == []


def test_unknown_versions_and_dataviews_are_skipped():
    task = {"status": "stopped", "execution": {"dataviews": [{"versions": [{"dataset": "d9", "version": "gone"}]}]},
            "input": {"dataviews": {"x": "nope"}}}
    assert labels_of(task) == []


TASK = {"status": "in_progress",
        "execution": {"dataviews": [{"name": "a", "versions": [{"dataset": "d1", "version": "v1"}]}]},
        "input": {"dataviews": {"b": "dv1"}}}


@pytest.mark.parametrize(("entity_type", "entity_id", "code"), [
    ("dataset", "d1", (400, 10)),  # read by the task's embedded dataview
    ("dataset", "d2", (400, 10)),  # read by the stored dataview the task names
    ("dataview", "dv1", (400, 10)),  # the stored dataview itself
])
def test_a_caller_who_may_not_read_what_the_dataviews_read_is_answered_its_invalid_id(entity_type, entity_id, code):
    assert labels_of(TASK, closed_to_me("dataset", "elsewhere")) != []  # other rules: the labels as before
    with pytest.raises(ApiError) as caught:
        labels_of(TASK, closed_to_me(entity_type, entity_id))
    assert (caught.value.code, caught.value.subcode) == code


def test_a_task_not_started_is_refused():
    with pytest.raises(ApiError) as caught:
        labels_of({"status": "created"})
    assert (caught.value.code, caught.value.subcode) == (400, 111)


def test_version_ids_skip_entries_without_a_version():
    views = [{"versions": [{"dataset": "d1"}, {"dataset": "d1", "version": "v1"}, {"dataset": "d1", "version": "v1"}]}]
    assert version_ids(views) == ["v1"]


def test_join_labels_sums_counts_by_name():
    assert join_labels([{"stats": stats(a=1)}, {"stats": stats(a=2, b=5)}, {}]) == [
        {"name": "b", "count": 5}, {"name": "a", "count": 3}]
