"""Use cases of the version tree (``datasets.create_version``, ``commit_version``,
``publish_version``, ``publish_and_create_child_version``, ``update_version``,
``delete_version``, ``get_versions``, ``get_versions_ex``, ``get_stats``,
``update_stats_for_all_versions``) and ``writable_version`` for the frames room.

A version is a draft until committed (its statistics computed, still writable) and published
(read-only for good). A child version starts from a published parent and sees the parent's
frames through its lineage; nothing is copied."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from services.datasets import domain
from services.datasets.datasets.listing import EVERY_DATASET, Listing, ListRule, every_company_versions, version_listing
from services.datasets.datasets.ports import FrameLifecycle
from services.datasets.datasets.views import version_view
from services.datasets.store.datasets import DatasetRepository, DuplicateName, VersionRepository
from shared.messaging.envelopes import Identity

UPDATABLE = ("name", "comment", "metadata", "tags", "system_tags")


class VersionService:
    def __init__(self, datasets: DatasetRepository, versions: VersionRepository, frames: FrameLifecycle,
                 clock: Callable[[], datetime] = domain.utc_now, ids: Callable[[], str] = domain.new_id) -> None:
        self._datasets, self._versions, self._frames = datasets, versions, frames
        self._clock, self._ids = clock, ids

    # --- lookups --------------------------------------------------------------------------

    async def version(self, company: str, version_id: str) -> dict[str, Any]:
        """The company's version, else 400 (unknown id)."""
        found = await self._versions.get(company, version_id)
        if found is None:
            raise domain.unknown_version(version_id)
        return found

    async def writable_version(self, company: str, version_id: str) -> dict[str, Any]:
        """For the frames room: the version whose frames are about to change; 400 when it is
        unknown or published."""
        return dict(domain.check_writable(await self.version(company, version_id)))

    async def _dataset(self, company: str, dataset_id: str) -> dict[str, Any]:
        found = await self._datasets.get(company, dataset_id)
        if found is None:
            raise domain.unknown_dataset(dataset_id)
        return found

    async def _touch(self, company: str, dataset_id: str, now: datetime) -> None:
        """ClearML's dataset ``last_update`` follows every version operation."""
        await self._datasets.update(company, dataset_id, {"last_update": now})

    async def _stats(self, version: Mapping[str, Any]) -> dict[str, Any]:
        return await self._frames.version_stats(version["company"], version["dataset"], domain.lineage_of(version))

    # --- creation -------------------------------------------------------------------------

    async def create_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.create_version``: a draft version of the dataset, a root or the child of
        a published version; its name is unique in the dataset (the SDK looks an existing
        one up by name when creation fails)."""
        company = identity.company
        await self._dataset(company, request.dataset)
        parent = await self._versions.get(company, request.parent) if request.parent else None
        domain.check_parent(parent, request.parent, request.dataset)
        fields = request.model_dump(include={"name", "comment", "metadata", "tags", "system_tags", "task", "stats"},
                                    exclude_none=True)
        return {"id": await self._add(identity, request.dataset, parent, fields)}

    async def _add(self, identity: Identity, dataset_id: str, parent: Mapping[str, Any] | None,
                   fields: dict[str, Any]) -> str:
        name = (fields.get("name") or "").strip()
        if not name:
            raise domain.refused("version name must not be empty")
        now = self._clock()
        doc = domain.new_version(self._ids(), identity.company, identity.user, dataset_id, parent,
                                 {**fields, "name": name}, now)
        try:
            await self._versions.add(doc)
        except DuplicateName:
            raise domain.name_taken("version", name) from None
        await self._touch(identity.company, dataset_id, now)
        return doc["_id"]

    # --- commit and publish ---------------------------------------------------------------

    async def commit_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.commit_version``: the version's statistics computed (or
        ``override_stats``, or kept with ``calculate_stats: false``); published too with
        ``publish``. Frames are written through at save time: nothing is left to merge."""
        version = await self.version(identity.company, request.version)
        domain.check_committable(version)
        now = self._clock()
        fields: dict[str, Any] = {"status": domain.COMMITTED, "committed": now, "last_frames_update": now}
        if request.override_stats is not None:
            fields["stats"] = request.override_stats.model_dump(exclude_none=True)
        elif request.calculate_stats is not False or request.publish:
            fields["stats"] = await self._stats(version)
        if request.publish:
            fields.update(status=domain.PUBLISHED, published=now)
        await self._set(version, fields, now)
        return {"version": version["_id"], "dataset": version["dataset"], "parent": version.get("parent"),
                "total": 0, "saved_and_updated": 0, "deleted": 0, "merged": 0, "failed": 0, "errors": []}

    async def publish_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.publish_version``: a draft or committed version becomes published
        (read-only), its statistics computed."""
        version = await self.version(identity.company, request.version)
        domain.check_committable(version)
        await self._publish(version, {})
        return {}

    async def _publish(self, version: Mapping[str, Any], fields: dict[str, Any]) -> None:
        now = self._clock()
        published = {"status": domain.PUBLISHED, "published": now, "committed": version.get("committed") or now,
                     "stats": await self._stats(version), **fields}
        await self._set(version, published, now)

    async def _set(self, version: Mapping[str, Any], fields: dict[str, Any], now: datetime) -> None:
        """Apply a status change while the version is still writable (a racing publish wins
        once); a name taken is 400."""
        try:
            done = await self._versions.update(version["company"], version["_id"], fields, domain.WRITABLE)
        except DuplicateName:
            raise domain.name_taken("version", fields.get("name")) from None
        if done is None:
            raise domain.refused("version is already published", version=version["_id"])
        await self._touch(version["company"], version["dataset"], now)

    async def publish_and_create_child_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.publish_and_create_child_version`` (the SDK's ``create_snapshot``): the
        version keeps its id and becomes a published snapshot (default name ``snapshot
        <time>``, comment ``published at <time> by <user>``), and a new draft child takes
        its place (default: the version's name, tags, system tags and metadata)."""
        version = await self.version(identity.company, request.version)
        if version["dataset"] != request.dataset:
            raise domain.unknown_version(request.version)
        domain.check_committable(version)
        now = self._clock()
        snapshot = self._snapshot_fields(identity, request, version, now)
        child = {"name": (request.child_name or version["name"]).strip(), "comment": request.child_comment,
                 **self._given_or_kept(request, version, "child_")}
        child["metadata"] = domain.checked_metadata(child["metadata"], "child_metadata")
        await self._check_names_free(version, [snapshot["name"], child["name"]])
        await self._publish(version, snapshot)
        published = await self.version(identity.company, version["_id"])
        return {"id": await self._add(identity, version["dataset"], published, child)}

    async def _check_names_free(self, version: Mapping[str, Any], names: list[str]) -> None:
        """Refuse before anything changes when the two names are one, or another version of
        the dataset has one of them (the call must not stop half-way)."""
        if len(set(names)) < len(names):
            raise domain.name_taken("version", names[0])
        rules = (ListRule("dataset", "any_of", (version["dataset"],)), ListRule("name", "any_of", tuple(names)))
        for other in await self._versions.find(Listing(version["company"], rules)):
            if other["_id"] != version["_id"]:
                raise domain.name_taken("version", other["name"])

    @staticmethod
    def _given_or_kept(request: Any, version: Mapping[str, Any], prefix: str) -> dict[str, Any]:
        """Tags, system tags and metadata of one side: as given, else the version's."""
        out = {}
        for name in ("tags", "system_tags", "metadata"):
            given = getattr(request, prefix + name)
            out[name] = given if given is not None else version.get(name)
        return out

    def _snapshot_fields(self, identity: Identity, request: Any, version: Mapping[str, Any],
                         now: datetime) -> dict[str, Any]:
        kept = self._given_or_kept(request, version, "publish_")
        kept["tags"], kept["system_tags"] = domain.tag_list(kept["tags"]), domain.tag_list(kept["system_tags"])
        kept["metadata"] = domain.checked_metadata(kept["metadata"], "publish_metadata")
        return {"name": request.publish_name or domain.snapshot_name(now),
                "comment": request.publish_comment or domain.snapshot_comment(now, identity.user_name
                                                                              or identity.user),
                **kept}

    # --- edits and removal ----------------------------------------------------------------

    async def update_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.update_version``: name, comment, tags of any version; its ``metadata``
        only while it is not published (ClearML: locked versions keep their metadata)."""
        version = await self.version(identity.company, request.version)
        fields = {name: getattr(request, name) for name in UPDATABLE if name in request.model_fields_set}
        if "metadata" in fields and version.get("status") == domain.PUBLISHED:
            raise domain.refused("a published version's metadata cannot change", version=version["_id"])
        if "metadata" in fields:
            fields["metadata"] = domain.checked_metadata(fields["metadata"])
        if "name" in fields and not (fields["name"] or "").strip():
            raise domain.refused("version name must not be empty")
        for tags in ("tags", "system_tags"):
            if tags in fields:
                fields[tags] = domain.tag_list(fields[tags])
        if not fields:
            return {"updated": 0}
        try:
            await self._versions.update(identity.company, version["_id"], fields)
        except DuplicateName:
            raise domain.name_taken("version", fields["name"]) from None
        await self._touch(identity.company, version["dataset"], self._clock())
        return {"updated": 1}

    async def delete_version(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.delete_version``: a version without children (they read its frames); a
        published one only with ``force``. Its own frame documents go with it."""
        version = await self.version(identity.company, request.version)
        has_children = await self._versions.has_children(identity.company, version["_id"])
        domain.check_deletable_version(version, has_children, bool(request.force))
        await self._frames.drop_version(identity.company, version["dataset"], version["_id"])
        await self._versions.delete(identity.company, version["_id"])
        await self._touch(identity.company, version["dataset"], self._clock())
        return {"deleted": True}

    # --- reads and statistics -------------------------------------------------------------

    async def get_versions(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_versions`` / ``get_versions_ex``: a dataset's versions (only the
        published ones unless ``only_published`` is false), filtered, ordered, paged."""
        await self._dataset(identity.company, request.dataset)
        found = await self._versions.find(version_listing(identity.company, request))
        return {"versions": [version_view(v, request.only_fields) for v in found]}

    async def get_every_company(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``system.get_dataset_versions`` (Enterprise; identity asks for its system and root
        callers, ``internal.versions_of_every_company``): versions of every company."""
        found = await self._versions.find(every_company_versions(request))
        return {"versions": [version_view(v) for v in found]}

    async def get_stats(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_stats``: the version's statistics over the frames it sees now."""
        return await self._stats(await self.version(identity.company, request.version))

    async def update_stats_for_all_versions(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.update_stats_for_all_versions``: every version of the datasets given
        (all of the company's when none) gets its statistics computed again; answers the
        datasets updated."""
        rules = (ListRule("_id", "any_of", tuple(request.datasets)),) if request.datasets else ()
        found = await self._datasets.find(Listing(identity.company, rules, limit=EVERY_DATASET))
        ids = [d["_id"] for d in found]
        for version in await self._versions.of_datasets(identity.company, ids) if ids else []:
            await self._versions.update(identity.company, version["_id"], {"stats": await self._stats(version)})
        return {"updated": ids}
