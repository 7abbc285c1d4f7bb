"""``projects.*`` through the gateway, as clearml-server answers (issue 12: items 8, 10, 12, 15
and the review of the other projects endpoints). Every name is unique: the stack is shared."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

pytestmark = pytest.mark.e2e


def ok(http: httpx.Client, endpoint: str, body: dict) -> dict:
    answer = http.post(f"/v2.23/{endpoint}", json=body).json()
    assert answer["meta"]["result_code"] == 200, answer["meta"]
    return answer["data"]


def codes(http: httpx.Client, endpoint: str, body: dict) -> tuple[int, int]:
    meta = http.post(f"/v2.23/{endpoint}", json=body).json()["meta"]
    return meta["result_code"], meta["result_subcode"]


def unique(prefix: str = "parity") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def project(http: httpx.Client, name: str, **fields) -> str:
    return ok(http, "projects.create", {"name": name, **fields})["id"]


def task(http: httpx.Client, name: str, project_id: str | None = None, **fields) -> str:
    body = {"name": name, "type": fields.pop("type", "training"), **fields}
    if project_id:
        body["project"] = project_id
    return ok(http, "tasks.create", body)["id"]


def listed(http: httpx.Client, endpoint: str, body: dict) -> list[str]:
    return sorted(p["name"] for p in ok(http, endpoint, {**body, "only_fields": ["name"]})["projects"])


# --- projects.delete (item 8) -------------------------------------------------------------


def test_delete_with_contents_answers_the_urls_of_the_deleted_models_and_output_artifacts(http):
    top = project(http, unique())
    artifacts = [{"key": "a", "type": "blob", "mode": "output", "uri": "s3://bucket/out.bin"},
                 {"key": "b", "type": "blob", "mode": "input", "uri": "s3://bucket/in.bin"}]
    task(http, "t", top, execution={"artifacts": artifacts})
    ok(http, "models.create", {"name": "m", "uri": "s3://bucket/model.pt", "project": top})
    answer = ok(http, "projects.delete", {"project": top, "force": True, "delete_contents": True,
                                          "delete_external_artifacts": False})
    assert answer == {"deleted": 1, "disassociated_tasks": 0, "deleted_models": 1, "deleted_tasks": 1,
                      "urls": {"model_urls": ["s3://bucket/model.pt"], "artifact_urls": ["s3://bucket/out.bin"],
                               "event_urls": []}}


def test_delete_without_contents_answers_null_urls(http):
    top = project(http, unique())
    task(http, "t", top)
    answer = ok(http, "projects.delete", {"project": top, "force": True})
    assert answer == {"deleted": 1, "disassociated_tasks": 1, "deleted_models": 0, "deleted_tasks": 0, "urls": None}


def _upload(stack, http: httpx.Client, path: str) -> tuple[str, dict]:
    token = ok(http, "auth.login", {})["token"]
    headers = {"Authorization": f"Bearer {token}"}
    stored = httpx.post(stack.files_url + "/", files={path: (path, b"payload")}, headers=headers, timeout=30)
    assert stored.status_code == 200, stored.text
    url = f"{stack.files_url}/{path}"
    assert httpx.get(url, headers=headers, timeout=30).status_code == 200
    return url, headers


def test_delete_with_contents_removes_the_files_it_deletes_and_answers_only_the_others(stack, http):
    top = project(http, unique())
    folder = unique("files")
    model_url, headers = _upload(stack, http, f"{folder}/model.bin")
    artifact_url, _ = _upload(stack, http, f"{folder}/artifact.bin")
    artifacts = [{"key": "a", "type": "blob", "mode": "output", "uri": artifact_url},
                 {"key": "local", "type": "blob", "mode": "output", "uri": "file:///tmp/local.bin"}]
    task(http, "t", top, execution={"artifacts": artifacts})
    ok(http, "models.create", {"name": "m", "uri": model_url, "project": top})
    answer = ok(http, "projects.delete", {"project": top, "force": True, "delete_contents": True})
    # clearml-server deletes what it can itself and leaves the client the rest
    assert answer["urls"] == {"model_urls": [], "artifact_urls": ["file:///tmp/local.bin"], "event_urls": []}
    deadline = time.monotonic() + 30
    while any(httpx.get(u, headers=headers, timeout=30).status_code != 404 for u in (model_url, artifact_url)):
        assert time.monotonic() < deadline, "the files of the deleted contents are still served"
        time.sleep(0.3)


def test_delete_with_contents_leaves_deleted_marks_in_tasks_outside(http):
    top, elsewhere = project(http, unique()), project(http, unique())
    parent = task(http, "parent", top)
    model = ok(http, "models.create", {"name": "m", "uri": "s3://b/m", "project": top})["id"]
    child = task(http, "child", elsewhere, parent=parent, models={"input": [{"name": "in", "model": model}]})
    ok(http, "projects.delete", {"project": top, "force": True, "delete_contents": True})
    got = ok(http, "tasks.get_by_id", {"task": child})["task"]
    assert got["models"]["input"] == [{"name": "in", "model": "__DELETED__"}]
    assert got.get("parent") is None


def _pipeline_and_dataset(http: httpx.Client) -> tuple[str, str]:
    """A project holding the SDK's pipeline and dataset sub-projects, each with a task."""
    name = unique()
    top = project(http, name)
    for folder in (".pipelines", ".datasets"):  # the SDK makes its folders hidden too
        project(http, f"{name}/{folder}", system_tags=["hidden"])
    pipe = project(http, f"{name}/.pipelines/pipe", system_tags=["hidden", "pipeline"])
    data = project(http, f"{name}/.datasets/data", system_tags=["hidden", "dataset"])
    task(http, "controller", pipe, type="controller", system_tags=["pipeline"])
    task(http, "version", data, type="data_processing", system_tags=["dataset"])
    return name, top


