"""An API-level replay of the stock ClearML web UI (clearml-web 2.5.0), page by page, from the
calls it was recorded making against clearml-server (``calls.json``, copied from the shared
recording; bodies cut at 300 characters there).

Each recorded call is sent again as the browser sends it after login: ``POST /v999.0/<endpoint>``
with only the session cookie and ``X-Clearml-Client``, the recorded ids replaced by the test's
own entities, and the answer is checked for the fields the UI reads (``UI_READS``); every call
must succeed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

RECORDING = Path(__file__).with_name("calls.json")

# The ids of the recording: replaced by the replay's own project and task.
RECORDED_PROJECT = "8206605cd5a4424996f3c208171c5aad"
RECORDED_TASK = "52ef012a70c945fca4621f5094c868f8"

# Built by other parts of issue 15 at the same time: "not implemented" is reported, not failed.
# What the UI reads from each answer (dotted paths that must be present).
UI_READS: dict[str, tuple[str, ...]] = {
    "login.supported_modes": ("authenticated", "basic.enabled", "server_errors"),
    "auth.login": ("token",),
    "auth.create_user": ("id",),
    "users.get_all": ("users",),
    "users.get_current_user": ("user.id", "user.name", "user.role", "user.company.id", "settings.max_download_items"),
    "users.get_preferences": ("preferences",),
    "server.report_stats_option": ("supported",),  # a server without reporting answers only this
    "server.info": ("version", "api_version", "uid"),
    "organization.get_tags": ("tags",),
    "projects.get_user_names": ("users",),
    "projects.get_all_ex": ("projects",),
    "projects.get_project_tags": ("tags",),
    "projects.get_task_tags": ("tags",),
    "projects.get_model_tags": ("tags",),
    "projects.get_task_parents": ("parents",),
    "tasks.get_all_ex": ("tasks",),
    "tasks.get_by_id_ex": ("tasks",),
    "tasks.get_types": ("types",),
    "reports.get_all_ex": ("tasks",),
    "events.get_task_single_value_metrics": ("tasks",),
    "events.get_task_plots": ("plots",),
    "events.get_task_metrics": ("metrics",),
    "events.debug_images": ("metrics",),
    "events.get_task_log": ("events",),
    "workers.get_all": ("workers",),
    "workers.get_activity_report": ("total", "active"),
    "models.get_frameworks": ("frameworks",),
    "models.get_all_ex": ("models",),
}

# The pages after login, in the order the recording visited them.
PAGES = ("login", "projects", "experiment-execution", "experiment-scalars", "experiment-plots",
         "experiment-debugImages", "experiment-log", "page-workers-and-queues/workers", "page-projects/*/models")
# Calls of the login page that are the login itself (done by the test, per login model).
LOGIN_CALLS = frozenset({"auth.create_user", "auth.login"})


def recorded_calls() -> dict[str, list[dict[str, Any]]]:
    pages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for recorded in json.loads(RECORDING.read_text()):
        pages[recorded["page"]].append(recorded)
    return pages


def complete_body(text: str) -> dict[str, Any]:
    """The recorded body, or, when the recording cut it, the body up to its last complete field
    at whatever depth, its open objects and lists closed (the cut fields are display options:
    ``only_fields``, preference details and the like)."""
    text = text or "{}"
    cut = len(text)
    while cut >= 0:
        head = text[:cut]
        try:
            return json.loads(head + _closers(head))
        except json.JSONDecodeError:
            cut = text.rfind(',"', 0, cut)
    return {}


def _closers(head: str) -> str:
    """What closes the objects and lists still open at the end of ``head``."""
    opened: list[str] = []
    in_string = escaped = False
    for char in head:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "{[":
            opened.append("}" if char == "{" else "]")
        elif char in "}]" and opened:
            opened.pop()
    return "".join(reversed(opened))


def ui_path(data: Any, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True


@dataclass
class Replay:
    """One browser session against one stack."""

    client: httpx.Client
    ids: dict[str, str]
    answers: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    _scrolls: dict[str, str] = field(default_factory=dict)

    def body(self, recorded: dict[str, Any]) -> dict[str, Any]:
        text = recorded["body"]
        for old, new in self.ids.items():
            text = text.replace(old, new)
        body = complete_body(text)
        if "scroll_id" in body and body["scroll_id"] is not None:
            # A recorded scroll is the reference server's: continue the replay's own instead.
            body["scroll_id"] = self._scrolls.get(recorded["endpoint"])
        return body

    def send(self, recorded: dict[str, Any]) -> Any:
        endpoint = recorded["endpoint"]
        response = self.client.post(f"/v999.0/{endpoint}", json=self.body(recorded))
        envelope = response.json()
        assert response.status_code == 200, f"{recorded['page']} {endpoint}: {response.text[:500]}"
        data = envelope["data"]
        missing = [p for p in UI_READS.get(endpoint, ()) if not ui_path(data, p)]
        assert not missing, f"{endpoint} answered without {missing}: {str(data)[:500]}"
        if isinstance(data, dict) and data.get("scroll_id"):
            self._scrolls[endpoint] = data["scroll_id"]
        self.answers[endpoint].append(data)
        return data

    def page(self, name: str, calls: list[dict[str, Any]]) -> None:
        for recorded in calls:
            if recorded["endpoint"] not in LOGIN_CALLS:
                self.send(recorded)
