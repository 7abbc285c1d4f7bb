"""Pure rules of the version tree: status machine, lineage, head, paradigm, display version."""

from datetime import datetime, timedelta, timezone

import pytest

from services.datasets import domain
from shared.errors import ApiError

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def version(version_id, parent=None, status=domain.DRAFT, minute=0, **fields):
    doc = domain.new_version(version_id, "acme", "u1", "d1", parent, {"name": version_id},
                             T0 + timedelta(minutes=minute))
    return {**doc, "status": status, **fields}


def test_a_new_version_is_a_draft_whose_lineage_starts_with_itself():
    root = version("a", status=domain.PUBLISHED)
    child = version("b", parent=root)
    grandchild = version("c", parent={**child, "status": domain.PUBLISHED})
    assert root["lineage"] == ["a"] and root["parent"] is None
    assert child["lineage"] == ["b", "a"] and child["parent"] == "a" and child["status"] == domain.DRAFT
    assert grandchild["lineage"] == ["c", "b", "a"]


@pytest.mark.parametrize("status, writable", [(domain.DRAFT, True), (domain.COMMITTED, True),
                                              (domain.PUBLISHED, False)])
def test_only_a_published_version_refuses_frame_changes(status, writable):
    if writable:
        assert domain.check_writable(version("a", status=status))["_id"] == "a"
    else:
        with pytest.raises(ApiError) as refused:
            domain.check_writable(version("a", status=status))
        assert (refused.value.code, refused.value.subcode) == (400, 16)


def test_a_child_needs_a_published_parent_of_the_same_dataset():
    domain.check_parent(None, None, "d1")
    domain.check_parent(version("a", status=domain.PUBLISHED), "a", "d1")
    with pytest.raises(ApiError, match="published"):
        domain.check_parent(version("a", status=domain.COMMITTED), "a", "d1")
    with pytest.raises(ApiError) as unknown:
        domain.check_parent(version("a", status=domain.PUBLISHED), "a", "d2")
    assert unknown.value.subcode == 10
    with pytest.raises(ApiError):
        domain.check_parent(None, "missing", "d1")


def test_a_version_with_children_is_never_deleted_a_published_one_only_with_force():
    with pytest.raises(ApiError, match="child"):
        domain.check_deletable_version(version("a"), has_children=True, force=True)
    with pytest.raises(ApiError, match="force"):
        domain.check_deletable_version(version("a", status=domain.PUBLISHED), False, False)
    domain.check_deletable_version(version("a", status=domain.PUBLISHED), False, True)
    domain.check_deletable_version(version("a"), False, False)


def test_a_dataset_with_versions_needs_delete_all_versions_and_force_for_published_ones():
    domain.check_deletable_dataset("d1", [], False, False)
    with pytest.raises(ApiError, match="delete_all_versions"):
        domain.check_deletable_dataset("d1", [version("a")], False, True)
    domain.check_deletable_dataset("d1", [version("a")], True, False)
    with pytest.raises(ApiError, match="force"):
        domain.check_deletable_dataset("d1", [version("a", status=domain.PUBLISHED)], True, False)


def test_the_head_is_the_deepest_unpublished_version():
    root = version("a", status=domain.PUBLISHED)
    mid = version("b", parent=root, status=domain.PUBLISHED, minute=1)
    deep = version("c", parent=mid, minute=2)
    shallow = version("d", parent=root, minute=3)
    assert domain.head_version([root, mid, deep, shallow])["_id"] == "c"
    assert domain.head_version([root, mid]) is None


def test_one_path_is_single_version_a_fork_or_two_roots_general():
    root = version("a", status=domain.PUBLISHED)
    child = version("b", parent=root)
    assert domain.paradigm([]) == "single_version"
    assert domain.paradigm([root, child]) == "single_version"
    assert domain.paradigm([root, child, version("c", parent=root)]) == "general"
    assert domain.paradigm([root, version("x")]) == "general"


def test_the_display_version_is_the_latest_committed_or_published():
    old = version("a", status=domain.PUBLISHED, published=T0 + timedelta(hours=1))
    new = version("b", status=domain.COMMITTED, committed=T0 + timedelta(hours=2))
    assert domain.display_version([old, new, version("c")])["_id"] == "b"
    assert domain.display_version([version("c")]) is None


def test_snapshot_names_follow_clearmls_iso_pattern():
    at = datetime(2020, 3, 26, 16, 55, 38, 441000, tzinfo=timezone.utc)
    assert domain.snapshot_name(at) == "snapshot 2020-03-26T16:55:38.441000"
    assert domain.snapshot_comment(at, "ann") == "published at 2020-03-26T16:55:38.441000 by ann"


def test_metadata_keys_may_not_hold_dollar_or_dot_at_any_depth():
    assert domain.checked_metadata({"a": {"b": [{"c": 1}]}}) == {"a": {"b": [{"c": 1}]}}
    assert domain.checked_metadata(None) == {}
    for bad in ({"a.b": 1}, {"a": {"$b": 1}}, {"a": [{"x.y": 1}]}):
        with pytest.raises(ApiError) as refused:
            domain.checked_metadata(bad)
        assert (refused.value.code, refused.value.subcode) == (400, 12)
