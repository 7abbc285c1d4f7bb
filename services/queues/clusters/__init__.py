"""The clusters room of the queues process: the Enterprise ``workers.*`` endpoints of the
resource dashboard. Cluster and listener reports (``reports.py``), resource usages and their
history from the worker statistics (``usage.py``), alarm thresholds per company
(``thresholds.py``) and the workers' event log (``events.py``, written by wrapping the
worker endpoints' handlers, and downloaded by ``workers.download_events_log``).
``build_room`` is called from ``services/queues/main.py``; ``handlers.py`` is its table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pymongo.asynchronous.database import AsyncDatabase

from services.queues import domain
from services.queues.clusters.events import WorkerEvents
from services.queues.clusters.reports import ClusterReports
from services.queues.repository.clusters import (
    EventStore,
    MongoEventStore,
    MongoReportStore,
    MongoThresholdStore,
    ReportStore,
    ThresholdStore,
)
from services.queues.clusters.thresholds import Thresholds
from services.queues.clusters.usage import ResourceUsage
from services.queues.repository import StatsRepository, WorkerRepository


@dataclass(frozen=True)
class ClustersRoom:
    reports: ClusterReports
    usage: ResourceUsage
    thresholds: Thresholds
    events: WorkerEvents
    stores: tuple[object, ...] = ()

    async def create_indexes(self) -> None:
        for store in self.stores:
            create = getattr(store, "create_indexes", None)
            if create is not None:
                await create()


@dataclass(frozen=True)
class ClusterStores:
    clusters: ReportStore
    listeners: ReportStore
    thresholds: ThresholdStore
    events: EventStore


def mongo_stores(db: AsyncDatabase) -> ClusterStores:
    return ClusterStores(MongoReportStore(db, "cluster_report"), MongoReportStore(db, "listener"),
                         MongoThresholdStore(db), MongoEventStore(db))


def build_room(stores: ClusterStores, workers: WorkerRepository, stats: StatsRepository,
               clock: Callable[[], datetime] = domain.utc_now) -> ClustersRoom:
    """The room over its stores (``mongo_stores(db)`` in production), reading the process's
    workers and worker statistics."""
    events = WorkerEvents(stores.events, stores.clusters, clock)
    thresholds = Thresholds(stores.thresholds, clock)
    return ClustersRoom(
        reports=ClusterReports(stores.clusters, stores.listeners, events, clock),
        usage=ResourceUsage(workers, stats, stores.clusters, thresholds, events, clock),
        thresholds=thresholds,
        events=events,
        stores=(stores.clusters, stores.listeners, stores.thresholds, stores.events),
    )
