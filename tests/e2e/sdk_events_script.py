"""Run by test_events_sdk in a clean process: a training script reports scalars, text, plots
and console output with the real clearml SDK, then reads them back. Prints JSON."""

import json
import sys
import time
import uuid

import numpy as np
from clearml import Task

suffix = uuid.uuid4().hex[:8]
task = Task.init(project_name=f"e2e-events-{suffix}", task_name="reporting", reuse_last_task_id=False,
                 auto_connect_frameworks=False, auto_resource_monitoring=False)
logger = task.get_logger()
for i in range(1000):
    for n in range(5):
        logger.report_scalar(title="curves", series=f"s{n}", value=float(n * 1000 + i), iteration=i)
logger.report_text("hello from the report")
print("console line from print")
logger.report_scatter2d(title="scatter", series="pts", scatter=np.array([[0, 1], [1, 3], [2, 5]]), iteration=1)
logger.report_confusion_matrix(title="confusion", series="cm", matrix=np.array([[5, 1], [2, 7]]), iteration=1)
logger.report_histogram(title="hist", series="h", values=[3, 1, 4, 1, 5], iteration=1)
logger.report_single_value("accuracy", 0.93)
task.flush(wait_for_uploads=True)
time.sleep(2)  # the console capture is sent by a background thread
task.flush(wait_for_uploads=True)

scalars = task.get_reported_scalars()
last = task.get_last_scalar_metrics()
console = task.get_reported_console_output(number_of_reports=50)
plots = task.get_reported_plots()
single = task.get_reported_single_values()
task.close()
json.dump(
    {
        "scalars": {m: {v: {"x": d["x"][:3] + d["x"][-2:], "y": d["y"][-2:], "n": len(d["x"])}
                        for v, d in vs.items()} for m, vs in scalars.items()},
        "last": last,
        "console": console,
        "plots": sorted((p["metric"], p["variant"], p["iter"], len(p.get("plot_str", ""))) for p in plots),
        "single": single,
    },
    sys.stdout,
)
