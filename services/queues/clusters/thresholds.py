"""``workers.get_resource_thresholds`` / ``set_resource_thresholds`` (Enterprise): the levels
at which the resource dashboard (``get_resource_usages``) raises an alarm, one set per
company: a CPU load or GPU utilisation (percent) above ``cpu_load`` / ``gpu_util``, free RAM
(GB) or free home disk (percent) below ``ram_free`` / ``home_free``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.queues import domain
from services.queues.repository.clusters import Document, ThresholdStore
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import workers as api

FIELDS = ("cpu_load", "gpu_util", "ram_free", "home_free")
PERCENTAGES = ("cpu_load", "gpu_util", "home_free")


class Thresholds:
    def __init__(self, store: ThresholdStore, clock: Callable[[], datetime] = domain.utc_now) -> None:
        self._store = store
        self._clock = clock

    async def of(self, company: str) -> Document:
        return await self._store.get(company) or {}

    async def get_resource_thresholds(self, identity: Identity, request: Any) -> dict[str, Any]:
        """The company's thresholds with ``last_update`` (ms from epoch) and ``updated_by``;
        ``{}`` when none were ever set."""
        found = await self.of(identity.company)
        return {k: found[k] for k in (*FIELDS, "last_update", "updated_by") if found.get(k) is not None}

    async def set_resource_thresholds(self, identity: Identity, request: api.SetResourceThresholdsRequest) -> dict[str, Any]:
        """The thresholds given replace the stored ones (the others stay); negative values and
        percentages above 100 -> 400/12, nothing changed. Answers ``{updated: 1}``."""
        given = {k: getattr(request, k) for k in FIELDS if k in request.model_fields_set}
        for name, value in given.items():
            if value is not None and (value < 0 or (name in PERCENTAGES and value > 100)):
                raise ApiError.named("validation_error", f"{name} out of range", **{name: value})
        current = await self.of(identity.company)
        now = self._clock()
        merged = {**{k: current.get(k) for k in FIELDS}, **given,
                  "last_update": int(now.timestamp() * 1000), "updated_by": identity.user}
        await self._store.put(identity.company, merged)
        return {"updated": 1}
