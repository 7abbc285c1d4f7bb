"""Parity with clearml-server for the ``models.*`` and ``reports.*`` endpoints through the
gateway (issue 12, "Also": the review of the models and reports services)."""

from __future__ import annotations

import json
import textwrap
import time
import uuid
from typing import Any

import httpx
import pytest

from tests.e2e.api import call, meta
from tests.support.servers import ES

pytestmark = pytest.mark.e2e


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def new_task(http: httpx.Client) -> str:
    return call(http, "tasks.create", {"name": unique("task"), "type": "training"})["id"]


def new_model(http: httpx.Client, **fields: Any) -> str:
    body = {"name": unique("model"), "uri": f"s3://bucket/{uuid.uuid4().hex}.bin", "ready": False, **fields}
    return call(http, "models.create", body)["id"]


def get_model(http: httpx.Client, model_id: str) -> dict[str, Any]:
    return call(http, "models.get_by_id", {"model": model_id})["model"]


def get_task(http: httpx.Client, task_id: str) -> dict[str, Any]:
    return call(http, "tasks.get_by_id", {"task": task_id})["task"]


def new_project(http: httpx.Client, name: str | None = None) -> str:
    return call(http, "projects.create", {"name": name or unique("reports"), "description": ""})["id"]


def new_report(http: httpx.Client, project: str | None = None, **fields: Any) -> str:
    body = {"name": unique("report"), **({"project": project} if project else {}), **fields}
    return call(http, "reports.create", body)["id"]


def report_of(http: httpx.Client, report_id: str) -> dict[str, Any]:
    return get_task(http, report_id)


def projects_named(http: httpx.Client, name: str) -> list[dict[str, Any]]:
    body = {"name": f"^{name}$", "search_hidden": True, "only_fields": ["id", "name", "description", "system_tags"]}
    return call(http, "projects.get_all", body)["projects"]


# --- models -----------------------------------------------------------------------------------


def test_get_by_id_applies_only_fields(http):
    model_id = new_model(http, comment="not asked for")
    assert call(http, "models.get_by_id", {"model": model_id, "only_fields": ["name"]})["model"].keys() == {"id", "name"}
    missing = http.post("/v2.23/models.get_by_id", json={"model": uuid.uuid4().hex, "only_fields": ["name"]})
    assert meta(missing) == (400, 201)


def test_get_all_ex_as_the_models_page_asks_reads_an_empty_id_list_as_no_filter(http):
    project = new_project(http)
    model_id = new_model(http, project=project)
    archived = new_model(http, project=project)
    call(http, "models.archive_many", {"ids": [archived]})
    body = {"id": [], "project": [project], "scroll_id": None, "refresh_scroll": False, "size": 30,
            "include_subprojects": False, "order_by": ["-created"], "system_tags": ["-archived"],
            "only_fields": ["company", "created", "name", "ready", "task.name", "user.name"]}
    answer = call(http, "models.get_all_ex", body)
    assert [m["id"] for m in answer["models"]] == [model_id] and answer["scroll_id"]


def test_publish_many_reads_publish_task_and_answers_updated_as_a_boolean(http):
    task_id = new_task(http)
    model_id = new_model(http, task=task_id)
    answer = call(http, "models.publish_many", {"ids": [model_id], "publish_task": False})
    assert answer["failed"] == []
    assert answer["succeeded"] == [{"id": model_id, "updated": True, "published_task": None}]
    assert get_model(http, model_id)["ready"] is True and get_task(http, task_id)["status"] == "created"


def test_set_ready_publishes_the_task_first_and_leaves_the_model_a_draft_when_it_cannot(http):
    task_id = new_task(http)  # a draft task may not be published without force
    model_id = new_model(http, task=task_id)
    refused = http.post("/v2.23/models.set_ready", json={"model": model_id})
    assert refused.json()["meta"]["result_code"] == 400
    assert get_model(http, model_id)["ready"] is False and get_task(http, task_id)["status"] == "created"


