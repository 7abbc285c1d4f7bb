"""One behaviour suite for the datasets room's repositories, run against the in-memory fakes
(``test_fake_repositories.py``) and against MongoDB-wire
(``tests/integration/datasets/test_datasets_store.py``).

A concrete class inherits a ``...Contract`` and provides ``datasets_repo`` / ``versions_repo``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.datasets import domain
from services.datasets.datasets.listing import Listing, ListRule, dataset_listing, version_listing
from services.datasets.datasets.service import access_rules
from shared.access.listing import Readable
from services.datasets.store.datasets import DuplicateName
from shared.schemas.registry import request_models

ACME, OTHER = "acme", "other"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def a_dataset(dataset_id: str, name: str | None = None, company: str = ACME, minute: int = 0, **fields) -> dict:
    at = T0 + timedelta(minutes=minute)
    return {"_id": dataset_id, "company": company, "name": name or f"ds-{dataset_id}", "comment": None,
            "project": None, "tags": [], "system_tags": [], "metadata": {}, "field_mappings": {}, "user": "u1",
            "created": at, "last_update": at, **fields}


def a_version(version_id: str, dataset: str = "d1", parent: dict | None = None, minute: int = 0,
              company: str = ACME, **fields) -> dict:
    doc = domain.new_version(version_id, company, "u1", dataset, parent, {"name": f"v-{version_id}"},
                             T0 + timedelta(minutes=minute))
    return {**doc, **fields}


def request(endpoint: str, **body):
    return request_models()[endpoint].model_validate(body)


class DatasetRepositoryContract:
    async def test_a_stored_dataset_reads_back_equal_only_for_its_company(self, datasets_repo):
        dataset = a_dataset("d1", metadata={"k": {"nested": 1}}, field_mappings={"meta.v": {"dims": 3}})
        await datasets_repo.add(dataset)
        assert await datasets_repo.get(ACME, "d1") == dataset
        assert await datasets_repo.get(OTHER, "d1") is None
        assert (await datasets_repo.by_name(ACME, "ds-d1"))["_id"] == "d1"
        assert await datasets_repo.by_name(OTHER, "ds-d1") is None

    async def test_names_are_unique_in_a_company_only(self, datasets_repo):
        await datasets_repo.add(a_dataset("d1", "same"))
        with pytest.raises(DuplicateName):
            await datasets_repo.add(a_dataset("d2", "same"))
        await datasets_repo.add(a_dataset("d3", "same", company=OTHER))
        await datasets_repo.add(a_dataset("d4", "other"))
        with pytest.raises(DuplicateName):
            await datasets_repo.update(ACME, "d4", {"name": "same"})

    async def test_find_filters_orders_and_pages(self, datasets_repo):
        await datasets_repo.add(a_dataset("d1", "alpha", minute=1, tags=["a"], project="p1"))
        await datasets_repo.add(a_dataset("d2", "beta", minute=2, tags=["a", "b"], project="p2"))
        await datasets_repo.add(a_dataset("d3", "alphabet", minute=3, comment="Has Words", project="p1"))
        await datasets_repo.add(a_dataset("d4", "alpha", company=OTHER))

        async def ids(**body):
            return [d["_id"] for d in await datasets_repo.find(dataset_listing(ACME, request("datasets.get_all",
                                                                                             **body)))]

        assert await ids() == ["d1", "d2", "d3"]
        assert await ids(name="^alpha") == ["d1", "d3"]
        assert await ids(project="p1") == ["d1", "d3"]
        assert await ids(tags=["a"]) == ["d1", "d2"]
        assert await ids(tags=["-b"]) == ["d1", "d3"]
        assert await ids(id=["d2", "d4"]) == ["d2"]
        assert await ids(search_text="words") == ["d3"]
        assert await ids(_any_={"pattern": "^BET|words", "fields": ["name", "comment"]}) == ["d2", "d3"]
        assert await ids(_all_={"pattern": "ALPHA", "fields": ["name", "id"]}) == []
        assert await ids(order_by=["-name"]) == ["d2", "d3", "d1"]
        assert await ids(page=1, page_size=2) == ["d3"]
        assert await ids(size=1) == ["d1"]

    async def test_find_keeps_only_the_datasets_the_caller_may_read(self, datasets_repo):
        for n in range(1, 5):
            await datasets_repo.add(a_dataset(f"d{n}", minute=n))

        async def ids(access: Readable) -> list[str]:
            page = dataset_listing(ACME, request("datasets.get_all", page=0, page_size=2))
            listing = Listing(ACME, (*page.rules, *access_rules(access)), order=page.order, limit=page.limit)
            return [d["_id"] for d in await datasets_repo.find(listing)]

        assert await ids(Readable(True, excluded=frozenset({"d1", "d3"}))) == ["d2", "d4"]
        assert await ids(Readable(False, only=frozenset({"d3", "d9"}))) == ["d3"]
        assert await ids(Readable(False)) == []

    async def test_delete_removes_only_its_companys_dataset(self, datasets_repo):
        await datasets_repo.add(a_dataset("d1"))
        assert await datasets_repo.delete(OTHER, "d1") is False
        assert await datasets_repo.delete(ACME, "d1") is True
        assert await datasets_repo.get(ACME, "d1") is None


class VersionRepositoryContract:
    async def test_a_stored_version_reads_back_with_its_lineage(self, versions_repo):
        root = a_version("v1", status=domain.PUBLISHED)
        child = a_version("v2", parent=root, minute=1)
        await versions_repo.add(root)
        await versions_repo.add(child)
        assert await versions_repo.get(ACME, "v2") == child
        assert (await versions_repo.get(ACME, "v2"))["lineage"] == ["v2", "v1"]
        assert await versions_repo.get(OTHER, "v2") is None
        assert [v["_id"] for v in await versions_repo.of_dataset(ACME, "d1")] == ["v1", "v2"]
        assert await versions_repo.has_children(ACME, "v1") is True
        assert await versions_repo.has_children(ACME, "v2") is False

    async def test_names_are_unique_in_a_dataset_only(self, versions_repo):
        await versions_repo.add(a_version("v1", name="same"))
        with pytest.raises(DuplicateName):
            await versions_repo.add(a_version("v2", name="same"))
        await versions_repo.add(a_version("v3", dataset="d2", name="same"))

    async def test_update_applies_only_in_the_statuses_given(self, versions_repo):
        await versions_repo.add(a_version("v1"))
        assert (await versions_repo.update(ACME, "v1", {"status": domain.PUBLISHED}, domain.WRITABLE))["status"] == (
            domain.PUBLISHED)
        assert await versions_repo.update(ACME, "v1", {"status": domain.COMMITTED}, domain.WRITABLE) is None
        assert (await versions_repo.get(ACME, "v1"))["status"] == domain.PUBLISHED
        assert (await versions_repo.update(ACME, "v1", {"comment": "c"}))["comment"] == "c"
        assert await versions_repo.update(OTHER, "v1", {"comment": "x"}) is None

    async def test_find_lists_one_datasets_versions(self, versions_repo):
        await versions_repo.add(a_version("v1", minute=1, status=domain.PUBLISHED, tags=["t"]))
        await versions_repo.add(a_version("v2", minute=2))
        await versions_repo.add(a_version("v3", dataset="d2", minute=3, status=domain.PUBLISHED))

        async def ids(**body):
            listing = version_listing(ACME, request("datasets.get_versions", dataset="d1", **body))
            return [v["_id"] for v in await versions_repo.find(listing)]

        assert await ids() == ["v1"]
        assert await ids(only_published=False) == ["v1", "v2"]
        assert await ids(only_published=False, order_by=["-created"]) == ["v2", "v1"]
        assert await ids(only_published=False, versions=["v2", "v3"]) == ["v2"]
        assert await ids(only_published=False, tags=["t"]) == ["v1"]
        assert await ids(only_published=False, start_from=(T0 + timedelta(minutes=2)).isoformat()) == ["v2"]
        by_name = Listing(ACME, (ListRule("name", "any_of", ("v-v2",)),))
        assert [v["_id"] for v in await versions_repo.find(by_name)] == ["v2"]

    async def test_delete_removes_the_version(self, versions_repo):
        await versions_repo.add(a_version("v1"))
        assert await versions_repo.delete(OTHER, "v1") is False
        assert await versions_repo.delete(ACME, "v1") is True
        assert await versions_repo.of_dataset(ACME, "d1") == []
