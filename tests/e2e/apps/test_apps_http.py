"""``apps.*`` through the gateway (issue 17, item 1): registering applications, launching
instances (tasks enqueued as ``tasks.enqueue`` does), reading, editing and relaunching
them, enabling and deleting versions, launch locks and the hub token. Every answer is
checked against the catalog (``assert_conforms``); bad input is a 400 that changes nothing.
Tenants and customizations: ``test_apps_tenants_http.py``."""

from __future__ import annotations

import base64

import pytest

from tests.e2e.api import meta, unique
from tests.e2e.apps.appdefs import ICON, call, definition, entries, new_app, new_queue, upload
from tests.e2e.identity.people import system_session
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


def refused(http, endpoint: str, body: dict) -> tuple[int, int]:
    response = http.post(f"/v999.0/{endpoint}", json=body)
    assert response.status_code >= 400, response.text
    return meta(response)


def instances(http, app_id: str, **filters) -> list[dict]:
    answer = call(http, "apps.get_instances", {"app": app_id, **filters})
    assert_conforms("apps.get_instances", answer)
    return answer["instances"]


def launch(http, app_id: str, queue: str, **params) -> str:
    answer = call(http, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "world", "queue": queue,
                                                                                  **params}})
    assert_conforms("apps.launch_instance", answer)
    return answer["instance"]


# ------------------------------------------------------------------------------ registry

def test_an_uploaded_app_is_listed_with_its_category_and_serves_its_asset(http):
    app_id = unique("greeter")
    answer = upload(http, definition(app_id, category="Greeting tools"))
    assert_conforms("apps.upload", answer)
    assert answer == {"succeeded": [app_id], "failed": []}
    listed = call(http, "apps.get_apps", {"app_usages": True, "include": {"id": [app_id]}})
    assert_conforms("apps.get_apps", listed)
    [app] = listed["apps"]
    assert (app["id"], app["version"], app["name"], app["active"], app["disabled"]) == \
        (app_id, "1.0.0", f"Greeter {app_id}", True, False)
    assert (app["category"], app["badges"], app["pending"], app["running"]) == ("Greeting tools", ["demo"], 0, 0)
    categories = call(http, "apps.get_categories", {})
    assert_conforms("apps.get_categories", categories)
    assert "Greeting tools" in categories["categories"]
    asset = http.post("/v999.0/apps.get_asset", json={"app": app_id, "version": "1.0.0", "uri": "icon.png"})
    assert asset.status_code == 200 and asset.content == ICON
    assert asset.headers["content-type"] == "image/png"
    assert_conforms("apps.get_asset", {})
    assert refused(http, "apps.get_asset", {"app": app_id, "version": "1.0.0", "uri": "nope.png"}) == (400, 10)


def test_a_bad_definition_is_refused_and_a_second_upload_of_a_version_needs_update_existing(http):
    app_id = unique("greeter")
    bad_form = definition(app_id, form=[{"name": "n", "type": "integer", "default": "many"}])
    assert upload(http, bad_form)["failed"][0]["name"] == f"Greeter {app_id}"
    assert refused(http, "apps.upload", {"apps": [{**definition(app_id), "task": None}]})[0] == 400
    assert refused(http, "apps.upload", {"apps": [definition(app_id, form=[{"name": "a b"}])]})[0] == 400
    unsafe = definition(app_id)
    unsafe["assets"] = {"page.html": {"content_type": "text/html", "base64": base64.b64encode(b"<script>").decode()}}
    assert upload(http, unsafe)["succeeded"] == []
    assert call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"] == []
    assert upload(http, definition(app_id))["succeeded"] == [app_id]
    again = upload(http, definition(app_id, description="changed"))
    assert again["succeeded"] == [] and "exists" in again["failed"][0]["error"]
    assert upload(http, definition(app_id, description="changed"), update_existing=True)["succeeded"] == [app_id]
    [app] = call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]
    assert app["description"] == "changed"


