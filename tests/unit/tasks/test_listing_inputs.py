"""Inputs of the task and model listings that schemathesis found answered 500 at 20 examples
per operation (``make soak``): each is a ClearML 400 now, before any store is asked."""

from __future__ import annotations

import pytest

from tests.unit.tasks.world import World, codes

# The last page of 500 whose skip a 64-bit integer holds, and the first one past it.
LAST_PAGE = (2**63 - 1) // 500
LISTINGS = ("tasks.get_all", "tasks.get_all_ex", "models.get_all", "models.get_all_ex", "projects.get_all",
            "projects.get_all_ex", "reports.get_all_ex")
WIDENED = ("tasks.get_all", "tasks.get_all_ex", "models.get_all", "models.get_all_ex", "reports.get_task_data")


@pytest.fixture
def world() -> World:
    return World()


@pytest.mark.parametrize("endpoint", LISTINGS)
async def test_a_page_past_a_64_bit_skip_is_a_validation_error(world, endpoint):
    assert (await world.call(endpoint, {"page": LAST_PAGE, "page_size": 500})) is not None
    error = await world.fails(endpoint, {"page": LAST_PAGE + 1, "page_size": 500})
    assert codes(error) == (400, 12) and error.data["page"] == LAST_PAGE + 1


@pytest.mark.parametrize("endpoint", WIDENED)
@pytest.mark.parametrize("value", [{"a": 1}, [1], ["x"]])
async def test_a_project_value_that_is_not_a_string_is_refused_before_sub_projects_are_read(world, endpoint, value):
    top = await world.new_project("a")
    error = await world.fails(endpoint, {"project": [top, value], "include_subprojects": True})
    assert codes(error) == (400, 16) and error.data["field"] == "project"


async def test_get_by_id_ex_checks_the_widened_project_filter_too(world):
    task = await world.new_task()
    error = await world.fails("tasks.get_by_id_ex", {"id": [task], "project": [[task]], "include_subprojects": True})
    assert codes(error) == (400, 16)


@pytest.mark.parametrize("endpoint", LISTINGS)
@pytest.mark.parametrize(("field", "path"), [("order_by", "-$natural"), ("order_by", "a..b"), ("only_fields", "x\x00y"),
                                             ("only_fields", "-a.")])
async def test_a_name_that_is_no_field_path_is_a_validation_error(world, endpoint, field, path):
    """MongoDB refuses such sort and projection keys (500 before); a user-chosen key below
    ``hyperparams`` is escaped first, so ``$`` may start it."""
    await world.new_task()
    error = await world.fails(endpoint, {field: [path]})
    assert codes(error) == (400, 12) and error.data["field"] == field
    assert await world.call(endpoint, {field: ["hyperparams.$x.lr.value"]}) is not None


@pytest.mark.parametrize("endpoint", LISTINGS)
@pytest.mark.parametrize("field", ["_any_", "_all_"])
@pytest.mark.parametrize("path", ["$where", "x\x00", "a..b"])
async def test_any_and_all_fields_that_are_no_field_paths_are_a_validation_error(world, endpoint, field, path):
    """``{"$where": {"$regex": ...}}`` is an operator to MongoDB, not a field (500 before)."""
    error = await world.fails(endpoint, {field: {"pattern": "x", "fields": ["name", path]}})
    assert codes(error) == (400, 12) and error.data["field"] == field
