"""Run by test_queueing.py in a subprocess: the real clearml SDK enqueues and dequeues tasks
against Cairn, and an agent's calls (APIClient) pop and run one. Prints one JSON line."""

import json
import uuid

from clearml import Task
from clearml.backend_api.session.client import APIClient

client = APIClient()
suffix = uuid.uuid4().hex[:8]
queue_name = f"sdk-q-{suffix}"
queue_id = client.queues.create(name=queue_name).id
project = f"queueing-{suffix}"


def status_of(task_id):
    return plain(client.tasks.get_by_id(task=task_id).status)


def plain(value):
    return getattr(value, "value", value)  # the SDK's enums


def entries():
    return [e.task for e in client.queues.get_by_id(queue=queue_id).entries]


run = Task.create(project_name=project, task_name="run-me")
answer = Task.enqueue(run, queue_name=queue_name)
after_enqueue = {"status": status_of(run.id), "entries": entries(),
                 "execution_queue": client.tasks.get_by_id(task=run.id).execution.queue,
                 "queued": answer.get("queued") if isinstance(answer, dict) else getattr(answer, "queued", None)}
popped = client.queues.get_next_task(queue=queue_id)
client.workers.status_report(worker=f"agent-{suffix}", timestamp=1, task=run.id, queue=queue_id)
client.tasks.started(task=run.id)
after_start = status_of(run.id)
client.tasks.completed(task=run.id)
ran = client.tasks.get_by_id(task=run.id)

back = Task.create(project_name=project, task_name="dequeue-me")
Task.enqueue(back, queue_id=queue_id)
Task.dequeue(back)
after_dequeue = {"status": status_of(back.id), "entries": entries()}

stop = Task.create(project_name=project, task_name="stop-me")
Task.enqueue(stop, queue_id=queue_id)
in_queue = entries()
Task.stop_request(stop, force=True)  # tasks.stop: the UI's Abort
after_stop = {"status": status_of(stop.id), "entries": entries()}

print(json.dumps({
    "run": run.id, "stop": stop.id, "after_enqueue": after_enqueue,
    "popped": popped.entry.task, "after_start": after_start,
    "ran": {"status": plain(ran.status), "last_worker": ran.last_worker},
    "worker": f"agent-{suffix}", "after_dequeue": after_dequeue,
    "in_queue": in_queue, "after_stop": after_stop,
}))
