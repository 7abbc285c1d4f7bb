"""``queues.get_all`` filters in the domain's words (``filters.py``)."""

import pytest

from services.queues import filters
from shared.errors import ApiError
from shared.schemas import queues as queues_api


def test_tag_filters_take_any_all_and_excluded_values():
    tags = filters.tag_filter(["a", "-b", "__$all", "c", "__$not", "d"])
    assert tags == filters.TagFilter(any_of=("a",), all_of=("c",), none_of=("b", "d"))
    assert tags.matches(["a", "c"]) and not tags.matches(["a"]) and not tags.matches(["a", "c", "d"])
    assert filters.TagFilter().matches(None)


def test_an_order_ends_with_the_id_and_pages_are_of_at_most_500():
    assert filters.order(["-name"]) == (("name", True), ("_id", False))
    assert filters.order(["-id", "name"]) == (("_id", True), ("name", False))
    assert filters.order(None) == filters.DEFAULT_ORDER
    assert filters.paging(None, None) == (0, 500)
    assert filters.paging(2, None) == (1000, 500)
    assert filters.paging(1, 10_000) == (500, 500)


def test_a_queue_filter_matches_company_ids_name_and_hides_hidden_queues():
    request = queues_api.GetAllRequest.model_validate({"name": "^gpu", "tags": "x"})
    query = filters.queue_filter("acme", request)
    queue = {"_id": "q1", "company": "acme", "name": "gpu-1", "tags": ["x"], "system_tags": ["k8s-glue"]}
    assert query.matches(queue)  # a name shows hidden queues too
    assert not query.matches({**queue, "company": "other"})
    hidden = filters.queue_filter("acme", queues_api.GetAllRequest())
    assert not hidden.matches(queue) and hidden.matches({**queue, "system_tags": []})
    with pytest.raises(ApiError):
        filters.name_pattern("(")
