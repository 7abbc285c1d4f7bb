import pytest

from services.files.ranges import Unsatisfiable, parse_range


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        (None, 10, None),
        ("", 10, None),
        ("bytes=0-4", 10, (0, 4)),
        ("bytes=5-", 10, (5, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=-30", 10, (0, 9)),
        ("bytes=2-100", 10, (2, 9)),
        ("BYTES = 1-1", 10, (1, 1)),
        ("bytes=0-1,3-4", 10, None),  # several ranges: the whole file
        ("items=0-1", 10, None),
        ("bytes=a-b", 10, None),
        ("bytes=+1-2", 10, None),
        ("bytes=5-2", 10, None),
        ("bytes=3", 10, None),
    ],
)
def test_parse_range(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize(("header", "size"), [("bytes=10-", 10), ("bytes=20-30", 10), ("bytes=-0", 10), ("bytes=-5", 0)])
def test_unsatisfiable_ranges(header, size):
    with pytest.raises(Unsatisfiable):
        parse_range(header, size)
