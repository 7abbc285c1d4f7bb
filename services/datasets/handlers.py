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
    # dataviews/: dataview documents
    "dataviews.create": lambda u: u.dataviews.create,
    "dataviews.update": lambda u: u.dataviews.update,
    "dataviews.get_by_id": lambda u: u.dataviews.get_by_id,
    "dataviews.get_all": lambda u: u.dataviews.get_all,
    "dataviews.delete": lambda u: u.dataviews.delete,
    "dataviews.delete_many": lambda u: u.dataviews.delete_many,
    "dataviews.archive_many": lambda u: u.dataviews.archive_many,
    "dataviews.unarchive_many": lambda u: u.dataviews.unarchive_many,
    "dataviews.publish": lambda u: u.dataviews.publish,
    "dataviews.publish_many": lambda u: u.dataviews.publish_many,
    "dataviews.move": lambda u: u.dataviews.move,
}

# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = clearml_endpoints(ENDPOINTS)


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint name -> RPC handler (every endpoint of ``ENDPOINTS``)."""
    models = request_models()
    return {name: use_case_handler(models[name], pick(use_cases), name) for name, pick in ENDPOINTS.items()}
