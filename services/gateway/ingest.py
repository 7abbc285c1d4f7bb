"""``events.add`` / ``events.add_batch`` at the gateway: per-target messages on the ingest topic.

A batch is split by what its events are about (the task, or the model of a model event), in
reporting order, and each part is published to ``<prefix>cairn.events.ingest`` keyed by that
id: every event of one task goes through one partition, so one events instance at a time owns
a task's summary (ARCHITECTURE section 3). Each message is signed (``shared.messaging.signing``)
so the events service can tell it from a forged one.

Two acknowledgements (``X-Cairn-Ack`` header, else the ``events_ack`` setting):

- ``indexed`` (default, what the SDK expects): wait for the events service's answer per part,
  given once the events are searchable and the summaries folded; the answers are summed into
  ClearML's ``{added, errors, errors_info}`` (nothing added anywhere: 400/131).
- ``durable``: answer once Kafka has every part (``added`` = events sent). Events the events
  service later refuses (unknown or published task) are logged there, not reported back.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, Protocol

from shared.errors import ApiError
from shared.messaging.envelopes import RequestEnvelope
from shared.messaging.rpc_client import Signer
from shared.messaging.signing import HEADER_SIGNATURE, sign

ACK_HEADER = "x-cairn-ack"
ACKS = ("indexed", "durable")
_NOT_ADDED = ApiError.named("events_not_added")


class IngestPublisher(Protocol):
    async def call(self, process: str, request: RequestEnvelope, key: str | None = None,
                   timeout: float | None = None, topic: str | None = None, sign: Signer | None = None) -> Any: ...

    async def publish(self, topic: str, request: RequestEnvelope, key: str | None = None,
                      sign: Signer | None = None) -> None: ...


def target_of(event: Any) -> str:
    """The id an event is about ("" when it names none: the events service refuses it)."""
    if not isinstance(event, dict):
        return ""
    value = event.get("model") or event.get("task") if event.get("model_event") else event.get("task")
    return value if isinstance(value, str) else ""


def split_by_target(events: list[Any]) -> list[tuple[str, list[Any]]]:
    """The batch's events grouped by target, groups and events in reporting order."""
    groups: dict[str, list[Any]] = {}
    for event in events:
        groups.setdefault(target_of(event), []).append(event)
    return list(groups.items())


def combine(answers: list[Any]) -> dict[str, Any]:
    """One ClearML answer from the parts' answers (data dicts or ApiErrors)."""
    added, errors, info = 0, 0, Counter()
    for answer in answers:
        if isinstance(answer, ApiError):
            if (answer.code, answer.subcode) != (_NOT_ADDED.code, _NOT_ADDED.subcode):
                raise answer  # an outage or a refused caller: the whole call fails, the SDK retries
            data = answer.data or {}
            errors += int(data.get("errors_count") or 0)
            info.update(data.get("errors_info") or {})
            continue
        if isinstance(answer, BaseException):
            raise answer
        added += int(answer.get("added") or 0)
        errors += int(answer.get("errors") or 0)
        info.update(answer.get("errors_info") or {})
    if added == 0:  # ClearML's error data: each reason and its count
        raise ApiError.named("events_not_added", **dict(info))
    return {"added": added, "errors": errors, "errors_info": dict(info)}


class EventIngest:
    def __init__(self, rpc: IngestPublisher, topic: str, token_secret: str, default_ack: str = "indexed") -> None:
        self._rpc = rpc
        self._topic = topic
        self._secret = token_secret
        self._default_ack = default_ack

    def _sign(self, value: bytes) -> list[tuple[str, bytes]]:
        return [(HEADER_SIGNATURE, sign(self._secret, value))]

    async def send(self, request: RequestEnvelope, ack_header: str = "") -> dict[str, Any]:
        ack = (ack_header or self._default_ack).strip().lower()
        if ack not in ACKS:
            raise ApiError(400, 12, f"X-Cairn-Ack must be one of {', '.join(ACKS)}")
        payload = request.payload
        events = payload if isinstance(payload, list) else [payload]
        if not events:
            raise ApiError.named("batch_contains_no_items")
        parts = []
        for target, group in split_by_target(events):
            part = request.model_copy(update={"endpoint": "events.add_batch", "payload": group})
            parts.append((target or None, part))
        if ack == "durable":
            await asyncio.gather(*(self._rpc.publish(self._topic, p, key=k, sign=self._sign) for k, p in parts))
            return {"added": len(events), "errors": 0, "errors_info": {}}
        answers = await asyncio.gather(
            *(self._rpc.call("events", p, key=k, topic=self._topic, sign=self._sign) for k, p in parts),
            return_exceptions=True,
        )
        return combine(answers)
