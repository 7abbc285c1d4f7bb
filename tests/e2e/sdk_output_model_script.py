"""Run by test_files_sdk: Task.init(output_uri=True) and an OutputModel weights upload to
Cairn's files process. Prints JSON with the model URL and the weights' sha256."""

import hashlib
import json
import os
import sys
import tempfile
import uuid

from clearml import OutputModel, Task

task = Task.init(
    project_name=f"e2e-output-model-{uuid.uuid4().hex[:8]}", task_name="weights", output_uri=True,
    auto_connect_frameworks=False, auto_resource_monitoring=False,
)
path = os.path.join(tempfile.mkdtemp(), "weights.bin")
data = os.urandom(300_000)
with open(path, "wb") as handle:
    handle.write(data)
model = OutputModel(task=task, framework="custom")
model.update_weights(weights_filename=path)
task.flush(wait_for_uploads=True)
json.dump({"url": model.url, "sha256": hashlib.sha256(data).hexdigest(), "task": task.id}, sys.stdout)
task.close()
