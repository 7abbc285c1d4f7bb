"""Secrets never in responses or logs: key pairs are made, used right and wrong, a password is
set and used, sessions are opened, then every answer and every log file of the stack (the
``Stack``'s log dir, one file per process of this run) is searched for the secret strings.

A secret is the stack's token secret, the admin's secret key and password, a created secret
key, a set password, a session token, and a wrong secret a caller sent (a near miss of a real
one is as good as the real one).

The stack is one of its own, logging at DEBUG: what the processes would write when an
operator turns logging up is searched too."""

from __future__ import annotations

import secrets
import uuid

import httpx
import pytest

from tests.e2e.api import call
from tests.e2e.identity.people import make_person, system_session
from tests.support.servers import require_servers
from tests.support.stack import Stack, running

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack():
    """A stack of its own, every process logging at DEBUG."""
    require_servers(kafka=True, mongo=True, es=True)
    with running(Stack(settings={"CAIRN_LOG_LEVEL": "DEBUG"})) as cairn:
        yield cairn  # conftest's ``http`` fixture is a client of this stack here


@pytest.fixture(scope="module")
def exercised(stack, http):
    """(secrets, every answer's text) after a session of use, right and wrong."""
    found: dict[str, str] = {"token secret": stack.token_secret, "admin secret": stack.secret,
                             "admin password": stack.password}
    answers: list[str] = []

    def post(client: httpx.Client, endpoint: str, body: dict, **kwargs) -> httpx.Response:
        response = client.post(f"/v999.0/{endpoint}", json=body, **kwargs)
        answers.append(response.text)
        return response

    pair = call(http, "auth.create_credentials", {"label": "security"})["credentials"]
    found["created secret"] = pair["secret_key"]
    auth = (pair["access_key"], pair["secret_key"])
    with httpx.Client(base_url=stack.url, auth=auth, timeout=60) as client:
        found["session token"] = post(client, "auth.login", {}).json()["data"]["token"]
        for endpoint in ("auth.get_credentials", "users.get_current_user", "users.get_all", "server.info",
                         "login.supported_modes", "projects.get_all", "tasks.get_all"):
            post(client, endpoint, {})
    wrong = f"{pair['secret_key'][:-4]}{secrets.token_hex(2)}"
    found["wrong secret"] = wrong
    with httpx.Client(base_url=stack.url, auth=(pair["access_key"], wrong), timeout=60) as client:
        assert post(client, "tasks.get_all", {}).status_code == 401
        assert post(client, "auth.login", {}).status_code == 401

    person = make_person(stack, "user")
    password = f"Pw-{uuid.uuid4().hex}"
    found["set password"] = password
    with httpx.Client(base_url=stack.url, auth=person.auth, timeout=60) as client:
        name = call(client, "users.get_current_user", {})["user"]["name"]
        assert post(client, "login.set_password", {"password": password}).status_code == 200
        assert post(client, "login.set_password", {"password": "short"}).status_code == 400
    with httpx.Client(base_url=stack.url, auth=(name, password), timeout=60) as client:
        assert post(client, "auth.login", {}).status_code == 200
    with httpx.Client(base_url=stack.url, auth=(name, password + "x"), timeout=60) as client:
        found["wrong password"] = password + "x"
        post(client, "auth.login", {})
    with httpx.Client(base_url=stack.url, auth=("Admin", stack.password), timeout=60) as client:
        assert post(client, "auth.login", {}).status_code == 200
    with system_session(stack) as system:
        for endpoint in ("server.config", "system.company_info", "storage.get_settings"):
            post(system, endpoint, {})
    # the session token in the places a client sends it, and in a garbled form
    token = found["session token"]
    with httpx.Client(base_url=stack.url, timeout=60) as client:
        post(client, "tasks.get_all", {}, headers={"Authorization": f"Bearer {token}"})
        post(client, "tasks.get_all", {}, headers={"Cookie": f"clearml_token_basic={token}"})
        post(client, "tasks.get_all", {}, headers={"Authorization": f"Bearer {token}x"})
        post(client, "tasks.get_all", {}, headers={"Authorization": f"Bearer {token[:-3]}"})
    httpx.get(f"{stack.files_url}/x/y", headers={"Authorization": f"Bearer {token}x"})
    return found, answers


def test_no_answer_carries_a_secret_it_was_not_asked_for(exercised):
    found, answers = exercised
    # auth.login answers the token and auth.create_credentials the secret: those are asked for
    leaks = [(name, i) for name, value in found.items() if name != "session token"
             for i, text in enumerate(answers) if value in text]
    assert leaks == []
    for text in answers:
        assert "$argon2" not in text and "password_hash" not in text


def test_no_log_line_carries_a_secret(stack, exercised):
    found, _ = exercised
    logs = sorted(stack.log_dir.glob(f"{stack.run_id}-*.log"))
    assert len(logs) >= 5, logs  # every process of the stack logs to its own file
    text = {path.name: path.read_text(errors="replace") for path in logs}
    assert sum(len(t) for t in text.values()) > 0
    leaks = [(name, file) for name, value in found.items() for file, body in text.items() if value in body]
    # the signature part alone (a token logged cut at its last dot is still a token)
    leaks += [("session token signature", f) for f, body in text.items()
              if found["session token"].rsplit(".", 1)[1] in body]
    assert leaks == []