def test_create_public_makes_a_model_of_no_company(http):
    model_id = new_model(http, public=True)
    try:
        assert get_model(http, model_id)["company"] in ("", {"id": ""}, None)
        assert meta(http.post("/v2.23/models.update", json={"model": model_id, "comment": "x"})) == (400, 201)
    finally:
        http.post("/v2.23/models.make_private", json={"ids": [model_id]})


def test_create_takes_metadata_by_key_or_as_a_list_and_a_ui_cache(http):
    item = {"key": "acc.top1", "type": "float", "value": "0.9"}
    model_id = new_model(http, metadata={"acc.top1": item}, ui_cache={"view": "graph"})
    model = get_model(http, model_id)
    assert model["metadata"] == {"acc.top1": item} and model["ui_cache"] == {"view": "graph"}
    listed = new_model(http, metadata=[item])  # the SDK's schema sends a list
    assert get_model(http, listed)["metadata"] == {"acc.top1": item}


def test_writes_to_a_public_model_answer_invalid_model_id(http):
    model_id = new_model(http)
    call(http, "models.make_public", {"ids": [model_id]})
    try:
        assert meta(http.post("/v2.23/models.update", json={"model": model_id, "comment": "x"})) == (400, 201)
        assert meta(http.post("/v2.23/models.edit", json={"model": model_id, "comment": "x"})) == (400, 201)
        assert meta(http.post("/v2.23/models.delete", json={"model": model_id})) == (400, 201)
    finally:
        call(http, "models.make_private", {"ids": [model_id]})


def test_edit_iteration_raises_the_tasks_last_iteration_not_the_models(http):
    task_id = new_task(http)
    model_id = new_model(http, task=task_id)
    call(http, "models.edit", {"model": model_id, "iteration": 7})
    assert get_task(http, task_id)["last_iteration"] == 7
    assert "last_iteration" not in get_model(http, model_id)
    call(http, "models.edit", {"model": model_id, "iteration": 3})
    assert get_task(http, task_id)["last_iteration"] == 7  # the highest wins


def test_edit_answers_last_change_and_moves_last_update_only_when_the_model_changes(http):
    model_id = new_model(http)
    before = get_model(http, model_id)["last_update"]
    time.sleep(0.01)
    answer = call(http, "models.edit", {"model": model_id, "comment": "renamed only"})
    assert set(answer["fields"]) == {"comment", "last_change", "last_changed_by"}
    assert get_model(http, model_id)["last_update"] == before
    call(http, "models.edit", {"model": model_id, "tags": ["changed"]})
    assert get_model(http, model_id)["last_update"] != before


def test_edit_ignores_a_task_marked_deleted(http):
    task_id = new_task(http)
    model_id = new_model(http, task=task_id)
    answer = call(http, "models.edit", {"model": model_id, "task": f"__DELETED__{task_id}", "comment": "kept"})
    assert answer["updated"] == 1 and "task" not in answer["fields"]
    assert get_model(http, model_id)["task"] == task_id


def test_a_new_uri_clears_the_models_ui_cache(http):
    model_id = new_model(http)
    call(http, "models.update", {"model": model_id, "ui_cache": {"view": "table"}})
    assert get_model(http, model_id)["ui_cache"] == {"view": "table"}
    call(http, "models.edit", {"model": model_id, "uri": "s3://bucket/new.bin"})
    assert get_model(http, model_id).get("ui_cache") == {}


def stored_events(stack, entity_id: str) -> int:
    """How many events of ``entity_id`` Elasticsearch holds (after a refresh)."""
    pattern = f"{stack.db_prefix.lower()}cairn-events-*"
    httpx.post(f"{ES}/{pattern}/_refresh", timeout=30)
    answer = httpx.post(f"{ES}/{pattern}/_count", json={"query": {"term": {"task": entity_id}}}, timeout=30)
    return answer.json()["count"]


