"""Run by test_iteration.py in a subprocess: the real SDK's DataView iterator (its paging with
scroll ids, random seeds, worker splitting, counts) and HyperDataset.vector_search over one
dataset version, given as ``ITERATION_VERSION`` (``<dataset>/<version>``). The DataView is
built from a filter rule directly (HyperDatasetQuery's own checks call datasets.*, another
room's). Prints one JSON line."""

import json
import os

from clearml.backend_api.services import dataviews as api
from clearml.hyperdatasets import DataView, HyperDataset, HyperDatasetQuery

dataset, version = os.environ["ITERATION_VERSION"].split("/")


def dataview(frame_query=None, **iteration) -> DataView:
    view = DataView(auto_connect_with_task=False, **iteration)
    view._store_on_iteration = False  # as HyperDataset.get_iterator: read through the inline endpoints
    rule = api.FilterRule(dataset=dataset, version=version, weight=1.0, frame_query=frame_query)
    view.add_queries(HyperDatasetQuery._from_filter_rule(rule))
    return view


def nearest(fast: bool) -> list:
    dataset_version = HyperDataset.__new__(HyperDataset)  # bound to the version, not loaded (datasets.*)
    dataset_version._dataset_id, dataset_version._version_id = dataset, version
    return ids(dataset_version.vector_search(reference_vector=[0.3, 0.9, 0.5], vector_field="vec",
                                             number_of_neighbors=5, fast=fast))


def ids(iterator) -> list:
    return [entry.id for entry in iterator]


print(json.dumps({
    "all": ids(dataview().get_iterator(query_cache_size=7)),
    "count": dataview().get_count(),
    "filtered": ids(dataview(frame_query="meta.n:<10").get_iterator()),
    "seed5": ids(dataview(iteration_order="random", iteration_random_seed=5).get_iterator()),
    "seed5_again": ids(dataview(iteration_order="random", iteration_random_seed=5).get_iterator()),
    "seed6": ids(dataview(iteration_order="random", iteration_random_seed=6).get_iterator()),
    "worker0": ids(dataview(iteration_order="random").get_iterator(worker_index=0, num_workers=2)),
    "worker1": ids(dataview(iteration_order="random").get_iterator(worker_index=1, num_workers=2)),
    "limited": ids(dataview(iteration_limit=12).get_iterator(query_cache_size=5)),
    "nearest_exact": nearest(fast=False),
    "nearest_fast": nearest(fast=True),
}))
