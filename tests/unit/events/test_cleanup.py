"""Which tasks-service facts remove events."""

from __future__ import annotations

import orjson
import pytest

from services.events.cleanup import events_to_clear
from services.events.domain import Target


@pytest.mark.parametrize(
    "fact, expected",
    [
        ({"type": "TaskDeleted", "id": "t1", "company": "acme"}, ("acme", Target("task", "t1"))),
        ({"type": "TaskReset", "id": "t1", "company": "acme"}, ("acme", Target("task", "t1"))),
        ({"type": "ModelDeleted", "id": "m1", "company": "acme"}, ("acme", Target("model", "m1"))),
        ({"type": "TaskEdited", "id": "t1", "company": "acme"}, None),
        ({"type": "TaskDeleted", "company": "acme"}, None),
        ({"type": "TaskDeleted", "id": "t1"}, None),
        (["TaskDeleted"], None),
    ],
)
def test_facts(fact, expected):
    assert events_to_clear(orjson.dumps(fact)) == expected


def test_malformed_facts_are_ignored():
    assert events_to_clear(b"{not json") is None