def test_the_hub_is_not_reachable_and_its_token_is_only_remembered(stack, http):
    assert refused(http, "apps.upload", {"origin": "hub"}) == (400, 1)
    with system_session(stack) as system:
        assert_conforms("apps.set_hub_token", set_ := call(system, "apps.set_hub_token", {"token": "hub-secret"}))
        assert set_ == {"updated": True, "assignment_page_url": None}
        status = call(system, "apps.get_hub_token_status", {})
        assert_conforms("apps.get_hub_token_status", status)
        assert status["configured"] is True and status["source"] == "manual"
        assert "hub-secret" not in str(status)
        assert refused(system, "apps.set_hub_token", {"token": " "}) == (400, 12)
        cleared = call(system, "apps.clear_hub_token", {})
        assert_conforms("apps.clear_hub_token", cleared)
        assert cleared == {"updated": True}
        assert call(system, "apps.get_hub_token_status", {})["configured"] is False


# ----------------------------------------------------------------------------- instances

def test_launch_creates_the_app_task_with_the_form_values_and_enqueues_it(http):
    app_id = new_app(http)
    queue_id, queue_name = new_queue(http)
    instance = launch(http, app_id, queue_name, rounds="3")
    task = call(http, "tasks.get_by_id", {"task": instance})["task"]
    assert task["status"] == "queued" and task["execution"]["queue"] == queue_id
    assert task["type"] == "application" and "application" in task["system_tags"]
    assert task["script"]["entry_point"] == "greeter.py" and "set_user_properties" in task["script"]["diff"]
    general = task["hyperparams"]["General"]
    assert {k: v["value"] for k, v in general.items()} == \
        {"greeting": "Hello", "who": "world", "rounds": "3", "mode": "fast"}
    project = call(http, "projects.get_by_id", {"project": task["project"]})["project"]
    assert project["name"] == f"Apps/Greeter {app_id}"
    queued = call(http, "queues.get_by_id", {"queue": queue_id})["queue"]["entries"]
    assert [e["task"] for e in queued] == [instance]
    [listed] = instances(http, app_id)
    assert (listed["id"], listed["status"], listed["application"]) == (instance, "queued", {"version": "1.0.0"})
    info = call(http, "apps.get_instance_info", {"instance": instance})
    assert_conforms("apps.get_instance_info", info)
    info = info["info"]
    assert (info["queue"], info["queue_name"], info["status"], info["valid_app_version"]) == \
        (queue_id, queue_name, "queued", True)
    assert info["application"]["configuration"] == {"greeting": "Hello", "who": "world", "rounds": "3", "mode": "fast"}
    template = call(http, "apps.get_info_template", {"instance": instance})
    assert_conforms("apps.get_info_template", template)
    assert template["info_template"] == {"fields": [{"title": "Greeting", "source": "greeting"}]}


@pytest.mark.parametrize("params, subcode", [
    ({"who": "x", "colour": "red"}, 12),      # not a field of the form
    ({"who": "x", "rounds": "many"}, 12),     # not an integer
    ({"who": "x", "rounds": 11}, 12),         # out of range
    ({"who": "x", "mode": "medium"}, 12),     # not a choice
    ({"greeting": "hi"}, 12),                 # "who" is required
])
def test_a_bad_launch_value_is_refused_and_nothing_is_launched(http, params, subcode):
    app_id = new_app(http)
    assert refused(http, "apps.launch_instance", {"app": app_id, "launch_params": params}) == (400, subcode)
    assert instances(http, app_id) == []


def test_launching_an_unknown_app_or_on_an_unknown_queue_id_is_refused(http):
    app_id = new_app(http)
    assert refused(http, "apps.launch_instance", {"app": unique("nope"), "launch_params": {}}) == (400, 10)
    assert refused(http, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "x", "queue": "0" * 32}}) \
        == (400, 701)
    assert refused(http, "apps.launch_instance", {"app": app_id}) == (400, 12)  # launch_params required
    assert instances(http, app_id) == []


