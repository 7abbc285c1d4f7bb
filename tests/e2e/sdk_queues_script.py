"""Run by test_queues_sdk.py in a subprocess: the real clearml SDK's queue calls against Cairn
(APIClient for queues/workers, Task.get_num_enqueued_tasks). Prints one JSON line."""

import json
import uuid

from clearml import Task
from clearml.backend_api.session.client import APIClient

client = APIClient()
name = f"sdk-queue-{uuid.uuid4().hex[:8]}"
queue = client.queues.create(name=name)
queue_id = queue.id if hasattr(queue, "id") else queue
for task in ("t-a", "t-b", "t-c"):
    client.queues.add_task(queue=queue_id, task=task)
enqueued = Task.get_num_enqueued_tasks(queue_name=name)
moved = client.queues.move_task_to_front(queue=queue_id, task="t-c")
nxt = client.queues.get_next_task(queue=queue_id)
default = client.queues.get_default()
client.workers.register(worker=f"{name}-worker", queues=[queue_id])
workers = client.workers.get_all()
fetched = client.queues.get_by_id(queue=queue_id)
print(json.dumps({
    "queue_id": queue_id,
    "enqueued": enqueued,
    "position": moved.position,
    "next": nxt.entry.task,
    "default": default.name,
    "remaining": [e.task for e in fetched.entries],
    "workers": [w.id for w in workers if w.id == f"{name}-worker"],
}))
