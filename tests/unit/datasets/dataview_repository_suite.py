"""One behaviour suite of ``DataviewRepository``, run against the in-memory fake
(``test_dataview_rules.py``) and MongoDB-wire (``tests/integration/datasets/test_dataviews_store.py``).
A concrete class inherits ``DataviewRepositoryContract`` and provides ``dataviews_repo``."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from services.datasets.dataviews import listing, rules
from shared.schemas.registry import request_models

ACME, OTHER = "acme", "other"
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
RULE = {"dataset": "d1", "version": "*", "frame_query": "meta.x:1", "weight": 2.0,
        "label_rules": [{"label": "cat", "count_range": [1, -1], "must_not": False}]}


def a_dataview(dataview_id: str, company: str = ACME, minute: int = 0, **fields) -> dict:
    return rules.new_dataview({"name": f"view-{dataview_id}", **fields}, dataview_id, company, "u1",
                              T0 + timedelta(minutes=minute))


def get_all(company: str = ACME, **body) -> listing.DataviewFilter:
    return listing.dataview_filter(company, request_models()["dataviews.get_all"].model_validate(body))


def ids(found: list[dict]) -> list[str]:
    return [d["id"] for d in found]


class DataviewRepositoryContract:
    async def test_get_answers_clearml_s_dataview_shape_for_its_company_and_public_ones(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1", filters=[RULE], iteration={"order": "random", "random_seed": 3}))
        await dataviews_repo.add(a_dataview("pub", company=""))
        got = await dataviews_repo.get(ACME, "v1")
        assert got["id"] == "v1" and "_id" not in got
        assert got["created"] == T0.isoformat() and got["filters"] == [RULE] and got["status"] == "draft"
        assert got["iteration"] == {"order": "random", "random_seed": 3}
        assert await dataviews_repo.get(OTHER, "v1") is None
        assert (await dataviews_repo.get(OTHER, "pub"))["id"] == "pub"

    async def test_stored_is_the_company_s_own_document_only(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1"))
        await dataviews_repo.add(a_dataview("pub", company=""))
        assert (await dataviews_repo.stored(ACME, "v1"))["_id"] == "v1"
        assert await dataviews_repo.stored(ACME, "pub") is None
        assert await dataviews_repo.stored(OTHER, "v1") is None

    async def test_find_filters_by_name_tags_status_project_and_user(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1", name="train cats", tags=["a", "b"], project="p1"))
        await dataviews_repo.add(a_dataview("v2", name="train dogs", tags=["b"], status="published", minute=1))
        await dataviews_repo.add(a_dataview("v3", name="test", system_tags=["archived"], minute=2))
        await dataviews_repo.add(a_dataview("v4", company=OTHER, name="train"))
        assert ids(await dataviews_repo.find(get_all(name="^train"))) == ["v1", "v2"]
        assert ids(await dataviews_repo.find(get_all(tags=["-a"]))) == ["v2", "v3"]
        assert ids(await dataviews_repo.find(get_all(tags=["__$all", "a", "b"]))) == ["v1"]
        assert ids(await dataviews_repo.find(get_all(system_tags=["-archived"]))) == ["v1", "v2"]
        assert ids(await dataviews_repo.find(get_all(status="published"))) == ["v2"]
        assert ids(await dataviews_repo.find(get_all(project="p1"))) == ["v1"]
        assert ids(await dataviews_repo.find(get_all(project=[None]))) == ["v2", "v3"]
        assert ids(await dataviews_repo.find(get_all(user=["u1"], id=["v1", "v3", "v4"]))) == ["v1", "v3"]
        assert ids(await dataviews_repo.find(get_all(_any_={"pattern": "DOGS", "fields": ["name", "description"]}))) == ["v2"]
        assert ids(await dataviews_repo.find(get_all(search_text="cats"))) == ["v1"]

    async def test_find_keeps_only_the_dataviews_the_caller_may_read(self, dataviews_repo):
        for n in range(1, 5):
            await dataviews_repo.add(a_dataview(f"v{n}", minute=n))
        page = get_all(page=0, page_size=2)
        assert ids(await dataviews_repo.find(dataclasses.replace(page, excluded_ids=("v1", "v3")))) == ["v2", "v4"]
        assert ids(await dataviews_repo.find(dataclasses.replace(page, only_ids=("v3", "v9")))) == ["v3"]
        assert ids(await dataviews_repo.find(dataclasses.replace(page, only_ids=()))) == []

    async def test_find_compares_the_creation_date(self, dataviews_repo):
        for i in range(3):
            await dataviews_repo.add(a_dataview(f"v{i}", minute=10 * i))
        at = (T0 + timedelta(minutes=10)).isoformat()
        fields = ["created", "name"]
        assert ids(await dataviews_repo.find(get_all(_any_={"datetime": f">={at}", "fields": fields}))) == ["v1", "v2"]
        assert ids(await dataviews_repo.find(get_all(_all_={"datetime": [f">{T0.isoformat()}", f"<={at}"],
                                                            "fields": fields}))) == ["v1"]
        assert ids(await dataviews_repo.find(get_all(_any_={"datetime": [None, at], "fields": fields}))) == ["v0", "v1"]
        assert ids(await dataviews_repo.find(get_all(_any_={"datetime": "soon", "fields": fields}))) == ["v0", "v1", "v2"]

    async def test_find_orders_pages_and_projects(self, dataviews_repo):
        for i, name in enumerate(["b", "c", "a"]):
            await dataviews_repo.add(a_dataview(f"v{i}", name=name, minute=i))
        assert ids(await dataviews_repo.find(get_all())) == ["v0", "v1", "v2"]
        assert ids(await dataviews_repo.find(get_all(order_by=["-name"]))) == ["v1", "v0", "v2"]
        assert ids(await dataviews_repo.find(get_all(order_by=["name"], page=1, page_size=2))) == ["v1"]
        assert await dataviews_repo.find(get_all(id=["v0"], only_fields=["name"])) == [{"id": "v0", "name": "b"}]

    async def test_only_fields_reach_into_objects(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1", iteration={"order": "random", "limit": 3}, mapping={"rules": []}))
        found = await dataviews_repo.find(get_all(only_fields=["iteration.order", "mapping", "mapping.rules", "x.y"]))
        assert found == [{"id": "v1", "iteration": {"order": "random"}, "mapping": {"rules": []}}]

    async def test_update_sets_and_unsets_fields_of_the_company_s_own(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1", description="old", project="p1"))
        assert await dataviews_repo.update(ACME, "v1", {"description": "new", "filters": [RULE]}, unset=["project"])
        got = await dataviews_repo.get(ACME, "v1")
        assert got["description"] == "new" and got["filters"] == [RULE] and "project" not in got
        assert not await dataviews_repo.update(OTHER, "v1", {"description": "theirs"})
        assert not await dataviews_repo.update(ACME, "missing", {"description": "x"})

    async def test_system_tags_are_added_once_and_removed(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1", system_tags=["x"]))
        assert await dataviews_repo.set_system_tag(ACME, "v1", "archived", True)
        assert await dataviews_repo.set_system_tag(ACME, "v1", "archived", True)
        assert (await dataviews_repo.get(ACME, "v1"))["system_tags"] == ["x", "archived"]
        assert await dataviews_repo.set_system_tag(ACME, "v1", "archived", False)
        assert (await dataviews_repo.get(ACME, "v1"))["system_tags"] == ["x"]
        assert not await dataviews_repo.set_system_tag(OTHER, "v1", "archived", True)

    async def test_set_project_moves_the_company_s_own_only(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1"))
        await dataviews_repo.add(a_dataview("v2", company=OTHER))
        assert await dataviews_repo.set_project(ACME, ["v1", "v2", "missing"], "p9") == 1
        assert (await dataviews_repo.get(ACME, "v1"))["project"] == "p9"
        assert "project" not in await dataviews_repo.get(OTHER, "v2")
        assert await dataviews_repo.set_project(ACME, ["v1"], None) == 1
        assert "project" not in await dataviews_repo.get(ACME, "v1")

    async def test_delete_removes_the_company_s_own_only(self, dataviews_repo):
        await dataviews_repo.add(a_dataview("v1"))
        assert not await dataviews_repo.delete(OTHER, "v1")
        assert await dataviews_repo.delete(ACME, "v1")
        assert await dataviews_repo.get(ACME, "v1") is None
        assert not await dataviews_repo.delete(ACME, "v1")
