"""Access rules on datasets and dataviews (issue 16) over in-memory fakes and ``StaticAccess``:
listings filter readable entities in the query, reads of unreadable ones answer the entity's
invalid id, writes need read_write (403/21), a version follows its dataset, a dataview's frame
reads need read on the datasets it reads."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from services.datasets.access import DatasetAccess
from services.datasets.datasets.service import DatasetService
from services.datasets.datasets.versions import VersionService
from services.datasets.dataviews.service import DataviewService
from services.datasets.handlers import ACCESS, DATASET_R, DATASET_W, DATAVIEW_ID, INLINE_DATAVIEW, VERSION_R, VERSION_W
from shared.access.snapshot import AccessRulesChanged, GroupSnapshot, RuleSnapshot
from shared.access.view import StaticAccess
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.access_internal import CheckAccessRequest
from shared.schemas.registry import request_models
from tests.unit.datasets.dataview_fakes import InMemoryDataviewRepository, InMemoryProjects
from tests.unit.datasets.fakes import FakeFrames, FakeProjects, InMemoryDatasetRepository, InMemoryVersionRepository

ANN = Identity(company="acme", user="ann")
BOB = Identity(company="acme", user="bob")
ADMIN = Identity(company="acme", user="boss", role="admin")
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)


def snapshot(*rules: RuleSnapshot, version: int = 1) -> AccessRulesChanged:
    defaults = [RuleSnapshot(id=f"c-{t}", entity_type=t, access_permission="read_write", groups=["all"])
                for t in ("dataset", "dataview")]
    return AccessRulesChanged(company="acme", version=version, groups=[GroupSnapshot(id="all", everyone=True)],
                              rules=[*defaults, *rules])


def on(entity_type: str, entity_id: str, permission: str, *users: str) -> RuleSnapshot:
    return RuleSnapshot(id=f"{entity_id}-{permission}-{users}", entity_type=entity_type, entity_id=entity_id,
                        access_permission=permission, users=list(users))


class World:
    def __init__(self) -> None:
        ids = iter(f"id{i}" for i in range(1000))
        self.rules = StaticAccess()
        self.datasets_repo, self.versions_repo = InMemoryDatasetRepository(), InMemoryVersionRepository()
        self.dataviews_repo = InMemoryDataviewRepository()
        self.access = DatasetAccess(self.rules, self.datasets_repo, self.versions_repo)
        self.access.attach_dataviews(self.dataviews_repo)
        new_id = lambda: next(ids)  # noqa: E731
        self.datasets = DatasetService(self.datasets_repo, self.versions_repo, FakeFrames(), FakeProjects("p1"),
                                       lambda: NOW, new_id, access=self.access)
        self.versions = VersionService(self.datasets_repo, self.versions_repo, FakeFrames(), lambda: NOW, new_id)
        self.dataviews = DataviewService(self.dataviews_repo, self.datasets_repo, self.versions_repo,
                                         InMemoryProjects("p1"), lambda rule, index: {}, lambda: NOW, new_id,
                                         access=self.access)

    async def call(self, endpoint: str, identity: Identity, use_case, *needs, **body):
        request = request_models()[endpoint].model_validate(body)
        return await self.access.guard(use_case, *needs)(identity, request)

    async def refused(self, endpoint: str, identity: Identity, use_case, *needs, **body) -> tuple[int, int]:
        with pytest.raises(ApiError) as error:
            await self.call(endpoint, identity, use_case, *needs, **body)
        return error.value.code, error.value.subcode


@pytest.fixture
async def world():
    w = World()
    w.d1 = (await w.call("datasets.create", ANN, w.datasets.create, name="cats"))["id"]
    w.d2 = (await w.call("datasets.create", ANN, w.datasets.create, name="dogs"))["id"]
    w.v1 = (await w.call("datasets.create_version", ANN, w.versions.create_version, DATASET_W,
                         dataset=w.d1, name="v1"))["id"]
    w.view = (await w.call("dataviews.create", ANN, w.dataviews.create, name="view",
                           versions=[{"dataset": w.d1, "version": w.v1}]))["id"]
    return w


async def listed(world, identity, **body) -> set[str]:
    answer = await world.call("datasets.get_all", identity, world.datasets.get_all, **body)
    return {d["id"] for d in answer["datasets"]}


async def test_an_unreadable_dataset_is_absent_with_its_versions_and_frames(world):
    world.rules.take(snapshot(on("dataset", world.d1, "read_write", "ann")))
    assert await listed(world, BOB) == {world.d2} and await listed(world, ANN) == {world.d1, world.d2}
    assert await listed(world, ADMIN) == {world.d1, world.d2}
    page = await world.call("datasets.get_all", BOB, world.datasets.get_all, page=0, page_size=1)
    assert [d["id"] for d in page["datasets"]] == [world.d2]  # filtered in the query, not after paging
    assert await world.refused("datasets.get_by_id", BOB, world.datasets.get_by_id, DATASET_R,
                               dataset=world.d1) == (400, 10)
    assert await world.refused("datasets.get_by_name", BOB, world.datasets.get_by_name, dataset="cats") == (400, 10)
    assert await world.refused("datasets.get_stats", BOB, world.versions.get_stats, VERSION_R,
                               version=world.v1) == (400, 10)
    tags = await world.call("datasets.get_tags", BOB, world.datasets.get_tags, datasets=[world.d1])
    assert tags == {"tags": []}


async def test_read_only_reads_but_writes_are_403_21_and_change_nothing(world):
    world.rules.take(snapshot(on("dataset", world.d1, "read", "bob"), on("dataset", world.d1, "read_write", "ann")))
    got = await world.call("datasets.get_by_id", BOB, world.datasets.get_by_id, DATASET_R, dataset=world.d1)
    assert got["dataset"]["id"] == world.d1
    assert await world.refused("datasets.update", BOB, world.datasets.update, DATASET_W, dataset=world.d1,
                               name="mine") == (403, 21)
    assert await world.refused("datasets.update_version", BOB, world.versions.update_version, VERSION_W,
                               version=world.v1, name="x") == (403, 21)
    assert await world.refused("datasets.create_version", BOB, world.versions.create_version, DATASET_W,
                               dataset=world.d1, name="v2") == (403, 21)
    assert (await world.datasets_repo.get("acme", world.d1))["name"] == "cats"
    await world.call("datasets.update", ANN, world.datasets.update, DATASET_W, dataset=world.d1, name="kittens")


async def test_a_dataview_reads_frames_only_with_read_on_its_datasets(world):
    async def count_probe(identity, request):
        return {"ok": True}

    world.rules.take(snapshot(on("dataset", world.d1, "read", "ann")))
    assert await world.call("frames.get_count_for_dataview_id", ANN, count_probe, DATAVIEW_ID,
                            dataview=world.view) == {"ok": True}
    assert await world.refused("frames.get_count_for_dataview_id", BOB, count_probe, DATAVIEW_ID,
                               dataview=world.view) == (400, 10)
    inline = {"versions": [{"dataset": world.d1, "version": world.v1}]}
    assert await world.refused("frames.get_count_for_dataview", BOB, count_probe, INLINE_DATAVIEW,
                               dataview=inline) == (400, 10)
    assert await world.refused("dataviews.create", BOB, world.dataviews.create, name="mine",
                               versions=[{"dataset": world.d1, "version": world.v1}]) == (400, 10)


async def test_dataview_rules_list_read_write_and_per_id_many(world):
    other = (await world.call("dataviews.create", ANN, world.dataviews.create, name="other"))["id"]
    world.rules.take(snapshot(on("dataview", world.view, "read", "bob"), on("dataview", world.view, "read_write", "ann"),
                              on("dataview", other, "read_write", "ann")))
    listed_views = await world.call("dataviews.get_all", BOB, world.dataviews.get_all)
    assert [v["id"] for v in listed_views["dataviews"]] == [world.view]
    assert await world.refused("dataviews.get_by_id", BOB, world.dataviews.get_by_id, dataview=other) == (400, 10)
    assert await world.refused("dataviews.update", BOB, world.dataviews.update, dataview=world.view,
                               name="x") == (403, 21)
    many = await world.call("dataviews.archive_many", BOB, world.dataviews.archive_many, ids=[world.view, other])
    assert many["succeeded"] == [] and [f["error"]["codes"] for f in many["failed"]] == [[403, 21], [400, 10]]
    many = await world.call("dataviews.archive_many", ANN, world.dataviews.archive_many, ids=[world.view, other])
    assert len(many["succeeded"]) == 2


async def test_check_access_agrees_with_the_endpoints(world):
    world.rules.take(snapshot(on("dataset", world.d1, "read", "bob"), on("dataview", world.view, "read_write", "ann")))
    check = world.access.check_access
    assert await check(BOB, CheckAccessRequest(entity_type="dataset", entity_id=world.d1)) == {}
    for identity, request, code in (
            (BOB, CheckAccessRequest(entity_type="dataset", entity_id=world.d1, access_permission="read_write"),
             (403, 21)),
            (BOB, CheckAccessRequest(entity_type="dataview", entity_id=world.view), (400, 10)),
            (ANN, CheckAccessRequest(entity_type="dataset", entity_id="nope"), (400, 10))):
        with pytest.raises(ApiError) as error:
            await check(identity, request)
        assert (error.value.code, error.value.subcode) == code
    assert await check(ADMIN, CheckAccessRequest(entity_type="dataview", entity_id=world.view,
                                                 access_permission="read_write")) == {}


async def test_creating_a_dataset_or_dataview_needs_read_write_on_its_category(world):
    """A new dataset's (dataview's) chain starts at its category: with only read there the
    create is 403/21 and creates nothing; admins bypass."""
    everyone = GroupSnapshot(id="all", everyone=True)
    read_only = [RuleSnapshot(id=f"c-{t}", entity_type=t, access_permission="read", groups=["all"])
                 for t in ("dataset", "dataview")]
    world.rules.take(AccessRulesChanged(company="acme", version=1, groups=[everyone], rules=read_only))
    needs = {endpoint: ACCESS[endpoint] for endpoint in ("datasets.create", "dataviews.create")}
    assert await world.refused("datasets.create", BOB, world.datasets.create, *needs["datasets.create"],
                               name="bobs") == (403, 21)
    assert await world.refused("dataviews.create", BOB, world.dataviews.create, *needs["dataviews.create"],
                               name="bobs") == (403, 21)
    assert await listed(world, ADMIN) == {world.d1, world.d2}  # nothing created
    created = await world.call("datasets.create", ADMIN, world.datasets.create, *needs["datasets.create"], name="x")
    assert created["id"]
