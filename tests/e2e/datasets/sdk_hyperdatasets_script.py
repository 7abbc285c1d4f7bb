"""What a user of ``clearml.hyperdatasets`` does, one phase per run (``python <this> <phase>
<args...>``), against the API host of the environment. Prints one JSON line (the last).

Phases: ``build`` (the parent and child versions of ``hyperdata``), ``iterate`` (every entry
of a version), ``dataview`` (two weighted queries, one with a label rule), ``random`` (orders
of a random DataView under two seeds), ``workers`` (two iterators splitting one DataView),
``vector`` (nearest neighbours of a vector)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from clearml.hyperdatasets import (  # noqa: E402
    DataEntryImage,
    DataSubEntryImage,
    DataView,
    HyperDataset,
    HyperDatasetQuery,
)

from tests.e2e.datasets import hyperdata  # noqa: E402


def entry(f: dict) -> DataEntryImage:
    """The SDK's image entry of a reference frame: one source, its boxes, its meta."""
    meta = {k: v for k, v in f["meta"].items() if k != hyperdata.VECTOR_FIELD}
    data_entry = DataEntryImage(data_entry_id=f["id"], metadata=meta)
    sub = DataSubEntryImage(name="image", source=f["uri"], width=640, height=480, timestamp=f["timestamp"],
                            context_id=f["context_id"])
    for n in range(f["cars"]):
        sub.add_annotation(box2d_xywh=[10 * n, 10, 50, 40], labels=["car"], confidence=0.5 + n / 10)
    if f["person"]:
        sub.add_annotation(poly2d_xy=[(0, 0), (5, 0), (5, 9)], labels=["person"], confidence=0.9)
    data_entry.add_sub_entries([sub])
    data_entry.set_vector(f["meta"][hyperdata.VECTOR_FIELD], hyperdata.VECTOR_FIELD)
    return data_entry


def registered(errors: dict) -> dict:
    """The registration errors add_data_entries reported (as text), none expected."""
    return {k: str(v) for k, v in {**errors["upload"], **errors["register"]}.items()}


def build(project: str, name: str) -> dict:
    mappings = {f"meta.{hyperdata.VECTOR_FIELD}": {"type": "dense_vector", "element_type": "float",
                                                    "dims": hyperdata.DIMS}}
    parent = HyperDataset(project_name=project, dataset_name=name, version_name="v1", field_mappings=mappings)
    errors = registered(parent.add_data_entries([entry(f) for f in hyperdata.parent_frames().values()],
                                                show_progress=False))
    published = parent.publish_version()
    child = HyperDataset(project_name=project, dataset_name=name, version_name="v2", parent_id=parent.version_id)
    errors.update(registered(child.add_data_entries([entry(hyperdata.updated(i)) for i in hyperdata.UPDATED],
                                                    show_progress=False)))
    deleted = child.delete_data_entries([hyperdata.frame_id(i) for i in hyperdata.DELETED])
    return {"dataset": parent.dataset_id, "same_dataset": child.dataset_id == parent.dataset_id,
            "v1": parent.version_id, "v2": child.version_id, "errors": errors,
            "published": bool(published.ok()), "deleted": deleted}


def roi_labels(roi) -> list[str]:
    """The labels of an ROI as the SDK hands it back (an API object, or a dict)."""
    labels = roi.get("label") if isinstance(roi, dict) else getattr(roi, "label", None)
    return list(labels or [])


def summary(data_entry) -> list:
    """(id, split, score, vector, ROI labels) of an entry the SDK yields."""
    meta = data_entry._metadata
    labels = sorted(label for sub in data_entry for roi in sub.get_all_annotations() for label in roi_labels(roi))
    return [data_entry.id, meta.get("split"), meta.get("score"), meta.get(hyperdata.VECTOR_FIELD), labels]


def iterate(dataset: str, version: str) -> dict:
    hd = HyperDataset.get(dataset_id=dataset, version_id=version)
    return {"entries": [summary(e) for e in hd.get_iterator()]}


def dataview(dataset: str, version: str) -> dict:
    view = DataView(name="two weighted queries", auto_connect_with_task=False)
    view.add_query(dataset_id=dataset, version_id=version, frame_query=hyperdata.TRAIN_QUERY, weight=2.0)
    view.add_queries(HyperDatasetQuery(
        dataset_id=dataset, version_id=version, frame_query=hyperdata.CAR_RULE_QUERY, weight=1.0,
        filter_by_roi="label_rules", label_rules=[{"label": "car", "count_range": list(hyperdata.CAR_COUNT_RANGE)}],
    ))
    return {"ids": [e.id for e in view.get_iterator()], "count": view.get_count()}


def random_orders(dataset: str, version: str, seed: int, other_seed: int) -> dict:
    def order(of_seed: int) -> list[str]:
        view = DataView(iteration_order="random", iteration_random_seed=of_seed, auto_connect_with_task=False)
        view.add_query(dataset_id=dataset, version_id=version)
        return [e.id for e in view.get_iterator(projection=["id"])]

    return {"first": order(seed), "again": order(seed), "other": order(other_seed)}


def workers(dataset: str, version: str) -> dict:
    """Two iterators of one DataView, as two workers of one task take it (worker 0 and 1 of 2)."""
    view = DataView(name="two workers", auto_connect_with_task=False)
    view.add_query(dataset_id=dataset, version_id=version)
    first = view.get_iterator(projection=["id"], worker_index=0, num_workers=2)
    second = view.get_iterator(projection=["id"], worker_index=1, num_workers=2)
    return {"first": [e.id for e in first], "second": [e.id for e in second]}


def vector(dataset: str, asks: str, k: str) -> dict:
    """For each [version, similarity, query vector] of ``asks``: the ids vector_search found,
    under "<version>/<similarity>"."""
    found = {}
    for version, similarity, query in json.loads(asks):
        hd = HyperDataset.get(dataset_id=dataset, version_id=version)
        entries = hd.vector_search(query, hyperdata.VECTOR_FIELD, number_of_neighbors=int(k),
                                   similarity_function=similarity)
        found[f"{version}/{similarity}"] = [e.id for e in entries]
    return {"found": found}


PHASES = {"build": build, "iterate": iterate, "dataview": dataview, "random": random_orders,
          "workers": workers, "vector": vector}

if __name__ == "__main__":
    phase, *args = sys.argv[1:]
    if phase == "random":
        args = [args[0], args[1], int(args[2]), int(args[3])]
    print(json.dumps(PHASES[phase](*args)))
