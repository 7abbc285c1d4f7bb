"""The datasets process's endpoint table: each ClearML endpoint it answers (``datasets.*``,
``frames.*``, ``dataviews.*``), and the use case that answers it. ``grep '"frames.get_next"'``
lands here. The handler parses the request with its shared model and calls one use case with
the caller's identity; the use cases are built in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shared.messaging.handlers import UseCase, clearml_endpoints, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas.registry import request_models


@dataclass(frozen=True)
class UseCases:
    """The rooms of the datasets process (built by ``main.build_use_cases``)."""

    datasets: Any  # datasets/: datasets.create/get_*/update/delete/move/get_tags
    versions: Any  # datasets/: the version tree, commit/publish, statistics
    frames: Any  # frames/: save/update/delete frames, frame reads, the meta schema, vector fields
    dataviews: Any  # dataviews/: dataview documents
    iteration: Any  # iteration/: get_next*, counts, snippets and downloads of a dataview


ENDPOINTS: dict[str, Callable[[UseCases], UseCase]] = {
    # iteration/: get_next*, counts, snippets, statistics and downloads of a dataview
    "frames.get_next": lambda u: u.iteration.scrolls.get_next,
    "frames.get_next_for_dataview": lambda u: u.iteration.scrolls.get_next_for_dataview,
    "frames.get_next_for_dataview_id": lambda u: u.iteration.scrolls.get_next_for_dataview_id,
    "frames.get_next_for_dataview_and_context_id": lambda u: u.iteration.scrolls.get_next_for_dataview_and_context_id,
    "frames.clear_get_next_state": lambda u: u.iteration.scrolls.clear_get_next_state,
    "frames.get_count_for_dataview": lambda u: u.iteration.reads.get_count_for_dataview,
    "frames.get_count_for_dataview_id": lambda u: u.iteration.reads.get_count_for_dataview_id,
    "frames.get_snippets_for_dataview": lambda u: u.iteration.reads.get_snippets_for_dataview,
    "frames.get_snippets_for_dataview2": lambda u: u.iteration.reads.get_snippets_for_dataview2,
    "frames.get_snippets_query_for_dataview": lambda u: u.iteration.reads.get_snippets_query_for_dataview,
    "frames.get_group_snippets_for_dataview": lambda u: u.iteration.reads.get_group_snippets_for_dataview,
    "frames.get_source_ids_for_dataview": lambda u: u.iteration.reads.get_source_ids_for_dataview,
    "frames.get_stats_for_dataview": lambda u: u.iteration.reads.get_stats_for_dataview,
    "frames.prepare_download_for_dataview": lambda u: u.iteration.downloads.prepare_download_for_dataview,
    "frames.download_for_dataview": lambda u: u.iteration.downloads.download_for_dataview,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = clearml_endpoints(ENDPOINTS)


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint name -> RPC handler (every endpoint of ``ENDPOINTS``)."""
    models = request_models()
    return {name: use_case_handler(models[name], pick(use_cases), name) for name, pick in ENDPOINTS.items()}