def test_validate_delete_counts_pipelines_datasets_and_reports_apart(http):
    name, top = _pipeline_and_dataset(http)
    task(http, "plain", top)
    ok(http, "reports.create", {"name": "report", "project": top})
    answer = ok(http, "projects.validate_delete", {"project": top})
    assert answer == {"pipelines": 1, "datasets": 1, "tasks": 1, "non_archived_tasks": 1, "models": 0,
                      "non_archived_models": 0, "reports": 1, "non_archived_reports": 1}


def test_delete_refuses_active_pipelines_and_datasets_without_force(http):
    _, top = _pipeline_and_dataset(http)
    assert codes(http, "projects.delete", {"project": top}) == (400, 413)
    controllers = ok(http, "tasks.get_all", {"project": [top], "include_subprojects": True, "type": ["controller"],
                                             "search_hidden": True, "only_fields": ["id"]})["tasks"]
    ok(http, "tasks.archive", {"tasks": [t["id"] for t in controllers]})
    assert codes(http, "projects.delete", {"project": top}) == (400, 406)
    assert ok(http, "projects.delete", {"project": top, "force": True})["deleted"] == 5


# --- projects.get_all(_ex) hierarchy and selections (item 10) -------------------------------


@pytest.mark.parametrize("endpoint", ["projects.get_all", "projects.get_all_ex"])
def test_parent_selects_descendants_at_any_depth_and_children_with_shallow_search(http, endpoint):
    name = unique()
    project(http, f"{name}/a/b")
    top = ok(http, "projects.get_all", {"name": f"^{name}$", "only_fields": ["id"]})["projects"][0]["id"]
    assert listed(http, endpoint, {"parent": [top]}) == [f"{name}/a", f"{name}/a/b"]
    assert listed(http, endpoint, {"parent": [top], "shallow_search": True}) == [f"{name}/a"]


def test_get_all_ex_sub_projects_come_with_stats_and_list_every_descendant(http):
    name = unique()
    project(http, f"{name}/a/b")
    body = {"name": f"^{name}$"}
    plain = ok(http, "projects.get_all_ex", body)["projects"][0]
    assert "sub_projects" not in plain
    shown = ok(http, "projects.get_all_ex", {**body, "include_stats": True})["projects"][0]
    assert [s["name"] for s in shown["sub_projects"]] == [f"{name}/a", f"{name}/a/b"]


