"""``datasets.get_label_keywords_for_running_task`` through the gateway: the labels of the
versions a task's dataviews read, as the SDK's ``hyperdatasets.util`` attaches dataviews to a
task (embedded in ``execution.dataviews``), with
the counts of the versions' last committed statistics; read with the SDK's response class."""

from __future__ import annotations

import uuid

import pytest
from clearml.backend_api.services.v2_23 import datasets as sdk

from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e

ENDPOINT = "/v2.23/datasets.get_label_keywords_for_running_task"


def frame(frame_id: str, *labels: str) -> dict:
    return {"id": frame_id, "sources": [{"id": "image", "uri": f"s3://bucket/{frame_id}.jpg"}],
            "rois": [{"label": [label], "sources": ["image"]} for label in labels]}


def committed_version(http, *frames: dict) -> tuple[str, str]:
    """A new dataset's version holding ``frames``, committed with its statistics."""
    dataset = call(http, "datasets.create", {"name": f"kw-{uuid.uuid4().hex}"})["id"]
    version = call(http, "datasets.create_version", {"dataset": dataset, "name": "v1"})["id"]
    call(http, "datasets.save_frames", {"version": version, "frames": list(frames)})
    call(http, "datasets.commit_version", {"version": version, "calculate_stats": True})
    return dataset, version


def task_reading(http, *versions: tuple[str, str]) -> str:
    """A task with one embedded dataview per version, as the SDK attaches them
    (``execution.dataviews``; Cairn's ``tasks.edit`` keeps no ``input``, so no stored one)."""
    task = call(http, "tasks.create", {"name": f"kw-{uuid.uuid4().hex}", "type": "training"})["id"]
    views = [{"name": f"view{n}", "versions": [{"dataset": dataset, "version": version}], "filters": []}
             for n, (dataset, version) in enumerate(versions)]
    call(http, "tasks.edit", {"task": task, "execution": {"dataviews": views}})
    return task


def test_a_started_task_gets_the_joined_labels_of_its_dataviews_versions(http):
    first = committed_version(http, frame("a", "cat", "dog"), frame("b", "cat"))
    second = committed_version(http, frame("c", "dog"), frame("d", "dog", "bird"))
    task = task_reading(http, first, second)
    call(http, "tasks.started", {"task": task})
    answer = call(http, "datasets.get_label_keywords_for_running_task", {"task": task})
    labels = sdk.GetLabelKeywordsForRunningTaskResponse(**answer).labels
    assert sorted((label["name"], label["count"]) for label in labels) == [("bird", 1), ("cat", 2), ("dog", 3)]
    assert labels[0] == {"name": "dog", "count": 3}


def test_a_task_not_started_is_refused_and_an_unknown_task_too(http):
    version = committed_version(http, frame("a", "cat"))
    task = task_reading(http, version, version)
    assert meta(http.post(ENDPOINT, json={"task": task})) == (400, 111)
    assert meta(http.post(ENDPOINT, json={"task": uuid.uuid4().hex})) == (400, 101)
    assert meta(http.post(ENDPOINT, json={})) == (400, 12)