def test_models_delete_removes_the_models_events_before_it_answers(stack, http):
    model_id = new_model(http)
    # enough events that deleting them takes a while: a deletion after the answer would show
    events = [{"type": "training_stats_scalar", "model": model_id, "model_event": True, "iter": i,
               "metric": "loss", "variant": f"v{i % 20}", "value": 0.5} for i in range(4000)]
    added = http.post("/v2.23/events.add_batch", content="\n".join(json.dumps(e) for e in events),
                      headers={"Content-Type": "application/json-lines"})
    assert added.status_code == 200, added.text
    histogram = {"task": model_id, "model_events": True}
    assert len(call(http, "events.scalar_metrics_iter_histogram", histogram)["loss"]) == 20
    assert stored_events(stack, model_id) == 4000
    call(http, "models.delete", {"model": model_id})
    assert stored_events(stack, model_id) == 0
    # the model is gone: its events are not read any more (400/201, as for any unknown model)
    assert meta(http.post("/v2.23/events.scalar_metrics_iter_histogram", json=histogram)) == (400, 201)


def test_update_for_task_serves_only_created_or_running_tasks(http):
    task_id = new_task(http)
    call(http, "tasks.started", {"task": task_id})
    call(http, "tasks.completed", {"task": task_id, "force": True})
    refused = http.post("/v2.13/models.update_for_task", json={"task": task_id, "uri": "s3://bucket/x.bin"})
    assert meta(refused) == (400, 110)
    assert get_task(http, task_id)["models"]["output"] == []


def test_update_for_task_needs_exactly_one_of_uri_and_override_model_id(http):
    task_id, model_id = new_task(http), new_model(http)
    both = {"task": task_id, "uri": "s3://bucket/x.bin", "override_model_id": model_id}
    assert meta(http.post("/v2.13/models.update_for_task", json=both)) == (400, 11)


def test_update_for_task_updates_the_tasks_last_output_model_named_output_model(http):
    task_id = new_task(http)
    made = call(http, "models.update_for_task", {"task": task_id, "uri": "s3://bucket/1.bin", "iteration": 4}, "2.13")
    assert made == {"id": made["id"], "created": True}
    task = get_task(http, task_id)
    assert [(m["name"], m["model"]) for m in task["models"]["output"]] == [("Output Model", made["id"])]
    assert task["last_iteration"] == 4
    assert get_model(http, made["id"])["comment"] == f"Created by task `{task['name']}` ({task_id})"
    again = call(http, "models.update_for_task", {"task": task_id, "uri": "s3://bucket/2.bin"}, "2.13")
    assert (again["id"], again["created"], again["updated"]) == (made["id"], False, 1)
    assert get_model(http, made["id"])["uri"] == "s3://bucket/2.bin"


def test_get_by_task_id_answers_the_tasks_last_output_model(http):
    task_id = new_task(http)
    assert meta(http.post("/v2.13/models.get_by_task_id", json={"task": task_id})) == (400, 122)
    attached, later = new_model(http, task=task_id), new_model(http, task=task_id)
    call(http, "tasks.add_or_update_model", {"task": task_id, "name": "out", "model": attached, "type": "output"})
    assert call(http, "models.get_by_task_id", {"task": task_id}, "2.13")["model"]["id"] == attached
    assert later != attached


def test_move_skips_unknown_models_and_stamps_last_change_not_last_update(http):
    model_id = new_model(http)
    before = get_model(http, model_id)
    time.sleep(0.01)
    target = new_project(http)
    moved = call(http, "models.move", {"ids": [model_id, uuid.uuid4().hex], "project": target})
    assert moved == {"project_id": target}
    after = get_model(http, model_id)
    assert after["project"] == target and after["last_update"] == before["last_update"]
    assert after["last_change"] != before["last_change"]


def test_update_tags_counts_each_step_and_refuses_an_empty_request(http):
    model_id = new_model(http, tags=["old"])
    both = {"ids": [model_id], "add_tags": ["new"], "remove_tags": ["old"]}
    assert call(http, "models.update_tags", both) == {"updated": 2}
    assert get_model(http, model_id)["tags"] == ["new"]
    assert meta(http.post("/v2.23/models.update_tags", json={"ids": [model_id]})) == (400, 12)