@pytest.mark.parametrize(("kind", "expected"), [("pipeline", ".pipelines/pipe"), ("dataset", ".datasets/data")])
def test_get_all_ex_children_type_lists_the_projects_holding_such_children(http, kind, expected):
    name, _ = _pipeline_and_dataset(http)
    other = unique()
    project(http, f"{other}/plain")
    body = {"name": f"^({name}|{other})", "children_type": kind}
    assert listed(http, "projects.get_all_ex", body) == [name]
    assert listed(http, "projects.get_all_ex", {**body, "search_hidden": True}) == sorted(
        [name, f"{name}/{expected.split('/')[0]}", f"{name}/{expected}"])


def test_get_all_ex_children_type_report_counts_the_reports(http):
    name = unique()
    top = project(http, name)
    ok(http, "reports.create", {"name": "report", "project": top})
    task(http, "plain", top)
    empty = project(http, f"{unique()}")
    body = {"id": [top, empty], "children_type": "report", "include_stats": True}
    found = ok(http, "projects.get_all_ex", body)["projects"]
    assert [p["id"] for p in found] == [top]
    assert found[0]["stats"]["active"]["total_tasks"] == 1


def test_get_all_ex_active_users_lists_the_projects_they_work_in(http):
    me = ok(http, "users.get_current_user", {})["user"]["id"]
    name = unique()
    project(http, name)
    assert listed(http, "projects.get_all_ex", {"name": f"^{name}$", "active_users": [me]}) == [name]
    assert listed(http, "projects.get_all_ex", {"name": f"^{name}$", "active_users": [uuid.uuid4().hex]}) == []


def test_get_all_ex_include_stats_filter_narrows_the_counted_tasks(http):
    top = project(http, unique())
    task(http, "a", top, type="training")
    task(http, "b", top, type="testing")
    body = {"id": [top], "include_stats": True, "include_stats_filter": {"type": ["training"]}}
    stats = ok(http, "projects.get_all_ex", body)["projects"][0]["stats"]
    assert stats["active"]["total_tasks"] == 1
    assert codes(http, "projects.get_all_ex", {**body, "include_stats_filter": {"type": []}}) == (400, 12)


def test_get_all_ex_own_tasks_and_models_leave_archived_ones_out(http):
    top = project(http, unique())
    task(http, "kept", top)
    gone = task(http, "gone", top)
    ok(http, "tasks.archive", {"tasks": [gone]})
    ok(http, "models.create", {"name": "m", "uri": "s3://b/m", "project": top, "system_tags": ["archived"]})
    found = ok(http, "projects.get_all_ex", {"id": [top], "check_own_contents": True})["projects"][0]
    assert (found["own_tasks"], found["own_models"]) == (1, 0)


def test_get_all_ex_include_dataset_stats_reads_the_latest_version(http):
    name, _ = _pipeline_and_dataset(http)
    data = ok(http, "projects.get_all", {"name": f"^{name}/.datasets/data$", "search_hidden": True,
                                         "only_fields": ["id"]})["projects"][0]["id"]
    version = ok(http, "tasks.get_all", {"project": [data], "search_hidden": True, "only_fields": ["id"]})["tasks"][0]
    ok(http, "tasks.edit", {"task": version["id"], "runtime": {"ds_file_count": 3, "ds_total_size": 42}})
    body = {"id": [data], "include_dataset_stats": True}
    assert ok(http, "projects.get_all_ex", body)["projects"][0]["dataset_stats"] == {"file_count": 3, "total_size": 42}


def test_get_all_ex_marks_hidden_projects_when_searching_hidden(http):
    name, _ = _pipeline_and_dataset(http)
    found = ok(http, "projects.get_all_ex", {"name": f"^{name}", "search_hidden": True,
                                             "only_fields": ["name"]})["projects"]
    hidden = sorted(p["name"] for p in found if p.get("hidden") is True)
    assert hidden == sorted(f"{name}/{n}" for n in (".datasets", ".datasets/data", ".pipelines", ".pipelines/pipe"))
    assert all("system_tags" not in p for p in found)  # added to find them, then dropped


def test_get_all_ex_allow_public_wins_over_non_public(http):
    name = unique()
    public = project(http, name)
    ok(http, "projects.make_public", {"ids": [public]})
    body = {"name": f"^{name}$", "non_public": True}
    assert listed(http, "projects.get_all_ex", body) == []
    assert listed(http, "projects.get_all_ex", {**body, "allow_public": True}) == [name]


# --- projects.get_task_parents (item 12) -----------------------------------------------------


