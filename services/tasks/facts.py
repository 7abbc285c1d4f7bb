"""Facts the tasks process publishes to ``<prefix>cairn.tasks.changes`` (keyed by entity id),
read by the events service to remove the events of what is gone:

``{"type": "TaskDeleted" | "TaskReset", "id": <task id>, "company": <company id>, "urls": {...}}``
and ``{"type": "ModelDeleted", "id": <model id>, "company": <company id>, "url": <uri>}``.

``urls`` holds ``artifact_urls``, ``model_urls`` (the URIs of the output models deleted with
the task) and ``event_urls``: the files process removes the ones on its server, as it removes
a ``ModelDeleted`` fact's ``url``. A deletion asked not to touch external files
(``delete_external_artifacts: false``) announces empty lists and a ``None`` url.

A fact is published after the database change it reports and before the endpoint answers.
"""

from __future__ import annotations

from typing import Any, Protocol

from shared.messaging.facts import FactProducer
from shared.settings import SharedSettings


class FactPublisher(Protocol):
    """Port: publish one fact (a JSON object with ``type``, ``id`` and ``company``), keyed by
    its ``id``; returns once the broker has it."""

    async def publish(self, fact: dict[str, Any]) -> None: ...


def task_fact(kind: str, task: dict[str, Any], urls: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """``TaskDeleted`` / ``TaskReset`` of a stored task."""
    return {"type": kind, "id": task["_id"], "company": task.get("company") or "", "urls": urls or {}}


class KafkaFactPublisher(FactProducer):
    """``FactPublisher`` over Kafka."""

    def __init__(self, settings: SharedSettings) -> None:
        super().__init__(settings, "tasks")

    async def publish(self, fact: dict[str, Any]) -> None:
        await self.send(str(fact["id"]), fact)
