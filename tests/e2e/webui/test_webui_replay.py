"""The stock ClearML web UI against Cairn, replayed at the API level (issue 15 item 6): from the
login page to the experiment, model and worker pages, in both login models (password, the
default; name-only, ``CAIRN_LOGIN_MODE=name``, on a second stack), and CORS with credentials
for the UI served from another origin."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass

import httpx
import pytest

from services.identity.settings import WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY
from shared.tokens import COOKIE
from tests.e2e.api import meta
from tests.e2e.webui.replay import PAGES, RECORDED_PROJECT, RECORDED_TASK, Replay, recorded_calls
from tests.support.servers import require_servers
from tests.support.stack import Stack

pytestmark = pytest.mark.e2e

UI_ORIGIN = "http://127.0.0.1:8080"
UI_HEADERS = {"X-Clearml-Client": "Webapp-2.5.0", "Origin": UI_ORIGIN}
IMAGE = b"\xff\xd8\xff\xe0 not really a jpeg"


@dataclass
class NameLoginStack(Stack):
    """A stack in clearml-server's open-source login model."""

    def env(self, **extra: str) -> dict[str, str]:
        return super().env(CAIRN_LOGIN_MODE="name", **extra)


@pytest.fixture(scope="module")
def name_stack():
    require_servers(kafka=True, mongo=True, es=True)
    cairn = NameLoginStack()
    try:
        cairn.start_all()
        yield cairn
    finally:
        cairn.stop_all()


def admin_client(stack: Stack) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=(stack.key, stack.secret), timeout=60)


def browser(stack: Stack) -> httpx.Client:
    return httpx.Client(base_url=stack.url, timeout=60, headers=UI_HEADERS)


def data(response: httpx.Response):
    assert response.status_code == 200, response.text
    return response.json()["data"]


