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
    # frames/: frame batches, frame reads, the meta schema, vector fields
    "datasets.save_frames": lambda u: u.frames.writes.save_frames,
    "datasets.update_frames": lambda u: u.frames.writes.update_frames,
    "datasets.delete_frames": lambda u: u.frames.writes.delete_frames,
    "datasets.get_schema": lambda u: u.frames.reads.get_schema,
    "datasets.get_schema_keys": lambda u: u.frames.reads.get_schema_keys,
    "datasets.get_snippets": lambda u: u.frames.reads.get_snippets,
    "datasets.get_sources": lambda u: u.frames.reads.get_sources,
    "datasets.get_source_ids": lambda u: u.frames.reads.get_source_ids,
    "datasets.get_vector_fields": lambda u: u.frames.reads.get_vector_fields,
    "frames.get_by_id": lambda u: u.frames.reads.get_by_id,
    "frames.get_by_ids": lambda u: u.frames.reads.get_by_ids,
    "frames.get_count": lambda u: u.frames.reads.get_count,
    "frames.get_with_projection": lambda u: u.frames.reads.get_with_projection,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = clearml_endpoints(ENDPOINTS)


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint name -> RPC handler (every endpoint of ``ENDPOINTS``)."""
    models = request_models()
    return {name: use_case_handler(models[name], pick(use_cases), name) for name, pick in ENDPOINTS.items()}
