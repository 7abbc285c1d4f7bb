"""Stories of the datasets room's use cases over in-memory fakes of its ports."""

from datetime import datetime, timedelta, timezone
from itertools import count

import pytest

from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.registry import request_models
from tests.unit.datasets.fakes import FakeFrames, FakeProjects, InMemoryDatasetRepository, InMemoryVersionRepository

ANN = Identity(company="acme", user="u1", user_name="ann")
BOB = Identity(company="other", user="u2")


class World:
    def __init__(self) -> None:
        self.datasets, self.versions, self.frames = InMemoryDatasetRepository(), InMemoryVersionRepository(), FakeFrames()
        ticks, ids = count(), count(1)
        clock = lambda: datetime(2024, 5, 1, tzinfo=timezone.utc) + timedelta(seconds=next(ticks))  # noqa: E731
        new_id = lambda: f"id{next(ids)}"  # noqa: E731
        self.projects = FakeProjects("p1", "p9")
        self.dataset_service = DatasetService(self.datasets, self.versions, self.frames, self.projects, clock, new_id)
        self.version_service = VersionService(self.datasets, self.versions, self.frames, clock, new_id)

    async def call(self, endpoint: str, identity: Identity = ANN, **body):
        action = endpoint.split(".", 1)[1]
        service = self.dataset_service if hasattr(self.dataset_service, action) else self.version_service
        use_case = {"get_all_ex": "get_all", "get_versions_ex": "get_versions"}.get(action, action)
        return await getattr(service, use_case)(identity, request_models()[endpoint].model_validate(body))

    async def refused(self, endpoint: str, identity: Identity = ANN, **body) -> tuple[int, int]:
        with pytest.raises(ApiError) as error:
            await self.call(endpoint, identity, **body)
        return error.value.code, error.value.subcode

    async def published_root(self, dataset: str, name: str = "root") -> str:
        version = (await self.call("datasets.create_version", dataset=dataset, name=name))["id"]
        await self.call("datasets.publish_version", version=version)
        return version


@pytest.fixture
def world():
    return World()


async def test_a_dataset_name_is_unique_in_a_company(world):
    created = await world.call("datasets.create", name="cats", project="p1", tags=["a", "a", "b"],
                               field_mappings={"meta.v": {"type": "dense_vector", "dims": 3}})
    assert await world.refused("datasets.create", name="cats") == (400, 801)
    assert (await world.call("datasets.create", BOB, name="cats"))["id"] != created["id"]
    stored = await world.datasets.get("acme", created["id"])
    assert stored["tags"] == ["a", "b"] and stored["project"] == "p1"
    assert stored["field_mappings"] == {"meta.v": {"type": "dense_vector", "dims": 3}}


