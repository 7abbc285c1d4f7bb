"""``system.get_datasets`` and ``system.get_dataset_versions`` (Enterprise, issue 15 item 1)
through the gateway: the datasets and versions of every company, for system and root users
(403/20 for the others). Identity asks the datasets process, which owns them.

Sessions are tokens signed with the stack's token secret, as the web server's identity is
in ``tests/e2e/parity/test_identity_users.py``."""

from __future__ import annotations

import uuid

import httpx
import pytest

from shared.messaging.envelopes import Identity
from shared.tokens import issue_token
from tests.e2e.api import call, meta

pytestmark = pytest.mark.e2e


def session(stack, company: str, role: str) -> httpx.Client:
    identity = Identity(company=company, user=uuid.uuid4().hex, role=role, user_name=f"{role}-{uuid.uuid4().hex[:6]}")
    token = issue_token(stack.token_secret, identity, uuid.uuid4().hex, 600, "2.34", "2.3.0")
    return httpx.Client(base_url=stack.url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@pytest.fixture(scope="module")
def company(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["company"]["id"]


@pytest.fixture(scope="module")
def system(stack, company):
    with session(stack, company, "system") as client:
        yield client


@pytest.fixture(scope="module")
def two_datasets(stack, http, system, company) -> dict[str, tuple[str, str]]:
    """A dataset of the stack's company and one of a new company: id -> (company, name)."""
    other = call(system, "system.create_company", {"name": f"datasets-{uuid.uuid4().hex[:8]}"})["id"]
    names = {company: f"ds-{uuid.uuid4().hex[:8]}", other: f"ds-{uuid.uuid4().hex[:8]}"}
    made = {call(http, "datasets.create", {"name": names[company]})["id"]: (company, names[company])}
    with session(stack, other, "admin") as admin:
        dataset = call(admin, "datasets.create", {"name": names[other]})["id"]
        call(admin, "datasets.create_version", {"dataset": dataset, "name": "v1"})
    return {**made, dataset: (other, names[other])}


def test_get_datasets_lists_the_datasets_of_every_company(system, two_datasets):
    found = call(system, "system.get_datasets", {"id": list(two_datasets)})["datasets"]
    assert {d["id"]: (d["company"], d["name"]) for d in found} == two_datasets


def test_get_datasets_orders_and_pages(system, two_datasets):
    ids = sorted(two_datasets)
    first = call(system, "system.get_datasets", {"id": ids, "order_by": ["-id"], "page": 0, "page_size": 1})
    second = call(system, "system.get_datasets", {"id": ids, "order_by": ["-id"], "page": 1, "page_size": 1})
    assert [d["id"] for d in first["datasets"] + second["datasets"]] == ids[::-1]


def test_get_dataset_versions_lists_a_dataset_of_another_company(system, two_datasets, company):
    other = next(ds for ds, (owner, _) in two_datasets.items() if owner != company)
    versions = call(system, "system.get_dataset_versions", {"dataset": other})["versions"]
    assert [(v["dataset"], v["company"], v["name"]) for v in versions] == [(other, two_datasets[other][0], "v1")]


def test_get_datasets_is_refused_to_a_company_admin(http):
    for endpoint in ("system.get_datasets", "system.get_dataset_versions"):
        assert meta(http.post(f"/v999.0/{endpoint}", json={})) == (403, 20)
