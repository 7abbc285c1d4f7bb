"""The bulk body the events store sends: NDJSON of an action and a source per event, whatever
the ids hold (it is spliced from serialised parts, not built from dicts)."""

from __future__ import annotations

import orjson

from services.events.repository import Doc
from services.events.repository.elastic import ElasticEventRepository


class RecordingElasticsearch:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    async def bulk(self, operations: bytes, **_: object) -> dict:
        self.bodies.append(operations)
        count = operations.count(b"\n") // 2
        return {"errors": False, "items": [{"index": {"result": "created"}}] * count}


async def test_each_event_is_an_action_line_and_its_source():
    repo = ElasticEventRepository("http://unused:9200", "p.")
    es = repo._es = RecordingElasticsearch()
    docs = [
        Doc("p.cairn-events-log-c1", 'id "quoted" \\ é', {"msg": "line\none", "n": 1}),
        Doc("p.cairn-events-plot-c1", "plain", {"value": 1.5}),
        Doc("p.cairn-events-log-c1", "second", {"msg": ""}),
    ]
    indexed = await repo.index(docs)
    assert indexed.failures == [None] * 3 and indexed.created == [True] * 3
    (body,) = es.bodies
    assert body.endswith(b"\n")
    lines = [orjson.loads(line) for line in body.split(b"\n")[:-1]]
    assert lines == [
        {"index": {"_index": "p.cairn-events-log-c1", "_id": 'id "quoted" \\ é'}}, {"msg": "line\none", "n": 1},
        {"index": {"_index": "p.cairn-events-plot-c1", "_id": "plain"}}, {"value": 1.5},
        {"index": {"_index": "p.cairn-events-log-c1", "_id": "second"}}, {"msg": ""},
    ]
