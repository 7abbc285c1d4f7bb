"""Run by test_datasets_versions in a clean process: the SDK's Hyper-Datasets backend
(``HyperDatasetManagementBackend``, what ``HyperDataset`` and ``HyperDatasetManagement`` call)
creating, finding, snapshotting and deleting a dataset's versions. Prints JSON."""

import json
import uuid

from clearml.backend_interface.datasets.hyper_dataset import HyperDatasetManagementBackend as Backend

name = f"e2e-hd-{uuid.uuid4().hex[:8]}"
dataset = Backend.create_dataset(name=name, comment="made by the e2e test")
version = Backend.create_version(name="Current", dataset_id=dataset)
head = Backend.get_version(dataset_id=dataset)
child = Backend.publish_and_create_child_version(dataset_id=dataset, version_id=version)
snapshot = Backend.get_version_by_id(dataset_id=dataset, version_id=version)
result = {
    "dataset": dataset,
    "dataset_again": Backend.create_dataset(name=name),
    "version": version,
    "version_again": Backend.create_version(name="Current", dataset_id=dataset),
    "head": head,
    "child": child,
    "head_after_snapshot": Backend.get_version(dataset_id=dataset),
    "snapshot": {"name": snapshot.name, "status": str(snapshot.status)},
    "by_name": Backend.get_version(dataset_id=dataset, version_name=snapshot.name),
    "child_exists": Backend.version_exists(dataset_id=dataset, version_id=child),
    "metadata_set": Backend.set_version_metadata(dataset_id=dataset, version_id=child, metadata={"a": {"b": 1}}),
    "metadata": Backend.get_version_metadata(dataset_id=dataset, version_id=child),
    "published_metadata_set": Backend.set_version_metadata(dataset_id=dataset, version_id=version, metadata={"a": 2}),
    "tags_set": Backend.update_dataset_tags(dataset_id=dataset, tags=["x", "y"]),
    "tags": list(Backend.get_dataset_by_id(dataset).tags),
    "listed": [d["id"] for d in Backend.list(partial_name=f"^{name}$")],
    "committed": getattr(Backend.commit_version(child), "version", None),
    "child_deleted": Backend.delete_dataset_version(version_id=child),
    "dataset_deleted": Backend.delete_dataset(dataset_id=dataset, force=True),
    "gone": Backend.get_dataset_by_id(dataset) is None,
}
print(json.dumps(result))
