"""The events process's endpoint table: each ClearML endpoint it answers, and the use case that
answers it. ``grep '"events.get_task_log"'`` lands here.

``events.add`` and ``events.add_batch`` are answered by the ingest consumer (the gateway sends
them to the ingest topic, ``IngestService.ingest``); every other endpoint comes over RPC on
``cairn.events.rpc``: the handler parses the request with its shared model and calls one use
case with the caller's identity. The use cases are built in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.events.logs import LogDownload
from services.events.metrics import MetricReads
from services.events.multi import MultiTaskReads
from services.events.reads import EventReads
from services.events.samples import Samples
from services.events.service import EventDeletion
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import events as events_api


@dataclass(frozen=True)
class UseCases:
    """The read and delete use cases of the events process (built by ``main.create_app``)."""

    reads: EventReads
    metrics: MetricReads
    samples: Samples
    deletion: EventDeletion
    multi: MultiTaskReads
    logs: LogDownload


# Answered by the ingest consumer, not over RPC.
INGESTED = frozenset({"events.add", "events.add_batch"})

ENDPOINTS: dict[str, Callable[[UseCases], UseCase]] = {
    "events.get_task_log": lambda u: u.reads.get_task_log,
    "events.get_task_events": lambda u: u.reads.get_task_events,
    "events.get_task_plots": lambda u: u.reads.get_task_plots,
    "events.debug_images": lambda u: u.reads.debug_images,
    "events.plots": lambda u: u.reads.plots,
    "events.clear_scroll": lambda u: u.reads.clear_scroll,
    "events.scalar_metrics_iter_histogram": lambda u: u.metrics.scalar_histogram,
    "events.get_task_single_value_metrics": lambda u: u.metrics.single_values,
    "events.get_task_latest_scalar_values": lambda u: u.metrics.latest_values,
    "events.get_task_metrics": lambda u: u.metrics.task_metrics,
    "events.get_multi_task_metrics": lambda u: u.metrics.multi_task_metrics,
    "events.get_scalar_metric_data": lambda u: u.metrics.scalar_metric_data,
    "events.scalar_metrics_iter_raw": lambda u: u.metrics.scalar_raw,
    "events.get_scalar_metrics_and_variants": lambda u: u.metrics.scalar_metrics_and_variants,
    "events.get_vector_metrics_and_variants": lambda u: u.metrics.vector_metrics_and_variants,
    "events.vector_metrics_iter_histogram": lambda u: u.metrics.vector_histogram,
    "events.get_debug_image_sample": lambda u: u.samples.get_debug_image_sample,
    "events.get_plot_sample": lambda u: u.samples.get_plot_sample,
    "events.next_debug_image_sample": lambda u: u.samples.next_debug_image_sample,
    "events.next_plot_sample": lambda u: u.samples.next_plot_sample,
    "events.delete_for_task": lambda u: u.deletion.delete_for_task,
    "events.delete_for_model": lambda u: u.deletion.delete_for_model,
    "events.clear_task_log": lambda u: u.deletion.clear_task_log,
    "events.multi_task_scalar_metrics_iter_histogram": lambda u: u.multi.multi_task_histogram,
    "events.get_multi_task_plots": lambda u: u.multi.multi_task_plots,
    "events.download_task_log": lambda u: u.logs.download_task_log,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = INGESTED | frozenset(ENDPOINTS)


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint name -> RPC handler (every endpoint of ``ENDPOINTS``)."""
    return {name: use_case_handler(events_api.REQUESTS[name], pick(use_cases), name)
            for name, pick in ENDPOINTS.items()}