def test_models_delete_keeps_the_models_file_without_delete_external_artifacts(http, stack):
    user = call(http, "users.get_current_user", {})["user"]
    company = user["company"]["id"] if isinstance(user["company"], dict) else user["company"]
    kept, gone = (f"{uuid.uuid4().hex}/weights.bin" for _ in range(2))
    for path in (kept, gone):
        stored = stack.files_root / company / path
        stored.parent.mkdir(parents=True)
        stored.write_bytes(b"weights")
    keep = new_model(http, uri=f"{stack.files_url}/{kept}")
    call(http, "models.delete", {"model": keep, "delete_external_artifacts": False})
    drop = new_model(http, uri=f"{stack.files_url}/{gone}")
    call(http, "models.delete", {"model": drop})
    deadline = time.monotonic() + 20
    while (stack.files_root / company / gone).exists():  # the files process removes it after the answer
        assert time.monotonic() < deadline, "the deleted model's file stayed"
        time.sleep(0.2)
    assert (stack.files_root / company / kept).exists()


# --- reports ----------------------------------------------------------------------------------


def test_reports_create_makes_a_hidden_report_and_leaves_its_text_to_update(http):
    report_id = new_report(http, report="# ignored", report_assets=["s3://bucket/a.png"])
    report = report_of(http, report_id)
    assert report["system_tags"] == ["reports", "hidden"]
    assert not report.get("report") and not report.get("report_assets")


def test_report_names_have_at_least_three_characters(http):
    assert meta(http.post("/v2.23/reports.create", json={"name": "ab"})) == (400, 12)
    report_id = new_report(http)
    assert meta(http.post("/v2.23/reports.update", json={"task": report_id, "name": "ab"})) == (400, 12)


def test_update_answers_the_changed_fields_with_tags_sorted_and_the_report_shortened(http):
    report_id = new_report(http)
    text = " ".join(f"word{i}" for i in range(60))
    answer = call(http, "reports.update", {"task": report_id, "tags": ["b", "a"], "report": text})
    assert answer == {"updated": 1, "fields": {"tags": ["a", "b"], "report": textwrap.shorten(text, width=100)}}
    assert report_of(http, report_id)["report"] == text
    assert call(http, "reports.update", {"task": report_id}) == {"updated": 0}


def test_a_published_report_takes_a_new_name_tags_and_comment_but_not_new_content(http):
    report_id = new_report(http)
    call(http, "reports.publish", {"task": report_id})
    name = unique("final")
    assert call(http, "reports.update", {"task": report_id, "name": name, "comment": "c"})["updated"] == 1
    assert report_of(http, report_id)["name"] == name
    refused = http.post("/v2.23/reports.update", json={"task": report_id, "report": "new"})
    assert meta(refused) == (400, 110)


def test_publish_archive_and_unarchive_take_message_as_the_status_message(http):
    report_id = new_report(http)
    call(http, "reports.publish", {"task": report_id, "message": "ready to share"})
    assert report_of(http, report_id)["status_message"] == "ready to share"
    assert call(http, "reports.archive", {"task": report_id, "message": "old"}) == {"archived": 1}
    assert call(http, "reports.archive", {"task": report_id}) == {"archived": 1}  # counted again
    report = report_of(http, report_id)
    assert report["status_message"] == "" and "archived" in report["system_tags"]
    assert call(http, "reports.unarchive", {"task": report_id, "message": "back"}) == {"unarchived": 1}
    assert report_of(http, report_id)["status_message"] == "back"


def test_a_draft_report_is_deleted_without_archiving_and_its_empty_reports_project_goes(http):
    name = unique("reports")
    report_id = new_report(http, new_project(http, name))
    [made] = projects_named(http, f"{name}/.reports")
    assert (made["description"], sorted(made["system_tags"])) == ("Reports project", ["hidden", "reports"])
    assert call(http, "reports.delete", {"task": report_id}) == {"deleted": 1}
    assert projects_named(http, f"{name}/.reports") == []


