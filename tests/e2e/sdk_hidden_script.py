"""Run by test_sdk_hidden_projects.py: the real clearml SDK creates a dataset (hidden
``<project>/.datasets/<name>``) and runs a one-step pipeline locally (hidden
``<project>/.pipelines/<name>``); then lists projects and tasks through the SDK's session (raw ``*_get_all_ex`` calls) with and
without ``search_hidden``. Prints one JSON line."""

import json
import sys
from pathlib import Path

from clearml import Dataset, PipelineController, Task


def double(x: int = 1):
    return x * 2


def main() -> None:
    project, workdir, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if mode == "create-only":  # Dataset.create's own task (tasks.create without a script)
        print(json.dumps({"dataset": Dataset.create(dataset_project=project, dataset_name="ds").id}))
        return
    (workdir / "data.txt").write_text("hello")
    # The dataset's task is made by Task.init; Dataset moves it to <project>/.datasets/ds.
    Task.init(project_name=project, task_name="ds", task_type="data_processing", auto_connect_frameworks=False,
              auto_resource_monitoring=False, auto_connect_streams=False)
    dataset = Dataset.create(dataset_project=project, dataset_name="ds", use_current_task=True)
    dataset.add_files(str(workdir / "data.txt"))
    dataset.upload()
    dataset.finalize()
    Task.current_task().close()

    pipe = PipelineController(name="pipe", project=project, version="1.0.0", add_pipeline_tags=False)
    pipe.add_parameter("x", 3)
    pipe.add_function_step(name="double", function=double, function_kwargs={"x": "${pipeline.x}"},
                           function_return=["y"], cache_executed_step=False)
    pipe.start_locally(run_pipeline_steps_locally=True)
    controller_id = pipe.id

    session = Task._get_default_session()

    def call(endpoint: str, body: dict) -> dict:
        """The SDK has no *_ex request classes: a raw call, as the web UI makes it."""
        service, action = endpoint.split(".")
        answer = session.send_request(service, action, version="2.23", method="post", json=body).json()
        assert answer["meta"]["result_code"] == 200, answer["meta"]
        return answer["data"]

    out = {"dataset": dataset.id, "controller": controller_id}
    for hidden in (False, True):
        found = call("projects.get_all_ex", {"name": f"^{project}", "search_hidden": hidden,
                                             "only_fields": ["name", "system_tags"]})["projects"]
        out[f"projects_{hidden}"] = {p["name"]: sorted(p.get("system_tags") or []) for p in found}
        top = call("projects.get_all_ex", {"name": f"^{project}$", "search_hidden": hidden,
                                           "include_stats": True})["projects"][0]
        out[f"top_{hidden}"] = {"sub_projects": sorted(s["name"] for s in top["sub_projects"]),
                                "total": top["stats"]["active"]["total_tasks"]}
        tasks = call("tasks.get_all_ex", {"project": [p["id"] for p in found], "search_hidden": hidden,
                                          "only_fields": ["name", "type", "system_tags"]})["tasks"]
        out[f"tasks_{hidden}"] = sorted([t["name"], t["type"], sorted(t.get("system_tags") or [])] for t in tasks)
    pipelines = call("tasks.get_all_ex", {"search_hidden": True, "type": ["controller"], "system_tags": ["pipeline"],
                                          "filters": {"system_tags": {"all": {"exclude": ["archived"]}}},
                                          "order_by": ["-hyperparams.Args.x.value"], "only_fields": ["name"]})
    out["pipelines"] = [[t["id"], t["name"]] for t in pipelines["tasks"]]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
