"""Run by test_resources_sdk.py in a subprocess, as a member of a resource policy's group: the
real clearml SDK enqueues tasks into the policy's queue (named in argv[1]) until the quota
refuses one. Prints one JSON line."""

import json
import sys
import uuid

from clearml import Task
from clearml.backend_api.session.client import APIClient

queue_name = sys.argv[1]
client = APIClient()
project = f"quota-{uuid.uuid4().hex[:8]}"
tasks = [Task.create(project_name=project, task_name=f"job-{i}") for i in range(3)]
for task in tasks[:2]:
    Task.enqueue(task, queue_name=queue_name)
try:
    Task.enqueue(tasks[2], queue_name=queue_name)
    refusal = None
except Exception as error:  # noqa: BLE001 - the SDK raises its SendError with the server's message
    refusal = str(error)
status = getattr(client.tasks.get_by_id(task=tasks[2].id).status, "value", None)
print(json.dumps({"refusal": refusal, "third_status": status, "ids": [t.id for t in tasks]}))
