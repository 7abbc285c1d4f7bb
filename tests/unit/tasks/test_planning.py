"""Which part of a filter an index serves (``services.tasks.store.planning``): pure."""

from datetime import datetime, timezone

from services.tasks.store.criteria import silent_condition
from services.tasks.store.planning import index_keys, narrow_company, public_scope_company, split
from services.tasks.store.repository import TASK_INDEXES

INDEXES = index_keys(TASK_INDEXES)
NOT_HIDDEN = {"system_tags": {"$ne": "hidden"}}


def test_the_list_page_filter_is_led_by_the_compound_index_with_equalities():
    filter_ = {"company": "co", "name": {"$regex": "^exp"}, "tags": {"$in": ["t"]}, "status": {"$in": ["completed"]},
               **NOT_HIDDEN}
    plan = split(filter_, INDEXES)
    assert plan.lead == {"company": "co", "status": "completed", "tags": "t"}
    assert plan.rest == {"name": {"$regex": "^exp"}, **NOT_HIDDEN}


def test_a_multi_value_in_only_ends_the_served_prefix():
    plan = split({"company": "co", "status": {"$in": ["a", "b"]}, "tags": "t"}, INDEXES)
    assert plan.lead == {"company": "co", "tags": "t"}  # not company_status_tags with $in first
    assert plan.rest == {"status": {"$in": ["a", "b"]}}
    plan = split({"company": "co", "status": {"$in": ["a", "b"]}, "type": "t"}, INDEXES)
    assert plan.lead == {"company": "co", "type": "t"}
    plan = split({"company": "co", "status": "s", "tags": {"$in": ["a", "b"]}}, INDEXES)
    assert plan.lead == {"company": "co", "status": "s", "tags": {"$in": ["a", "b"]}}


def test_project_wins_a_tie_and_goes_with_status():
    plan = split({"company": "co", "project": {"$in": ["p"]}, "status": "s", "type": {"$in": ["training"]}}, INDEXES)
    assert plan.lead == {"company": "co", "project": "p", "status": "s"}
    assert plan.rest == {"type": {"$in": ["training"]}}


def test_conditions_no_index_serves_stay_in_the_rest():
    filter_ = {"company": "co", "tags": {"$nin": ["x"]}, "name": {"$regex": "^a"}, "$or": [{"a": 1}, {"b": 2}],
               "parent": {"$exists": True}}
    plan = split(filter_, INDEXES)
    assert plan.lead == {"company": "co"}
    assert set(plan.rest) == {"tags", "name", "$or", "parent"}


def test_a_company_in_scope_is_never_a_lead_and_ids_have_their_own_index():
    plan = split({"company": {"$in": ["co", ""]}, "status": "s"}, INDEXES)
    assert plan.lead == {"status": "s"}  # the watchdog's (status, last_update) index
    assert split({"company": {"$in": ["co", ""]}, "tags": "t"}, INDEXES).lead == {}
    assert split({"_id": {"$in": ["a", "b"]}}, INDEXES).lead == {"_id": {"$in": ["a", "b"]}}


def test_the_watchdog_sweep_is_served_whole_by_the_status_last_update_index():
    filter_ = silent_condition("in_progress", datetime(2024, 5, 1, tzinfo=timezone.utc))
    plan = split(filter_, INDEXES)
    assert plan.lead == filter_ and plan.rest == {}


def test_a_filter_fully_served_leaves_no_rest():
    plan = split({"company": "co", "parent": {"$in": ["a", "b"]}}, INDEXES)
    assert plan.rest == {} and plan.lead == {"company": "co", "parent": {"$in": ["a", "b"]}}


def test_public_scope_narrowing():
    filter_ = {"company": {"$in": ["co", ""]}, "status": "s"}
    assert public_scope_company(filter_) == "co"
    assert narrow_company(filter_, "co") == {"company": "co", "status": "s"}
    assert public_scope_company({"company": "co"}) is None
    assert public_scope_company({"company": {"$in": ["a", "b"]}}) is None
