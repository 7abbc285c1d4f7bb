"""Access rules enforced by the datasets process, through the gateway (issue 16): datasets
(with their versions and frames) and dataviews. Listings show only readable ones, reads of an
unreadable one answer its invalid id (400/10), writes need read_write (403/21), a dataview's
frame reads need read on the datasets it reads, admins bypass, and a rule change takes effect
within a second."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.api import call, meta, unique
from tests.e2e.permissions.rules import (
    close_then_open,
    make_company_with_people,
    publish,
    read_only_category,
    rule,
    seconds_until,
)
from tests.support.response_shape import assert_conforms

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def company(stack):
    return make_company_with_people(stack, "dataset-rules")


def client(stack, person) -> httpx.Client:
    return httpx.Client(base_url=stack.url, auth=person.auth, timeout=60)


def post(http, endpoint, body) -> tuple[int, int]:
    return meta(http.post(f"/v2.23/{endpoint}", json=body))


def frame(frame_id: str) -> dict:
    return {"id": frame_id, "sources": [{"id": "image", "uri": f"s3://b/{frame_id}.jpg", "width": 4, "height": 4,
                                         "content_type": "image/jpeg"}]}


def dataset_with_frames(http) -> tuple[str, str]:
    dataset = call(http, "datasets.create", {"name": unique("dr")})["id"]
    version = call(http, "datasets.create_version", {"dataset": dataset, "name": "v1"})["id"]
    call(http, "datasets.save_frames", {"version": version, "frames": [frame("a"), frame("b")]})
    return dataset, version


def datasets_of(http) -> set[str]:
    data = call(http, "datasets.get_all", {"name": "^dr-"})
    return {d["id"] for d in data["datasets"]}


def dataviews_of(http) -> set[str]:
    data = call(http, "dataviews.get_all", {"name": "^drv-"})
    return {d["id"] for d in data["dataviews"]}


def test_datasets_list_read_write_per_rule_and_admin_bypass(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob, \
            client(stack, company.admin) as admin:
        closed, closed_v = dataset_with_frames(alice)
        readonly, readonly_v = dataset_with_frames(alice)
        shared, _ = dataset_with_frames(alice)
        publish(stack, company.id, rule("dataset", closed, "read_write", company.alice.user),
                rule("dataset", readonly, "read", company.bob.user),
                rule("dataset", readonly, "read_write", company.alice.user))
        seconds_until(lambda: closed not in datasets_of(bob))
        assert {readonly, shared} <= datasets_of(bob) and {closed, readonly, shared} <= datasets_of(admin)
        # unreadable: the dataset, its versions and frames are unknown
        for endpoint, body in (("datasets.get_by_id", {"dataset": closed}),
                               ("datasets.get_versions", {"dataset": closed}),
                               ("datasets.get_stats", {"version": closed_v}),
                               ("frames.get_count", {"dataset": closed, "version": closed_v}),
                               ("datasets.update", {"dataset": closed, "comment": "bob"}),
                               ("datasets.save_frames", {"version": closed_v, "frames": [frame("c")]})):
            assert post(bob, endpoint, body) == (400, 10), endpoint
        # read only: reads work, writes are 403/21 and change nothing
        assert call(bob, "datasets.get_by_id", {"dataset": readonly})["dataset"]["id"] == readonly
        counted = call(bob, "frames.get_count", {"dataset": readonly, "version": readonly_v})
        assert_conforms("frames.get_count", counted)
        assert counted["total"] == 2
        for endpoint, body in (("datasets.update", {"dataset": readonly, "comment": "bob"}),
                               ("datasets.create_version", {"dataset": readonly, "name": "v2"}),
                               ("datasets.save_frames", {"version": readonly_v, "frames": [frame("c")]}),
                               ("datasets.delete_frames", {"version": readonly_v, "frames": ["a"]}),
                               ("datasets.delete", {"dataset": readonly, "delete_all_versions": True,
                                                    "force": True})):
            assert post(bob, endpoint, body) == (403, 21), endpoint
        assert call(alice, "frames.get_count", {"dataset": readonly, "version": readonly_v})["total"] == 2
        # default rules and admin bypass
        assert call(bob, "datasets.update", {"dataset": shared, "comment": "bob"})["updated"] == 1
        assert call(admin, "datasets.update", {"dataset": closed, "comment": "admin"})["updated"] == 1


def test_dataviews_and_their_frame_reads(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob, \
            client(stack, company.admin) as admin:
        dataset, version = dataset_with_frames(alice)
        entries = [{"dataset": dataset, "version": version}]
        view = call(alice, "dataviews.create", {"name": unique("drv"), "versions": entries})["id"]
        open_view = call(alice, "dataviews.create", {"name": unique("drv"), "versions": entries})["id"]
        hidden_view = call(alice, "dataviews.create", {"name": unique("drv")})["id"]
        publish(stack, company.id, rule("dataview", view, "read", company.bob.user),
                rule("dataview", view, "read_write", company.alice.user),
                rule("dataview", hidden_view, "read_write", company.alice.user))
        seconds_until(lambda: hidden_view not in dataviews_of(bob))
        assert {view, open_view} <= dataviews_of(bob) and hidden_view in dataviews_of(admin)
        assert post(bob, "dataviews.get_by_id", {"dataview": hidden_view}) == (400, 10)
        assert call(bob, "dataviews.get_by_id", {"dataview": view})["dataview"]["id"] == view
        assert post(bob, "dataviews.update", {"dataview": view, "description": "bob"}) == (403, 21)
        archived = call(bob, "dataviews.archive_many", {"ids": [view, hidden_view, open_view]})
        assert_conforms("dataviews.archive_many", archived)
        assert [s["id"] for s in archived["succeeded"]] == [open_view]
        assert sorted(tuple(f["error"]["codes"]) for f in archived["failed"]) == [(400, 10), (403, 21)]
        counted = call(bob, "frames.get_count_for_dataview_id", {"dataview": view})
        assert_conforms("frames.get_count_for_dataview_id", counted)
        assert counted["total"] == 2
        # the dataset the dataview reads closes to bob: its frame reads go with it
        publish(stack, company.id, rule("dataview", view, "read", company.bob.user),
                rule("dataview", view, "read_write", company.alice.user),
                rule("dataset", dataset, "read_write", company.alice.user))
        seconds_until(lambda: post(bob, "frames.get_count_for_dataview_id", {"dataview": view}) == (400, 10))
        assert post(bob, "frames.get_count_for_dataview", {"dataview": {"versions": entries}}) == (400, 10)
        assert post(bob, "dataviews.create", {"name": unique("drv"), "versions": entries}) == (400, 10)
        assert call(alice, "frames.get_count_for_dataview_id", {"dataview": view})["total"] == 2


def test_a_rule_change_takes_effect_within_a_second(stack, company):
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        dataset = call(alice, "datasets.create", {"name": unique("dr")})["id"]
        closed_after, opened_after = close_then_open(stack, company, "dataset", dataset,
                                                     lambda: dataset in datasets_of(bob))
        print(f"datasets: rule change seen after {closed_after:.3f} s (close), {opened_after:.3f} s (open)")
        assert closed_after < 1.0 and opened_after < 1.0


def test_a_scroll_and_a_prepared_download_follow_the_datasets_they_read(stack, company):
    """Opened while bob could read the dataset: once it closes to him, clearing the scroll
    and downloading the prepared file answer the dataset's invalid id (the scroll is kept)."""
    with client(stack, company.alice) as alice, client(stack, company.bob) as bob:
        dataset, version = dataset_with_frames(alice)
        view = {"versions": [{"dataset": dataset, "version": version}]}
        publish(stack, company.id)
        scroll = call(bob, "frames.get_next_for_dataview", {"dataview": view, "batch_size": 1})["scroll_id"]
        prepared = call(bob, "frames.prepare_download_for_dataview", {"dataview": view})["prepare_id"]
        publish(stack, company.id, rule("dataset", dataset, "read_write", company.alice.user))
        seconds_until(lambda: post(bob, "frames.clear_get_next_state", {"scroll_id": scroll}) == (400, 10))
        assert post(bob, "frames.download_for_dataview", {"prepare_id": prepared}) == (400, 10)
        following = call(alice, "frames.get_next_for_dataview", {"dataview": view, "scroll_id": scroll,
                                                                 "batch_size": 1})
        assert len(following["frames"]) == 1  # bob's refused clear left the scroll where it was
        assert call(alice, "frames.clear_get_next_state", {"scroll_id": scroll}) == {}


def test_creating_a_dataset_or_dataview_needs_read_write_on_its_category(stack, company):
    with client(stack, company.bob) as bob, client(stack, company.admin) as admin, \
            read_only_category(stack, company.id, "dataset", "dataview"):
        name = unique("dr")
        seconds_until(lambda: post(bob, "datasets.create", {"name": name}) == (403, 21))
        assert name not in {d["name"] for d in call(admin, "datasets.get_all", {"name": "^dr-"})["datasets"]}
        assert post(bob, "dataviews.create", {"name": unique("drv")}) == (403, 21)
