"""Run by test_sdk_skeleton in a clean process: what a user does with the clearml SDK's
APIClient, configured only by CLEARML_API_HOST / _ACCESS_KEY / _SECRET_KEY. Prints JSON."""

import json
import sys
import uuid

from clearml.backend_api.session.client import APIClient

suffix = uuid.uuid4().hex[:8]
client = APIClient()
project_id = client.projects.create(name=f"e2e-skeleton-{suffix}", description="made by the e2e test").id
task_id = client.tasks.create(name=f"e2e-task-{suffix}", type="training", project=project_id, comment="first").id
other_id = client.tasks.create(name=f"e2e-other-{suffix}", type="testing", project=project_id).id
fetched = client.tasks.get_by_id(task=task_id)
client.tasks.edit(task=task_id, comment="edited", tags=["e2e"], force=True)
edited = client.tasks.get_by_id(task=task_id)
listed = client.tasks.get_all(name=f"^e2e-task-{suffix}$", only_fields=["id", "name", "comment"])
by_project = client.tasks.get_all(project=[project_id], only_fields=["id"], order_by=["name"])
projects = client.projects.get_all(name=f"^e2e-skeleton-{suffix}$", only_fields=["id", "name"])

json.dump(
    {
        "project_id": project_id,
        "task_id": task_id,
        "other_id": other_id,
        "fetched": {"name": fetched.name, "status": str(fetched.status), "project": fetched.project, "comment": fetched.comment},
        "edited": {"comment": edited.comment, "tags": edited.tags},
        "listed": [{"id": t.id, "name": t.name, "comment": t.comment, "status": t.status} for t in listed],
        "by_project": [t.id for t in by_project],
        "projects": [{"id": p.id, "name": p.name} for p in projects],
        "session_api_version": client.session.api_version,
    },
    sys.stdout,
)