def test_edit_instance_changes_the_values_and_the_task_parameters(http):
    app_id = new_app(http)
    _, queue = new_queue(http)
    instance = launch(http, app_id, queue)
    assert refused(http, "apps.edit_instance", {"instance": instance, "update_params": {"who": "Ada"}}) == (400, 110)
    call(http, "tasks.started", {"task": instance})  # as its agent would
    edited = call(http, "apps.edit_instance", {"instance": instance, "update_params": {"who": "Ada"},
                                               "user_groups": ["g1"]})
    assert_conforms("apps.edit_instance", edited)
    assert edited == {"updated": 1}
    general = call(http, "tasks.get_by_id", {"task": instance})["task"]["hyperparams"]["General"]
    assert general["who"]["value"] == "Ada" and general["greeting"]["value"] == "Hello"
    [listed] = instances(http, app_id)
    assert listed["user_groups"] == ["g1"]
    assert refused(http, "apps.edit_instance", {"instance": instance, "update_params": {"rounds": 0}}) == (400, 12)
    assert refused(http, "apps.edit_instance", {"instance": unique("x"), "update_params": {}}) == (400, 10)
    form = call(http, "apps.get_launch_template", {"instance": instance})
    assert_conforms("apps.get_launch_template", form)
    values = {e["name"]: e["value"] for e in form["launch_template"]["entries"]}
    assert values["who"] == "Ada" and values["rounds"] == 1 and form["launch_template"]["app_id"] == app_id


def test_relaunch_runs_a_stopped_instance_again_with_new_values(http):
    app_id = new_app(http)
    _, queue = new_queue(http)
    instance = launch(http, app_id, queue)
    assert refused(http, "apps.relaunch_instance", {"instance": instance}) == (400, 110)
    call(http, "tasks.stop", {"task": instance})
    assert instances(http, app_id, status="running") == []
    assert [i["id"] for i in instances(http, app_id, status="stopped")] == [instance]
    again = call(http, "apps.relaunch_instance", {"instance": instance, "launch_params": {"rounds": 5},
                                                  "task_name": "second run"})
    assert_conforms("apps.relaunch_instance", again)
    assert again == {"instance": instance}
    task = call(http, "tasks.get_by_id", {"task": instance})["task"]
    assert task["status"] == "queued" and task["name"] == "second run"
    assert task["hyperparams"]["General"]["rounds"]["value"] == "5"
    assert task["hyperparams"]["General"]["who"]["value"] == "world"
    assert refused(http, "apps.relaunch_instance", {"instance": unique("x")}) == (400, 10)


def test_get_instances_filters_by_name_and_pages(http):
    app_id = new_app(http)
    _, queue = new_queue(http)
    first = call(http, "apps.launch_instance", {"app": app_id, "task_name": "alpha run",
                                                "launch_params": {"who": "a", "queue": queue}})["instance"]
    second = call(http, "apps.launch_instance", {"app": app_id, "task_name": "beta run",
                                                 "launch_params": {"who": "b", "queue": queue}})["instance"]
    assert [i["id"] for i in instances(http, app_id, name="ALPHA")] == [first]
    assert [i["id"] for i in instances(http, app_id)] == [second, first]
    assert [i["id"] for i in instances(http, app_id, page=1, page_size=1)] == [first]
    answer = call(http, "apps.get_instances", {"app": app_id})
    assert answer["usage"]["running"] == 2
    assert refused(http, "apps.get_instances", {"status": "sleeping"}) == (400, 12)


def test_the_launch_template_of_an_app_has_the_defaults(http):
    app_id = new_app(http)
    form = call(http, "apps.get_launch_template", {"app": app_id})
    assert_conforms("apps.get_launch_template", form)
    assert form["missing_router"] is False
    assert [(e["name"], e["value"]) for e in form["launch_template"]["entries"]] == \
        [("greeting", "Hello"), ("who", None), ("rounds", 1), ("mode", "fast"), ("queue", None)]
    assert refused(http, "apps.get_launch_template", {}) == (400, 11)


# ---------------------------------------------------------------------- versions, locks

