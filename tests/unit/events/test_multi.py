"""Multi-task reads: grouping plots as ClearML does, the histogram's sampling per task, and
which tasks may be compared."""

from __future__ import annotations

import pytest

from services.events.multi import MAX_TASKS, MultiTaskReads, group_plots, histogram_groups, plot_events, plots_aggs
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.events import MultiTaskPlotsRequest, MultiTaskScalarHistogramRequest
from tests.unit.events.fakes import FakeEventRepository, FakeTaskNames

ALICE = Identity(company="acme", user="alice")


def plot(task, it, metric="m", variant="v"):
    return {"type": "plot", "task": task, "iter": it, "metric": metric, "variant": variant, "plot_str": "{}",
            "cairn_id": "x"}


def test_plots_are_grouped_by_metric_variant_task_and_iteration_newest_first():
    events = [plot("t1", 1), plot("t1", 2), plot("t2", 5, variant="w"), plot("t2", 5, metric="a")]
    grouped = group_plots(events, {"t1": "first", "t2": "second"})
    assert list(grouped) == ["m", "a"]
    assert list(grouped["m"]) == ["w", "v"]
    assert list(grouped["m"]["v"]["t1"]) == ["2", "1"]
    assert grouped["m"]["v"]["t1"]["2"] == {"name": "first", "plots": [plot("t1", 2)]}
    assert grouped["m"]["w"]["t2"]["5"]["name"] == "second"


def test_plot_events_come_from_either_aggregation_shape():
    hit = {"_source": plot("t1", 3)}
    per_task = {"tasks": {"buckets": [{"key": "t1", "iters": {"buckets": [{"events": {"hits": {"hits": [hit]}}}]}}]}}
    per_metric = {"tasks": {"buckets": [{"key": "t1", "metrics": {"buckets": [
        {"iters": {"buckets": [{"events": {"hits": {"hits": [hit, hit]}}}]}}]}}]}}
    assert plot_events(per_task) == [{k: v for k, v in plot("t1", 3).items() if k != "cairn_id"}]
    assert len(plot_events(per_metric)) == 2
    assert plot_events({}) == []
    assert "metrics" in plots_aggs(2, 3, True)["tasks"]["aggs"]
    assert plots_aggs(2, 3, False)["tasks"]["aggs"]["iters"]["terms"]["size"] == 3


def test_each_task_is_sampled_as_the_single_task_histogram_samples_it():
    short = ("loss", "a", {"count": 10, "min": 0, "max": 9})
    long = ("loss", "b", {"count": 100_000, "min": 0, "max": 99_999})
    assert histogram_groups([short, long], None) == {1: [("loss", "a")], 20: [("loss", "b")]}
    assert histogram_groups([short, long], 100) == {1: [("loss", "a")], 1000: [("loss", "b")]}


def test_tasks_may_be_one_comma_separated_string():
    assert MultiTaskScalarHistogramRequest(tasks="a, b,,a").task_ids() == ["a", "b"]
    assert MultiTaskScalarHistogramRequest(tasks=["b", "a", "b"]).task_ids() == ["b", "a"]


async def test_unknown_ids_are_named_in_the_error():
    names = FakeTaskNames({"t1": "one"}, models={"m1": "model"})
    reads = MultiTaskReads(FakeEventRepository(), names)
    with pytest.raises(ApiError) as info:
        await reads.multi_task_histogram(ALICE, MultiTaskScalarHistogramRequest(tasks=["t1", "t2", "t3"]))
    assert (info.value.subcode, info.value.data) == (101, {"ids": ["t2", "t3"]})
    with pytest.raises(ApiError) as info:
        await reads.multi_task_plots(ALICE, MultiTaskPlotsRequest(tasks=["t1"], model_events=True))
    assert (info.value.subcode, info.value.data) == (201, {"ids": ["t1"]})
    assert names.asked == [("acme", ["t1", "t2", "t3"], False), ("acme", ["t1"], True)]


async def test_empty_and_oversized_task_lists_are_refused():
    reads = MultiTaskReads(FakeEventRepository(), FakeTaskNames())
    with pytest.raises(ApiError) as info:
        await reads.multi_task_plots(ALICE, MultiTaskPlotsRequest(tasks=[]))
    assert info.value.subcode == 11
    with pytest.raises(ApiError) as info:
        await reads.multi_task_histogram(ALICE, MultiTaskScalarHistogramRequest(
            tasks=[f"t{i}" for i in range(MAX_TASKS + 1)]))
    assert info.value.subcode == 12
