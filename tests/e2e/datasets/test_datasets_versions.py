"""Datasets and the version tree through the gateway, as ClearML Enterprise answers them and as
the SDK's Hyper-Datasets client (``clearml/backend_interface/datasets/hyper_dataset.py``)
calls them. Each answer is also read with the SDK's own response class (v2_23), which is how
the SDK takes it."""

from __future__ import annotations

import uuid

import httpx
import pytest
from clearml.backend_api.services.v2_23 import datasets as sdk

from tests.e2e.test_sdk_skeleton import run_sdk

pytestmark = pytest.mark.e2e


def call(http: httpx.Client, endpoint: str, body: dict) -> dict:
    response = http.post(f"/v2.23/{endpoint}", json=body)
    assert response.status_code == 200, response.text[:500]
    return response.json()["data"]


def fails(http: httpx.Client, endpoint: str, body: dict) -> tuple[int, int]:
    meta = http.post(f"/v2.23/{endpoint}", json=body).json()["meta"]
    return meta["result_code"], meta["result_subcode"]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def new_dataset(http: httpx.Client, **fields) -> str:
    return call(http, "datasets.create", {"name": unique("ds"), **fields})["id"]


def new_version(http: httpx.Client, dataset: str, name: str, parent: str | None = None, publish: bool = False) -> str:
    version = call(http, "datasets.create_version", {"dataset": dataset, "name": name, "parent": parent})["id"]
    if publish:
        call(http, "datasets.publish_version", {"version": version})
    return version


def versions(http: httpx.Client, dataset: str, **body) -> list[sdk.Version]:
    data = call(http, "datasets.get_versions", {"dataset": dataset, **body})
    return sdk.GetVersionsResponse(**data).versions


def test_create_refuses_a_name_taken_and_get_all_finds_it_by_exact_name(http):
    name = unique("ds")
    dataset = call(http, "datasets.create", {"name": name, "project": None, "tags": ["a"]})["id"]
    assert fails(http, "datasets.create", {"name": name}) == (400, 801)
    # the SDK's fallback after a failed create: get_all by ^name$ with only_fields=[id]
    found = call(http, "datasets.get_all", {"name": f"^{name}$", "only_fields": ["id"]})
    assert [d.id for d in sdk.GetAllResponse(**found).datasets] == [dataset]


def test_create_takes_field_mappings_as_the_sdk_sends_them(http):
    mappings = {"meta.embedding": {"type": "dense_vector", "element_type": "float", "dims": 4}}
    dataset = call(http, "datasets.create", {"name": unique("ds"), "field_mappings": mappings})["id"]
    answer = call(http, "datasets.get_by_id", {"dataset": dataset})
    assert answer["dataset"]["field_mappings"] == mappings
    assert sdk.GetByIdResponse(**answer).dataset.id == dataset


def test_a_version_name_is_unique_in_its_dataset_and_the_sdk_finds_the_existing_one(http):
    dataset = new_dataset(http)
    version = new_version(http, dataset, "Current")
    assert fails(http, "datasets.create_version", {"dataset": dataset, "name": "Current"}) == (400, 801)
    listed = versions(http, dataset, only_fields=["id", "name"], only_published=False, page_size=100)
    assert [(v.id, v.name) for v in listed] == [(version, "Current")]


def test_a_child_version_needs_a_published_parent(http):
    dataset = new_dataset(http)
    draft = new_version(http, dataset, "draft")
    assert fails(http, "datasets.create_version", {"dataset": dataset, "name": "c", "parent": draft}) == (400, 16)
    root = new_version(http, dataset, "root", publish=True)
    child = new_version(http, dataset, "child", parent=root)
    (found,) = versions(http, dataset, versions=[child], only_published=False)
    assert (found.parent, str(found.status), found.dataset) == (root, "draft", dataset)


def test_get_versions_answers_only_published_versions_by_default(http):
    dataset = new_dataset(http)
    root = new_version(http, dataset, "root", publish=True)
    new_version(http, dataset, "child", parent=root)
    assert [v.id for v in versions(http, dataset)] == [root]
    assert len(versions(http, dataset, only_published=False)) == 2


def test_commit_keeps_the_version_writable_and_publish_locks_it(http):
    dataset = new_dataset(http)
    version = new_version(http, dataset, "v")
    committed = call(http, "datasets.commit_version", {"version": version, "calculate_stats": True})
    assert sdk.CommitVersionResponse(**committed).version == version
    (found,) = versions(http, dataset, versions=[version], only_published=False)
    assert str(found.status) == "committed" and found.committed is not None
    assert call(http, "datasets.update_version", {"version": version, "metadata": {"k": 1}}) == {"updated": 1}
    assert call(http, "datasets.publish_version", {"version": version}) == {}
    (found,) = versions(http, dataset, versions=[version])
    assert str(found.status) == "published" and found.published is not None
    assert fails(http, "datasets.commit_version", {"version": version}) == (400, 16)
    assert fails(http, "datasets.update_version", {"version": version, "metadata": {"k": 2}}) == (400, 16)


def test_a_snapshot_keeps_the_version_id_and_a_draft_child_takes_its_place(http):
    dataset = new_dataset(http)
    current = new_version(http, dataset, "Current")
    child = call(http, "datasets.publish_and_create_child_version", {"dataset": dataset, "version": current})["id"]
    (snapshot,) = versions(http, dataset, versions=[current])
    assert str(snapshot.status) == "published" and snapshot.name.startswith("snapshot ")
    (new,) = versions(http, dataset, versions=[child], only_published=False)
    assert (new.name, new.parent, str(new.status)) == ("Current", current, "draft")
    # the SDK's create_snapshot then asks for a version named like the snapshot under the draft
    # child: refused, and the SDK falls back to the existing one by name
    assert fails(http, "datasets.create_version", {"dataset": dataset, "name": snapshot.name,
                                                   "parent": child}) == (400, 16)


