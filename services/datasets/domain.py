"""Pure rules of the datasets process: ids and clocks, the version status machine
(draft -> committed -> published), lineage, the version tree's head and paradigm, snapshot
names, and the ClearML errors of datasets and versions. No I/O, no store or schema library."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from shared.errors import ApiError

Document = dict[str, Any]

DRAFT, COMMITTED, PUBLISHED = "draft", "committed", "published"
# A committed version still takes frames: the SDK commits after every add_data_entries and
# delete_data_entries call (to refresh the statistics) and goes on writing to the version;
# HyperDataset.set_metadata treats draft and committed alike. Only publishing locks it.
WRITABLE = (DRAFT, COMMITTED)


def new_id() -> str:
    """A ClearML entity id: 32 lowercase hex characters."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """Now in UTC at MongoDB's millisecond precision."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def tag_list(tags: Sequence[str] | None) -> list[str]:
    """Tags without repeats, in the order given."""
    return list(dict.fromkeys(tags or ()))


# --- errors -------------------------------------------------------------------------------
# ClearML Enterprise's own subcodes for datasets are not public: Cairn answers the general
# ClearML ones (400/10 unknown id, 400/801 a name taken, 400/16 a state that forbids the call).


def unknown_dataset(dataset_id: str | None) -> ApiError:
    return ApiError.named("invalid_id", "invalid dataset id", id=dataset_id)


def unknown_version(version_id: str | None) -> ApiError:
    return ApiError.named("invalid_id", "invalid dataset version id", id=version_id)


def name_taken(kind: str, name: str) -> ApiError:
    return ApiError.named("expected_unique_data", f"a {kind} with this name already exists", name=name)


def refused(why: str, **data: Any) -> ApiError:
    return ApiError.named("fields_value_error", why, **data)


def checked_metadata(metadata: Mapping[str, Any] | None, field: str = "metadata") -> dict[str, Any]:
    """User metadata as given; a key (at any depth) holding ``$`` or ``.`` is refused (400/12),
    as ClearML documents it (they cannot be stored field names)."""
    def walk(value: Any, path: str) -> None:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if "$" in str(key) or "." in str(key):
                    raise ApiError.named("validation_error", f"{field} keys must not include '$' and '.'",
                                         key=f"{path}{key}")
                walk(item, f"{path}{key}/")
        elif isinstance(value, list):
            for item in value:
                walk(item, path)

    walk(metadata or {}, "")
    return dict(metadata or {})


# --- the status machine -------------------------------------------------------------------


def check_writable(version: Mapping[str, Any]) -> Mapping[str, Any]:
    """A version whose frames may change (draft or committed), else 400."""
    if version.get("status") not in WRITABLE:
        raise refused("version is published, its frames cannot change", version=version.get("_id"),
                      status=version.get("status"))
    return version


def check_committable(version: Mapping[str, Any]) -> None:
    """``commit_version`` and ``publish_version`` take a draft or committed version."""
    if version.get("status") not in WRITABLE:
        raise refused("version is already published", version=version.get("_id"))


def check_parent(parent: Mapping[str, Any] | None, parent_id: str | None, dataset_id: str) -> None:
    """A child version is created from a published version of the same dataset (it inherits
    frames that must not change under it)."""
    if parent_id is None:
        return
    if parent is None or parent.get("dataset") != dataset_id:
        raise unknown_version(parent_id)
    if parent.get("status") != PUBLISHED:
        raise refused("a child version can only be created from a published version", parent=parent_id,
                      status=parent.get("status"))


def check_deletable_version(version: Mapping[str, Any], has_children: bool, force: bool) -> None:
    """A version with children is never deleted (they read its frames); a published one only
    with ``force``."""
    if has_children:
        raise refused("version has child versions", version=version.get("_id"))
    if version.get("status") == PUBLISHED and not force:
        raise refused("version is published (use force to delete it)", version=version.get("_id"))


def check_deletable_dataset(dataset_id: str, versions: Sequence[Mapping[str, Any]], delete_all_versions: bool,
                            force: bool) -> None:
    """A dataset with versions is deleted only with ``delete_all_versions``; one with
    published versions only with ``force`` too."""
    if versions and not delete_all_versions:
        raise refused("dataset has versions (use delete_all_versions)", dataset=dataset_id)
    if not force and any(v.get("status") == PUBLISHED for v in versions):
        raise refused("dataset has published versions (use force to delete them)", dataset=dataset_id)


# --- documents ----------------------------------------------------------------------------


def new_version(version_id: str, company: str, user: str, dataset_id: str, parent: Mapping[str, Any] | None,
                fields: Mapping[str, Any], now: datetime) -> Document:
    """A draft version; its lineage is itself, then its parent's lineage."""
    lineage = [version_id, *lineage_of(parent)]
    return {
        "_id": version_id, "company": company, "dataset": dataset_id, "name": fields["name"],
        "comment": fields.get("comment"), "parent": parent["_id"] if parent else None, "lineage": lineage,
        "status": DRAFT, "created": now, "committed": None, "published": None, "last_frames_update": now,
        "user": user, "task": fields.get("task"), "tags": tag_list(fields.get("tags")),
        "system_tags": tag_list(fields.get("system_tags")), "metadata": checked_metadata(fields.get("metadata")),
        "stats": fields.get("stats"),
    }


def lineage_of(version: Mapping[str, Any] | None) -> list[str]:
    """A version's lineage (itself first, then its ancestors); none for no version."""
    if version is None:
        return []
    return list(version.get("lineage") or [version["_id"]])


def snapshot_name(now: datetime) -> str:
    """The default name of a version published by ``publish_and_create_child_version``
    (ISO 8601, ``snapshot 2020-03-26T16:55:38.441671``)."""
    return f"snapshot {now.replace(tzinfo=None).isoformat()}"


def snapshot_comment(now: datetime, user_name: str) -> str:
    """The default comment of that published version."""
    return f"published at {now.replace(tzinfo=None).isoformat()} by {user_name}"


# --- the version tree ---------------------------------------------------------------------


def head_version(versions: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """ClearML's head: the non-published version with the longest path to the root (the
    latest created of equals)."""
    candidates = [v for v in versions if v.get("status") != PUBLISHED]
    if not candidates:
        return None
    return max(candidates, key=lambda v: (len(v.get("lineage") or ()), v.get("created") or datetime.min.replace(
        tzinfo=timezone.utc)))


def paradigm(versions: Sequence[Mapping[str, Any]]) -> str:
    """``single_version`` while the version tree is one path (one root, no version with two
    children), else ``general``."""
    parents = [v.get("parent") for v in versions]
    roots = sum(1 for p in parents if p is None)
    branching = len(set(p for p in parents if p is not None)) < sum(1 for p in parents if p is not None)
    return "single_version" if roots <= 1 and not branching else "general"


def display_version(versions: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The latest committed or published version (whose statistics a dataset displays)."""
    done = [v for v in versions if v.get("status") in (COMMITTED, PUBLISHED)]
    if not done:
        return None
    floor = datetime.min.replace(tzinfo=timezone.utc)
    return max(done, key=lambda v: max(v.get("published") or floor, v.get("committed") or floor))