def test_get_task_parents_covers_every_state_and_matches_the_parent_name(http):
    top = project(http, unique())
    name = unique("alpha")
    parent = task(http, name)
    child = task(http, "beta", top, parent=parent)
    ok(http, "tasks.archive", {"tasks": [child]})
    assert ok(http, "projects.get_task_parents", {"projects": [top]}) == {"parents": [{"id": parent, "name": name}]}
    assert ok(http, "projects.get_task_parents", {"projects": [top], "tasks_state": "active"}) == {"parents": []}
    assert ok(http, "projects.get_task_parents", {"projects": [top], "task_name": "^alpha-"})["parents"][0]["id"] \
        == parent
    assert ok(http, "projects.get_task_parents", {"projects": [top], "task_name": "^beta"}) == {"parents": []}


# --- projects.get_model_metadata_keys (item 15) ----------------------------------------------


def test_get_model_metadata_keys_works_without_a_project(http):
    key = unique("key")
    model = ok(http, "models.create", {"name": "m", "uri": "s3://b/m"})["id"]
    ok(http, "models.add_or_update_metadata", {"model": model, "metadata": [{"key": key, "type": "int", "value": "1"}]})
    answer = ok(http, "projects.get_model_metadata_keys", {"page_size": 500})
    assert key in answer["keys"] or answer["total"] > 500


# --- the other projects endpoints (the review) -----------------------------------------------


def test_update_echoes_the_given_fields_and_always_updates(http):
    name = unique()
    top = project(http, name)
    assert ok(http, "projects.update", {"project": top}) == {"updated": 1, "fields": {}}
    answer = ok(http, "projects.update", {"project": top, "name": f"{name}-b", "tags": ["z", "a"]})
    assert answer == {"updated": 1, "fields": {"name": f"{name}-b", "tags": ["a", "z"]}}


@pytest.mark.parametrize("endpoint", ["projects.create", "projects.update"])
def test_tags_may_not_start_with_the_filter_operator_prefix(http, endpoint):
    body = {"name": unique(), "tags": ["__$all"]}
    if endpoint == "projects.update":
        body["project"] = project(http, body.pop("name"))
    assert codes(http, endpoint, body) == (400, 16)


def test_move_to_where_the_project_is_is_refused(http):
    name = unique()
    project(http, f"{name}/a")
    child = ok(http, "projects.get_all", {"name": f"^{name}/a$", "only_fields": ["id"]})["projects"][0]["id"]
    assert codes(http, "projects.move", {"project": child, "new_location": name}) == (400, 410)
    top = ok(http, "projects.get_all", {"name": f"^{name}$", "only_fields": ["id"]})["projects"][0]["id"]
    assert codes(http, "projects.move", {"project": top}) == (400, 410)


def test_merge_without_destination_frees_the_active_contents_only(http):
    name, child = unique(), unique("child")
    project(http, f"{name}/{child}")
    source = ok(http, "projects.get_all", {"name": f"^{name}$", "only_fields": ["id"]})["projects"][0]["id"]
    active, archived = task(http, "active", source), task(http, "archived", source)
    ok(http, "tasks.archive", {"tasks": [archived]})
    assert ok(http, "projects.merge", {"project": source}) == {"moved_entities": 1, "moved_projects": 1}
    assert ok(http, "tasks.get_by_id", {"task": active})["task"].get("project") is None
    assert ok(http, "tasks.get_by_id", {"task": archived})["task"]["project"] == source
    assert listed(http, "projects.get_all", {"name": f"^({child}|{name})$"}) == [child]  # now at the top


def test_tags_endpoints_read_the_company_own_entities_only(http):
    own, public = unique("own"), unique("public")
    mine = project(http, unique(), tags=[own])
    shared = project(http, unique(), tags=[public])
    shared_task = task(http, "t", tags=[public])
    task(http, "t", mine, tags=[own])
    ok(http, "projects.make_public", {"ids": [shared]})
    ok(http, "tasks.make_public", {"ids": [shared_task]})
    tags = ok(http, "projects.get_project_tags", {})
    assert own in tags["tags"] and public not in tags["tags"] and tags["system_tags"] == []
    assert public not in ok(http, "projects.get_task_tags", {})["tags"]


