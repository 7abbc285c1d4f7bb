"""Scrolling through dataset listings: windows, refresh, and refused scroll ids."""

import pytest

from services.datasets.datasets import scrolling
from services.datasets.datasets.listing import dataset_listing
from shared.errors import ApiError
from shared.schemas.registry import request_models


def request(**body):
    return request_models()["datasets.get_all_ex"].model_validate(body)


def test_a_scroll_hands_out_the_next_window_each_call_and_refresh_starts_again():
    first = request(scroll_id=None, size=2)
    assert scrolling.wanted(first) and not scrolling.wanted(request(size=2))
    part = scrolling.window(dataset_listing("acme", first), first)
    assert (part.skip, part.limit) == (0, 2)
    after = scrolling.next_scroll_id(part, 2)
    second = request(scroll_id=after, size=2)
    part = scrolling.window(dataset_listing("acme", second), second)
    assert (part.skip, part.limit) == (2, 2)
    again = request(scroll_id=scrolling.next_scroll_id(part, 1), size=2, refresh_scroll=True)
    part = scrolling.window(dataset_listing("acme", again), again)
    assert (part.skip, part.limit) == (0, 3)


def test_a_scroll_needs_a_size_and_a_scroll_id_of_its_company():
    with pytest.raises(ApiError) as refused:
        scrolling.window(dataset_listing("acme", request(scroll_id=None)), request(scroll_id=None))
    assert refused.value.subcode == 12
    foreign = scrolling.next_scroll_id(dataset_listing("other", request()), 5)
    for scroll_id in (foreign, "not-a-scroll", "e30"):
        with pytest.raises(ApiError) as refused:
            scrolling.window(dataset_listing("acme", request()), request(scroll_id=scroll_id, size=1))
        assert (refused.value.code, refused.value.subcode) == (400, 1104)
