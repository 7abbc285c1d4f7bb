"""Parity with clearml-server for the ``tasks.*`` endpoints the SDK, the agent and the web UI
call, found by the review of issue 12 ("Also"): partial updates (hyper-parameters,
configuration, artifacts, models), their status rules and answers, the order of what reads
list, ``tasks.update``/``edit``/``update_batch``, tags, ``clone``, ``move``, ``started``,
``ping`` and ``enqueue``; through the gateway over plain HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.e2e


def meta(response: httpx.Response) -> tuple[int, int]:
    body = response.json()["meta"]
    return body["result_code"], body["result_subcode"]


def codes(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> tuple[int, int]:
    return meta(http.post(f"/v2.23/{endpoint}", json=body))


def call(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post(f"/v2.23/{endpoint}", json=body)
    assert meta(response) == (200, 0), response.text
    return response.json()["data"]


def unique(prefix: str = "review") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def new_task(http: httpx.Client, **fields: Any) -> str:
    return call(http, "tasks.create", {"name": unique(), "type": "training", **fields})["id"]


def get_task(http: httpx.Client, task_id: str) -> dict[str, Any]:
    return call(http, "tasks.get_by_id", {"task": task_id})["task"]


def running_task(http: httpx.Client, **fields: Any) -> str:
    task_id = new_task(http, **fields)
    call(http, "tasks.started", {"task": task_id})
    return task_id


def completed_task(http: httpx.Client) -> str:
    task_id = running_task(http)
    call(http, "tasks.completed", {"task": task_id})
    return task_id


def param(section: str, name: str, value: str = "1") -> dict[str, str]:
    return {"section": section, "name": name, "value": value}


# --- hyper-parameters and configuration ---------------------------------------------------


def test_get_hyper_params_lists_parameters_by_section_and_name(http):
    task_id = new_task(http)
    items = [param("b", "z"), param("a", "y"), param("b", "a"), param("a", "b")]
    call(http, "tasks.edit_hyper_params", {"task": task_id, "hyperparams": items})
    listed = call(http, "tasks.get_hyper_params", {"tasks": [task_id]})["params"][0]["hyperparams"]
    assert [(p["section"], p["name"]) for p in listed] == [("a", "b"), ("a", "y"), ("b", "a"), ("b", "z")]


def test_the_properties_section_is_folded_to_lower_case_and_editable_in_any_status(http):
    task_id = completed_task(http)
    before = get_task(http, task_id)["last_update"]
    body = {"task": task_id, "hyperparams": [param("Properties", "p", "2")]}
    assert call(http, "tasks.edit_hyper_params", body) == {"updated": 1}
    task = get_task(http, task_id)
    assert task["hyperparams"] == {"properties": {"p": {"section": "properties", "name": "p", "value": "2"}}}
    assert task["last_update"] == before  # properties only: last_update stays
    delete = {"task": task_id, "hyperparams": [{"section": "PROPERTIES", "name": "p"}]}
    assert call(http, "tasks.delete_hyper_params", delete) == {"deleted": 1}
    assert get_task(http, task_id)["hyperparams"] == {"properties": {}}


def test_deleting_a_section_and_one_of_its_parameters_is_a_fields_conflict(http):
    task_id = new_task(http)
    call(http, "tasks.edit_hyper_params", {"task": task_id, "hyperparams": [param("a", "x")]})
    body = {"task": task_id, "hyperparams": [{"section": "a"}, {"section": "a", "name": "x"}]}
    assert codes(http, "tasks.delete_hyper_params", body) == (400, 15)
    assert len(get_task(http, task_id)["hyperparams"]["a"]) == 1


def test_partial_deletes_count_one_for_an_existing_task_whatever_they_found(http):
    task_id = new_task(http)
    assert call(http, "tasks.delete_hyper_params", {"task": task_id, "hyperparams": [{"section": "none"}]}) == \
        {"deleted": 1}
    assert call(http, "tasks.delete_configuration", {"task": task_id, "configuration": ["none"]}) == {"deleted": 1}
    assert call(http, "tasks.delete_artifacts", {"task": task_id, "artifacts": [{"key": "none"}]}) == {"deleted": 1}
    assert call(http, "tasks.delete_models", {"task": task_id, "models": [{"name": "none", "type": "output"}]}) == \
        {"updated": 1}


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.edit_hyper_params", {"hyperparams": [param("a", "x")]}),
    ("tasks.delete_hyper_params", {"hyperparams": [{"section": "a"}]}),
    ("tasks.edit_configuration", {"configuration": [{"name": "c", "value": "v"}]}),
    ("tasks.delete_configuration", {"configuration": ["c"]}),
])
def test_force_lets_parameters_change_in_a_running_task_but_not_a_finished_one(http, endpoint, body):
    running, completed = running_task(http), completed_task(http)
    assert codes(http, endpoint, {"task": running, **body}) == (400, 110)
    assert codes(http, endpoint, {"task": running, "force": True, **body}) == (200, 0)
    assert codes(http, endpoint, {"task": completed, "force": True, **body}) == (400, 110)


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.add_or_update_artifacts", {"artifacts": [{"key": "a", "type": "t"}]}),
    ("tasks.delete_artifacts", {"artifacts": [{"key": "a"}]}),
    ("tasks.add_or_update_model", {"name": "m", "model": "x", "type": "output"}),
    ("tasks.delete_models", {"models": [{"name": "m", "type": "output"}]}),
])
def test_artifacts_and_models_change_in_created_and_running_tasks_whatever_force(http, endpoint, body):
    running, completed = running_task(http), completed_task(http)
    assert codes(http, endpoint, {"task": running, **body}) == (200, 0)
    assert codes(http, endpoint, {"task": completed, "force": True, **body}) == (400, 110)


def test_artifacts_are_read_by_key_then_mode(http):
    task_id = new_task(http)
    artifacts = [{"key": "z", "type": "t"}, {"key": "a", "type": "t"}, {"key": "a", "type": "t", "mode": "input"}]
    call(http, "tasks.add_or_update_artifacts", {"task": task_id, "artifacts": artifacts})
    read = get_task(http, task_id)["execution"]["artifacts"]
    assert [(a["key"], a["mode"]) for a in read] == [("a", "input"), ("a", "output"), ("z", "output")]


def test_configurations_are_read_by_name(http):
    task_id = new_task(http)
    items = [{"name": n, "value": "v"} for n in ("zeta", "alpha", "mid")]
    call(http, "tasks.edit_configuration", {"task": task_id, "configuration": items})
    read = call(http, "tasks.get_configurations", {"tasks": [task_id]})["configurations"][0]["configuration"]
    assert [c["name"] for c in read] == ["alpha", "mid", "zeta"]


def test_get_configuration_names_sorts_them_and_leaves_out_tasks_without_any(http):
    named, empty, bare = new_task(http), new_task(http), new_task(http)
    items = [{"name": "b", "value": "1"}, {"name": "a", "value": "2"}]
    call(http, "tasks.edit_configuration", {"task": named, "configuration": items})
    call(http, "tasks.edit_configuration", {"task": empty, "configuration": [{"name": "e", "value": ""}]})
    answer = call(http, "tasks.get_configuration_names", {"tasks": [named, empty, bare, "unknown-task"]})
    assert answer == {"configurations": [{"task": named, "names": ["a", "b"]}]}
    answer = call(http, "tasks.get_configuration_names", {"tasks": [empty], "skip_empty": False})
    assert answer == {"configurations": [{"task": empty, "names": ["e"]}]}


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.edit_hyper_params", {"hyperparams": []}),
    ("tasks.delete_hyper_params", {"hyperparams": []}),
    ("tasks.edit_configuration", {"configuration": []}),
    ("tasks.delete_configuration", {"configuration": []}),
    ("tasks.add_or_update_artifacts", {"artifacts": []}),
    ("tasks.delete_artifacts", {"artifacts": []}),
    ("tasks.delete_models", {"models": []}),
])
def test_an_empty_list_of_items_is_a_validation_error(http, endpoint, body):
    assert codes(http, endpoint, {"task": new_task(http), **body}) == (400, 12)


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.get_hyper_params", {"tasks": []}),
    ("tasks.get_configurations", {"tasks": []}),
    ("tasks.get_configuration_names", {"tasks": []}),
    ("tasks.archive", {"tasks": []}),
])
def test_an_empty_list_of_tasks_is_a_validation_error(http, endpoint, body):
    assert codes(http, endpoint, body) == (400, 12)


def test_parameters_and_configuration_items_need_a_value(http):
    task_id = new_task(http)
    body = {"task": task_id, "hyperparams": [{"section": "a", "name": "x"}]}
    assert codes(http, "tasks.edit_hyper_params", body) == (400, 12)
    body = {"task": task_id, "configuration": [{"name": "c"}]}
    assert codes(http, "tasks.edit_configuration", body) == (400, 12)


# --- set_requirements, update, update_batch, edit, create ---------------------------------


def test_set_requirements_answers_only_the_requirements_field(http):
    task_id = new_task(http, script={"repository": "https://example.com/repo.git"})
    answer = call(http, "tasks.set_requirements", {"task": task_id, "requirements": {"pip": "numpy"}})
    assert answer == {"updated": 1, "fields": {"script.requirements": {"pip": "numpy"}}}


def test_update_sets_the_status_and_its_message_as_given(http):
    task_id = new_task(http)
    body = {"task": task_id, "status": "stopped", "status_reason": "r", "status_message": "m"}
    answer = call(http, "tasks.update", body)
    assert answer["fields"]["status"] == "stopped"
    task = get_task(http, task_id)
    assert (task["status"], task["status_reason"], task["status_message"]) == ("stopped", "r", "m")


def test_update_stamps_last_change_but_not_last_update(http):
    task_id = new_task(http)
    before = get_task(http, task_id)
    answer = call(http, "tasks.update", {"task": task_id, "comment": "new"})
    assert set(answer["fields"]) == {"comment", "last_change", "last_changed_by"}
    after = get_task(http, task_id)
    assert after["last_update"] == before["last_update"] and after["last_change"] != before["last_change"]


def test_update_batch_changes_nothing_when_one_task_is_unknown(http):
    task_id = new_task(http)
    name = get_task(http, task_id)["name"]
    lines = f'{{"task": "{task_id}", "name": "renamed"}}\n{{"task": "unknown-task", "name": "x"}}\n'
    response = http.post("/v2.23/tasks.update_batch", content=lines,
                         headers={"Content-Type": "application/json-lines"})
    assert meta(response) == (400, 101)
    assert get_task(http, task_id)["name"] == name


@pytest.mark.parametrize("endpoint", ["tasks.create", "tasks.edit", "tasks.update", "tasks.clone"])
def test_tags_may_not_start_with_the_filter_operator_prefix(http, endpoint):
    if endpoint == "tasks.create":
        body: dict[str, Any] = {"name": unique(), "type": "training", "tags": ["__$all"]}
    elif endpoint == "tasks.clone":
        body = {"task": new_task(http), "new_task_tags": ["__$all"]}
    else:
        body = {"task": new_task(http), "system_tags": ["__$not"]}
    assert codes(http, endpoint, body) == (400, 16)


def test_create_and_clone_store_tags_sorted(http):
    task_id = new_task(http, tags=["b", "c", "a"], system_tags=["z", "y"])
    task = get_task(http, task_id)
    assert (task["tags"], task["system_tags"]) == (["a", "b", "c"], ["y", "z"])
    clone = call(http, "tasks.clone", {"task": task_id, "new_task_tags": ["q", "p"]})["id"]
    assert get_task(http, clone)["tags"] == ["p", "q"]


def test_create_and_edit_strip_script_names_and_paths(http):
    script = {"repository": " https://example.com/r.git ", "entry_point": " train.py\n", "branch": " main ",
              "diff": " kept "}
    task_id = new_task(http, script=script)
    read = get_task(http, task_id)["script"]
    assert (read["repository"], read["entry_point"], read["branch"], read["diff"]) == \
        ("https://example.com/r.git", "train.py", "main", " kept ")
    call(http, "tasks.edit", {"task": task_id, "script": {"working_dir": "  src  "}})
    assert get_task(http, task_id)["script"]["working_dir"] == "src"


def test_an_unknown_input_model_is_refused_by_create_edit_and_clone(http):
    name = unique()
    models = {"input": [{"name": "Input Model", "model": "unknown-model"}]}
    assert codes(http, "tasks.create", {"name": name, "type": "training", "models": models}) == (400, 201)
    assert call(http, "tasks.get_all", {"name": f"^{name}$"})["tasks"] == []
    task_id = new_task(http)
    assert codes(http, "tasks.edit", {"task": task_id, "models": models}) == (400, 201)
    clone = {"task": task_id, "new_task_input_models": models["input"]}
    assert codes(http, "tasks.clone", clone) == (400, 201)
    clone = {"task": task_id, "execution_overrides": {"model": "unknown-model"}}
    assert codes(http, "tasks.clone", clone) == (400, 201)


def test_create_keeps_the_runtime_it_is_given(http):
    task_id = new_task(http, runtime={"gpu": "a100"})
    assert get_task(http, task_id)["runtime"] == {"gpu": "a100"}


def test_edit_with_force_sets_the_status_as_given(http):
    task_id = completed_task(http)
    answer = call(http, "tasks.edit", {"task": task_id, "force": True, "status": "created"})
    assert answer["fields"]["status"] == "created"
    assert get_task(http, task_id)["status"] == "created"


def test_edit_of_fields_a_user_sets_anytime_keeps_last_update(http):
    task_id = new_task(http)
    before = get_task(http, task_id)["last_update"]
    answer = call(http, "tasks.edit", {"task": task_id, "name": unique(), "comment": "c"})
    assert "last_update" not in answer["fields"]
    assert get_task(http, task_id)["last_update"] == before
    answer = call(http, "tasks.edit", {"task": task_id, "script": {"repository": "r"}})
    assert "last_update" in answer["fields"]


# --- move, started, ping, enqueue -------------------------------------------------------------


def test_move_with_a_null_project_takes_the_tasks_out_of_their_project(http):
    project = call(http, "projects.create", {"name": unique("review-project"), "description": ""})["id"]
    task_id = new_task(http, project=project)
    assert call(http, "tasks.move", {"ids": [task_id], "project": None}) == {"project_id": None}
    assert get_task(http, task_id).get("project") is None


def test_started_of_an_unknown_task_is_an_invalid_id(http):
    assert codes(http, "tasks.started", {"task": "unknown-task"}) == (400, 10)


def test_ping_of_an_unknown_task_answers_and_changes_nothing(http):
    assert call(http, "tasks.ping", {"task": "unknown-task"}) == {}


def test_ping_of_a_running_task_counts_its_active_duration_and_started_again_keeps_it(http):
    task_id = running_task(http)
    call(http, "tasks.ping", {"task": task_id})
    task = get_task(http, task_id)
    assert isinstance(task.get("active_duration"), int)
    assert task["last_change"] == task["last_update"]
    call(http, "tasks.started", {"task": task_id})
    assert get_task(http, task_id).get("active_duration") == task["active_duration"]


def test_enqueue_verifying_the_watched_queue_needs_the_execution_queue_updated(http):
    body = {"task": new_task(http), "verify_watched_queue": True, "update_execution_queue": False}
    assert codes(http, "tasks.enqueue", body) == (400, 12)
    assert get_task(http, body["task"])["status"] == "created"


def test_enqueue_takes_a_queue_by_id_or_by_name_not_both(http):
    queue = call(http, "queues.create", {"name": unique("review-queue")})["id"]
    body = {"task": new_task(http), "queue": queue, "queue_name": unique("review-queue")}
    assert codes(http, "tasks.enqueue", body) == (400, 12)


def test_enqueue_keeps_the_execution_queue_only_of_a_task_queued_in_one(http):
    body = {"task": new_task(http), "update_execution_queue": False}
    assert codes(http, "tasks.enqueue", body) == (400, 12)


def test_dequeue_leaves_a_task_neither_queued_nor_running_alone(http):
    task_id = new_task(http)
    assert call(http, "tasks.dequeue", {"task": task_id}) == {"dequeued": 1, "updated": 0}
    assert call(http, "tasks.dequeue", {"task": "unknown-task"}) == {"dequeued": 1, "updated": 0}
    assert get_task(http, task_id)["status"] == "created"


def test_dequeue_to_an_unknown_status_is_a_validation_error(http):
    assert codes(http, "tasks.dequeue", {"task": new_task(http), "new_status": "bogus"}) == (400, 12)


def test_dequeue_moves_a_queued_task_back_and_keeps_its_execution_queue(http):
    queue = call(http, "queues.create", {"name": unique("review-queue")})["id"]
    task_id = new_task(http)
    call(http, "tasks.enqueue", {"task": task_id, "queue": queue})
    answer = call(http, "tasks.dequeue", {"task": task_id})
    assert (answer["dequeued"], answer["updated"], answer["fields"]["status"]) == (1, 1, "created")
    assert answer["fields"]["enqueue_status"] is None
    assert get_task(http, task_id)["execution"]["queue"] == queue
    assert call(http, "queues.get_by_id", {"queue": queue})["queue"]["entries"] == []


def test_dequeue_moves_a_running_task_whatever_the_status_rules(http):
    task_id = running_task(http)
    answer = call(http, "tasks.dequeue", {"task": task_id, "new_status": "published"})
    assert (answer["dequeued"], answer["updated"], answer["fields"]["status"]) == (1, 1, "published")


# --- archive, unarchive, delete -----------------------------------------------------------


def test_archiving_a_running_task_stops_it_and_sets_the_given_status_message(http):
    task_id = running_task(http)
    call(http, "tasks.update", {"task": task_id, "status_message": "working"})
    call(http, "tasks.archive_many", {"ids": [task_id], "status_message": "archived by review"})
    task = get_task(http, task_id)
    assert (task["status"], task["status_message"]) == ("stopped", "archived by review")
    assert "archived" in task["system_tags"]


def test_archive_and_unarchive_count_a_task_already_in_that_state(http):
    task_id = new_task(http)
    call(http, "tasks.archive", {"tasks": [task_id]})
    assert call(http, "tasks.archive", {"tasks": [task_id]}) == {"archived": 1}
    assert call(http, "tasks.archive_many", {"ids": [task_id]})["succeeded"] == [{"id": task_id, "archived": True}]
    call(http, "tasks.unarchive_many", {"ids": [task_id]})
    answer = call(http, "tasks.unarchive_many", {"ids": [task_id]})
    assert answer["succeeded"] == [{"id": task_id, "unarchived": True}]


def test_archive_with_pipeline_steps_archives_the_controllers_steps(http):
    controller = new_task(http, type="controller")
    step = new_task(http, parent=controller)
    call(http, "tasks.archive", {"tasks": [controller], "include_pipeline_steps": True})
    assert "archived" in get_task(http, step)["system_tags"]
    call(http, "tasks.unarchive_many", {"ids": [controller], "include_pipeline_steps": True})
    assert "archived" not in get_task(http, step)["system_tags"]


def test_delete_of_a_running_task_without_force_names_the_expected_and_current_status(http):
    task_id = running_task(http)
    response = http.post("/v2.23/tasks.delete", json={"task": task_id})
    assert meta(response) == (400, 123)
    assert response.json()["meta"]["error_data"] == {"task": task_id, "expected": "created", "current": "in_progress"}


@pytest.mark.parametrize("endpoint", ["tasks.make_public", "tasks.make_private"])
@pytest.mark.parametrize("body", [{}, {"ids": []}])
def test_make_public_and_private_need_at_least_one_id(http, endpoint, body):
    assert codes(http, endpoint, body) == (400, 12)


# --- update_tags, edit_runtime, get_types -------------------------------------------------


def test_update_tags_refuses_an_unknown_task_before_any_change(http):
    task_id = new_task(http, tags=["a"])
    body = {"ids": [task_id, "unknown-task"], "add_tags": ["b"]}
    assert codes(http, "tasks.update_tags", body) == (400, 101)
    assert get_task(http, task_id)["tags"] == ["a"]


def test_update_tags_adds_then_removes_and_counts_both_updates(http):
    task_id = new_task(http, tags=["a"])
    answer = call(http, "tasks.update_tags", {"ids": [task_id], "add_tags": ["b"], "remove_tags": ["a", "b"]})
    assert answer == {"updated": 2}
    assert get_task(http, task_id)["tags"] == []


def test_update_tags_needs_tags_to_add_or_remove(http):
    assert codes(http, "tasks.update_tags", {"ids": [new_task(http)]}) == (400, 12)


def test_edit_runtime_changes_created_and_running_tasks_only_whatever_force(http):
    running, completed = running_task(http), completed_task(http)
    assert call(http, "tasks.edit_runtime", {"task": running, "add_or_update": {"k": "v"}}) == {"updated": 1}
    body = {"task": completed, "add_or_update": {"k": "v"}, "force": True}
    assert codes(http, "tasks.edit_runtime", body) == (400, 110)


def test_get_types_of_projects_covers_their_sub_projects(http):
    top = unique("review-types")
    call(http, "projects.create", {"name": top, "description": ""})
    child = call(http, "projects.create", {"name": f"{top}/child", "description": ""})["id"]
    new_task(http, project=child, type="qc")
    parent = call(http, "projects.get_all", {"name": f"^{top}$"})["projects"][0]["id"]
    assert call(http, "tasks.get_types", {"projects": [parent]})["types"] == ["qc"]


def test_delete_answers_the_cleanup_counts_and_null_urls_unless_asked(http):
    answer = call(http, "tasks.delete", {"task": new_task(http)})
    assert answer == {"deleted": True, "updated_children": 0, "updated_models": 0, "deleted_models": 0,
                      "urls": None}
    answer = call(http, "tasks.delete_many", {"ids": [new_task(http)]})
    assert answer["succeeded"][0]["urls"] is None and "events" not in answer["succeeded"][0]


# --- pipelines ----------------------------------------------------------------------------


def pipeline_project(http: httpx.Client) -> tuple[str, str]:
    name = unique("review-pipe")
    project = call(http, "projects.create", {"name": f"{name}/.pipelines/{name}", "description": "",
                                             "system_tags": ["hidden", "pipeline"]})["id"]
    return project, name


def test_delete_runs_ignores_ids_that_are_not_runs_of_the_pipeline(http):
    project, _ = pipeline_project(http)
    runs = [new_task(http, type="controller", project=project) for _ in range(2)]
    other = new_task(http, type="controller")
    answer = call(http, "pipelines.delete_runs", {"project": project, "ids": [other]})
    assert answer == {"succeeded": [], "failed": []}
    assert get_task(http, other)["id"] == other
    answer = call(http, "pipelines.delete_runs", {"project": project, "ids": [runs[0], other]})
    assert [s["id"] for s in answer["succeeded"]] == [runs[0]] and answer["failed"] == []


def test_delete_runs_of_an_unknown_project_would_remove_all_runs(http):
    assert codes(http, "pipelines.delete_runs", {"project": "unknown-project", "ids": ["x"]}) == (400, 160)


def test_delete_runs_deletes_the_steps_of_each_run(http):
    project, _ = pipeline_project(http)
    runs = [new_task(http, type="controller", project=project) for _ in range(2)]
    step = new_task(http, parent=runs[0], project=project)
    call(http, "pipelines.delete_runs", {"project": project, "ids": [runs[0]]})
    assert call(http, "tasks.get_all", {"id": [step]})["tasks"] == []


def test_start_pipeline_names_the_run_after_the_pipeline_and_sets_bare_args(http):
    project, name = pipeline_project(http)
    params = {"Args": {"n": {"section": "Args", "name": "n", "value": "1", "type": "int"}}}
    source = new_task(http, name=name, type="controller", project=project, system_tags=["pipeline"],
                      hyperparams=params)
    queue = call(http, "queues.create", {"name": unique("review-queue")})["id"]
    body = {"task": source, "queue": queue, "args": [{"name": "n", "value": "5"}]}
    run = call(http, "pipelines.start_pipeline", body)["pipeline"]
    task = get_task(http, run)
    assert task["name"] == f"{name} #2"
    assert task["hyperparams"]["Args"]["n"] == {"section": "Args", "name": "n", "value": "5"}
    second = call(http, "pipelines.start_pipeline", {"task": source, "queue": queue})["pipeline"]
    assert get_task(http, second)["name"] == f"{name} #3"


# --- reads of unknown tasks, names ---------------------------------------------------------


def error_data(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
    return http.post(f"/v2.23/{endpoint}", json=body).json()["meta"]["error_data"]


def test_reads_of_unknown_tasks_name_the_ids_asked(http):
    assert error_data(http, "tasks.get_by_id", {"task": "unknown-task"}) == {"ids": ["unknown-task"]}
    known = new_task(http)
    body = {"tasks": [known, "unknown-task"]}
    assert error_data(http, "tasks.get_hyper_params", body) == {"ids": [known, "unknown-task"]}
    assert error_data(http, "tasks.get_configurations", body) == {"ids": [known, "unknown-task"]}


def test_create_and_clone_strip_the_name(http):
    task_id = new_task(http, name="  spaced name \t")
    assert get_task(http, task_id)["name"] == "spaced name"
    clone = call(http, "tasks.clone", {"task": task_id, "new_task_name": " cloned "})["id"]
    assert get_task(http, clone)["name"] == "cloned"


# --- clone references -----------------------------------------------------------------------


def test_clone_answers_the_named_project_even_when_it_already_existed(http):
    name = unique("review-clone")
    existing = call(http, "projects.create", {"name": name, "description": ""})["id"]
    answer = call(http, "tasks.clone", {"task": new_task(http), "new_project_name": name})
    assert answer["new_project"] == {"id": existing, "name": name}
    assert get_task(http, answer["id"])["project"] == existing


def test_clone_into_a_given_project_ignores_new_project_name(http):
    project = call(http, "projects.create", {"name": unique("review-clone"), "description": ""})["id"]
    answer = call(http, "tasks.clone", {"task": new_task(http), "new_task_project": project,
                                        "new_project_name": unique("review-unused")})
    assert "new_project" not in answer
    assert get_task(http, answer["id"])["project"] == project


def test_delete_leaves_its_children_a_deleted_parent_mark_clone_takes_as_no_parent(http):
    parent = new_task(http)
    child = new_task(http, parent=parent)
    assert call(http, "tasks.delete", {"task": parent})["updated_children"] == 1
    assert get_task(http, child)["parent"] == f"__DELETED__{parent}"
    clone = call(http, "tasks.clone", {"task": child, "validate_references": True})["id"]
    assert get_task(http, clone)["parent"] == child


# --- unknown tasks in writes ----------------------------------------------------------------


def test_a_write_to_an_unknown_task_names_the_id_and_the_company(http):
    company = call(http, "users.get_current_user", {})["user"]["company"]["id"]
    assert error_data(http, "tasks.stopped", {"task": "unknown-task"}) == {"id": "unknown-task", "company": company}


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.archive", {"tasks": ["TASK", "unknown-task"]}),
    ("tasks.update_tags", {"ids": ["TASK", "unknown-task"], "add_tags": ["x"]}),
    ("tasks.move", {"ids": ["TASK", "unknown-task"], "project": None}),
])
def test_batch_writes_name_the_unknown_ids_and_change_nothing(http, endpoint, body):
    task_id = new_task(http)
    body = {k: [task_id if v == "TASK" else v for v in vs] if isinstance(vs, list) else vs for k, vs in body.items()}
    assert error_data(http, endpoint, body) == {"ids": ["unknown-task"]}
    task = get_task(http, task_id)
    assert task["system_tags"] == [] and task["tags"] == []


def test_move_to_a_project_name_with_an_unknown_task_creates_no_project(http):
    name = unique("review-move")
    assert codes(http, "tasks.move", {"ids": ["unknown-task"], "project_name": name}) == (400, 101)
    assert call(http, "projects.get_all", {"name": f"^{name}$"})["projects"] == []


def test_move_to_a_given_project_ignores_project_name(http):
    project = call(http, "projects.create", {"name": unique("review-move"), "description": ""})["id"]
    name = unique("review-unused")
    answer = call(http, "tasks.move", {"ids": [new_task(http)], "project": project, "project_name": name})
    assert answer == {"project_id": project}
    assert call(http, "projects.get_all", {"name": f"^{name}$"})["projects"] == []


def test_a_deleted_parents_mark_is_accepted_as_a_parent(http):
    body = {"name": unique(), "type": "training", "parent": "__DELETED__gone"}
    assert codes(http, "tasks.create", body) == (200, 0)
    assert codes(http, "tasks.validate", body) == (200, 0)


def test_a_clone_starts_with_an_empty_runtime(http):
    source = new_task(http, runtime={"gpu": "a100"})
    clone = call(http, "tasks.clone", {"task": source})["id"]
    assert get_task(http, clone)["runtime"] == {}


# --- the project's last_update ------------------------------------------------------------


def project_update(http: httpx.Client, project: str) -> str:
    return call(http, "projects.get_all", {"id": [project], "only_fields": ["last_update"]})["projects"][0]["last_update"]


@pytest.mark.parametrize("endpoint, body", [
    ("tasks.edit_hyper_params", {"hyperparams": [param("a", "x")]}),
    ("tasks.edit_configuration", {"configuration": [{"name": "c", "value": "v"}]}),
    ("tasks.add_or_update_artifacts", {"artifacts": [{"key": "a", "type": "t"}]}),
    ("tasks.edit_runtime", {"add_or_update": {"k": "v"}}),
    ("tasks.update", {"comment": "c"}),
])
def test_partial_edits_leave_the_projects_last_update_alone(http, endpoint, body):
    project = call(http, "projects.create", {"name": unique("review-touch"), "description": ""})["id"]
    task_id = new_task(http, project=project)
    before = project_update(http, project)
    call(http, endpoint, {"task": task_id, **body})
    assert project_update(http, project) == before


def test_update_moving_a_task_bumps_the_project_it_moves_to_only(http):
    source = call(http, "projects.create", {"name": unique("review-touch"), "description": ""})["id"]
    target = call(http, "projects.create", {"name": unique("review-touch"), "description": ""})["id"]
    task_id = new_task(http, project=source)
    before_source, before_target = project_update(http, source), project_update(http, target)
    call(http, "tasks.update", {"task": task_id, "project": target})
    assert project_update(http, source) == before_source
    assert project_update(http, target) != before_target


# --- status changes -----------------------------------------------------------------------


def test_publishing_a_published_task_is_an_invalid_status_change(http):
    task_id = completed_task(http)
    call(http, "tasks.publish", {"task": task_id})
    response = http.post("/v2.23/tasks.publish", json={"task": task_id})
    assert meta(response) == (400, 110)
    assert response.json()["meta"]["error_data"] == {"current_status": "published", "new_status": "published"}


def test_a_refused_status_change_says_invalid_status_change(http):
    response = http.post("/v2.23/tasks.completed", json={"task": new_task(http)})
    assert meta(response) == (400, 110)
    assert response.json()["meta"]["result_msg"] == (
        "Invalid task status (Invalid status change): current_status=created, new_status=completed")
