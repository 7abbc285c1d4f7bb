"""Composition root of the events process: the only place its parts are wired."""

from __future__ import annotations

import logging

from services.events.access import RuledTasks
from services.events.cleanup import TaskChangesListener
from services.events.consumer import IngestConsumer
from services.events.facts import KafkaEventFactPublisher
from services.events.handlers import UseCases, handler_table
from services.events.ingestion import IngestService
from services.events.logs import LogDownload
from services.events.metrics import MetricReads
from services.events.multi import MultiTaskReads
from services.events.reads import EventReads
from services.events.repository.elastic import ElasticEventRepository
from services.events.repository.tasks import RpcTaskDirectory
from services.events.retention import Retention
from services.events.samples import Samples
from services.events.service import EventDeletion
from services.events.settings import EventsSettings
from services.events.summaries import SummaryCache
from shared.access.view import AccessView
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.runtime import App, serve, tune_gc


def create_app(settings: EventsSettings) -> App:
    """Elasticsearch (index template ensured at start), the RPC client to the tasks service
    (its answers under the access rules: ``access.RuledTasks``), the access rules' versions
    (``AccessView``), the read/delete RPC server and the ingest consumer."""
    # The Elasticsearch client logs every request at INFO: far too much on the hot path.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    repo = ElasticEventRepository(settings.es_url, settings.es_index_prefix, settings.es_timeout_s)
    rpc = RpcClient(settings)
    tasks = RuledTasks(RpcTaskDirectory(rpc))  # the access rules: unreadable targets as absent
    rules = AccessView(settings)  # only its versions: cached event targets are per rules version
    ingest = IngestService(repo, tasks, settings.es_index_prefix, settings.plot_compress_bytes,
                           settings.ingest_target_cache_s, SummaryCache(settings.ingest_summary_cache_size,
                                                                     settings.max_last_metrics),
                           rules_version=rules.version)
    repo.deleted_listeners.append(ingest.forget)
    handlers = handler_table(UseCases(
        reads=EventReads(repo, tasks), metrics=MetricReads(repo, tasks), samples=Samples(repo, tasks),
        deletion=EventDeletion(repo, tasks), multi=MultiTaskReads(repo, tasks), logs=LogDownload(repo, tasks),
    ))
    facts = KafkaEventFactPublisher(settings)
    return App(
        "events",
        [
            repo,
            rpc,
            rules,
            RpcServer(settings, "events", handlers),
            IngestConsumer(settings, ingest),
            facts,
            TaskChangesListener(settings, repo, facts),
            Retention(repo, settings.events_retention_months, settings.events_retention_check_s),
        ],
    )


def main() -> None:
    tune_gc()  # batches of events are many small objects, their messages big bodies
    serve("events", EventsSettings, create_app)
