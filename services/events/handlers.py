"""The events process's RPC endpoint table (reads and deletes on ``cairn.events.rpc``):
parse the request with its shared model, call one use case with the caller's identity.

``events.add`` and ``events.add_batch`` are answered by the ingest consumer instead (the
gateway sends them to the ingest topic); they are listed in ``HANDLED`` because this process
answers them."""

from __future__ import annotations


from services.events.logs import LogDownload
from services.events.metrics import MetricReads
from services.events.multi import MultiTaskReads
from services.events.reads import EventReads
from services.events.samples import Samples
from services.events.service import EventDeletion
from shared.messaging.handlers import UseCase, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import events as events_api


INGESTED = frozenset({"events.add", "events.add_batch"})

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = INGESTED | frozenset(
    {
        "events.get_task_log",
        "events.get_task_events",
        "events.scalar_metrics_iter_histogram",
        "events.get_task_plots",
        "events.get_task_single_value_metrics",
        "events.get_task_latest_scalar_values",
        "events.get_task_metrics",
        "events.debug_images",
        "events.get_debug_image_sample",
        "events.get_plot_sample",
        "events.delete_for_task",
        "events.delete_for_model",
        "events.clear_scroll",
        "events.get_multi_task_metrics",
        "events.get_scalar_metric_data",
        "events.scalar_metrics_iter_raw",
        "events.clear_task_log",
        "events.get_scalar_metrics_and_variants",
        "events.get_vector_metrics_and_variants",
        "events.vector_metrics_iter_histogram",
        "events.next_debug_image_sample",
        "events.next_plot_sample",
        "events.plots",
        "events.multi_task_scalar_metrics_iter_histogram",
        "events.get_multi_task_plots",
        "events.download_task_log",
    }
)


def handler_table(
    reads: EventReads, metrics: MetricReads, samples: Samples, deletion: EventDeletion, multi: MultiTaskReads,
    logs: LogDownload,
) -> dict[str, Handler]:
    """Endpoint name -> RPC handler (everything in HANDLED except the ingested endpoints)."""
    use_cases: dict[str, UseCase] = {
        "events.get_task_log": reads.get_task_log,
        "events.get_task_events": reads.get_task_events,
        "events.scalar_metrics_iter_histogram": metrics.scalar_histogram,
        "events.get_task_plots": reads.get_task_plots,
        "events.get_task_single_value_metrics": metrics.single_values,
        "events.get_task_latest_scalar_values": metrics.latest_values,
        "events.get_task_metrics": metrics.task_metrics,
        "events.debug_images": reads.debug_images,
        "events.plots": reads.plots,
        "events.get_debug_image_sample": samples.get_debug_image_sample,
        "events.get_plot_sample": samples.get_plot_sample,
        "events.next_debug_image_sample": samples.next_debug_image_sample,
        "events.next_plot_sample": samples.next_plot_sample,
        "events.delete_for_task": deletion.delete_for_task,
        "events.delete_for_model": deletion.delete_for_model,
        "events.clear_scroll": reads.clear_scroll,
        "events.get_multi_task_metrics": metrics.multi_task_metrics,
        "events.get_scalar_metric_data": metrics.scalar_metric_data,
        "events.scalar_metrics_iter_raw": metrics.scalar_raw,
        "events.clear_task_log": deletion.clear_task_log,
        "events.get_scalar_metrics_and_variants": metrics.scalar_metrics_and_variants,
        "events.get_vector_metrics_and_variants": metrics.vector_metrics_and_variants,
        "events.vector_metrics_iter_histogram": metrics.vector_histogram,
        "events.multi_task_scalar_metrics_iter_histogram": multi.multi_task_histogram,
        "events.get_multi_task_plots": multi.multi_task_plots,
        "events.download_task_log": logs.download_task_log,
    }
    return {name: use_case_handler(events_api.REQUESTS[name], use_case, name) for name, use_case in use_cases.items()}
