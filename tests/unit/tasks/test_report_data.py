"""``reports.get_task_data`` and ``pipelines.start_pipeline`` through the production handler
table, with in-memory repositories, queues and a recording events port."""

from __future__ import annotations

from typing import Any

import pytest

from services.tasks.handlers import handler_table
from services.tasks.main import build_use_cases
from shared.errors import ApiError
from tests.unit.tasks.world import ALICE, EVE, World, codes


class RecordingEvents:
    """``EventsPort`` answering canned data per endpoint and recording every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.answers: dict[str, Any] = {}

    async def read(self, identity, endpoint: str, payload: dict[str, Any]) -> Any:
        self.calls.append((identity.company, endpoint, payload))
        answer = self.answers.get(endpoint, {})
        return answer(payload) if callable(answer) else answer


@pytest.fixture
def world() -> World:
    w = World()
    w.events = RecordingEvents()
    use_cases = build_use_cases(w.tasks, w.projects, w.models, w.clock, scroll_states=w.scrolls, facts=w.facts,
                                queues=w.queues, events=w.events)
    w.handlers = handler_table(use_cases)
    return w


async def two_tasks(world: World) -> tuple[str, str]:
    project = await world.new_project("rep")
    first = await world.new_task(name="first", project=project, tags=["r"])
    second = await world.new_task(name="second", project=project, tags=["r"])
    await world.new_task(name="other", project=project)
    return first, second


async def test_tasks_only_when_no_event_part_is_asked(world):
    first, second = await two_tasks(world)
    answer = await world.call("reports.get_task_data", {"tags": ["r"], "order_by": ["name"], "only_fields": ["id"]})
    assert [t["id"] for t in answer["tasks"]] == [first, second]
    assert [t["name"] for t in answer["tasks"]] == ["first", "second"]  # name is always read
    assert set(answer) == {"tasks"} and world.events.calls == []


async def test_scalars_are_regrouped_per_task_under_metric_and_variant(world):
    first, second = await two_tasks(world)
    world.events.answers["events.scalar_metrics_iter_histogram"] = lambda p: {
        "loss": {"train": {"name": "train", "x": [0, 1], "y": [1.0, 0.5 if p["task"] == first else 0.7]}}}
    answer = await world.call("reports.get_task_data", {
        "id": [first, second], "scalar_metrics_iter_histogram": {"key": "iter", "samples": 10,
                                                                  "metrics": [{"metric": "loss"}]}})
    series = answer["scalar_metrics_iter_histogram"]["loss"]["train"]
    assert series[first] == {"name": "first", "x": [0, 1], "y": [1.0, 0.5]}
    assert series[second]["y"] == [1.0, 0.7] and series[second]["name"] == "second"
    sent = [c for c in world.events.calls if c[1] == "events.scalar_metrics_iter_histogram"]
    assert {c[2]["task"] for c in sent} == {first, second}
    assert sent[0][2] == {"task": sent[0][2]["task"], "key": "iter", "samples": 10, "metrics": [{"metric": "loss"}],
                          "model_events": False}
    assert all(c[0] == ALICE.company for c in sent)


async def test_plots_are_grouped_by_metric_variant_task_and_iteration(world):
    first, _ = await two_tasks(world)
    plot = {"task": first, "metric": "cm", "variant": "v", "iter": 3, "plot_str": "{}"}
    world.events.answers["events.get_task_plots"] = lambda p: {"plots": [plot] if p["task"] == first else []}
    answer = await world.call("reports.get_task_data", {"id": [first], "plots": {"iters": 2}})
    assert answer["plots"] == {"cm": {"v": {first: {"3": {"name": "first", "plots": [plot]}}}}}
    assert world.events.calls[0][2]["iters"] == 2


async def test_plots_of_the_last_task_iterations_use_one_multi_task_read(world):
    first, second = await two_tasks(world)
    plot = {"task": second, "metric": "m", "variant": "v", "iter": 1}
    world.events.answers["events.plots"] = {"metrics": [{"task": second, "iterations": [{"iter": 1, "events": [plot]}]}]}
    answer = await world.call("reports.get_task_data", {
        "id": [first, second], "order_by": ["name"], "plots": {"last_iters_per_task_metric": False, "metrics": [{"metric": "m"}]}})
    assert answer["plots"]["m"]["v"][second]["1"]["plots"] == [plot]
    (_, endpoint, payload), = world.events.calls
    assert endpoint == "events.plots"
    assert payload["metrics"] == [{"task": first, "metric": "m"}, {"task": second, "metric": "m"}]


async def test_debug_images_and_single_values(world):
    first, second = await two_tasks(world)
    world.events.answers["events.debug_images"] = {"metrics": [{"task": first, "iterations": []}], "scroll_id": "s"}
    world.events.answers["events.get_task_single_value_metrics"] = {
        "tasks": [{"task": second, "values": [{"metric": "acc", "variant": "a", "value": 0.9}]}]}
    answer = await world.call("reports.get_task_data", {
        "id": [first, second], "order_by": ["name"], "debug_images": {"iters": 1}, "single_value_metrics": {}})
    assert answer["debug_images"] == [{"task": first, "iterations": []}]
    assert answer["single_value_metrics"] == [
        {"task": second, "task_name": "second", "values": [{"metric": "acc", "variant": "a", "value": 0.9}]}]
    debug = next(c for c in world.events.calls if c[1] == "events.debug_images")
    assert debug[2]["metrics"] == [{"task": first}, {"task": second}]


async def test_nothing_selected_reads_no_events(world):
    answer = await world.call("reports.get_task_data", {"tags": ["none"], "debug_images": {}, "single_value_metrics": {},
                                                         "plots": {}, "scalar_metrics_iter_histogram": {}})
    assert answer == {"tasks": [], "debug_images": [], "single_value_metrics": [], "plots": {},
                      "scalar_metrics_iter_histogram": {}}
    assert world.events.calls == []


async def test_another_company_s_tasks_are_not_selected(world):
    first, _ = await two_tasks(world)
    answer = await world.call("reports.get_task_data", {"id": [first], "single_value_metrics": {}}, EVE)
    assert answer["tasks"] == [] and world.events.calls == []


async def test_events_errors_reach_the_caller(world):
    first, _ = await two_tasks(world)

    def fail(payload):
        raise ApiError.named("invalid_task_id", id=payload["task"])

    world.events.answers["events.get_task_plots"] = fail
    assert codes(await world.fails("reports.get_task_data", {"id": [first], "plots": {}})) == (400, 101)


async def test_model_events_select_models(world):
    project = await world.new_project("rep")
    model = (await world.call("models.create", {"name": "best", "uri": "file:///m", "project": project}))["id"]
    world.events.answers["events.get_task_single_value_metrics"] = {"tasks": [{"task": model, "values": []}]}
    answer = await world.call("reports.get_task_data", {"id": [model], "model_events": True,
                                                         "single_value_metrics": {}})
    assert [m["id"] for m in answer["tasks"]] == [model]
    assert world.events.calls[0][2] == {"tasks": [model], "model_events": True}


async def controller(world: World) -> str:
    project = await world.new_project("p/.pipelines/run", system_tags=["hidden", "pipeline"])
    hyperparams = {"Args": {"n": {"section": "Args", "name": "n", "value": "1", "type": "int"},
                            "keep": {"section": "Args", "name": "keep", "value": "k"}},
                   "General": {"x": {"section": "General", "name": "x", "value": "2"}}}
    return await world.new_task(name="run", type="controller", project=project, hyperparams=hyperparams,
                                system_tags=["pipeline"])


async def test_start_pipeline_clones_sets_args_and_enqueues(world):
    source = await controller(world)
    answer = await world.call("pipelines.start_pipeline", {
        "task": source, "args": [{"name": "n", "value": "5"}, {"name": "new", "value": "z"}], "queue": "default"})
    assert answer["enqueued"] is True and answer["pipeline"] != source
    run = (await world.call("tasks.get_by_id", {"task": answer["pipeline"]}))["task"]
    assert run["status"] == "queued" and run["type"] == "controller" and run["name"] == "run #2"  # 2nd run
    assert run["system_tags"] == ["pipeline"]
    assert run["hyperparams"]["Args"]["n"] == {"section": "Args", "name": "n", "value": "5"}  # as ClearML writes it
    assert run["hyperparams"]["Args"]["new"]["value"] == "z"
    assert run["hyperparams"]["Args"]["keep"]["value"] == "k" and run["hyperparams"]["General"]["x"]["value"] == "2"
    assert world.queues.entries["default"] == [answer["pipeline"]]
    original = (await world.call("tasks.get_by_id", {"task": source}))["task"]
    assert original["status"] == "created" and original["hyperparams"]["Args"]["n"]["value"] == "1"


async def test_start_pipeline_errors_leave_nothing_behind(world):
    source = await controller(world)
    before = set(world.tasks.docs)
    assert codes(await world.fails("pipelines.start_pipeline", {"task": source, "queue": "nope"})) == (400, 701)
    assert set(world.tasks.docs) == before
    assert codes(await world.fails("pipelines.start_pipeline", {"task": "missing"})) == (400, 101)
    assert codes(await world.fails("pipelines.start_pipeline", {"task": source}, EVE)) == (400, 101)
    assert set(world.tasks.docs) == before
