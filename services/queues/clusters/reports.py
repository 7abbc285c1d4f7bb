"""``workers.cluster_report`` / ``cluster_unregister`` and ``workers.listener_report`` /
``listener_unregister`` (Enterprise): what a cluster (or one worker's part of it) offers, and
the listeners that serve queues, each alive until its timeout lapses.

clearml-agent (``advanced`` feature set) reports its part of a cluster every minute:
``{key: <category>, worker, partial: true, timestamp (ms), timeout, resource_groups,
properties: {max_cpus, max_gpus, max_workers}}``. A partial report is one worker's part (one
document per key and worker); a full one (``partial: false``) describes the whole cluster
and replaces every part of that key. ``get_resource_usages`` reads the properties as the
``max_allowed`` of the key's category and the reports' resource groups as their workers'.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.queues import domain
from services.queues.clusters.events import WorkerEvents
from services.queues.repository.clusters import ReportStore
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import workers as api

DEFAULT_TIMEOUT_S = 600


def _refused(msg: str, **data: Any) -> ApiError:
    return ApiError.named("validation_error", msg, **data)


def _timeout(value: int | None) -> int:
    if value is not None and value < 0:
        raise _refused("timeout must not be negative", timeout=value)
    return value or DEFAULT_TIMEOUT_S


class ClusterReports:
    def __init__(self, clusters: ReportStore, listeners: ReportStore, events: WorkerEvents,
                 clock: Callable[[], datetime] = domain.utc_now) -> None:
        self._clusters = clusters
        self._listeners = listeners
        self._events = events
        self._clock = clock

    async def cluster_report(self, identity: Identity, request: api.ClusterReportRequest) -> dict[str, Any]:
        """Store the report until ``timeout`` seconds from now (600 by default); the first
        report of a key and worker is logged as the cluster part appearing."""
        key = request.key.strip()
        if not key:
            raise _refused("key must not be empty")
        worker = request.worker or ""
        now = self._clock()
        doc_id = f"{identity.company}/{key}/{worker if request.partial else ''}"
        before = await self._clusters.get(doc_id)
        if not request.partial:
            await self._clusters.remove(identity.company, key=key)
        properties = request.properties.model_dump(exclude_none=True) if request.properties else {}
        timeout = _timeout(request.timeout)
        await self._clusters.save({
            "_id": doc_id, "company": identity.company, "user": identity.user, "key": key,
            "worker": worker if request.partial else (request.worker or ""), "partial": bool(request.partial),
            "properties": properties, "resource_groups": list(request.resource_groups or ()),
            "timestamp": request.timestamp, "timeout": timeout, "reported": now,
            "expires": now + timedelta(seconds=timeout),
        })
        if before is None or before["expires"] <= now:
            await self._events.record(identity, "cluster_registered", worker or key,
                                      f"cluster {key} {'part' if request.partial else 'report'}: {properties}")
        return {}

    async def cluster_unregister(self, identity: Identity, request: api.ClusterUnregisterRequest) -> dict[str, Any]:
        """``partial`` with a ``worker``: that worker's part of the cluster goes; otherwise
        every report of the key. Answers ``{unregistered}``: how many reports went."""
        if request.partial and request.worker:
            gone = await self._clusters.remove(identity.company, key=request.key, worker=request.worker)
        else:
            gone = await self._clusters.remove(identity.company, key=request.key)
        if gone:
            await self._events.record(identity, "cluster_unregistered", request.worker or request.key,
                                      f"cluster {request.key}: {gone} report(s) removed")
        return {"unregistered": gone}

    async def listener_report(self, identity: Identity, request: api.ListenerReportRequest) -> dict[str, Any]:
        """A listener ``id`` (``name``, ``type``, serving ``queues``) is alive for ``timeout``
        seconds (600 by default); its first report is logged."""
        if not request.id.strip():
            raise _refused("id must not be empty")
        now = self._clock()
        doc_id = f"{identity.company}/{request.id}"
        before = await self._listeners.get(doc_id)
        timeout = _timeout(request.timeout)
        await self._listeners.save({
            "_id": doc_id, "company": identity.company, "user": identity.user, "listener": request.id,
            "name": request.name, "type": request.type, "queues": list(request.queues or ()),
            "timeout": timeout, "reported": now, "expires": now + timedelta(seconds=timeout),
        })
        if before is None or before["expires"] <= now:
            await self._events.record(identity, "listener_registered", request.id,
                                      f"listener {request.name or request.id} ({request.type or 'unknown type'}) "
                                      f"serving queues {', '.join(request.queues or [])}")
        return {}

    async def listener_unregister(self, identity: Identity, request: api.ListenerUnregisterRequest) -> dict[str, Any]:
        """The listener goes (an unknown one is not an error, as ``workers.unregister``)."""
        if await self._listeners.remove(identity.company, listener=request.id):
            await self._events.record(identity, "listener_unregistered", request.id, "listener unregistered")
        return {}