async def test_an_unknown_dataset_or_one_of_another_company_is_an_invalid_id(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    assert await world.refused("datasets.get_by_id", BOB, dataset=dataset) == (400, 10)
    assert await world.refused("datasets.get_by_name", BOB, dataset="cats") == (400, 10)
    assert (await world.call("datasets.get_by_name", dataset="cats"))["dataset"]["id"] == dataset
    assert await world.refused("datasets.create_version", BOB, dataset=dataset, name="v") == (400, 10)
    assert await world.refused("datasets.get_stats", version="nope") == (400, 10)


async def test_a_child_version_starts_from_a_published_parent_and_sees_its_frames(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    draft = (await world.call("datasets.create_version", dataset=dataset, name="draft"))["id"]
    assert await world.refused("datasets.create_version", dataset=dataset, name="child", parent=draft) == (400, 16)
    root = await world.published_root(dataset)
    child = (await world.call("datasets.create_version", dataset=dataset, name="child", parent=root))["id"]
    assert (await world.versions.get("acme", child))["lineage"] == [child, root]
    world.frames.frames = {root: [["cat"], []], child: [["dog", "cat"]]}
    stats = await world.call("datasets.get_stats", version=child)
    assert stats["frames"] == [{"name": "total", "count": 3}, {"name": "annotated", "count": 2},
                               {"name": "unannotated", "count": 1}]
    assert await world.refused("datasets.create_version", dataset=dataset, name="child") == (400, 801)


async def test_commit_computes_statistics_and_keeps_the_version_writable_publish_locks_it(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    version = (await world.call("datasets.create_version", dataset=dataset, name="v"))["id"]
    world.frames.frames = {version: [["cat"]]}
    answer = await world.call("datasets.commit_version", version=version)
    assert answer["version"] == version and answer["dataset"] == dataset
    stored = await world.versions.get("acme", version)
    assert stored["status"] == "committed" and stored["stats"]["labels"] == [{"name": "cat", "count": 1}]
    assert (await world.version_service.writable_version("acme", version))["_id"] == version
    await world.call("datasets.publish_version", version=version)
    assert (await world.versions.get("acme", version))["status"] == "published"
    with pytest.raises(ApiError) as refused:
        await world.version_service.writable_version("acme", version)
    assert refused.value.code == 400
    assert await world.refused("datasets.commit_version", version=version) == (400, 16)
    assert await world.refused("datasets.publish_version", version=version) == (400, 16)


async def test_commit_takes_override_stats_and_can_publish(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    version = (await world.call("datasets.create_version", dataset=dataset, name="v"))["id"]
    override = {"frames": [{"name": "total", "count": 7}], "labels": [], "content_types": []}
    await world.call("datasets.commit_version", version=version, override_stats=override, publish=True)
    stored = await world.versions.get("acme", version)
    assert stored["status"] == "published" and stored["stats"] == override


async def test_a_snapshot_keeps_the_id_and_a_new_draft_child_takes_the_name(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    current = (await world.call("datasets.create_version", dataset=dataset, name="Current", tags=["t"],
                                metadata={"mask_labels": 1}))["id"]
    child = (await world.call("datasets.publish_and_create_child_version", dataset=dataset, version=current))["id"]
    snapshot = await world.versions.get("acme", current)
    assert snapshot["status"] == "published" and snapshot["name"].startswith("snapshot 2024-05-01T")
    assert snapshot["comment"].startswith("published at 2024-05-01T") and snapshot["comment"].endswith("by ann")
    new = await world.versions.get("acme", child)
    assert new["name"] == "Current" and new["parent"] == current and new["status"] == "draft"
    assert new["tags"] == ["t"] and new["metadata"] == {"mask_labels": 1} and new["lineage"] == [child, current]


async def test_a_snapshot_whose_names_collide_changes_nothing(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    await world.published_root(dataset, "taken")
    current = (await world.call("datasets.create_version", dataset=dataset, name="Current"))["id"]
    assert await world.refused("datasets.publish_and_create_child_version", dataset=dataset, version=current,
                               publish_name="taken") == (400, 801)
    assert await world.refused("datasets.publish_and_create_child_version", dataset=dataset, version=current,
                               child_metadata={"a.b": 1}) == (400, 12)
    assert (await world.versions.get("acme", current))["status"] == "draft"


async def test_deleting_a_version_with_children_is_refused_otherwise_its_frames_go(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    child = (await world.call("datasets.create_version", dataset=dataset, name="child", parent=root))["id"]
    assert await world.refused("datasets.delete_version", version=root, force=True) == (400, 16)
    assert await world.call("datasets.delete_version", version=child) == {"deleted": True}
    assert world.frames.dropped_versions == [child]
    assert await world.refused("datasets.delete_version", version=root) == (400, 16)
    assert await world.call("datasets.delete_version", version=root, force=True) == {"deleted": True}


async def test_deleting_a_dataset_takes_its_versions_and_frames(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    assert await world.refused("datasets.delete", dataset=dataset) == (400, 16)
    assert await world.refused("datasets.delete", dataset=dataset, delete_all_versions=True) == (400, 16)
    answer = await world.call("datasets.delete", dataset=dataset, delete_all_versions=True, force=True)
    assert answer == {"deleted": True, "deleted_versions": [root]}
    assert world.frames.dropped_datasets == [dataset]
    assert await world.versions.get("acme", root) is None


async def test_get_all_counts_versions_and_resolves_the_head_when_asked(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    head = (await world.call("datasets.create_version", dataset=dataset, name="child", parent=root))["id"]
    plain = (await world.call("datasets.get_all", id=[dataset]))["datasets"][0]
    assert plain["version_count"] == 2 and "head_version" not in plain
    assert plain["display_version_name"] == "root"
    resolved = (await world.call("datasets.get_all", id=[dataset], resolve_head=True,
                                 only_fields=["head_version", "paradigm"]))["datasets"][0]
    assert resolved["head_version"]["id"] == head and "lineage" not in resolved["head_version"]
    assert resolved["paradigm"] == "single_version" and set(resolved) == {"id", "head_version", "paradigm"}


async def test_get_versions_answers_only_published_versions_unless_asked(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    draft = (await world.call("datasets.create_version", dataset=dataset, name="child", parent=root))["id"]
    assert [v["id"] for v in (await world.call("datasets.get_versions", dataset=dataset))["versions"]] == [root]
    every = (await world.call("datasets.get_versions", dataset=dataset, only_published=False,
                              only_fields=["id", "name"]))["versions"]
    assert every == [{"id": root, "name": "root"}, {"id": draft, "name": "child"}]


async def test_a_published_versions_metadata_cannot_change_its_name_can(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    assert await world.refused("datasets.update_version", version=root, metadata={"a": 1}) == (400, 16)
    assert await world.call("datasets.update_version", version=root, name="renamed") == {"updated": 1}
    assert (await world.versions.get("acme", root))["name"] == "renamed"


async def test_update_move_and_tags_of_datasets(world):
    first = (await world.call("datasets.create", name="cats", tags=["a"], system_tags=["s"]))["id"]
    second = (await world.call("datasets.create", name="dogs", tags=["b"]))["id"]
    assert await world.call("datasets.update", dataset=first, tags=["c"], comment="x") == {
        "updated": 1, "fields": {"comment": "x", "tags": ["c"]}}
    assert await world.refused("datasets.update", dataset=second, name="cats") == (400, 801)
    assert await world.call("datasets.get_tags") == {"tags": ["b", "c"]}
    assert await world.call("datasets.get_tags", datasets=[first], include_system=True) == {
        "tags": ["c"], "system_tags": ["s"]}
    assert await world.call("datasets.move", ids=[first, second], project="p9") == {}
    assert (await world.datasets.get("acme", second))["project"] == "p9"


async def test_update_stats_for_all_versions_recomputes_every_versions_statistics(world):
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    root = await world.published_root(dataset)
    world.frames.frames = {root: [["cat"], ["cat"]]}
    assert await world.call("datasets.update_stats_for_all_versions") == {"updated": [dataset]}
    assert (await world.versions.get("acme", root))["stats"]["frames"][0] == {"name": "total", "count": 2}


async def test_a_dataset_goes_only_into_a_project_that_exists_or_one_named(world):
    assert await world.refused("datasets.create", name="cats", project="nope") == (400, 401)
    dataset = (await world.call("datasets.create", name="cats"))["id"]
    assert await world.refused("datasets.move", ids=[dataset], project="nope") == (400, 401)
    assert await world.call("datasets.move", ids=[dataset], project_name="fresh") == {}
    assert (await world.datasets.get("acme", dataset))["project"] == "p-fresh"
    assert await world.call("datasets.move", ids=[dataset], project=None) == {}
    assert (await world.datasets.get("acme", dataset))["project"] is None
    assert await world.refused("datasets.move", ids=[dataset]) == (400, 11)