def test_paged_lists_count_the_page_as_clearml_server_does(http):
    top = project(http, unique())
    for n, value in enumerate(("10", "9", "2")):
        task(http, f"t{n}", top, hyperparams={"Args": {f"p{n}": {"section": "Args", "name": f"p{n}", "value": value},
                                                       "lr": {"section": "Args", "name": "lr", "value": value}}})
    params = ok(http, "projects.get_hyper_parameters", {"project": top, "page_size": 2})
    assert params == {"total": 2, "remaining": 0,
                      "parameters": [{"section": "Args", "name": "lr"}, {"section": "Args", "name": "p0"}]}
    values = ok(http, "projects.get_hyperparam_values", {"projects": [top], "section": "Args", "name": "lr"})
    assert values == {"total": 3, "values": ["2", "9", "10"]}  # numeric collation
    first = ok(http, "projects.get_hyperparam_values", {"projects": [top], "section": "Args", "name": "lr",
                                                        "page": -1, "page_size": 2})
    assert first == {"total": 2, "values": ["2", "9"]}


def test_one_project_queries_without_project_or_subprojects_read_tasks_without_a_project(http):
    section = unique("section")
    task(http, "loose", hyperparams={section: {"x": {"section": section, "name": "x", "value": "1"}}})
    task(http, "placed", project(http, unique()),
         hyperparams={section: {"y": {"section": section, "name": "y", "value": "1"}}})
    body = {"include_subprojects": False, "page_size": 10000}
    found = ok(http, "projects.get_hyper_parameters", body)["parameters"]
    assert {"section": section, "name": "x"} in found and {"section": section, "name": "y"} not in found


def test_stats_give_the_last_run_as_a_date_and_null_without_runs(http):
    from datetime import datetime

    ran, idle = project(http, unique()), project(http, unique())
    done = task(http, "done", ran)
    ok(http, "tasks.started", {"task": done})
    ok(http, "tasks.completed", {"task": done})
    task(http, "waiting", idle)
    found = {p["id"]: p["stats"]["active"] for p in ok(http, "projects.get_all_ex", {
        "id": [ran, idle], "include_stats": True})["projects"]}
    started = ok(http, "tasks.get_by_id", {"task": done})["task"]["started"]
    assert datetime.fromisoformat(found[ran]["last_task_run"]) == datetime.fromisoformat(started)
    assert found[ran]["completed_tasks_24h"] == 1
    assert found[idle]["last_task_run"] is None and found[idle]["total_runtime"] == 0


def test_get_all_ex_scrolls_like_get_all(http):
    name = unique()
    for n in range(3):
        project(http, f"{name}-{n}")
    body = {"name": f"^{name}-", "size": 2, "order_by": ["name"], "only_fields": ["name"]}
    first = ok(http, "projects.get_all_ex", {**body, "scroll_id": None})  # a scroll opens with scroll_id
    rest = ok(http, "projects.get_all_ex", {**body, "scroll_id": first["scroll_id"]})
    assert [p["name"] for p in first["projects"] + rest["projects"]] == [f"{name}-{n}" for n in range(3)]


def test_move_too_deep_is_refused_before_the_location_is_made(http):
    name = unique()
    project(http, f"{name}/child")
    top = ok(http, "projects.get_all", {"name": f"^{name}$", "only_fields": ["id"]})["projects"][0]["id"]
    location = "/".join(unique("level") for _ in range(9))
    assert codes(http, "projects.move", {"project": top, "new_location": location}) == (400, 409)
    assert ok(http, "projects.get_all", {"name": f"^{location.split('/')[0]}", "only_fields": ["id"]}) == {
        "projects": []}


def test_get_all_ex_children_tags_narrow_the_children(http):
    tag = unique("tag")
    tagged, plain = project(http, unique()), project(http, unique())
    ok(http, "reports.create", {"name": "report", "project": tagged, "tags": [tag]})
    ok(http, "reports.create", {"name": "report", "project": plain})
    body = {"id": [tagged, plain], "children_type": "report", "only_fields": ["id"]}
    assert [p["id"] for p in ok(http, "projects.get_all_ex", {**body, "children_tags": [tag]})["projects"]] == [tagged]
    by_filter = {**body, "children_tags_filter": {"any": {"include": [tag]}}}
    assert [p["id"] for p in ok(http, "projects.get_all_ex", by_filter)["projects"]] == [tagged]
