"""``workers.set_runtime_properties`` / ``workers.get_runtime_properties`` (enterprise
catalog; the open-source server had them from API 2.10): string properties of a worker, each
with an optional time to live. clearml-agent sets ``max_num_instances`` (services mode) and
``available_gpus`` (dynamic GPUs) and reads ``force`` (``on``/``off``, set by users to
override the worker's uptime schedule). When the server answers these with an error the
agent treats the feature as unsupported and carries on without it.

Properties belong to (company, caller's user, worker id), like worker entries, and need no
registered worker. Stored by a ``RuntimePropertyRepository`` (MongoDB, ``repository/mongo.py``),
one document per property; an expired one is skipped when reading and replaced by the next set.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.queues import domain
from services.queues.repository import RuntimePropertyRepository
from shared.messaging.envelopes import Identity
from shared.schemas import workers as workers_api

MAX_EXPIRY_S = 100 * 366 * 24 * 3600  # timedelta and the stored date overflow far beyond


def property_key(identity: Identity, worker: str, key: str) -> str:
    return f"{identity.company}/{identity.user}/{worker}/{key}"


def remaining_s(expires: datetime | None, now: datetime) -> int | None:
    """Whole seconds a property has left (None: it never expires)."""
    return None if expires is None else max(0, math.floor((expires - now).total_seconds()))


class RuntimePropertiesService:
    """The two ``workers.*`` runtime-property use cases."""

    def __init__(self, props: RuntimePropertyRepository, clock: Callable[[], datetime] = domain.utc_now) -> None:
        self._props = props
        self._clock = clock

    async def set_runtime_properties(self, identity: Identity,
                                     request: workers_api.SetRuntimePropertiesRequest) -> dict[str, Any]:
        """``workers.set_runtime_properties``: each property is set (for ``expiry`` seconds
        when given) or, with ``expiry`` 0, removed -> ``{added, removed, errors}`` with the
        property keys; a property without a value or with a negative expiry goes to
        ``errors`` and the others are still applied."""
        result: dict[str, list[str]] = {"added": [], "removed": [], "errors": []}
        now = self._clock()
        for prop in request.runtime_properties:
            prop_id = property_key(identity, request.worker, prop.key)
            if prop.expiry == 0:
                await self._props.delete(prop_id)
                result["removed"].append(prop.key)
            elif prop.value is None or (prop.expiry is not None and not 0 <= prop.expiry <= MAX_EXPIRY_S):
                result["errors"].append(f"{prop.key}: needs a value and an expiry of 0 to {MAX_EXPIRY_S} seconds")
            else:
                expires = now + timedelta(seconds=prop.expiry) if prop.expiry else None
                await self._props.put({"_id": prop_id, "company": identity.company, "user": identity.user,
                                       "worker": request.worker, "key": prop.key, "value": prop.value,
                                       "expires": expires})
                result["added"].append(prop.key)
        return result

    async def get_runtime_properties(self, identity: Identity,
                                     request: workers_api.GetRuntimePropertiesRequest) -> dict[str, Any]:
        """``workers.get_runtime_properties``: ``[{key, value, expiry}]`` of the unexpired
        properties, ``expiry`` the seconds left (none: never expires)."""
        now = self._clock()
        found = await self._props.of_worker(identity.company, identity.user, request.worker)
        return {"runtime_properties": [
            {"key": p["key"], "value": p["value"], "expiry": remaining_s(p.get("expires"), now)}
            for p in sorted(found, key=lambda p: p["key"])
            if p.get("expires") is None or p["expires"] > now
        ]}
