"""``dataviews.*`` through the gateway, as the SDK's Hyper-Datasets client sends them
(``clearml/backend_interface/datasets/hyper_dataset_data_view.py``), each answer parsed by the
SDK's own response class (``clearml/backend_api/services/v2_23/dataviews.py``).

Datasets and versions are the versions room's: the tests write the documents it stores
(``services/datasets/README.md``: MongoDB ``cairn_datasets``, collections ``datasets`` and
``versions``) straight into the stack's database, so they need no ``datasets.*`` endpoint."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from clearml.backend_api.services.v2_23 import dataviews as sdk
from pymongo import MongoClient

from tests.e2e.api import call, meta
from tests.support.servers import MONGO


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its package is missing too
        return False


# The query room's compiler of filter rules (branch wip-query) checks the rules' queries and
# ranges; without it the datasets process does not start.
needs_query_room = pytest.mark.skipif(not module_exists("services.datasets.query.rules"),
                                      reason="services.datasets.query (the query room) is not merged yet")
pytestmark = [pytest.mark.e2e, needs_query_room]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def company(http) -> str:
    return call(http, "users.get_current_user", {})["user"]["company"]["id"]


@pytest.fixture(scope="module")
def store(stack):
    client = MongoClient(MONGO, serverSelectionTimeoutMS=5000)
    yield client[f"{stack.db_prefix}cairn_datasets"]
    client.close()


@pytest.fixture
def version(store, company) -> dict[str, str]:
    """A dataset with one published version, as the versions room stores them."""
    dataset, version_id = uuid.uuid4().hex, uuid.uuid4().hex
    store["datasets"].insert_one({"_id": dataset, "company": company, "name": unique("dataset")})
    store["versions"].insert_one({"_id": version_id, "company": company, "dataset": dataset, "name": "v1",
                                  "parent": None, "lineage": [version_id], "status": "published"})
    return {"dataset": dataset, "version": version_id}


def create(http: httpx.Client, **fields: Any) -> str:
    answer = call(http, "dataviews.create", {"name": unique("view"), **fields})
    return sdk.CreateResponse.from_dict(answer).id


def get(http: httpx.Client, dataview_id: str) -> sdk.Dataview:
    answer = call(http, "dataviews.get_by_id", {"dataview": dataview_id})
    return sdk.GetByIdResponse.from_dict(answer).dataview


def failure(http: httpx.Client, endpoint: str, body: dict[str, Any]) -> tuple[int, int, dict[str, Any]]:
    response = http.post(f"/v2.23/{endpoint}", json=body)
    return (*meta(response), response.json()["meta"].get("error_data") or {})


def test_create_stores_what_the_sdk_sends_and_get_by_id_reads_it_back(http, version):
    rule = {"dataset": version["dataset"], "version": "*", "frame_query": "meta.city:paris", "weight": 2,
            "filter_by_roi": "label_rules",
            "label_rules": [{"label": "car", "count_range": [1, 3], "conf_range": [0.5, -1], "must_not": False}]}
    dataview_id = create(http, description="d", tags=["t"], filters=[rule], versions=[version],
                         iteration={"order": "random", "random_seed": 3, "infinite": False, "limit": 10},
                         labels_enumeration={"car": 1}, output_rois="only_filtered",
                         mapping={"rules": [{"source": {"labels": ["car"], "dataset": "*", "version": "*"},
                                             "target": "vehicle"}]},
                         augmentation={"crop_around_rois": True, "sets": [{"cls": "affine", "strength": 0.5}]})
    view = get(http, dataview_id)
    assert view.id == dataview_id and view.status == "draft" and view.tags == ["t"]
    assert view.filters[0].to_dict() == rule
    assert view.versions[0].to_dict() == version
    assert view.iteration.order.value == "random" and view.iteration.random_seed == 3 and view.iteration.limit == 10
    assert view.labels_enumeration == {"car": 1} and view.output_rois.value == "only_filtered"
    assert view.mapping.rules[0].target == "vehicle" and view.augmentation.crop_around_rois is True
    assert view.created is not None and view.user and view.company


def test_get_by_id_of_an_unknown_dataview_is_invalid_id(http):
    assert failure(http, "dataviews.get_by_id", {"dataview": uuid.uuid4().hex})[:2] == (400, 10)


def test_create_refuses_a_rule_naming_a_missing_dataset_and_stores_nothing(http):
    name = unique("view")
    code, subcode, data = failure(http, "dataviews.create", {"name": name, "filters": [{"dataset": uuid.uuid4().hex}]})
    assert (code, subcode, data["field"]) == (400, 10, "filters[0]")
    assert call(http, "dataviews.get_all", {"name": f"^{name}$"})["dataviews"] == []


def test_create_refuses_a_version_of_another_dataset(http, version, store, company):
    other = uuid.uuid4().hex
    store["datasets"].insert_one({"_id": other, "company": company, "name": unique("dataset")})
    body = {"name": unique("view"), "versions": [{"dataset": other, "version": version["version"]}]}
    code, subcode, data = failure(http, "dataviews.create", body)
    assert (code, subcode, data["field"]) == (400, 16, "versions[0]")
    body = {"name": unique("view"), "filters": [{"dataset": version["dataset"], "version": uuid.uuid4().hex}]}
    assert failure(http, "dataviews.create", body)[:2] == (400, 10)


@pytest.mark.parametrize("label_rule", [{"label": "a", "count_range": [3, 1]}, {"label": "a", "count_range": [-2]},
                                        {"label": "a", "conf_range": [0.9, 0.1]}])
def test_create_refuses_a_malformed_range(http, label_rule):
    body = {"name": unique("view"), "filters": [{"dataset": "*"}, {"dataset": "*", "label_rules": [label_rule]}]}
    code, subcode, data = failure(http, "dataviews.create", body)
    assert (code, subcode, data["rule"]) == (400, 12, 1) and data["field"].startswith("label_rules[0].")


def test_create_refuses_a_negative_weight(http):
    body = {"name": unique("view"), "filters": [{"dataset": "*", "weight": -0.5}]}
    assert failure(http, "dataviews.create", body) == (400, 12, {"rule": 0, "field": "weight", "value": -0.5})


def test_an_invalid_lucene_query_is_400_19_with_the_parser_s_position(http):
    query = "meta.a:(1 OR 2"
    body = {"name": unique("view"), "filters": [{"dataset": "*", "frame_query": query}]}
    response = http.post("/v2.23/dataviews.create", json=body)
    assert meta(response) == (400, 19)
    assert response.json()["meta"]["error_data"] == {"rule": 0, "field": "frame_query", "position": len(query),
                                                     "query": query}
    assert "expected ')'" in response.json()["meta"]["result_msg"]


def test_update_refuses_a_label_rule_that_does_not_parse_and_keeps_the_rules(http):
    dataview_id = create(http, filters=[{"dataset": "*", "frame_query": "meta.a:1"}])
    rule = {"dataset": "*", "label_rules": [{"label": "car AND"}]}
    code, subcode, data = failure(http, "dataviews.update", {"dataview": dataview_id, "filters": [rule]})
    assert (code, subcode, data["rule"], data["field"]) == (400, 19, 0, "label_rules[0].label")
    assert get(http, dataview_id).filters[0].frame_query == "meta.a:1"


def test_update_replaces_rules_as_the_sdk_s_update_filter_rules_does(http, version):
    dataview_id = create(http, versions=[version], iteration={"order": "sequential", "infinite": False})
    rules = [{"dataset": version["dataset"], "version": version["version"], "weight": 1},
             {"dataset": "*", "frame_query": "meta.a:1", "weight": 3}]
    answer = sdk.UpdateResponse.from_dict(call(http, "dataviews.update", {"dataview": dataview_id, "filters": rules}))
    assert answer.updated == 1 and answer.fields == {"filters": rules}
    assert [r.to_dict() for r in get(http, dataview_id).filters] == rules
    iteration = {"order": "random", "infinite": True, "limit": 5, "random_seed": 9}
    call(http, "dataviews.update", {"dataview": dataview_id, "iteration": iteration})
    assert get(http, dataview_id).iteration.to_dict() == iteration


def test_a_published_dataview_is_read_only_without_force(http):
    dataview_id = create(http)
    assert sdk.PublishResponse.from_dict(call(http, "dataviews.publish", {"dataview": dataview_id})).published == 1
    assert call(http, "dataviews.publish", {"dataview": dataview_id}) == {"published": 0}
    assert failure(http, "dataviews.update", {"dataview": dataview_id, "name": "x"})[:2] == (400, 16)
    assert failure(http, "dataviews.delete", {"dataview": dataview_id})[:2] == (400, 16)
    assert get(http, dataview_id).status == "published"
    assert call(http, "dataviews.update", {"dataview": dataview_id, "name": "x", "force": True})["updated"] == 1
    assert call(http, "dataviews.delete", {"dataview": dataview_id, "force": True}) == {"deleted": 1}
    assert failure(http, "dataviews.get_by_id", {"dataview": dataview_id})[:2] == (400, 10)


def test_get_all_finds_by_exact_name_as_the_sdk_s_get_by_name(http):
    name = unique("view")
    first, second = create(http, name=name), create(http, name=name)
    body = {"name": f"^{name}$", "only_fields": ["name", "id", "created"]}
    found = sdk.GetAllResponse.from_dict(call(http, "dataviews.get_all", body)).dataviews
    assert [d.id for d in found] == [first, second]
    assert all(d.name == name and d.created is not None and d.filters is None for d in found)


def test_get_all_takes_clearml_s_list_filters_order_and_pages(http):
    tag = unique("tag")
    ids = [create(http, name=f"{tag}-{n}", tags=[tag, n]) for n in ("b", "a", "c")]
    call(http, "dataviews.archive_many", {"ids": [ids[2]]})

    def names(**body: Any) -> list[str]:
        return [d["name"] for d in call(http, "dataviews.get_all", {"tags": tag, **body})["dataviews"]]

    assert names() == [f"{tag}-b", f"{tag}-a", f"{tag}-c"]
    assert names(system_tags=["-archived"], order_by=["-name"]) == [f"{tag}-b", f"{tag}-a"]
    assert names(tags=[tag, "-a"]) == [f"{tag}-b", f"{tag}-c"]
    assert names(order_by=["name"], page=1, page_size=2) == [f"{tag}-c"]
    assert names(id=ids[1]) == [f"{tag}-a"]
    first = call(http, "dataviews.get_all", {"tags": [tag], "size": 2})
    rest = call(http, "dataviews.get_all", {"tags": [tag], "size": 2, "scroll_id": first["scroll_id"]})
    assert [d["id"] for d in first["dataviews"] + rest["dataviews"]] == ids


def test_many_endpoints_answer_succeeded_and_failed_per_id(http):
    dataview_id, missing = create(http), uuid.uuid4().hex
    archived = sdk.ArchiveManyResponse.from_dict(call(http, "dataviews.archive_many", {"ids": [dataview_id, missing]}))
    assert archived.succeeded == [{"id": dataview_id, "archived": True}]
    assert archived.failed[0]["id"] == missing and archived.failed[0]["error"]["codes"] == [400, 10]
    assert get(http, dataview_id).system_tags == ["archived"]
    unarchived = call(http, "dataviews.unarchive_many", {"ids": [dataview_id]})
    assert unarchived["succeeded"] == [{"id": dataview_id, "unarchived": True}] and get(http, dataview_id).system_tags == []
    published = sdk.PublishManyResponse.from_dict(call(http, "dataviews.publish_many", {"ids": [dataview_id]}))
    assert published.succeeded == [{"id": dataview_id, "published": True}]
    refused = call(http, "dataviews.delete_many", {"ids": [dataview_id]})
    assert refused["succeeded"] == [] and refused["failed"][0]["error"]["codes"] == [400, 16]
    deleted = sdk.DeleteManyResponse.from_dict(call(http, "dataviews.delete_many", {"ids": [dataview_id], "force": True}))
    assert deleted.succeeded == [{"id": dataview_id, "deleted": True}] and deleted.failed == []


def test_move_sets_the_project_id_and_null_takes_it_out(http):
    dataview_id = create(http)
    project = call(http, "projects.create", {"name": unique("dataviews"), "description": ""})["id"]
    assert call(http, "dataviews.move", {"ids": [dataview_id], "project": project}) == {"project_id": project}
    assert get(http, dataview_id).project == project
    assert call(http, "dataviews.get_all", {"project": project})["dataviews"][0]["id"] == dataview_id
    assert call(http, "dataviews.move", {"ids": [dataview_id], "project": None}) == {"project_id": None}
    assert get(http, dataview_id).project is None
    assert failure(http, "dataviews.move", {"ids": [dataview_id]})[:2] == (400, 11)


def test_move_to_an_unknown_project_is_invalid_project_id_and_moves_nothing(http):
    dataview_id = create(http)
    assert failure(http, "dataviews.move", {"ids": [dataview_id], "project": uuid.uuid4().hex})[:2] == (400, 401)
    assert get(http, dataview_id).project is None
    body = {"name": unique("view"), "project": uuid.uuid4().hex}
    assert failure(http, "dataviews.create", body)[:2] == (400, 401)


def test_move_to_a_project_name_gets_or_creates_the_project(http):
    first, second, name = create(http), create(http), unique("dataviews")
    project = call(http, "dataviews.move", {"ids": [first], "project_name": name})["project_id"]
    assert call(http, "projects.get_all", {"name": f"^{name}$"})["projects"][0]["id"] == project
    assert call(http, "dataviews.move", {"ids": [second], "project_name": name}) == {"project_id": project}
    assert get(http, first).project == project == get(http, second).project


def test_the_sdk_s_dataview_backend_creates_updates_and_reads_back(stack, version, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLEARML_", "TRAINS_", "CAIRN_"))}
    env.update(HOME=str(tmp_path), CLEARML_API_HOST=stack.url, CLEARML_API_ACCESS_KEY=stack.key,
               CLEARML_API_SECRET_KEY=stack.secret)
    script = Path(__file__).parent / "sdk_dataview_script.py"
    done = subprocess.run([sys.executable, str(script), version["dataset"], version["version"]], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"SDK script failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["by_name"] == result["id"] and result["updated"] == [True] * 4
    assert len(result["project"]) == 32 and result["tags"] == ["e2e"] and result["missing"] is None
    assert result["versions"] == [version]  # the SDK drops the wildcard pair, and sends the pool again
    assert [f["dataset"] for f in result["filters"]] == [version["dataset"], "*"]
    assert result["filters"][0]["label_rules"] == [{"label": "cat", "count_range": [1, 2], "conf_range": [0.5, 1],
                                                    "must_not": False}]
    assert result["mapping"] == {"rules": [{"source": {"labels": ["cat"], "dataset": "*", "version": "*"},
                                            "target": "animal"}]}
    assert result["labels_enumeration"] == {"animal": 7}
    assert result["iteration"] == {"order": "sequential", "infinite": True, "limit": 50, "random_seed": 1}
