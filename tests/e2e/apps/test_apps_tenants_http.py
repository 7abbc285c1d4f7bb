"""``apps.*`` for administrators through the gateway (issue 17, item 1): deploying apps to
tenants (companies) and taking them away, assignments and the overviews, and
customizations with their upgrade diffs. A system session manages every company; a
company's users see only the apps deployed to it. Every answer is checked against the
catalog (``assert_conforms``); bad input is a 400 (or 403) that changes nothing."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.api import meta, unique
from tests.e2e.apps.appdefs import call, definition, entries, new_app, new_queue, upload
from tests.e2e.identity.people import DEFAULT_COMPANY, make_company, make_person, system_session
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def system(stack):
    with system_session(stack) as client:
        yield client


@pytest.fixture(scope="module")
def tenant(stack):
    """Another company and an HTTP client of one of its users."""
    company = make_company(stack, "apps-tenant")
    person = make_person(stack, "user", company)
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as client:
        yield company, client


def refused(http, endpoint: str, body: dict) -> tuple[int, int]:
    response = http.post(f"/v999.0/{endpoint}", json=body)
    assert response.status_code >= 400, response.text
    return meta(response)


def visible(client, app_id: str) -> list[dict]:
    return call(client, "apps.get_apps", {"include": {"id": [app_id]}})["apps"]


def state_of(system, app_id: str, company: str) -> str:
    apps = call(system, "apps.get_tenant_apps", {"tenant_id": company})["apps"]
    return next(a["status"] for a in apps if a["app_id"] == app_id)


# ------------------------------------------------------------------------------- tenants

def test_per_tenant_deployment_decides_what_a_company_sees(system, tenant, http):
    company, user = tenant
    app_id = new_app(http)
    assert visible(user, app_id) != []  # an app never assigned is assigned to all
    answer = call(system, "apps.undeploy_per_tenant", {"application_id": app_id, "tenant_ids": [company]})
    assert_conforms("apps.undeploy_per_tenant", answer)
    assert answer["results"] == [{"tenant_id": company, "removed": True}]
    assert visible(user, app_id) == [] and visible(http, app_id) != []
    assert refused(user, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "x"}}) == (400, 10)
    disabled = call(system, "apps.disable_per_tenant", {"application_id": app_id, "tenant_ids": [company]})
    assert_conforms("apps.disable_per_tenant", disabled)
    assert disabled["results"] == [{"tenant_id": company, "state": "disabled", "changed": True, "created": False}]
    [seen] = visible(user, app_id)
    assert seen["disabled"] is True
    assert refused(user, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "x"}}) == (400, 1)
    deployed = call(system, "apps.deploy_per_tenant", {"application_id": app_id, "tenant_ids": [company]})
    assert_conforms("apps.deploy_per_tenant", deployed)
    assert deployed["results"][0]["state"] == "enabled" and deployed["results"][0]["changed"] is True
    _, queue = new_queue(user)
    instance = call(user, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "x", "queue": queue}})
    assert call(user, "tasks.get_by_id", {"task": instance["instance"]})["task"]["status"] == "queued"
    assert refused(system, "apps.deploy_per_tenant", {"application_id": app_id, "tenant_ids": [unique("t")]}) \
        == (403, 20)
    assert refused(system, "apps.deploy_per_tenant", {"application_id": unique("nope"), "tenant_ids": [company]}) \
        == (400, 10)


def test_undeploying_from_a_tenant_with_a_running_instance_asks_first(system, tenant, http):
    company, user = tenant
    app_id = new_app(http)
    _, queue = new_queue(user)
    instance = call(user, "apps.launch_instance", {"app": app_id, "launch_params": {"who": "x", "queue": queue}})
    asked = call(system, "apps.undeploy_all", {"application_id": app_id})
    assert_conforms("apps.undeploy_all", asked)
    assert (asked["requires_confirmation"], asked["running_instances"], asked["removed"]) == (True, 1, 0)
    assert asked["affected_tenants"][0]["id"] == company and asked["affected_tenants"][0]["running"] == 1
    assert visible(user, app_id) != []
    done = call(system, "apps.undeploy_all", {"application_id": app_id, "confirm_stop": True})
    assert done["stopped_instances"] == 1 and done["removed"] >= 2
    assert visible(user, app_id) == [] and visible(http, app_id) == []
    assert call(user, "tasks.get_by_id", {"task": instance["instance"]})["task"]["status"] == "stopped"


def test_deploy_all_and_disable_all_cover_every_company(system, tenant, http):
    company, user = tenant
    app_id = new_app(http)
    call(system, "apps.undeploy_all", {"application_id": app_id})
    deployed = call(system, "apps.deploy_all", {"application_id": app_id})
    assert_conforms("apps.deploy_all", deployed)
    assert company in deployed["tenants"] and deployed["enabled"] >= 2
    assert visible(user, app_id) != []
    disabled = call(system, "apps.disable_all", {"application_id": app_id})
    assert_conforms("apps.disable_all", disabled)
    assert disabled["disabled"] == len(deployed["tenants"])
    assert visible(user, app_id)[0]["disabled"] is True
    assert refused(system, "apps.disable_all", {"application_id": unique("nope")}) == (400, 10)
    assert refused(system, "apps.deploy_all", {}) == (400, 12)


def test_an_assignment_includes_or_excludes_tenants_and_the_overviews_show_it(system, tenant, http):
    company, user = tenant
    app_id = new_app(http)
    answer = call(system, "apps.set_tenant_assignment", {"app_id": app_id, "mode": "include", "tenants": [company]})
    assert_conforms("apps.set_tenant_assignment", answer)
    assert (answer["updated"], answer["mode"]) == (True, "include")
    assert visible(user, app_id) != [] and visible(http, app_id) == []
    assignment = call(system, "apps.get_tenant_assignment", {"app_id": app_id})
    assert_conforms("apps.get_tenant_assignment", assignment)
    assert [(t["id"], t["state"]) for t in assignment["tenants"]] == [(company, "enabled")]
    summary = call(system, "apps.get_assignments_summary", {})
    assert_conforms("apps.get_assignments_summary", summary)
    row = next(a for a in summary["apps"] if a["app_id"] == app_id)
    assert row["enabled"] == 1 and row["not_deployed"] == row["total_tenants"] - 1
    tenant_apps = call(system, "apps.get_tenant_apps", {"tenant_id": company})
    assert_conforms("apps.get_tenant_apps", tenant_apps)
    assert next(a for a in tenant_apps["apps"] if a["app_id"] == app_id)["status"] == "deployed"
    every = call(system, "apps.get_all_apps", {})
    assert_conforms("apps.get_all_apps", every)
    row = next(a for a in every["apps"] if a["app_id"] == app_id)
    assert (row["deployed"], row["status"], row["rollup"]["enabled"], row["latest_version"]) == \
        (True, "deployed", 1, "1.0.0")
    call(system, "apps.set_tenant_assignment", {"app_id": app_id, "mode": "exclude", "tenants": [company]})
    assert visible(user, app_id) == [] and visible(http, app_id) != []
    assert refused(system, "apps.set_tenant_assignment", {"app_id": app_id, "mode": "some"}) == (400, 12)
    assert refused(system, "apps.set_tenant_assignment", {"app_id": app_id, "mode": "include",
                                                          "tenants": [unique("t")]}) == (403, 20)
    assert visible(http, app_id) != []  # the refused change changed nothing
    assert refused(system, "apps.get_tenant_apps", {"tenant_id": unique("t")}) == (403, 20)


def test_a_company_admin_manages_only_their_own_company(http, tenant):
    company, user = tenant
    app_id = new_app(http)
    assert refused(http, "apps.deploy_per_tenant", {"application_id": app_id, "tenant_ids": [company]}) == (403, 20)
    assert refused(user, "apps.deploy_all", {"application_id": app_id}) == (403, 20)  # a user: role refused
    summary = call(http, "apps.get_tenant_assignment", {"app_id": app_id})
    assert [t["state"] for t in summary["tenants"]] == ["enabled"]


# ------------------------------------------------------------------------ customizations

def test_a_customization_overrides_the_form_and_is_launched_with(system, http):
    app_id = new_app(http)
    created = call(http, "apps.create_customization", {
        "app_id": app_id, "name": "Team greeter", "appearance_overrides": {"name": "Team greeter"},
        "wizard_overrides": [{"entry_name": "who", "title": "Team", "default": "team"},
                             {"entry_name": "mode", "default": "slow"}]})
    assert_conforms("apps.create_customization", created)
    assert (created["name"], created["state"], created["launch_locked"], created["assignment"]["mode"]) == \
        ("Team greeter", "enabled", False, "all")
    assert created["wizard_overrides"][0] == {"entry_name": "who", "title": "Team", "info": None}
    cid = created["id"]
    got = call(http, "apps.get_customization", {"customization_id": cid})
    assert_conforms("apps.get_customization", got)
    assert got == created
    listed = call(http, "apps.get_customizations", {"app_id": app_id})
    assert_conforms("apps.get_customizations", listed)
    assert [c["id"] for c in listed["customizations"]] == [cid]
    _, queue = new_queue(http)
    instance = call(http, "apps.launch_instance", {"app": app_id, "customization_id": cid,
                                                   "launch_params": {"queue": queue}})["instance"]
    general = call(http, "tasks.get_by_id", {"task": instance})["task"]["hyperparams"]["General"]
    assert (general["who"]["value"], general["mode"]["value"]) == ("team", "slow")
    assert [i["id"] for i in call(http, "apps.get_instances", {"customization_id": cid})["instances"]] == [instance]
    form = call(http, "apps.get_launch_template", {"app": app_id, "customization_id": cid})["launch_template"]
    assert next(e for e in form["entries"] if e["name"] == "who")["title"] == "Team"
    updated = call(http, "apps.update_customization", {"customization_id": cid, "name": "Renamed",
                                                       "wizard_overrides": [{"entry_name": "rounds", "default": 4}]})
    assert_conforms("apps.update_customization", updated)
    assert updated["name"] == "Renamed" and [o["entry_name"] for o in updated["wizard_overrides"]] == ["rounds"]
    state = call(system, "apps.get_customization_editor_state", {"app_id": app_id, "customization_id": cid,
                                                                  "tenant_id": created["assignment"]["tenants"][0]["id"]})
    assert_conforms("apps.get_customization_editor_state", state)
    assert [e["name"] for e in state["base"]["wizard"]["entries"]][:2] == ["greeting", "who"]
    assert "default" in state["overridable"]["wizard_entry"] and state["customization"]["id"] == cid
    locked = call(http, "apps.set_launch_lock", {"customization_id": cid, "locked": True})
    assert locked == {"customization_id": cid, "app_id": app_id, "locked": True}
    assert refused(http, "apps.launch_instance", {"app": app_id, "customization_id": cid,
                                                  "launch_params": {"queue": queue}}) == (400, 1)


def test_bad_customizations_are_refused_and_change_nothing(http):
    app_id = new_app(http)
    bad = [
        {"app_id": app_id, "name": "x", "wizard_overrides": [{"entry_name": "nope", "default": 1}]},
        {"app_id": app_id, "name": "x", "wizard_overrides": [{"entry_name": "rounds", "default": 99}]},
        {"app_id": app_id, "name": "x", "wizard_overrides": [{"entry_name": "rounds", "type": "string"}]},
        {"app_id": app_id, "name": "x", "appearance_overrides": {"colour": "red"}},
        {"app_id": unique("nope"), "name": "x"},
    ]
    for body in bad:
        assert refused(http, "apps.create_customization", body)[0] == 400, body
    assert call(http, "apps.get_customizations", {"app_id": app_id})["customizations"] == []
    assert refused(http, "apps.get_customization", {"customization_id": unique("c")}) == (400, 10)
    gone = call(http, "apps.delete_customization", {"customization_id": unique("c")})
    assert_conforms("apps.delete_customization", gone)
    assert gone["was_already_gone"] is True


def test_an_upgrade_diff_shows_preserved_orphaned_and_conflicting_overrides_and_applies(http):
    app_id = new_app(http)
    cid = call(http, "apps.create_customization", {
        "app_id": app_id, "name": "Tuned",
        "wizard_overrides": [{"entry_name": "who", "title": "Team"}, {"entry_name": "greeting", "default": "Hey"},
                             {"entry_name": "rounds", "default": 8}, {"entry_name": "mode", "default": "slow"}]})["id"]
    form = [e for e in entries(rounds={"max": 5}, mode={"choices": ["fast"], "default": "fast"})
            if e["name"] != "greeting"] + [{"name": "colour", "title": "Colour", "type": "string"}]
    upload(http, definition(app_id, version="2.0.0", form=form), enable=False)
    diff = call(http, "apps.get_customization_upgrade_diff", {"customization_id": cid, "target_version": "2.0.0"})
    assert_conforms("apps.get_customization_upgrade_diff", diff)
    assert (diff["current_version"], diff["target_version"]) == ("1.0.0", "2.0.0")
    assert [p["entry_name"] for p in diff["preserved"]] == ["who"]
    assert [o["entry_name"] for o in diff["orphaned"]] == ["greeting"]
    assert [(c["entry_name"], c["reason"]) for c in diff["conflicts"]] == \
        [("rounds", "range_violation"), ("mode", "choice_removed")]
    assert [n["entry_name"] for n in diff["new_fields"]] == ["colour"]
    impact = call(http, "apps.get_app_upgrade_impact", {"app_id": app_id, "target_version": "2.0.0"})
    assert_conforms("apps.get_app_upgrade_impact", impact)
    assert (impact["customizations_total"], impact["customizations_affected"]) == (1, 1)
    assert impact["customizations"][0]["customization_id"] == cid
    applied = call(http, "apps.apply_customization_upgrade", {"customization_id": cid, "target_version": "2.0.0",
                                                              "prune_orphaned": True})
    assert_conforms("apps.apply_customization_upgrade", applied)
    assert (applied["applied"], applied["upgraded_from"], applied["upgraded_to"]) == (True, "1.0.0", "2.0.0")
    assert applied["orphaned_pruned"] == ["greeting"] and applied["new_fields_count"] == 1
    assert {(r["entry_name"], r["field"]) for r in applied["replaced"]} == {("rounds", "default"), ("mode", "default")}
    kept = call(http, "apps.get_customization", {"customization_id": cid})["wizard_overrides"]
    assert [o["entry_name"] for o in kept] == ["who", "rounds", "mode"]
    again = call(http, "apps.apply_customization_upgrade", {"customization_id": cid, "target_version": "2.0.0"})
    assert again["applied"] is False
    assert refused(http, "apps.get_customization_upgrade_diff", {"customization_id": cid,
                                                                 "target_version": "7.0"}) == (400, 10)


def test_deleting_a_customization_in_use_asks_first(http):
    app_id = new_app(http)
    cid = call(http, "apps.create_customization", {"app_id": app_id, "name": "In use"})["id"]
    _, queue = new_queue(http)
    call(http, "apps.launch_instance", {"app": app_id, "customization_id": cid, "launch_params": {"who": "x",
                                                                                                 "queue": queue}})
    asked = call(http, "apps.delete_customization", {"customization_id": cid})
    assert_conforms("apps.delete_customization", asked)
    assert (asked["requires_confirmation"], asked["running_instances"]) == (True, 1)
    assert call(http, "apps.get_customization", {"customization_id": cid})["id"] == cid
    done = call(http, "apps.delete_customization", {"customization_id": cid, "confirm_stop": True})
    assert (done["deleted"], done["stopped_instances"], done["was_already_gone"]) == (cid, 1, False)
    assert refused(http, "apps.get_customization", {"customization_id": cid}) == (400, 10)


@pytest.mark.parametrize("endpoint, body", [
    ("apps.get_instance_info", {"instance": "{x}"}),
    ("apps.get_info_template", {"instance": "{x}"}),
    ("apps.get_launch_template", {"app": "{x}"}),
    ("apps.get_tenant_assignment", {"app_id": "{x}"}),
    ("apps.set_tenant_assignment", {"app_id": "{x}", "mode": "all"}),
    ("apps.undeploy_per_tenant", {"application_id": "{x}", "tenant_ids": []}),
    ("apps.enable", {"app": "{x}", "enable": True}),
    ("apps.set_launch_lock", {"app_id": "{x}", "locked": True}),
    ("apps.update_customization", {"customization_id": "{x}", "name": "n"}),
    ("apps.apply_customization_upgrade", {"customization_id": "{x}"}),
    ("apps.get_customization_upgrade_diff", {"customization_id": "{x}"}),
    ("apps.get_app_upgrade_impact", {"app_id": "{x}"}),
    ("apps.get_customization_editor_state", {"app_id": "{x}", "customization_id": "{x}", "tenant_id": "{own}"}),
])
def test_an_unknown_app_instance_or_customization_is_a_400_10(system, endpoint, body):
    missing = unique("unknown")
    body = {k: (v if not isinstance(v, str) else v.format(x=missing, own=DEFAULT_COMPANY)) for k, v in body.items()}
    assert refused(system, endpoint, body) == (400, 10)


def test_customizations_and_tenant_views_refuse_tenants_the_caller_does_not_manage(http):
    app_id = new_app(http)
    cid = call(http, "apps.create_customization", {"app_id": app_id, "name": "c"})["id"]
    stranger = unique("tenant")
    assert refused(http, "apps.get_customizations", {"tenant_id": stranger}) == (403, 20)
    assert refused(http, "apps.update_customization", {"customization_id": cid,
                                                       "assignment": {"mode": "include", "tenants": [stranger]}}) \
        == (403, 20)
    assert refused(http, "apps.update_customization", {"customization_id": cid, "name": " "}) == (400, 12)
    assert refused(http, "apps.get_customization_editor_state", {"app_id": app_id, "tenant_id": stranger}) == (403, 20)
    assert call(http, "apps.get_customization", {"customization_id": cid})["name"] == "c"
