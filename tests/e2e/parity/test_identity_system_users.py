"""Parity with clearml-server for the server's own system users (issue 15, item 2): the web
UI's ``__webserver__`` user (seeded in the name-only login model) is a system user, which
clearml-server keeps out of the company's user listings: it has credentials but no user
record there. The web UI's name-only login page lists ``users.get_all`` to pick a user from,
where ``__webserver__`` must not appear."""

from __future__ import annotations

import httpx
import pytest

from services.identity.settings import WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY
from tests.e2e.api import call
from tests.e2e.webui.test_webui_replay import name_stack  # noqa: F401 - the name-only stack fixture

pytestmark = pytest.mark.e2e


def test_get_all_hides_the_webserver_system_user_from_the_login_page(name_stack):  # noqa: F811
    with httpx.Client(base_url=name_stack.url, auth=(WEBUI_ACCESS_KEY, WEBUI_SECRET_KEY), timeout=60) as webui:
        names = {user["name"] for user in call(webui, "users.get_all", {})["users"]}
    assert names and "__webserver__" not in names


def test_get_all_ex_hides_the_webserver_system_user_even_by_name(name_stack):  # noqa: F811
    with httpx.Client(base_url=name_stack.url, auth=(name_stack.key, name_stack.secret), timeout=60) as admin:
        assert call(admin, "users.get_all_ex", {"name": "^__webserver__$"})["users"] == []
