"""Pure rules of the queues process."""

import pytest

from services.queues import domain
from shared.errors import ApiError


@pytest.mark.parametrize(("current", "length", "move", "target"), [
    (2, 4, -1, 1), (2, 4, -9, 0), (2, 4, 1, 3), (2, 4, 9, 3), (2, 4, "first", 0), (0, 4, "last", 3),
])
def test_target_position_is_clamped(current, length, move, target):
    assert domain.target_position(current, length, move) == target


def test_moved_keeps_every_other_entry_in_order():
    entries = [{"task": t} for t in "abcd"]
    assert [e["task"] for e in domain.moved(entries, "d", 1)] == ["a", "d", "b", "c"]
    assert [e["task"] for e in domain.moved(entries, "a", 3)] == ["b", "c", "d", "a"]


def test_metadata_keys_escape_and_unescape_exactly():
    for key in ("a.b", "$x", "100%", "%2E", "plain"):
        escaped = domain.escape_key(key)
        assert "." not in escaped and not escaped.startswith("$")
        assert domain.unescape_key(escaped) == key


def test_queue_names_are_stripped_and_at_least_three_characters():
    assert domain.queue_name("  abc ") == "abc"
    with pytest.raises(ApiError):
        domain.queue_name(" ab ")


def test_api_form_hides_internal_fields():
    doc = domain.new_queue("q1", "acme", "u", "gpu", {"metadata": [{"key": "a.b", "value": "1"}]}, domain.utc_now())
    doc["entries"].append(domain.new_entry("t1", doc["created"], "bob"))
    api = domain.queue_to_api(doc)
    assert "seq" not in api and "_id" not in api and api["id"] == "q1"
    assert api["entries"] == [{"task": "t1", "added": doc["created"].isoformat()}]
    assert api["metadata"] == {"a.b": {"key": "a.b", "type": None, "value": "1"}}
