"""The endpoint table of the clusters room. Merged into the queues process's table in
``services/queues/handlers.py``; bound in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from services.queues.clusters import ClustersRoom
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.generated import workers as api

ENDPOINTS: dict[str, Callable[[ClustersRoom], UseCase]] = {
    "workers.cluster_report": lambda room: room.reports.cluster_report,
    "workers.cluster_unregister": lambda room: room.reports.cluster_unregister,
    "workers.listener_report": lambda room: room.reports.listener_report,
    "workers.listener_unregister": lambda room: room.reports.listener_unregister,
    "workers.get_resource_usages": lambda room: room.usage.get_resource_usages,
    "workers.get_resource_history": lambda room: room.usage.get_resource_history,
    "workers.get_resource_thresholds": lambda room: room.thresholds.get_resource_thresholds,
    "workers.set_resource_thresholds": lambda room: room.thresholds.set_resource_thresholds,
    "workers.download_events_log": lambda room: room.events.download_events_log,
}

_MODELS: dict[str, type[BaseModel]] = {
    "workers.cluster_report": api.ClusterReportRequest,
    "workers.cluster_unregister": api.ClusterUnregisterRequest,
    "workers.listener_report": api.ListenerReportRequest,
    "workers.listener_unregister": api.ListenerUnregisterRequest,
    "workers.get_resource_usages": api.GetResourceUsagesRequest,
    "workers.get_resource_history": api.GetResourceHistoryRequest,
    "workers.get_resource_thresholds": api.GetResourceThresholdsRequest,
    "workers.set_resource_thresholds": api.SetResourceThresholdsRequest,
    "workers.download_events_log": api.DownloadEventsLogRequest,
}


def handler_table(room: ClustersRoom) -> dict[str, Handler]:
    return {name: use_case_handler(_MODELS[name], pick(room), name) for name, pick in ENDPOINTS.items()}