def test_get_all_resolves_the_head_version_the_sdk_reads(http):
    dataset = new_dataset(http)
    root = new_version(http, dataset, "root", publish=True)
    head = new_version(http, dataset, "child", parent=root)
    data = call(http, "datasets.get_all", {"id": [dataset], "only_fields": ["head_version"], "resolve_head": True})
    (found,) = sdk.GetAllResponse(**data).datasets
    assert found.head_version.id == head
    plain = sdk.GetAllResponse(**call(http, "datasets.get_all", {"id": [dataset]})).datasets[0]
    assert plain.version_count == 2 and plain.display_version_name == "root"


def test_get_stats_answers_clearmls_statistics_shape(http):
    dataset = new_dataset(http)
    version = new_version(http, dataset, "v")
    stats = sdk.GetStatsResponse(**call(http, "datasets.get_stats", {"version": version}))
    assert isinstance(stats.frames, list) and isinstance(stats.labels, list)
    assert fails(http, "datasets.get_stats", {"version": uuid.uuid4().hex}) == (400, 10)


def test_deleting_a_version_with_children_is_refused(http):
    dataset = new_dataset(http)
    root = new_version(http, dataset, "root", publish=True)
    child = new_version(http, dataset, "child", parent=root)
    assert fails(http, "datasets.delete_version", {"version": root, "force": True}) == (400, 16)
    assert call(http, "datasets.delete_version", {"version": child}) == {"deleted": True}
    assert fails(http, "datasets.delete_version", {"version": root}) == (400, 16)
    assert call(http, "datasets.delete_version", {"version": root, "force": True}) == {"deleted": True}


def test_deleting_a_dataset_with_published_versions_needs_force(http):
    dataset = new_dataset(http)
    root = new_version(http, dataset, "root", publish=True)
    assert fails(http, "datasets.delete", {"dataset": dataset}) == (400, 16)
    assert fails(http, "datasets.delete", {"dataset": dataset, "delete_all_versions": True}) == (400, 16)
    answer = call(http, "datasets.delete", {"dataset": dataset, "delete_all_versions": True, "force": True})
    assert sdk.DeleteResponse(**answer).deleted is True and answer["deleted_versions"] == [root]
    assert fails(http, "datasets.get_by_id", {"dataset": dataset}) == (400, 10)


def test_update_tags_and_move_of_a_dataset(http):
    dataset = new_dataset(http, tags=["a"])
    assert call(http, "datasets.update", {"dataset": dataset, "tags": ["b", "c"]})["updated"] == 1
    assert call(http, "datasets.get_tags", {"datasets": [dataset]}) == {"tags": ["b", "c"]}
    project = call(http, "projects.create", {"name": unique("hd-project"), "description": ""})["id"]
    assert call(http, "datasets.move", {"ids": [dataset], "project": project}) == {}
    assert [d["id"] for d in call(http, "datasets.get_all", {"project": project})["datasets"]] == [dataset]


def test_the_sdks_hyper_datasets_backend_creates_finds_snapshots_and_deletes(stack, tmp_path):
    result = run_sdk(stack, "datasets/sdk_versions_script.py", tmp_path)
    dataset, version, child = result["dataset"], result["version"], result["child"]
    assert result["dataset_again"] == dataset
    assert result["version_again"] == child  # after the snapshot, "Current" is the new draft
    assert result["head"] == version and result["head_after_snapshot"] == child
    assert result["snapshot"]["status"] == "published" and result["snapshot"]["name"].startswith("snapshot ")
    assert result["by_name"] == version and result["child_exists"] is True
    assert result["metadata_set"] is True and result["metadata"] == {"a": {"b": 1}}
    assert result["published_metadata_set"] is False
    assert result["tags_set"] is True and sorted(result["tags"]) == ["x", "y"]
    assert result["listed"] == [dataset] and result["committed"] == child
    assert result["child_deleted"] is True and result["dataset_deleted"] is True and result["gone"] is True


def test_the_ex_listings_take_field_filters(http):
    tag = unique("tag")
    first, second = new_dataset(http, tags=[tag, "x"]), new_dataset(http, tags=[tag])
    data = call(http, "datasets.get_all_ex", {"filters": {"tags": {"all": {"include": [tag], "exclude": ["x"]}}},
                                              "only_fields": ["id", "name"]})
    assert [d.id for d in sdk.GetAllResponse(**data).datasets] == [second]
    root = new_version(http, first, "root", publish=True)
    draft = new_version(http, first, "child", parent=root)
    data = call(http, "datasets.get_versions_ex", {"dataset": first, "only_published": False,
                                                   "filters": {"status": {"any": {"include": ["draft"]}}}})
    assert [v["id"] for v in data["versions"]] == [draft]


def test_get_all_ex_scrolls_in_windows_of_size(http):
    tag = unique("tag")
    made = [new_dataset(http, tags=[tag]) for _ in range(3)]
    body = {"tags": [tag], "size": 2, "only_fields": ["id"]}
    first = call(http, "datasets.get_all_ex", {**body, "scroll_id": None})
    second = call(http, "datasets.get_all_ex", {**body, "scroll_id": first["scroll_id"]})
    assert [d["id"] for d in first["datasets"] + second["datasets"]] == made
    assert fails(http, "datasets.get_all_ex", {**body, "scroll_id": "nope"}) == (400, 1104)
