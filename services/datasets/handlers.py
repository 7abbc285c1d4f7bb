"""The datasets process's endpoint table: each ClearML endpoint it answers (``datasets.*``,
``frames.*``, ``dataviews.*``), and the use case that answers it. ``grep '"frames.get_next"'``
lands here. The handler parses the request with its shared model and calls one use case with
the caller's identity; the use cases are built in ``main.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.datasets.access import DatasetAccess, Need, creates, reads, writes
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.service import DataviewService
from services.datasets.frames.room import FramesRoom
from services.datasets.iteration import IterationRoom
from shared.messaging.handlers import UseCase, clearml_endpoints, use_case_handler
from shared.messaging.rpc_server import Handler
from shared.schemas import datasets as datasets_api
from shared.schemas.access_internal import CheckAccessRequest
from shared.schemas.registry import request_models


@dataclass(frozen=True)
class UseCases:
    """The rooms of the datasets process (built by ``main.build_use_cases``)."""

    datasets: DatasetService  # datasets/: datasets.create/get_*/update/delete/move/get_tags
    versions: VersionService  # datasets/: the version tree, commit/publish, statistics
    frames: FramesRoom  # frames/: save/update/delete frames, frame reads, the meta schema, vector fields
    dataviews: DataviewService  # dataviews/: dataview documents
    iteration: IterationRoom  # iteration/: get_next*, counts, snippets and downloads of a dataview
    access: DatasetAccess  # access.py: the access rules (``guard``: what an endpoint needs on what)


# What an endpoint's request names, for the access rules (``access.py``; issue 16).
DATASET_R, DATASET_W = reads("dataset", "dataset"), writes("dataset", "dataset")
VERSION_R, VERSION_W = reads("version", "version"), writes("version", "version")
VERSIONS_R = reads("versions", "versions")
INLINE_DATAVIEW = reads("dataview", "inline_dataview")
DATAVIEW_ID = reads("dataview", "dataview_reads")


# Endpoint -> the use case that answers it (behind the access check ``ACCESS`` declares).
ENDPOINTS: dict[str, Callable[[UseCases], UseCase]] = {
    # datasets/: datasets
    "datasets.create": lambda u: u.datasets.create,
    "datasets.get_all": lambda u: u.datasets.get_all,
    "datasets.get_all_ex": lambda u: u.datasets.get_all,
    "datasets.get_by_id": lambda u: u.datasets.get_by_id,
    "datasets.get_by_name": lambda u: u.datasets.get_by_name,
    "datasets.update": lambda u: u.datasets.update,
    "datasets.delete": lambda u: u.datasets.delete,
    "datasets.move": lambda u: u.datasets.move,
    "datasets.get_tags": lambda u: u.datasets.get_tags,
    # datasets/: the version tree
    "datasets.create_version": lambda u: u.versions.create_version,
    "datasets.commit_version": lambda u: u.versions.commit_version,
    "datasets.publish_version": lambda u: u.versions.publish_version,
    "datasets.publish_and_create_child_version": lambda u: u.versions.publish_and_create_child_version,
    "datasets.update_version": lambda u: u.versions.update_version,
    "datasets.delete_version": lambda u: u.versions.delete_version,
    "datasets.get_versions": lambda u: u.versions.get_versions,
    "datasets.get_versions_ex": lambda u: u.versions.get_versions,
    "datasets.get_stats": lambda u: u.versions.get_stats,
    "datasets.update_stats_for_all_versions": lambda u: u.versions.update_stats_for_all_versions,
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
    # iteration/: the labels a running task's dataviews see
    "datasets.get_label_keywords_for_running_task": lambda u: u.iteration.labels.get_label_keywords_for_running_task,
    # Cairn's own actions, never routed from HTTP: identity's system.get_datasets and
    # system.get_dataset_versions (across companies)
    "internal.datasets_of_every_company": lambda u: u.datasets.get_every_company,
    "internal.versions_of_every_company": lambda u: u.versions.get_every_company,
    # the tasks process's projects.get_hyperdataset_stats
    "internal.dataset_stats": lambda u: u.datasets.project_stats,
    # identity's permissions.check_entity_access for datasets and dataviews
    "internal.check_access": lambda u: u.access.check_access,
}

# What the caller needs (read / read_write) on what the request's fields name, checked by
# ``u.access.guard`` before the endpoint's use case runs. The endpoints not here check inside
# their use cases (listings, get_by_name, get_tags and the dataviews' own endpoints: filters
# in the query, per id) or need nothing (Cairn's internal actions).
ACCESS: dict[str, tuple[Need, ...]] = {
    "datasets.create": (creates("dataset"),),
    "dataviews.create": (creates("dataview"),),
    "datasets.get_by_id": (DATASET_R,),
    "datasets.update": (DATASET_W,),
    "datasets.delete": (DATASET_W,),
    "datasets.move": (writes("ids", "datasets"),),
    "datasets.create_version": (DATASET_W,),
    "datasets.commit_version": (VERSION_W,),
    "datasets.publish_version": (VERSION_W,),
    "datasets.publish_and_create_child_version": (DATASET_W, VERSION_W),
    "datasets.update_version": (VERSION_W,),
    "datasets.delete_version": (VERSION_W,),
    "datasets.get_versions": (DATASET_R,),
    "datasets.get_versions_ex": (DATASET_R,),
    "datasets.get_stats": (VERSION_R,),
    "datasets.update_stats_for_all_versions": (writes("datasets", "datasets"),),
    "datasets.save_frames": (VERSION_W,),
    "datasets.update_frames": (VERSION_W,),
    "datasets.delete_frames": (VERSION_W,),
    "datasets.get_schema": (DATASET_R, VERSIONS_R),
    "datasets.get_schema_keys": (DATASET_R, VERSIONS_R),
    "datasets.get_snippets": (DATASET_R, VERSION_R),
    "datasets.get_sources": (DATASET_R, VERSION_R),
    "datasets.get_source_ids": (DATASET_R, VERSION_R),
    "datasets.get_vector_fields": (DATASET_R, VERSIONS_R),
    "frames.get_by_id": (DATASET_R, VERSION_R),
    "frames.get_by_ids": (DATASET_R, VERSION_R),
    "frames.get_count": (DATASET_R, VERSION_R),
    "frames.get_with_projection": (reads("versions", "entries"),),
    "frames.get_next": (DATASET_R, VERSION_R),
    "frames.get_next_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_next_for_dataview_id": (DATAVIEW_ID,),
    "frames.get_next_for_dataview_and_context_id": (INLINE_DATAVIEW,),
    "frames.get_count_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_count_for_dataview_id": (DATAVIEW_ID,),
    "frames.get_snippets_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_snippets_for_dataview2": (INLINE_DATAVIEW,),
    "frames.get_snippets_query_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_group_snippets_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_source_ids_for_dataview": (INLINE_DATAVIEW,),
    "frames.get_stats_for_dataview": (INLINE_DATAVIEW,),
    "frames.prepare_download_for_dataview": (INLINE_DATAVIEW,),
    # what the scroll / the prepared download was opened on (its rules may have changed since,
    # and the id may reach another user of the company)
    "frames.clear_get_next_state": (reads("scroll_id", "scroll"),),
    "frames.download_for_dataview": (reads("prepare_id", "download"),),
}


# The endpoints this process answers (the gateway's routing table is checked against it).
HANDLED = clearml_endpoints(ENDPOINTS)


def handler_table(use_cases: UseCases) -> dict[str, Handler]:
    """Endpoint (and internal action) name -> RPC handler (every one of ``ENDPOINTS``)."""
    models = {**request_models(), **datasets_api.INTERNAL_REQUESTS, "internal.check_access": CheckAccessRequest}
    return {name: use_case_handler(models[name], _guarded(use_cases, name, pick(use_cases)), name)
            for name, pick in ENDPOINTS.items()}


def _guarded(use_cases: UseCases, endpoint: str, use_case: UseCase) -> UseCase:
    """The use case behind the endpoint's ``ACCESS`` check (none: as it is)."""
    needs = ACCESS.get(endpoint)
    return use_case if needs is None else use_cases.access.guard(use_case, *needs)