def test_enable_switches_the_active_version_and_a_lock_stops_launches(http):
    app_id = new_app(http)
    assert upload(http, definition(app_id, version="1.10.0", form=entries(who={"default": "you"})),
                  enable=False)["succeeded"] == [app_id]
    [app] = call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]
    assert app["version"] == "1.0.0"
    answer = call(http, "apps.enable", {"app": app_id, "version": "1.10.0", "enable": True, "single_active": True})
    assert_conforms("apps.enable", answer)
    assert (answer["previous_version"], answer["activated_version"], answer["is_downgrade"], answer["updated"]) == \
        ("1.0.0", "1.10.0", False, 2)
    [app] = call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]
    assert app["version"] == "1.10.0"
    assert refused(http, "apps.enable", {"app": app_id, "version": "9.9", "enable": True}) == (400, 10)
    locked = call(http, "apps.set_launch_lock", {"app_id": app_id, "locked": True})
    assert_conforms("apps.set_launch_lock", locked)
    assert locked == {"app_id": app_id, "locked": True}
    [app] = call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]
    assert app["disabled"] is True
    _, queue = new_queue(http)
    assert refused(http, "apps.launch_instance", {"app": app_id, "launch_params": {"queue": queue}}) == (400, 1)
    assert refused(http, "apps.set_launch_lock", {"locked": False}) == (400, 12)
    call(http, "apps.set_launch_lock", {"app_id": app_id, "locked": False})
    instance = call(http, "apps.launch_instance", {"app": app_id, "launch_params": {"queue": queue}})["instance"]
    assert call(http, "tasks.get_by_id", {"task": instance})["task"]["hyperparams"]["General"]["who"]["value"] == "you"
    asked = call(http, "apps.enable", {"app": app_id, "enable": False})  # the active version, in use
    assert (asked["requires_confirmation"], asked["running_instances"]) == (True, 1)
    assert [a["version"] for a in call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]] == ["1.10.0"]
    off = call(http, "apps.enable", {"app": app_id, "enable": False, "confirm_stop": True})
    assert (off["updated"], off["stopped_instances"], off["activated_version"]) == (1, 1, None)
    assert call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"] == []
    assert call(http, "tasks.get_by_id", {"task": instance})["task"]["status"] == "stopped"
    on = call(http, "apps.enable", {"app": app_id, "enable": True})
    assert (on["activated_version"], on["previous_version"]) == ("1.10.0", None)


def test_delete_asks_before_stopping_running_instances(http):
    app_id = new_app(http)
    _, queue = new_queue(http)
    instance = launch(http, app_id, queue)
    asked = call(http, "apps.delete", {"app": app_id})
    assert_conforms("apps.delete", asked)
    assert (asked["requires_confirmation"], asked["running_instances"], asked["deleted"]) == (True, 1, 0)
    assert call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"] != []
    done = call(http, "apps.delete", {"app": app_id, "confirm_stop": True})
    assert (done["deleted"], done["stopped_instances"]) == (1, 1)
    assert call(http, "tasks.get_by_id", {"task": instance})["task"]["status"] == "stopped"
    assert call(http, "apps.get_apps", {"include": {"id": [app_id]}})["apps"] == []
    assert refused(http, "apps.delete", {"app": app_id}) == (400, 10)


def test_batch_delete_reports_unknown_ids_and_clean_removes_unused_disabled_versions(http):
    first, second = new_app(http), new_app(http)
    missing = unique("nope")
    answer = call(http, "apps.batch_delete", {"ids": [first, missing]})
    assert_conforms("apps.batch_delete", answer)
    assert answer["succeeded"] == [first] and list(answer["failed"]) == [missing]
    assert refused(http, "apps.batch_delete", {}) == (400, 12)  # ids required
    upload(http, definition(second, version="2.0.0"), enable=False)
    cleaned = call(http, "apps.clean_available_apps", {"app": second})
    assert_conforms("apps.clean_available_apps", cleaned)
    assert cleaned == {"cleaned": 1, "app_ids": [second]}
    assert [a["version"] for a in call(http, "apps.get_apps", {"include": {"id": [second]}})["apps"]] == ["1.0.0"]
    assert refused(http, "apps.clean_available_apps", {"app": missing}) == (400, 10)
