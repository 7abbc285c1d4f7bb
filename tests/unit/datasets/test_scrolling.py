"""Scrolling through dataset listings: windows, refresh, and refused scroll ids."""

import dataclasses

import pytest

from services.datasets.datasets import scrolling
from services.datasets.datasets.listing import dataset_listing
from services.datasets.dataviews.listing import scrolled
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


def test_a_forged_scroll_position_past_a_64_bit_skip_is_refused():
    """A scroll id carries its position: one no store can skip to is not a scroll of ours."""
    listing = dataset_listing("acme", request())
    forged = scrolling.next_scroll_id(dataclasses.replace(listing, skip=2**63), 0)
    with pytest.raises(ApiError) as refused:
        scrolling.window(listing, request(scroll_id=forged, size=1))
    assert (refused.value.code, refused.value.subcode) == (400, 1104)
    last = scrolling.next_scroll_id(dataclasses.replace(listing, skip=2**63 - 1), 0)
    assert scrolling.window(listing, request(scroll_id=last, size=1)).skip == 2**63 - 1


@pytest.mark.parametrize("scroll_id", ["dataviews:99999999999999999999", "dataviews:\u00b2", "dataviews:-1"])
def test_a_forged_dataview_scroll_id_is_refused(scroll_id):
    with pytest.raises(ApiError) as refused:
        scrolled(scroll_id)
    assert (refused.value.code, refused.value.subcode) == (400, 1104)
    assert scrolled("dataviews:12") == 12
