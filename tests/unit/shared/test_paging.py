"""``shared.paging``: the page window every listing runs, bounded by a 64-bit skip."""

import pytest

from shared.errors import ApiError
from shared.paging import DEFAULT_ORDER, MAX_SKIP, checked_path, listing_order, page_window


def test_pages_default_to_the_first_of_500_and_are_capped_at_500():
    assert page_window(None, None) == (0, 500)
    assert page_window(2, 10) == (20, 10)
    assert page_window(1, 10_000) == (500, 500)
    assert page_window(3, None, cap=100) == (300, 100)


def test_a_skip_past_64_bits_is_a_validation_error_naming_the_page():
    last = MAX_SKIP // 500
    assert page_window(last, 500) == (last * 500, 500)
    with pytest.raises(ApiError) as refused:
        page_window(last + 1, 500)
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    assert refused.value.data == {"page": last + 1, "page_size": 500}


@pytest.mark.parametrize("path", ["$where", "a..b", "a.", ".a", "a.$b", "x\x00y"])
def test_a_name_that_is_no_field_path_is_a_validation_error(path):
    with pytest.raises(ApiError) as refused:
        checked_path(path, "order_by")
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    assert refused.value.data == {"field": "order_by"}


def test_field_paths_may_hold_dollars_and_odd_characters_inside_a_segment():
    for path in ("a.b$", "last_metrics.x.y.value", "hyperparams.%24x.value", "*", "a b"):
        assert checked_path(path, "only_fields") == path


def test_a_listing_order_ends_with_the_id_ignores_scores_and_checks_paths():
    assert listing_order(None) == DEFAULT_ORDER
    assert listing_order(["-name", "@text_score", " +created "]) == (("name", True), ("created", False), ("_id", False))
    assert listing_order(["-id", "name"]) == (("_id", True), ("name", False))
    with pytest.raises(ApiError):
        listing_order(["name", "-$natural"])
