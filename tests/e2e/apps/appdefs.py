"""Application definitions and calls shared by the ``apps.*`` suites."""

from __future__ import annotations

import base64
from functools import partial
from typing import Any

import httpx

from tests.e2e import api
from tests.e2e.api import unique

# Enterprise calls, as the web UI sends them.
call = partial(api.call, version="999.0")

ICON = b"\x89PNG\r\n\x1a\n-not-really-a-png-"

SCRIPT = """from clearml import Task
task = Task.init()
params = task.get_parameters_as_dict().get("General", {})
greeting = "{}, {}!".format(params.get("greeting"), params.get("who"))
print(greeting)
task.set_user_properties(greeting=greeting, rounds=int(params.get("rounds", 0)) * 2)
task.flush(wait_for_uploads=True)
"""


def entries(**extra: dict[str, Any]) -> list[dict[str, Any]]:
    form = [
        {"name": "greeting", "title": "Greeting", "type": "string", "default": "Hello"},
        {"name": "who", "title": "Who", "type": "string", "required": True},
        {"name": "rounds", "title": "Rounds", "type": "integer", "default": 1, "min": 1, "max": 10},
        {"name": "mode", "title": "Mode", "type": "choice", "choices": ["fast", "slow"], "default": "fast"},
        {"name": "queue", "title": "Queue", "type": "queue"},
    ]
    return [{**e, **extra.get(e["name"], {})} for e in form]


def definition(app_id: str, version: str = "1.0.0", form: list[dict[str, Any]] | None = None,
               **fields: Any) -> dict[str, Any]:
    return {
        "id": app_id, "name": f"Greeter {app_id}", "version": version, "description": "says hello",
        "category": fields.pop("category", "Demos"), "badges": ["demo"], "provider": "cairn-tests",
        "icon": "icon.png", "details_page": "task",
        "launch_template": {"entries": form if form is not None else entries()},
        "info_template": {"fields": [{"title": "Greeting", "source": "greeting"}]},
        "task": {"script": {"entry_point": "greeter.py", "working_dir": ".", "diff": SCRIPT}},
        "assets": {"icon.png": {"content_type": "image/png", "base64": base64.b64encode(ICON).decode()}},
        **fields,
    }


def upload(http: httpx.Client, *apps: dict[str, Any], **flags: Any) -> dict[str, Any]:
    return call(http, "apps.upload", {"apps": list(apps), **flags})


def new_app(http: httpx.Client, **fields: Any) -> str:
    app_id = unique("greeter")
    answer = upload(http, definition(app_id, **fields))
    assert answer["succeeded"] == [app_id], answer
    return app_id


def new_queue(http: httpx.Client) -> tuple[str, str]:
    name = unique("apps-q")
    return call(http, "queues.create", {"name": name})["id"], name
