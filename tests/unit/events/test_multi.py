"""Multi-task reads: grouping plots as ClearML does, the histogram's sampling per task, and
which tasks may be compared."""

from __future__ import annotations

import pytest

from services.events.domain import SeriesStats
from services.events.metrics import histogram_groups
from services.events.multi import MAX_TASKS, MultiTaskReads, group_plots
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.events import MultiTaskPlotsRequest, MultiTaskScalarHistogramRequest
from tests.unit.events.fakes import FakeTaskDirectory, InMemoryEventRepository

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


def test_each_task_is_sampled_as_the_single_task_histogram_samples_it():
    series = {("loss", "a"): SeriesStats(10, 0, 9), ("loss", "b"): SeriesStats(100_000, 0, 99_999)}
    assert histogram_groups(series, None) == [(1, [("loss", "a")]), (50, [("loss", "b")])]
    assert histogram_groups(series, 100) == [(1, [("loss", "a")]), (1000, [("loss", "b")])]


def test_a_series_with_fewer_points_than_samples_keeps_every_point_and_groups_fit_one_search():
    assert histogram_groups({("m", "v"): SeriesStats(1999, 0, 1998)}, None) == [(1, [("m", "v")])]
    assert histogram_groups({("m", "v"): SeriesStats(2000, 0, 1999)}, None) == [(1, [("m", "v")])]
    assert histogram_groups({("m", "v"): SeriesStats(2000, 0, 3998)}, None) == [(2, [("m", "v")])]
    many = {("m", f"v{n:02}"): SeriesStats(5000, 0, 4999) for n in range(40)}
    groups = histogram_groups(many, None)
    assert [interval for interval, _ in groups] == [3, 3] and sum(len(names) for _, names in groups) == 40


def test_tasks_may_be_one_comma_separated_string():
    assert MultiTaskScalarHistogramRequest(tasks="a, b,,a").task_ids() == ["a", "b"]
    assert MultiTaskScalarHistogramRequest(tasks=["b", "a", "b"]).task_ids() == ["b", "a"]


async def test_unknown_ids_are_named_in_the_error():
    names = FakeTaskDirectory({"t1": "in_progress"}, models={"m1": False}, names={"t1": "one", "m1": "model"})
    reads = MultiTaskReads(InMemoryEventRepository(), names)
    with pytest.raises(ApiError) as info:
        await reads.multi_task_histogram(ALICE, MultiTaskScalarHistogramRequest(tasks=["t1", "t2", "t3"]))
    assert (info.value.subcode, info.value.data) == (101, {"ids": ["t2", "t3"]})
    with pytest.raises(ApiError) as info:
        await reads.multi_task_plots(ALICE, MultiTaskPlotsRequest(tasks=["t1"], model_events=True))
    assert (info.value.subcode, info.value.data) == (201, {"ids": ["t1"]})
    assert names.asked == [("acme", ["t1", "t2", "t3"], False), ("acme", ["t1"], True)]


async def test_empty_and_oversized_task_lists_are_refused():
    reads = MultiTaskReads(InMemoryEventRepository(), FakeTaskDirectory())
    with pytest.raises(ApiError) as info:
        await reads.multi_task_histogram(ALICE, MultiTaskScalarHistogramRequest(tasks=" , "))
    assert info.value.subcode == 12  # as ClearML's length validator answers an empty list
    with pytest.raises(ApiError) as info:
        await reads.multi_task_histogram(ALICE, MultiTaskScalarHistogramRequest(
            tasks=[f"t{i}" for i in range(MAX_TASKS + 1)]))
    assert info.value.subcode == 12
