"""Parity with clearml-server for the task lifecycle through the gateway: the empty containers
clients index, legacy parameters, stop, reset and model deletion (issue 12, items 6-9, 13)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e

DELETED = "__DELETED__"


def new_task(http: httpx.Client, **fields: Any) -> str:
    body = {"name": f"lifecycle-{uuid.uuid4().hex[:8]}", "type": "training", **fields}
    return call(http, "tasks.create", body)["id"]


def get_task(http: httpx.Client, task_id: str, version: str = "2.23") -> dict[str, Any]:
    return call(http, "tasks.get_by_id", {"task": task_id}, version)["task"]


def new_model(http: httpx.Client, task_id: str | None = None, **fields: Any) -> str:
    body = {"name": f"model-{uuid.uuid4().hex[:8]}", "uri": f"s3://bucket/{uuid.uuid4().hex}.bin", **fields}
    if task_id:
        body["task"] = task_id
    return call(http, "models.create", body)["id"]


def model_exists(http: httpx.Client, model_id: str) -> bool:
    return bool(call(http, "models.get_all", {"id": [model_id], "only_fields": ["id"]})["models"])


def user_name(http: httpx.Client) -> str:
    return call(http, "users.get_current_user", {})["user"]["name"]


# --- item 6: empty containers -------------------------------------------------------------


def test_a_new_task_has_the_empty_containers_clients_index(http):
    task = get_task(http, new_task(http))
    assert task["execution"]["artifacts"] == []
    assert task["execution"]["parameters"] == {} and task["execution"]["model_desc"] == {}
    assert task["models"] == {"input": [], "output": []}
    assert task["hyperparams"] == {} and task["configuration"] == {}
    assert task["script"]["binary"] == "python" and task["script"]["requirements"] == {}


def test_an_edited_execution_keeps_empty_artifacts(http):
    task_id = new_task(http)
    call(http, "tasks.edit", {"task": task_id, "execution": {"framework": "pytorch"}})
    execution = get_task(http, task_id)["execution"]
    assert execution["framework"] == "pytorch" and execution["artifacts"] == []


def test_a_new_model_has_empty_tags_labels_and_design(http):
    model = call(http, "models.get_by_id", {"model": new_model(http)})["model"]
    assert model["labels"] == {} and model["design"] == {} and model["tags"] == []
    assert model["last_change"] == model["created"] and model["last_changed_by"] == model["user"]


# --- item 13 --------------------------------------------------------------------------------


def test_models_create_is_ready_by_default(http):
    assert call(http, "models.get_by_id", {"model": new_model(http)})["model"]["ready"] is True
    draft = new_model(http, ready=False)
    assert call(http, "models.get_by_id", {"model": draft})["model"]["ready"] is False


# --- item 7: legacy parameters --------------------------------------------------------------


def test_create_turns_legacy_parameters_into_args_hyperparams_and_configuration(http):
    execution = {"parameters": {"lr": 0.5, "TF_DEFINE/batch": 32, "opt/name": "adam"},
                 "model_desc": {"design": "layers: 3"}}
    task = get_task(http, new_task(http, execution=execution))
    assert task["hyperparams"]["Args"]["lr"] == {"section": "Args", "name": "lr", "value": "0.5", "type": "legacy"}
    assert task["hyperparams"]["Args"]["opt/name"]["value"] == "adam"
    assert task["hyperparams"]["TF_DEFINE"]["batch"] == {"section": "TF_DEFINE", "name": "batch", "value": "32",
                                                         "type": "legacy"}
    assert task["configuration"]["design"] == {"name": "design", "value": "layers: 3", "type": "legacy"}
    assert task["execution"]["parameters"] == {} and task["execution"]["model_desc"] == {}


def test_reads_below_api_2_9_copy_legacy_parameters_back(http):
    execution = {"parameters": {"lr": 0.5, "TF_DEFINE/batch": 32}, "model_desc": {"design": "d"}}
    hyperparams = {"General": {"x": {"value": "1"}}}
    task_id = new_task(http, execution=execution, hyperparams=hyperparams)
    old = get_task(http, task_id, version="2.8")
    assert old["execution"]["parameters"] == {"lr": "0.5", "TF_DEFINE/batch": "32"}
    assert old["execution"]["model_desc"] == {"design": "d"}
    listed = call(http, "tasks.get_all", {"id": [task_id]}, version="2.8")["tasks"][0]
    assert listed["execution"]["parameters"] == {"lr": "0.5", "TF_DEFINE/batch": "32"}
    assert get_task(http, task_id, version="2.9")["execution"]["parameters"] == {}


def test_edit_replaces_legacy_parameters_and_keeps_the_others(http):
    hyperparams = {"General": {"x": {"value": "1"}}}
    task_id = new_task(http, execution={"parameters": {"a": 1}}, hyperparams=hyperparams)
    call(http, "tasks.edit", {"task": task_id, "execution": {"parameters": {"b": 2}}})
    hyperparams = get_task(http, task_id)["hyperparams"]
    assert set(hyperparams) == {"General", "Args"}
    assert set(hyperparams["Args"]) == {"b"} and hyperparams["Args"]["b"]["type"] == "legacy"


def test_an_empty_tf_define_name_is_refused(http):
    body = {"name": "tfd", "type": "training", "execution": {"parameters": {"TF_DEFINE/": 1}}}
    assert meta(http.post("/v2.23/tasks.create", json=body)) == (400, 12)


def test_clone_turns_legacy_parameter_overrides_into_hyperparams(http):
    source = new_task(http, hyperparams={"General": {"x": {"value": "1"}}})
    clone = call(http, "tasks.clone", {"task": source, "execution_overrides": {"parameters": {"c": 3}}})["id"]
    task = get_task(http, clone)
    assert task["hyperparams"]["Args"]["c"] == {"section": "Args", "name": "c", "value": "3", "type": "legacy"}
    assert task["hyperparams"]["General"]["x"]["value"] == "1"
    assert task["execution"]["parameters"] == {}


# --- item 9: stop ---------------------------------------------------------------------------


def test_stop_of_a_queued_task_stops_it_at_once_by_the_user(http):
    queue = call(http, "queues.create", {"name": f"stop-{uuid.uuid4().hex[:8]}"})["id"]
    task_id = new_task(http)
    call(http, "tasks.enqueue", {"task": task_id, "queue": queue})
    answer = call(http, "tasks.stop", {"task": task_id})
    assert answer["fields"]["status"] == "stopped"
    task = get_task(http, task_id)
    assert task["status"] == "stopped" and task["status_message"] == f"Stopped by {user_name(http)}"


def test_stop_of_a_running_task_no_worker_runs_stops_it_at_once(http):
    task_id = new_task(http)
    call(http, "tasks.started", {"task": task_id})
    answer = call(http, "tasks.stop", {"task": task_id})
    assert answer["updated"] == 1 and answer["fields"]["status"] == "stopped"
    assert get_task(http, task_id)["status"] == "stopped"


def test_stop_of_a_task_a_worker_runs_only_asks_it_to_stop(http):
    task_id = new_task(http)
    call(http, "tasks.started", {"task": task_id})
    call(http, "workers.status_report", {"worker": f"w-{uuid.uuid4().hex[:8]}", "task": task_id,
                                         "timestamp": 0})
    answer = call(http, "tasks.stop", {"task": task_id})
    assert answer["fields"]["status"] == "in_progress" and answer["fields"]["status_message"] == "stopping"
    task = get_task(http, task_id)
    assert task["status"] == "in_progress" and task["status_message"] == "stopping"


def test_stop_of_a_development_task_a_worker_runs_stops_it_at_once(http):
    task_id = new_task(http, system_tags=["development"])
    call(http, "tasks.started", {"task": task_id})
    call(http, "workers.status_report", {"worker": f"w-{uuid.uuid4().hex[:8]}", "task": task_id,
                                         "timestamp": 0})
    answer = call(http, "tasks.stop", {"task": task_id, "status_message": "ignored"})
    assert answer["fields"]["status"] == "stopped"
    assert answer["fields"]["status_message"] == f"Stopped by {user_name(http)}"


def test_stop_of_a_stopped_task_needs_no_force(http):
    task_id = new_task(http)
    call(http, "tasks.started", {"task": task_id})
    call(http, "tasks.stop", {"task": task_id})
    again = call(http, "tasks.stop", {"task": task_id})
    assert again["updated"] == 1 and again["fields"]["status"] == "stopped"
    many = call(http, "tasks.stop_many", {"ids": [task_id]})
    assert many["succeeded"][0]["fields"]["status"] == "stopped"


# --- item 8: reset and models.delete ----------------------------------------------------------


def test_reset_deletes_the_tasks_unused_draft_output_models_and_reports_them(http):
    task_id = new_task(http)
    uri = f"s3://bucket/{uuid.uuid4().hex}.bin"
    model_id = new_model(http, task_id, ready=False, uri=uri)
    answer = call(http, "tasks.reset", {"task": task_id, "return_file_urls": True})
    assert answer["deleted_models"] == 1 and answer["urls"]["model_urls"] == [uri]
    assert not model_exists(http, model_id)


def test_reset_keeps_a_draft_output_model_another_task_uses(http):
    task_id = new_task(http)
    model_id = new_model(http, task_id, ready=False)
    new_task(http, models={"input": [{"model": model_id, "name": "in"}]})
    answer = call(http, "tasks.reset", {"task": task_id})
    assert answer["deleted_models"] == 0
    assert "task" not in call(http, "models.get_by_id", {"model": model_id})["model"]


def test_reset_keeps_output_models_without_delete_output_models_detached_from_the_task(http):
    task_id = new_task(http)
    model_id = new_model(http, task_id, ready=False)
    answer = call(http, "tasks.reset", {"task": task_id, "delete_output_models": False})
    assert answer["deleted_models"] == 0
    assert "task" not in call(http, "models.get_by_id", {"model": model_id})["model"]


def test_reset_many_deletes_draft_output_models(http):
    task_id = new_task(http)
    model_id = new_model(http, task_id, ready=False)
    answer = call(http, "tasks.reset_many", {"ids": [task_id]})
    assert answer["succeeded"][0]["deleted_models"] == 1
    assert not model_exists(http, model_id)


def test_reset_deletes_the_tasks_events_before_answering(http):
    task_id = new_task(http)
    lines = [{"type": "log", "task": task_id, "msg": f"line {n}", "level": "info"} for n in range(3)]
    added = http.post("/v2.23/events.add_batch", content="\n".join(json.dumps(e) for e in lines),
                      headers={"Content-Type": "application/json-lines"})
    assert added.json()["data"]["added"] == 3
    call(http, "tasks.reset", {"task": task_id})
    log = call(http, "events.get_task_log", {"task": task_id})
    assert log["events"] == [] and log["total"] == 0


def test_models_delete_removes_the_model_from_its_tasks_outputs(http):
    task_id = new_task(http)
    model_id = new_model(http, task_id)
    call(http, "tasks.add_or_update_model", {"task": task_id, "model": model_id, "type": "output", "name": "out"})
    assert call(http, "models.delete", {"model": model_id})["deleted"] is True
    assert get_task(http, task_id)["models"]["output"] == []


def test_models_delete_of_a_published_tasks_model_needs_force_and_leaves_a_deleted_mark(http):
    task_id = new_task(http)
    model_id = new_model(http, task_id)
    call(http, "tasks.add_or_update_model", {"task": task_id, "model": model_id, "type": "output", "name": "out"})
    call(http, "tasks.started", {"task": task_id})
    call(http, "tasks.stopped", {"task": task_id})
    call(http, "tasks.publish", {"task": task_id, "publish_model": False})
    refused = http.post("/v2.23/models.delete", json={"model": model_id})
    assert meta(refused) == (400, 206) and model_exists(http, model_id)
    user = new_task(http, models={"input": [{"model": model_id, "name": "in"}]})
    assert call(http, "models.delete", {"model": model_id, "force": True})["deleted"] is True
    assert get_task(http, task_id)["models"]["output"][0]["model"] == f"{DELETED}{model_id}"
    assert get_task(http, user)["models"]["input"][0]["model"] == f"{DELETED}{model_id}"


def test_reset_of_a_published_task_without_force_is_an_invalid_status(http):
    task_id = new_task(http)
    call(http, "tasks.started", {"task": task_id})
    call(http, "tasks.stopped", {"task": task_id})
    call(http, "tasks.publish", {"task": task_id})
    assert meta(http.post("/v2.23/tasks.reset", json={"task": task_id})) == (400, 110)
    assert call(http, "tasks.reset", {"task": task_id, "force": True})["fields"]["status"] == "created"


def test_reset_clears_the_execution_queue(http):
    queue = call(http, "queues.create", {"name": f"reset-{uuid.uuid4().hex[:8]}"})["id"]
    task_id = new_task(http)
    call(http, "tasks.enqueue", {"task": task_id, "queue": queue})
    answer = call(http, "tasks.reset", {"task": task_id})
    assert answer["dequeued"] and answer["fields"]["status_message"] == "reset"
    assert "queue" not in get_task(http, task_id)["execution"]


def test_stop_with_pipeline_steps_stops_the_controllers_steps(http):
    controller = new_task(http, type="controller")
    step = new_task(http, parent=controller)
    for task_id in (controller, step):
        call(http, "tasks.started", {"task": task_id})
    call(http, "tasks.stop", {"task": controller, "include_pipeline_steps": True})
    assert get_task(http, step)["status"] == "stopped"


def test_update_for_task_fills_the_new_model_from_its_task(http):
    parent = new_model(http)
    task_id = new_task(http, models={"input": [{"model": parent, "name": "in"}]},
                       execution={"model_labels": {"cat": 1}, "framework": "pytorch"})
    made = call(http, "models.update_for_task", {"task": task_id, "uri": "s3://bucket/out.bin"})
    model = call(http, "models.get_by_id", {"model": made["id"]})["model"]
    assert (model["parent"], model["labels"], model["framework"]) == (parent, {"cat": 1}, "pytorch")
    assert model["ready"] is False


def test_clients_below_api_2_13_write_and_read_a_single_input_model_and_docker_cmd(http):
    model_id = new_model(http)
    execution = {"model": model_id, "docker_cmd": "python:3.11 --ipc=host"}
    task_id = call(http, "tasks.create", {"name": "old client", "type": "training", "execution": execution},
                   version="2.12")["id"]
    task = get_task(http, task_id)
    assert [m["model"] for m in task["models"]["input"]] == [model_id]
    assert task["container"] == {"image": "python:3.11", "arguments": "--ipc=host"}
    old = get_task(http, task_id, version="2.12")
    assert (old["execution"]["model"], old["execution"]["docker_cmd"]) == (model_id, "python:3.11 --ipc=host")


# --- tasks.clone ------------------------------------------------------------------------------


def test_clone_of_a_task_without_parent_has_the_source_as_parent(http):
    source = new_task(http)
    clone = call(http, "tasks.clone", {"task": source})["id"]
    assert get_task(http, clone)["parent"] == source
    grandchild = call(http, "tasks.clone", {"task": clone})["id"]
    assert get_task(http, grandchild)["parent"] == source


def test_clone_moves_the_overridden_model_and_docker_cmd_to_inputs_and_container(http):
    model_id = new_model(http)
    source = new_task(http)
    overrides = {"model": model_id, "docker_cmd": "nvidia/cuda:12 --gpus all"}
    clone = get_task(http, call(http, "tasks.clone", {"task": source, "execution_overrides": overrides})["id"])
    assert [m["model"] for m in clone["models"]["input"]] == [model_id]
    assert clone["container"] == {"image": "nvidia/cuda:12", "arguments": "--gpus all"}
    assert "docker_cmd" not in clone["execution"] and "model" not in clone["execution"]


def test_clone_with_empty_tags_keeps_the_sources(http):
    source = new_task(http, tags=["keep"])
    clone = call(http, "tasks.clone", {"task": source, "new_task_tags": []})["id"]
    assert get_task(http, clone)["tags"] == ["keep"]
