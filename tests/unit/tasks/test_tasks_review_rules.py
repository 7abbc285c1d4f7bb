"""Pure rules found by the review of the ``tasks.*`` endpoints against clearml-server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.tasks.tasks.params import properties_case
from services.tasks.tasks.pipelines import run_name
from services.tasks.tasks.service import prepare_fields
from services.tasks.tasks.status import active_duration, may_update
from shared.errors import ApiError


@pytest.mark.parametrize("status, force, allowed", [
    ("created", False, True), ("created", True, True), ("in_progress", False, False),
    ("in_progress", True, True), ("completed", True, False), ("stopped", True, False),
])
def test_partial_updates_open_created_tasks_and_with_force_running_ones(status, force, allowed):
    assert may_update(status, force) is allowed


@pytest.mark.parametrize("section, folded", [
    ("properties", "properties"), ("Properties", "properties"), ("PROPERTIES", "properties"), ("Args", "Args"),
])
def test_the_properties_section_is_folded_to_lower_case(section, folded):
    assert properties_case(section) == folded


def test_active_duration_counts_whole_seconds_and_reads_a_naive_date_as_utc():
    now = datetime(2024, 5, 1, 12, 0, 30, tzinfo=timezone.utc)
    assert active_duration(now - timedelta(seconds=90.7), now) == 90
    assert active_duration(datetime(2024, 5, 1, 12, 0, 0), now) == 30


def test_prepare_fields_strips_script_names_and_paths_but_not_the_diff():
    fields = prepare_fields({"script": {"repository": " r ", "entry_point": "e.py\n", "diff": " d ", "binary": 3}})
    assert fields["script"] == {"repository": "r", "entry_point": "e.py", "diff": " d ", "binary": 3}


def test_prepare_fields_refuses_the_filter_operator_prefix_in_tags():
    with pytest.raises(ApiError) as err:
        prepare_fields({"system_tags": ["__$not"]})
    assert (err.value.code, err.value.subcode) == (400, 16)


@pytest.mark.parametrize("project, count, name", [
    (".pipelines/train", 0, "train"), ("a/.pipelines/train", 2, "train #2"), ("solo", 1, "solo #1"),
])
def test_a_pipeline_run_is_named_after_its_project_and_numbered(project, count, name):
    assert run_name(project, count) == name
