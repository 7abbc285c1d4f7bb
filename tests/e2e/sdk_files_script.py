"""Run by test_files_sdk in a clean process: the clearml SDK uploads artifacts (a file and a
dict) to Cairn's files server (CLEARML_FILES_HOST) and reads them back; ``delete <task id>
<model id>`` deletes the task and the model through the API (the files server removes the
files the TaskDeleted fact names); ``image`` reports a debug image; ``delete-task <task id>``
deletes only the task. Prints JSON."""

import hashlib
import json
import os
import sys
import uuid

from clearml import StorageManager, Task
from clearml.backend_api.session.client import APIClient

if sys.argv[1:2] == ["delete"]:
    client = APIClient()
    client.tasks.delete(task=sys.argv[2], force=True)
    # tasks.delete takes the task's draft output models with it (delete_output_models is true
    # by default); delete the model only if it outlived the task.
    if client.models.get_all(id=[sys.argv[3]], only_fields=["id"]):
        client.models.delete(model=sys.argv[3], force=True)
    print(json.dumps({"deleted": sys.argv[2:]}))
    sys.exit(0)

if sys.argv[1:2] == ["delete-task"]:
    APIClient().tasks.delete(task=sys.argv[2], force=True)
    print(json.dumps({"deleted": sys.argv[2]}))
    sys.exit(0)

if sys.argv[1:2] == ["image"]:
    image = os.urandom(50_000)
    with open("sample.png", "wb") as f:
        f.write(image)
    task = Task.init(project_name=f"e2e-files-img-{uuid.uuid4().hex[:8]}", task_name="debug images",
                     reuse_last_task_id=False, auto_connect_frameworks=False, auto_resource_monitoring=False,
                     auto_connect_streams=False)
    task.get_logger().report_image("samples", "first", iteration=1, local_path="sample.png", delete_after_upload=False)
    task.flush(wait_for_uploads=True)
    samples = task.get_debug_samples("samples", "first")
    url = samples[0]["url"]
    with open(StorageManager.get_local_copy(url, force_download=True), "rb") as f:
        same = f.read() == image
    task.close()
    print(json.dumps({"url": url, "same": same, "samples": len(samples), "task_id": task.id}))
    sys.exit(0)

suffix = uuid.uuid4().hex[:8]
data = os.urandom(300_000)
with open("payload.bin", "wb") as f:
    f.write(data)

task = Task.create(project_name=f"e2e-files-{suffix}", task_name=f"artifacts-{suffix}")
task.upload_artifact("blob", artifact_object="payload.bin", wait_on_upload=True)
task.upload_artifact("params", artifact_object={"lr": 0.1, "layers": [1, 2]}, wait_on_upload=True)

fetched = Task.get_task(task_id=task.id)
blob = fetched.artifacts["blob"]
with open(blob.get_local_copy(), "rb") as f:
    downloaded = f.read()
params = fetched.artifacts["params"].get()
urls = {name: a.url for name, a in fetched.artifacts.items()}

weights = os.urandom(200_000)
with open("weights.bin", "wb") as f:
    f.write(weights)
# Model weights uploaded by the SDK (OutputModel.update_weights fails on a task without an
# "output" section: a tasks-side gap), then
# registered with models.create.
model_url = StorageManager.upload_file("weights.bin", f"{os.environ['CLEARML_FILES_HOST']}/e2e-files-{suffix}/"
                                       f"{task.name}.{task.id}/models/weights.bin", wait_for_upload=True)
model_id = APIClient().models.create(name=f"model-{suffix}", uri=model_url, task=task.id).id
with open(StorageManager.get_local_copy(model_url, force_download=True), "rb") as f:
    model_same = f.read() == weights

json.dump({"task_id": task.id, "urls": urls, "same": downloaded == data, "model_id": model_id,
           "model_url": model_url, "model_same": model_same,
           "sha": hashlib.sha256(data).hexdigest(), "params": params}, sys.stdout)
print()
