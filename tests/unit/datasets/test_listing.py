"""Listings of datasets and versions: the request -> Listing rules, and Listing -> MongoDB."""

import pytest

from services.datasets.datasets.listing import (
    ListRule, dataset_listing, every_company_datasets, every_company_versions, order, paging, tag_rules, version_listing)
from services.datasets.dataviews.listing import dataview_filter
from services.datasets.store.datasets import find_filter
from shared.errors import ApiError
from shared.schemas.registry import request_models


def request(endpoint, **body):
    return request_models()[endpoint].model_validate(body)


def test_tags_take_clearmls_exclusion_and_all_markers():
    assert tag_rules("tags", ["a", "-b", "__$all", "c", "__$not", "d"]) == (
        ListRule("tags", "any_of", ("a",)), ListRule("tags", "all_of", ("c",)),
        ListRule("tags", "none_of", ("b", "d")))


def test_order_defaults_to_creation_and_ends_with_the_id():
    assert order(None) == (("created", False), ("_id", False))
    assert order(["-name"]) == (("name", True), ("_id", False))
    assert order(["id"]) == (("_id", False),)


def test_pages_are_at_most_500():
    assert paging(None, None) == (0, 500)
    assert paging(2, 10) == (20, 10)
    assert paging(0, 10_000) == (0, 500)


def test_a_dataset_listing_translates_to_one_mongodb_filter():
    listing = dataset_listing("acme", request("datasets.get_all", id=["d1"], name="^a", project="p",
                                              tags=["t", "-x"], search_text="a.b"))
    assert find_filter(listing) == {
        "company": "acme", "tags": {"$in": ["t"]}, "_id": {"$in": ["d1"]}, "project": {"$in": ["p"]},
        "$and": [{"tags": {"$nin": ["x"]}}],
        "name": {"$regex": "^a"},
        "$or": [{"name": {"$regex": r"a\.b", "$options": "i"}}, {"comment": {"$regex": r"a\.b", "$options": "i"}}],
    }


def test_a_catastrophic_name_pattern_is_refused():
    with pytest.raises(ApiError) as refused:
        dataset_listing("acme", request("datasets.get_all", name="(a+)+$"))
    assert refused.value.subcode == 21


def test_get_all_ex_filters_join_all_by_and_and_any_by_or():
    listing = dataset_listing("acme", request("datasets.get_all_ex", filters={
        "tags": {"all": {"include": ["a"], "exclude": ["b"]}, "any": {"include": ["c", "d"]}}}))
    assert listing.rules == (ListRule("tags", "all_of", ("a",)), ListRule("tags", "none_of", ("b",)))
    assert listing.alternatives == ((ListRule("tags", "any_of", ("c",)), ListRule("tags", "any_of", ("d",))),)
    assert listing.matches({"company": "acme", "tags": ["a", "d"]})
    assert not listing.matches({"company": "acme", "tags": ["a", "b", "d"]})


def test_versions_are_only_published_unless_asked():
    published_only = version_listing("acme", request("datasets.get_versions", dataset="d1"))
    assert ListRule("status", "any_of", ("published",)) in published_only.rules
    every = version_listing("acme", request("datasets.get_versions", dataset="d1", only_published=False))
    assert all(rule.field != "status" for rule in every.rules)


def test_start_from_must_be_a_time():
    with pytest.raises(ApiError) as refused:
        version_listing("acme", request("datasets.get_versions", dataset="d1", start_from="yesterday"))
    assert (refused.value.code, refused.value.subcode) == (400, 16)


def test_any_and_all_need_a_pattern_and_fields():
    with pytest.raises(ApiError) as refused:
        dataset_listing("acme", request("datasets.get_all", _any_={"pattern": "a"}))
    assert (refused.value.code, refused.value.subcode) == (400, 16)
    listing = dataset_listing("acme", request("datasets.get_all", _all_={"pattern": "a", "fields": ["id", "name"]}))
    assert find_filter(listing)["$and"] == [{"_id": {"$regex": "a", "$options": "i"}},
                                           {"name": {"$regex": "a", "$options": "i"}}]


def test_system_listings_span_every_company():
    datasets = every_company_datasets(request("system.get_datasets", id=["d1"], tags=["t"], order_by=["-name"],
                                              page=1, page_size=2))
    assert find_filter(datasets) == {"tags": {"$in": ["t"]}, "_id": {"$in": ["d1"]}}
    assert (datasets.order, datasets.skip, datasets.limit) == ((("name", True), ("_id", False)), 2, 2)
    assert datasets.matches({"_id": "d1", "company": "any", "tags": ["t"]})
    versions = every_company_versions(request("system.get_dataset_versions", dataset="d1", order_by="-created"))
    assert find_filter(versions) == {"dataset": {"$in": ["d1"]}}  # every status, not only published
    assert versions.order == (("created", True), ("_id", False))


@pytest.mark.parametrize(("endpoint", "body"), [
    ("datasets.get_all", {"order_by": ["-$natural"]}),
    ("dataviews.get_all", {"order_by": ["a..b"]}),
    ("dataviews.get_all", {"only_fields": ["name", "x\x00y"]}),
    ("datasets.get_all", {"_any_": {"pattern": "x", "fields": ["name", "x\x00"]}}),
    ("dataviews.get_all", {"_all_": {"pattern": "x", "fields": ["$where"]}}),
])
def test_names_that_are_no_field_paths_are_refused_before_the_store(endpoint, body):
    """MongoDB refuses such sort and projection keys: a 500 before, a 400/12 now."""
    build = dataset_listing if endpoint.startswith("datasets") else dataview_filter
    with pytest.raises(ApiError) as refused:
        build("acme", request(endpoint, **body))
    assert (refused.value.code, refused.value.subcode) == (400, 12)
