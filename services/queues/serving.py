"""Use cases of ClearML's ``serving.*`` (API 2.31): model-serving containers register and
report, the UI lists endpoints, loading containers, an endpoint's containers and its metric
charts.

Containers live in a ``ContainerRepository`` (MongoDB; alive until last registration or
report + timeout, decided when reading). Every status report also becomes a statistics
document in Elasticsearch (``serving_stats.py``), read by ``get_endpoint_metrics_history``.

Access rules (issue 16; ``access.QueueAccess``): a container is seen only by callers who may
read the tasks and models its ``reference`` names (the listings and an endpoint's details
leave the others out; an endpoint whose live containers are all hidden has no metrics for
the caller), registered or reported only with read on them, and unregistering a hidden one
changes nothing (as an unknown one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from services.queues import domain
from services.queues.repository import ContainerRepository, Document, ServingStatsRepository
from services.queues.serving_stats import MIN_INTERVAL_S, METRICS, metrics_history, stat_doc
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import serving as serving_api
from shared.schemas.generated import serving as generated

Clock = Callable[[], datetime]


class ContainerAccess(Protocol):
    """What the caller may do with serving containers (``access.QueueAccess``)."""

    async def readable_containers(self, identity: Identity, containers: list[Document]) -> list[Document]: ...

    async def require_references(self, identity: Identity, container: Document) -> None: ...


def container_key(company: str, container_id: str) -> str:
    """A container's key: one entry per (company, container id)."""
    return f"{company}/{container_id}"
MODEL_FIELDS = ("endpoint_name", "endpoint_url", "model_name", "model_source", "model_version",
                "preprocess_artifact", "input_type", "input_size", "reference")
REPORT_FIELDS = ("requests_num", "requests_min", "uptime_sec", "latency_ms", "machine_stats")
MAX_TIMEOUT_S = 10 * 366 * 24 * 3600  # a container silent for ten years has lapsed


def _mean(values: Sequence[float | int | None], digits: int | None) -> float | int | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    average = sum(present) / len(present)
    return round(average, digits) if digits else round(average)


def _max(values: Sequence[Any]) -> Any:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def endpoint_summary(containers: Sequence[Document]) -> Document:
    """One ``get_endpoints`` item: the containers of one URL together (``requests`` summed,
    ``requests_min`` and ``latency_ms`` averaged, ``uptime_sec`` and ``last_update`` the
    greatest)."""
    first = containers[0]
    requests = [c.get("requests_num") for c in containers if c.get("requests_num") is not None]
    return {
        "endpoint": first.get("endpoint_name"), "model": first.get("model_name"), "url": first.get("endpoint_url"),
        "instances": len(containers),
        "uptime_sec": _max([c.get("uptime_sec") for c in containers]),
        "requests": sum(requests),
        "requests_min": _mean([c.get("requests_min") for c in containers], 2),
        "latency_ms": _mean([c.get("latency_ms") for c in containers], None),
        "last_update": domain.to_api(_max([c.get("last_activity_time") for c in containers])),
    }


def _devices(container: Document) -> dict[str, int]:
    stats = container.get("machine_stats") or {}
    out = {}
    for field, name in (("cpu_usage", "cpu_count"), ("gpu_usage", "gpu_count")):
        value = stats.get(field)
        out[name] = 0 if value is None else len(value) if isinstance(value, (list, tuple)) else 1
    return out


def instance_stats(container: Document) -> Document:
    """One container of ``get_endpoint_details``."""
    return {
        "id": container["container_id"], "uptime_sec": container.get("uptime_sec"),
        "requests": container.get("requests_num"), "requests_min": container.get("requests_min"),
        "latency_ms": container.get("latency_ms"), "last_update": domain.to_api(container.get("last_activity_time")),
        "reference": container.get("reference") or [], **_devices(container),
    }


def model_info(container: Document) -> Document:
    return {
        "endpoint": container.get("endpoint_name"), "model": container.get("model_name"),
        "url": container.get("endpoint_url"), "model_source": container.get("model_source"),
        "model_version": container.get("model_version"), "preprocess_artifact": container.get("preprocess_artifact"),
        "input_type": container.get("input_type"), "input_size": container.get("input_size"),
    }