def make_experiment(stack: Stack) -> dict[str, str]:
    """A project with one experiment that reported a scalar, a plot, a debug image and a log
    line, a model, and a worker: what the replayed pages show."""
    suffix = uuid.uuid4().hex[:8]
    with admin_client(stack) as http:
        project = data(http.post("/v2.23/projects.create", json={"name": f"webui-{suffix}", "description": ""}))["id"]
        task = data(http.post("/v2.23/tasks.create", json={"name": f"experiment-{suffix}", "type": "training",
                                                           "project": project}))["id"]
        image = f"webui/{suffix}.jpeg"
        token = data(http.post("/v2.23/auth.login"))["token"]
        uploaded = httpx.post(f"{stack.files_url}/", files={image: (f"{suffix}.jpeg", IMAGE, "image/jpeg")},
                              headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert uploaded.status_code == 200, uploaded.text
        base = {"task": task, "iter": 0, "timestamp": int(time.time() * 1000)}
        events = [
            {**base, "type": "training_stats_scalar", "metric": "loss", "variant": "total", "value": 0.5},
            {**base, "type": "plot", "metric": "roc", "variant": "curve", "plot_str": json.dumps({"data": []})},
            {**base, "type": "training_debug_image", "metric": "samples", "variant": "random",
             "url": f"{stack.files_url}/{image}"},
            {**base, "type": "log", "level": "info", "msg": f"hello from {suffix}"},
        ]
        body = "\n".join(json.dumps(e) for e in events)
        added = data(http.post("/v2.23/events.add_batch", content=body,
                               headers={"Content-Type": "application/json-lines"}))
        assert added["added"] == 4, added
        model = data(http.post("/v2.23/models.create", json={"name": f"model-{suffix}", "uri": "s3://b/m",
                                                             "project": project, "task": task}))["id"]
        worker = f"webui-worker-{suffix}"
        data(http.post("/v2.23/workers.register", json={"worker": worker}))
    return {"project": project, "task": task, "model": model, "worker": worker, "log": f"hello from {suffix}"}


def replay_pages(client: httpx.Client, experiment: dict[str, str]) -> Replay:
    """Every recorded page after login, with the session cookie only."""
    assert COOKIE in client.cookies and "authorization" not in client.headers
    replay = Replay(client, {RECORDED_PROJECT: experiment["project"], RECORDED_TASK: experiment["task"]})
    pages = recorded_calls()
    for page in PAGES:
        replay.page(page, pages[page])
    return replay


def urls(answer) -> list[str]:
    if isinstance(answer, dict):
        return [u for k, v in answer.items() for u in ([v] if k == "url" and isinstance(v, str) else urls(v))]
    if isinstance(answer, list):
        return [u for item in answer for u in urls(item)]
    return []


def assert_the_debug_image_loads_with_the_cookie(client: httpx.Client, replay: Replay) -> None:
    """The UI loads a debug image from the URL in the event, with the session cookie and a
    cache-busting ``X-Amz-Date`` appended."""
    (url,) = urls(replay.answers["events.debug_images"][0])
    image = client.get(f"{url}?X-Amz-Date={int(time.time() * 1000)}")
    assert image.status_code == 200 and image.content == IMAGE


def assert_the_pages_show_the_experiment(replay: Replay, experiment: dict[str, str]) -> None:
    answers = replay.answers
    shown = [t["id"] for a in answers["tasks.get_by_id_ex"] for t in a["tasks"]]
    assert experiment["task"] in shown
    assert any(experiment["task"] in [t["id"] for t in a["tasks"]] for a in answers["tasks.get_all_ex"])
    assert "loss" in answers["events.scalar_metrics_iter_histogram"][0]
    assert answers["events.get_task_plots"][0]["plots"]
    assert answers["events.debug_images"][0]["metrics"]
    assert experiment["log"] in [e.get("msg") for e in answers["events.get_task_log"][0]["events"]]
    assert experiment["worker"] in [w["id"] for w in answers["workers.get_all"][0]["workers"]]
    assert experiment["model"] in [m["id"] for a in answers["models.get_all_ex"] for m in a["models"]]


def test_the_password_login_model_from_the_login_page_to_every_page(stack):
    experiment = make_experiment(stack)
    with browser(stack) as client:
        modes = data(client.post("/v999.0/login.supported_modes", json={}))
        assert modes["basic"]["enabled"] is True and modes["authenticated"] is False
        assert data(client.post("/v999.0/auth.login", auth=("Admin", stack.password)))["token"]
        assert data(client.post("/v999.0/login.supported_modes", json={}))["authenticated"] is True
        replay = replay_pages(client, experiment)
        assert_the_debug_image_loads_with_the_cookie(client, replay)
    assert replay.answers["users.get_current_user"][0]["user"]["name"] == "Admin"
    assert_the_pages_show_the_experiment(replay, experiment)


def name_login(client: httpx.Client, name: str) -> str:
    """The name-only login page: the web UI's own key pair lists the users (the name is new),
    creates the user and logs in as the user by impersonation; answers the new user's id."""
    webui = (WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY)
    listed = data(client.post("/v999.0/users.get_all", json={}, auth=webui))
    assert name not in [u["name"] for u in listed["users"]]
    user = data(client.post("/v999.0/auth.create_user", auth=webui, json={
        "email": f"{uuid.uuid4()}@test.ai", "name": name, "company": "d1bd92a3b039400cbafc60a7a5b1e52b",
        "given_name": name, "family_name": name}))["id"]
    login = client.post("/v999.0/auth.login", auth=webui, headers={"X-Clearml-Impersonate-As": user})
    assert data(login)["token"] and login.cookies.get(COOKIE)
    return user


def test_the_name_only_login_model_from_the_login_page_to_every_page(name_stack):
    experiment = make_experiment(name_stack)
    with browser(name_stack) as client:
        modes = data(client.post("/v999.0/login.supported_modes", json={}))
        assert modes["basic"]["enabled"] is False
        user = name_login(client, f"webui-{uuid.uuid4().hex[:6]}")
        replay = replay_pages(client, experiment)
        assert_the_debug_image_loads_with_the_cookie(client, replay)
    # The session is the impersonated user's, not the web UI key's.
    assert replay.answers["users.get_current_user"][0]["user"]["id"] == user
    assert_the_pages_show_the_experiment(replay, experiment)


def test_the_web_uis_key_pair_is_only_seeded_in_the_name_only_model(stack):
    with browser(stack) as client:
        response = client.post("/v999.0/auth.login", auth=(WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY))
        assert response.json()["meta"]["result_code"] == 401


def test_cors_preflight_and_answers_name_the_uis_origin_with_credentials(stack):
    with httpx.Client(base_url=stack.url, timeout=60) as client:
        preflight = client.options("/v999.0/auth.login", headers={
            "Origin": UI_ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-clearml-client,x-clearml-impersonate-as"})
        answer = client.post("/v999.0/login.supported_modes", json={}, headers={"Origin": UI_ORIGIN})
    for response in (preflight, answer):
        assert response.headers["access-control-allow-origin"] == UI_ORIGIN
        assert response.headers["access-control-allow-credentials"] == "true"
    assert "x-clearml-impersonate-as" in preflight.headers["access-control-allow-headers"]


def test_an_impersonated_call_has_the_users_role_not_the_web_uis_key(name_stack):
    with admin_client(name_stack) as http:
        admin = data(http.post("/v2.23/users.get_current_user", json={}))["user"]["id"]
    with browser(name_stack) as client:
        as_admin = client.post("/v999.0/auth.create_user", json={"name": "x"}, auth=(WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY),
                               headers={"X-Clearml-Impersonate-As": admin})
    assert meta(as_admin) == (403, 20)  # auth.create_user is for system roles; the admin is not one
