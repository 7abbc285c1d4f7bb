"""The repository behaviour suite against the real MongoDB-wire server (SecantusDB locally),
with the production indexes in place, plus what only a real store can show."""

import pytest

from services.tasks.store.queries import FindQuery, regex_condition

from services.tasks.store.repository import MongoProjectRepository, MongoTaskRepository, PROJECT_INDEXES, TASK_INDEXES
from tests.unit.tasks.repository_suite import (
    ACME,
    ProjectRepositoryContract,
    TaskRepositoryContract,
    a_project,
    a_task,
    ids,
    projects_get_all,
    tasks_get_all,
)

from tests.support.repositories import indexed

pytestmark = pytest.mark.integration


@pytest.fixture
async def tasks_repo(mongo_db):
    return await indexed(MongoTaskRepository(mongo_db))


@pytest.fixture
async def projects_repo(mongo_db):
    return await indexed(MongoProjectRepository(mongo_db))


class TestMongoTaskRepository(TaskRepositoryContract):
    async def test_indexes_exist(self, tasks_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["task"].list_indexes()}
        assert {index.document["name"] for index in TASK_INDEXES} <= names

    async def test_regex_on_the_indexed_name_field_is_a_regex_not_an_equality(self, tasks_repo):
        # SecantusDB matches a BSON regex on an indexed field as an equality; the operator form
        # written by queries.py must find prefixes (and anchored exact names) all the same.
        await tasks_repo.add(a_task("t1", name="experiment alpha"))
        await tasks_repo.add(a_task("t2", minute=1, name="experiment beta"))
        assert ids(await tasks_repo.find(tasks_get_all(name="^experiment"))) == ["t1", "t2"]
        assert ids(await tasks_repo.find(tasks_get_all(name="beta"))) == ["t2"]
        # With the company as an equality the (company, name) index serves the regex: the
        # case where a compiled pattern finds nothing on SecantusDB.
        by_index = FindQuery(filter={"company": ACME, "name": regex_condition("^experiment")})
        assert ids(await tasks_repo.find(by_index)) == ["t1", "t2"]


class TestMongoProjectRepository(ProjectRepositoryContract):
    async def test_indexes_exist(self, projects_repo, mongo_db):
        names = {index["name"] async for index in await mongo_db["project"].list_indexes()}
        assert {index.document["name"] for index in PROJECT_INDEXES} <= names

    async def test_regex_on_the_indexed_project_name(self, projects_repo):
        await projects_repo.add(a_project("p1", "vision/detection"))
        await projects_repo.add(a_project("p2", "vision/segmentation"))
        assert ids(await projects_repo.find(projects_get_all(name="^vision/", order_by=["name"]))) == ["p1", "p2"]
        assert ids(await projects_repo.find(projects_get_all(name=r"^vision/detection$"))) == ["p1"]
        assert ids(await projects_repo.find(projects_get_all(ACME, name="seg"))) == ["p2"]
