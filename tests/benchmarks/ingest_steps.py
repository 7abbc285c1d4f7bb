"""Cairn's own CPU per event on the ingest path, apart from Kafka and Elasticsearch (README,
"Events, issue 19"): one SDK batch of 500 scalar events through the gateway's body handling and
the events process's admission, normalisation, documents, bulk body and summary merge, in CPU
time (not elapsed: the machine is shared), best of 9. Run with
``.venv/bin/python -m tests.benchmarks.ingest_steps``. Not a test: nothing asserts.
"""

from __future__ import annotations

import asyncio
import time

import orjson

from services.events.ingestion import IngestRequest, IngestService
from services.events.producers import admit
from services.events.repository.elastic import ElasticEventRepository
from services.events.summaries import Running
from services.gateway.parsing import parse_body
from shared.messaging.envelopes import Identity, RequestEnvelope, envelope_json
from shared.messaging.signing import HEADER_SIGNATURE, sign

SECRET, EVENTS, ROUNDS, CALLS = "secret", 500, 9, 30


class AnsweringElasticsearch:
    """Answers a bulk request at once: only the body's serialisation is measured."""

    async def bulk(self, operations: bytes, **_: object) -> dict:
        return {"items": [{"index": {"result": "created"}}] * (operations.count(b"\n") // 2)}


def sdk_batch(now: int) -> list[dict]:
    return [{"type": "training_stats_scalar", "task": "t0", "iter": it, "metric": f"metric{m}",
             "variant": f"variant{v}", "value": (it * 7 + m * 3 + v) % 101 / 3.0, "timestamp": now + it}
            for it in range(13) for m in range(10) for v in range(4)][:EVENTS]


def steps() -> dict:
    now = int(time.time() * 1000)
    events = sdk_batch(now)
    body = b"\n".join(orjson.dumps(e) for e in events)
    value = envelope_json(RequestEnvelope(endpoint="events.add_batch", requested_version="2.23",
                                          identity=Identity(company="c1", user="u1"), payload=events))
    headers = {HEADER_SIGNATURE: sign(SECRET, value).decode()}
    service = IngestService(repo=None, tasks=None, index_prefix="p.", plot_threshold=10_000)
    repo = ElasticEventRepository("http://unused:9200", "p.")
    repo._es = AnsweringElasticsearch()
    loop = asyncio.new_event_loop()

    def gateway() -> None:
        payload = parse_body("application/json-lines", body, "")
        envelope_json(RequestEnvelope(endpoint="events.add_batch", requested_version="2.23", payload=payload))

    def check() -> list:
        request = IngestRequest(admit(value, headers, SECRET).envelope, "topic-0-1", now)
        return service._documents([service._parse(request)])[0]

    docs = check()

    def merge() -> None:
        running = Running()
        for doc in docs:
            running.add(doc.source, True)

    return {"gateway: parse, check, envelope": gateway, "events: admit, normalise, documents": check,
            "events: bulk body": lambda: loop.run_until_complete(repo._bulk(docs)), "events: summary merge": merge}


def main() -> None:
    for name, step in steps().items():
        best = float("inf")
        for _ in range(ROUNDS):
            began = time.process_time()
            for _ in range(CALLS):
                step()
            best = min(best, (time.process_time() - began) / CALLS)
        print(f"{name:38s} {best / EVENTS * 1e6:5.2f} us of CPU per event")


if __name__ == "__main__":
    main()
