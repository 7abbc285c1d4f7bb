"""``shared.paging``: the page window every listing runs, bounded by a 64-bit skip."""

import pytest

from shared.errors import ApiError
from shared.paging import MAX_SKIP, page_window


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