class ServingService:
    """``serving.*`` use cases."""

    def __init__(self, containers: ContainerRepository, stats: ServingStatsRepository, access: ContainerAccess,
                 default_timeout_s: int = 600, clock: Clock = domain.utc_now) -> None:
        self._containers = containers
        self._stats = stats
        self._access = access
        self._default_timeout = default_timeout_s
        self._clock = clock

    async def _live(self, identity: Identity, now: datetime, *url: Any) -> list[Document]:
        """The company's live containers (of ``url``) the caller may see."""
        return await self._access.readable_containers(identity, await self._containers.live(identity.company, now, *url))

    def _entry(self, identity: Identity, request: Any, register_time: datetime, timeout: int) -> Document:
        now = self._clock()
        given = request.model_dump(include=set(MODEL_FIELDS) | set(REPORT_FIELDS), exclude_none=True)
        given["endpoint_url"] = given.get("endpoint_url") or None  # "" is "not serving yet" too
        return {
            "_id": container_key(identity.company, request.container_id), "company": identity.company,
            "container_id": request.container_id, "user": identity.user, **given,
            "register_time": register_time, "timeout": timeout, "last_activity_time": now,
            "expires": now + timedelta(seconds=timeout),
        }

    async def register_container(self, identity: Identity,
                                 request: serving_api.RegisterContainerRequest) -> dict[str, Any]:
        """``serving.register_container``: (re)register; the entry is replaced whole."""
        timeout = request.timeout or self._default_timeout
        if not 0 < timeout <= MAX_TIMEOUT_S:  # the expiry date overflows past that (schemathesis: 500)
            raise ApiError.named("validation_error", f"timeout must be between 1 and {MAX_TIMEOUT_S} seconds",
                                 timeout=timeout)
        entry = self._entry(identity, request, self._clock(), timeout)
        await self._access.require_references(identity, entry)
        await self._containers.save(entry)
        return {}

    async def unregister_container(self, identity: Identity,
                                   request: serving_api.UnregisterContainerRequest) -> dict[str, Any]:
        """``serving.unregister_container``: an unknown container is not an error
        (ClearML's ``container_auto_unregister``)."""
        key = container_key(identity.company, request.container_id)
        known = await self._containers.get(key)
        if known is not None and await self._access.readable_containers(identity, [known]):
            await self._containers.delete(key)
        return {}

    async def container_status_report(self, identity: Identity,
                                      request: serving_api.ContainerStatusReportRequest) -> dict[str, Any]:
        """``serving.container_status_report``: the entry takes the reported fields and lives
        another timeout; an unknown or lapsed container is registered (default timeout).
        The report is also stored as a statistics point."""
        now = self._clock()
        known = await self._containers.get(container_key(identity.company, request.container_id))
        if known is not None and known["expires"] > now:
            entry = self._entry(identity, request, known["register_time"], known["timeout"])
        else:
            entry = self._entry(identity, request, now, self._default_timeout)
        await self._access.require_references(identity, entry)
        await self._containers.save(entry)
        await self._stats.add(identity.company, stat_doc(entry, now), now)
        return {}

    async def get_endpoints(self, identity: Identity, request: generated.GetEndpointsRequest) -> dict[str, Any]:
        """``serving.get_endpoints``: live containers grouped by URL (loading ones left out)."""
        by_url: dict[str, list[Document]] = {}
        for container in await self._live(identity, self._clock()):
            if container.get("endpoint_url"):
                by_url.setdefault(container["endpoint_url"], []).append(container)
        return {"endpoints": [endpoint_summary(by_url[url]) for url in sorted(by_url)]}

    async def get_loading_instances(self, identity: Identity,
                                    request: generated.GetLoadingInstancesRequest) -> dict[str, Any]:
        """``serving.get_loading_instances``: live containers without a URL yet."""
        now = self._clock()
        return {"instances": [
            {"id": c["container_id"], **model_info(c), "uptime_sec": c.get("uptime_sec"),
             "age_sec": int((now - c["register_time"]).total_seconds()),
             "last_update": domain.to_api(c.get("last_activity_time"))}
            for c in await self._live(identity, now, None)
        ]}

    async def get_endpoint_details(self, identity: Identity,
                                   request: generated.GetEndpointDetailsRequest) -> dict[str, Any]:
        """``serving.get_endpoint_details``: the URL's model (from its first container) and
        each live container; none -> 400/1052."""
        containers = await self._live(identity, self._clock(), request.endpoint_url)
        if not containers:
            raise ApiError.named("no_containers_for_url", url=request.endpoint_url)
        return {
            **model_info(containers[0]),
            "uptime_sec": _max([c.get("uptime_sec") for c in containers]),
            "last_update": domain.to_api(_max([c.get("last_activity_time") for c in containers])),
            "instances": [instance_stats(c) for c in containers],
        }

    async def get_endpoint_metrics_history(
        self, identity: Identity, request: serving_api.GetEndpointMetricsHistoryRequest
    ) -> dict[str, Any]:
        """``serving.get_endpoint_metrics_history``: ``metric_type`` of the URL's containers
        over time (``computed_interval`` at least 40 s); from_date >= to_date -> 400/16."""
        domain.check_date_range(request.from_date, request.to_date, request.interval)
        metric_type = request.metric_type or "requests"
        metric = METRICS[metric_type]
        interval = max(request.interval, MIN_INTERVAL_S)
        if not await self._endpoint_visible(identity, request.endpoint_url):
            return metrics_history(metric_type, [], request.to_date, interval, request.instance_charts is not False)
        buckets = await self._stats.histogram(
            identity.company, request.endpoint_url, metric.field, metric.sample, int(request.from_date * 1000),
            int(request.to_date * 1000), interval, extended=metric_type != "requests")
        return metrics_history(metric_type, buckets, request.to_date, interval, request.instance_charts is not False)

    async def _endpoint_visible(self, identity: Identity, url: str) -> bool:
        """False when the URL has live containers and the caller may see none of them."""
        live = await self._containers.live(identity.company, self._clock(), url)
        return not live or bool(await self._access.readable_containers(identity, live))