def test_report_move_needs_project_or_project_name(http):
    report_id = new_report(http)
    assert meta(http.post("/v2.23/reports.move", json={"task": report_id})) == (400, 11)


def test_report_move_by_a_reports_project_name_does_not_nest_another_and_drops_the_empty_one(http):
    source, target = unique("reports"), unique("reports")
    report_id = new_report(http, new_project(http, source))
    before = report_of(http, report_id)["last_update"]
    time.sleep(0.01)
    moved = call(http, "reports.move", {"task": report_id, "project_name": f"{target}/.reports"})
    assert report_of(http, report_id)["last_update"] == before  # a move stamps last_change only
    assert [p["id"] for p in projects_named(http, f"{target}/.reports")] == [moved["project_id"]]
    assert projects_named(http, target)[0]["description"] == ""
    assert projects_named(http, f"{source}/.reports") == []


def test_get_all_ex_lists_the_reports_of_the_projects_named_not_of_their_subprojects(http):
    name = unique("reports")
    top = new_project(http, name)
    sub = new_project(http, f"{name}/sub")
    mine, below = new_report(http, top), new_report(http, sub)
    listed = call(http, "reports.get_all_ex", {"project": top, "only_fields": ["id"]})["tasks"]
    assert [t["id"] for t in listed] == [mine]
    wide = call(http, "reports.get_all_ex", {"project": [top], "include_subprojects": True, "only_fields": ["id"]})
    assert {t["id"] for t in wide["tasks"]} == {mine, below}
    empty = new_project(http)
    assert call(http, "reports.get_all_ex", {"project": [empty]}) == {"tasks": []}


def test_metadata_items_need_key_type_and_value_and_a_request_at_least_one(http):
    model_id = new_model(http)
    partial = {"model": model_id, "metadata": [{"key": "acc", "value": "0.9"}]}
    # a missing part of an item: the gateway's usual answer for a missing required field
    assert meta(http.post("/v2.23/models.add_or_update_metadata", json=partial)) in {(400, 11), (400, 12)}
    assert meta(http.post("/v2.23/models.add_or_update_metadata", json={"model": model_id, "metadata": []})) == (400, 12)
    assert meta(http.post("/v2.23/models.delete_metadata", json={"model": model_id, "keys": []})) == (400, 12)
    assert "metadata" not in get_model(http, model_id) or get_model(http, model_id)["metadata"] == {}


def test_metadata_changes_stamp_last_change_and_delete_counts_the_model_not_the_keys(http):
    model_id = new_model(http)
    before = get_model(http, model_id)["last_change"]
    time.sleep(0.01)
    item = {"key": "acc", "type": "float", "value": "0.9"}
    call(http, "models.add_or_update_metadata", {"model": model_id, "metadata": [item]})
    assert get_model(http, model_id)["last_change"] != before
    assert call(http, "models.delete_metadata", {"model": model_id, "keys": ["missing"]}) == {"updated": 1}


def test_get_frameworks_covers_subprojects_and_leaves_out_empty_frameworks(http):
    name = unique("frameworks")
    top = new_project(http, name)
    sub = new_project(http, f"{name}/sub")
    framework = unique("Framework")
    new_model(http, project=sub, framework=framework)
    new_model(http, project=top, framework="")
    assert call(http, "models.get_frameworks", {"projects": [top]}) == {"frameworks": [framework]}


def test_reports_get_tags_lists_the_companys_own_reports_only(http):
    tag = unique("public-tag")
    report_id = new_report(http, tags=[tag])
    call(http, "tasks.make_public", {"ids": [report_id]})
    try:
        assert tag not in call(http, "reports.get_tags", {})["tags"]
    finally:
        call(http, "tasks.make_private", {"ids": [report_id]})
