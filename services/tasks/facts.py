"""Facts the tasks process publishes to ``<prefix>cairn.tasks.changes`` (keyed by entity id),
read by the events service to remove the events of what is gone:

``{"type": "TaskDeleted" | "TaskReset", "id": <task id>, "company": <company id>, "urls": {...}}``
and ``{"type": "ModelDeleted", "id": <model id>, "company": <company id>, "url": <uri>}``.

``urls`` holds ``artifact_urls``, ``model_urls`` (the URIs of the output models deleted with
the task) and ``event_urls``: the files process removes the ones on its server, as it removes
a ``ModelDeleted`` fact's ``url``. A deletion asked not to touch external files
(``delete_external_artifacts: false``) announces empty lists and a ``None`` url.

Every fact goes through the outbox (``shared.messaging.outbox``): the use case gives it as
``Pending`` to the repository call that deletes the task or model (or resets the task), which
records it in the ``outbox`` collection in the same transaction; the use case publishes it
before it answers, and a crash in between leaves it to the outbox drainer. A fact may so
arrive twice: the readers delete what it names, which is harmless to repeat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from shared.messaging.outbox import Pending, pending


class FactPublisher(Protocol):
    """Port: publish facts already recorded in the outbox with their change, in order, each
    keyed by its entity ``id``; returns once the broker has them
    (``shared.messaging.outbox.OutboxPublisher``)."""

    async def publish(self, facts: Sequence[Pending]) -> None: ...


NO_URLS = ("artifact_urls", "model_urls", "event_urls")


def task_fact(kind: str, task: dict[str, Any], urls: dict[str, list[str]] | None = None,
              at: datetime | None = None) -> Pending:
    """``TaskDeleted`` / ``TaskReset`` of a stored task (no ``urls``: it names no file); ``at``:
    when it was reset (the events received until then go, not those of its next run)."""
    urls = urls if urls is not None else {key: [] for key in NO_URLS}
    fact = {"type": kind, "id": task["_id"], "company": task.get("company") or "", "urls": urls}
    if at is not None:
        fact["at"] = int(at.timestamp() * 1000)
    return pending(fact)


def model_deleted(model: dict[str, Any], company: str, files: bool) -> Pending:
    """``ModelDeleted`` of a stored model; its file is named only when ``files`` (the caller
    wants external files removed)."""
    return pending({"type": "ModelDeleted", "id": model["_id"], "company": company,
                    "url": model.get("uri") if files else None})
