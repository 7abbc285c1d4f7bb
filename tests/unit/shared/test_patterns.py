"""Client regular expressions: refused when they could stall a backtracking engine, matched
in linear time in Cairn's own processes."""

from __future__ import annotations

import pytest

from shared.errors import ApiError
from shared.patterns import MAX_PATTERN, checked, searcher


@pytest.mark.parametrize("pattern", [
    r"^my\-project$", "abc.*", ".*train.*v2", "(aa)+", "^(?:train|test)_run$", r"(?<=x)y", "(?i)Loss", "a{2,5}b",
])
def test_the_patterns_clients_send_pass(pattern):
    assert checked(pattern) == pattern


@pytest.mark.parametrize("pattern", [
    "(a+)+$",          # the case: exponential on 'aaaa...!'
    "(a*)*b", "(.*a){20}", "(x+x+)+y",
    "(a|aa)+$", "(train|test)*",  # repeated alternations
    "a*a*a*a*b",       # polynomial of a high degree
    "x" * (MAX_PATTERN + 1), "[", "(?P<n", "a{3,1}",
])
def test_patterns_that_could_stall_a_store_or_do_not_compile_are_400_21(pattern):
    with pytest.raises(ApiError) as refused:
        checked(pattern)
    assert (refused.value.code, refused.value.subcode) == (400, 21)


def test_searching_runs_in_linear_time_and_ignores_case_when_asked():
    found = searcher("^train", ignore_case=True)
    assert found("Train-1") and not found("x train")
    # a backtracking engine takes hours here (the test's timeout would fail it); RE2 is linear
    assert not searcher("a*a*a*b")("a" * 50_000)


def test_constructs_re2_lacks_fall_back_to_python_re():
    behind = searcher(r"(?<=a)b")
    assert behind("ab") and not behind("cb")
