"""Use cases of datasets (``datasets.create``, ``get_all``, ``get_all_ex``, ``get_by_id``,
``get_by_name``, ``update``, ``delete``, ``move``, ``get_tags``): load through the
repositories, apply the domain's rules, answer ClearML's shapes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from services.datasets import domain
from services.datasets.datasets import scrolling
from services.datasets.datasets.listing import EVERY_DATASET, Listing, ListRule, dataset_listing, every_company_datasets
from services.datasets.datasets.ports import FrameLifecycle, Projects
from services.datasets.datasets.views import dataset_view, stored_view
from services.datasets.store.datasets import DatasetRepository, DuplicateName, VersionRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

UPDATABLE = ("name", "comment", "metadata", "tags", "system_tags", "terms_of_use")


class DatasetService:
    def __init__(self, datasets: DatasetRepository, versions: VersionRepository, frames: FrameLifecycle,
                 projects: Projects, clock: Callable[[], datetime] = domain.utc_now,
                 ids: Callable[[], str] = domain.new_id) -> None:
        self._datasets, self._versions, self._frames, self._projects = datasets, versions, frames, projects
        self._clock, self._ids = clock, ids

    async def dataset(self, company: str, dataset_id: str) -> dict[str, Any]:
        """The company's dataset, else 400 (unknown id)."""
        found = await self._datasets.get(company, dataset_id)
        if found is None:
            raise domain.unknown_dataset(dataset_id)
        return found

    async def create(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.create``: a dataset with no versions; its name is unique in the company
        (the SDK looks an existing one up by name when creation fails)."""
        name = (request.name or "").strip()
        if not name:
            raise domain.refused("dataset name must not be empty")
        if request.project:
            await self._projects.check(identity, request.project)
        now = self._clock()
        doc = {"_id": self._ids(), "company": identity.company, "name": name, "comment": request.comment,
               "project": request.project, "tags": domain.tag_list(request.tags),
               "system_tags": domain.tag_list(request.system_tags),
               "metadata": domain.checked_metadata(request.metadata), "terms_of_use": request.terms_of_use,
               "field_mappings": dict(request.field_mappings or {}), "user": identity.user, "created": now,
               "last_update": now}
        try:
            await self._datasets.add(doc)
        except DuplicateName:
            raise domain.name_taken("dataset", name) from None
        return {"id": doc["_id"]}

    async def _views(self, company: str, found: Sequence[dict[str, Any]], resolve_head: bool,
                     only_fields: Sequence[str] | None) -> list[dict[str, Any]]:
        versions = await self._versions.of_datasets(company, [d["_id"] for d in found]) if found else []
        by_dataset: dict[str, list[dict[str, Any]]] = {}
        for version in versions:
            by_dataset.setdefault(version["dataset"], []).append(version)
        return [dataset_view(d, by_dataset.get(d["_id"], []), resolve_head, only_fields) for d in found]

    async def get_all(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_all`` / ``get_all_ex``: the company's datasets by id, name pattern,
        project, tags (``-tag`` excludes), ``filters`` (``_ex``), free text; ordered, paged or
        scrolled."""
        listing = dataset_listing(identity.company, request)
        part = scrolling.window(listing, request) if scrolling.wanted(request) else listing
        found = await self._datasets.find(part)
        answer = {"datasets": await self._views(identity.company, found, bool(request.resolve_head),
                                                request.only_fields)}
        if scrolling.wanted(request):
            answer["scroll_id"] = scrolling.next_scroll_id(part, len(found))
        return answer

    async def get_every_company(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``system.get_datasets`` (Enterprise; identity asks for its system and root callers,
        ``internal.datasets_of_every_company``): the datasets of every company, as stored."""
        found = await self._datasets.find(every_company_datasets(request))
        return {"datasets": [stored_view(d) for d in found]}

    async def project_stats(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``internal.dataset_stats`` (the tasks process's ``projects.get_hyperdataset_stats``):
        how many of the company's datasets are in ``projects`` (every project: ``None``), made
        by one of ``active_users``, and pass ``tags`` / ``tags_filter``; with their tags."""
        rules = [ListRule("project", "any_of", tuple(request.projects))] if request.projects is not None else []
        if request.active_users:
            rules.append(ListRule("user", "any_of", tuple(request.active_users)))
        found = await self._datasets.find(Listing(identity.company, rules=tuple(rules), limit=EVERY_DATASET))
        kept = [d for d in found if stats_tags_pass(d.get("tags") or [], request.tags, request.tags_filter)]
        tags = sorted({tag for d in kept for tag in d.get("tags") or []})
        return {"count": len(kept), "tags": tags}

    async def get_by_id(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_by_id``: one dataset, with its head version resolved."""
        found = await self.dataset(identity.company, request.dataset)
        return {"dataset": (await self._views(identity.company, [found], True, None))[0]}

    async def get_by_name(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_by_name``: the dataset whose name is ``dataset``."""
        found = await self._datasets.by_name(identity.company, request.dataset)
        if found is None:
            raise ApiError.named("invalid_id", "no dataset with this name", name=request.dataset)
        return {"dataset": (await self._views(identity.company, [found], True, None))[0]}

    async def update(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.update``: the fields given (a name stays unique in the company)."""
        await self.dataset(identity.company, request.dataset)
        fields = {name: getattr(request, name) for name in UPDATABLE if name in request.model_fields_set}
        if "name" in fields:
            fields["name"] = (fields["name"] or "").strip()
            if not fields["name"]:
                raise domain.refused("dataset name must not be empty")
        if "metadata" in fields:
            fields["metadata"] = domain.checked_metadata(fields["metadata"])
        for tags in ("tags", "system_tags"):
            if tags in fields:
                fields[tags] = domain.tag_list(fields[tags])
        if not fields:
            return {"updated": 0, "fields": {}}
        try:
            await self._datasets.update(identity.company, request.dataset, {**fields, "last_update": self._clock()})
        except DuplicateName:
            raise domain.name_taken("dataset", fields["name"]) from None
        return {"updated": 1, "fields": fields}

    async def delete(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.delete``: a dataset with versions needs ``delete_all_versions``, one with
        published versions ``force`` too; its versions and frames go with it."""
        company = identity.company
        await self.dataset(company, request.dataset)
        versions = await self._versions.of_dataset(company, request.dataset)
        domain.check_deletable_dataset(request.dataset, versions, bool(request.delete_all_versions),
                                       bool(request.force))
        await self._frames.drop_dataset(company, request.dataset)
        for version in versions:
            await self._versions.delete(company, version["_id"])
        await self._datasets.delete(company, request.dataset)
        return {"deleted": True, "deleted_versions": [v["_id"] for v in versions]}

    async def move(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.move``: the datasets into the project ``project`` (null: the root), or
        into the project named ``project_name``, created when missing (as ``models.move``)."""
        for dataset_id in request.ids:
            await self.dataset(identity.company, dataset_id)
        project = await self._target_project(identity, request)
        now = self._clock()
        for dataset_id in request.ids:
            await self._datasets.update(identity.company, dataset_id, {"project": project, "last_update": now})
        return {}

    async def _target_project(self, identity: Identity, request: Any) -> str | None:
        if request.project:
            await self._projects.check(identity, request.project)
            return request.project
        if request.project_name:
            return await self._projects.ensure(identity, request.project_name)
        if "project" not in request.model_fields_set:
            raise ApiError.named("missing_required_fields", "project or project_name is required")
        return None

    async def get_tags(self, identity: Identity, request: Any) -> dict[str, Any]:
        """``datasets.get_tags``: the tags used by the datasets given (every dataset of the
        company when none), sorted; system tags only with ``include_system``."""
        rules = (ListRule("_id", "any_of", tuple(request.datasets)),) if request.datasets else ()
        found = await self._datasets.find(Listing(identity.company, rules, limit=EVERY_DATASET))
        tags = {tag for dataset in found for tag in dataset.get("tags") or ()}
        system_tags = {tag for dataset in found for tag in dataset.get("system_tags") or ()}
        answer: dict[str, Any] = {"tags": sorted(tags)}
        if request.include_system:
            answer["system_tags"] = sorted(system_tags)
        return answer


def stats_tags_pass(tags: Sequence[str], wanted: Sequence[str] | None, tags_filter: Any) -> bool:
    """``get_hyperdataset_stats``'s tag conditions: ``tags`` as ClearML's tag list (any of
    them, ``-t`` excludes); ``tags_filter``: ``all`` (every include, no exclude) and ``any``
    (some include, or lacking some exclude), joined by its ``op`` (``and`` by default)."""
    have = set(tags)
    if wanted:
        include = {t for t in wanted if not t.startswith("-")}
        exclude = {t[1:] for t in wanted if t.startswith("-")}
        if (include and not have & include) or have & exclude:
            return False
    if tags_filter is None:
        return True
    parts = []
    if tags_filter.all is not None:
        parts.append(set(tags_filter.all.include or ()) <= have and not have & set(tags_filter.all.exclude or ()))
    if tags_filter.any is not None:
        include, exclude = set(tags_filter.any.include or ()), set(tags_filter.any.exclude or ())
        parts.append(bool(have & include) or bool(exclude - have) if include or exclude else True)
    if not parts:
        return True
    return any(parts) if tags_filter.op == "or" else all(parts)
