"""Use cases of ClearML's ``dataviews`` service (Hyper-Datasets): ``dataviews.create``,
``update``, ``get_by_id``, ``get_all``, ``delete``, ``delete_many``, ``archive_many``,
``unarchive_many``, ``publish``, ``publish_many``, ``move``.

A dataview is a document (``services/datasets/store/dataviews.py``): filter rules over dataset
versions, the version pool (``versions``), iteration, label enumeration and mapping,
augmentation. Frames are read through it by the iteration room. A published dataview is read
only unless ``force``; archiving is the ``archived`` system tag."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from datetime import datetime, timezone

from services.datasets.dataviews import listing, rules
from services.datasets.dataviews.ports import DataviewRepository, Document, Lookup, Projects, RuleCompiler
from shared.access.snapshot import READ, READ_WRITE
from shared.api_form import to_api
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import dataviews as refined
from shared.schemas.generated import dataviews as api

Clock = Callable[[], datetime]
# Fields of create/update requests that are not fields of the document.
REQUEST_ONLY = {"dataview", "force"}


def utc_now() -> datetime:
    """Now in UTC at MongoDB's millisecond precision (stored and answered values agree)."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def new_id() -> str:
    """A ClearML id: 32 lowercase hex characters."""
    return uuid.uuid4().hex


async def for_each(ids: Iterable[str], action: Callable[[str], Awaitable[Document]]) -> Document:
    """The ``*_many`` answer: ``{succeeded: [{id, ...}], failed: [{id, error}]}``; one id's
    ClearML error does not stop the others."""
    succeeded: list[Document] = []
    failed: list[Document] = []
    for item in dict.fromkeys(ids):
        try:
            result = await action(item)
        except ApiError as exc:
            error = {"codes": [exc.code, exc.subcode], "msg": exc.message, "data": exc.to_dict()["data"]}
            failed.append({"id": item, "error": error})
        else:
            succeeded.append({"id": item, **result})
    return {"succeeded": succeeded, "failed": failed}


def unknown_dataview(dataview_id: str) -> ApiError:
    """ClearML Enterprise's own subcode is not public: the general 400/10, as the versions
    room answers an unknown dataset or version."""
    return ApiError.named("invalid_id", "invalid dataview id", id=dataview_id)


def _fields(request: api.CreateRequest | api.UpdateRequest) -> Document:
    """The document fields a create/update request gives (null is not given), in JSON form.
    (The generated ``output_rois`` default is the enum's text, not its member: pydantic's
    warning about it says nothing wrong.)"""
    return request.model_dump(mode="json", by_alias=True, exclude_none=True, exclude=REQUEST_ONLY, warnings=False)


class DataviewService:
    """``dataviews.*`` use cases."""

    def __init__(self, dataviews: DataviewRepository, datasets: Lookup, versions: Lookup, projects: Projects,
                 compile_rule: RuleCompiler, clock: Clock = utc_now, make_id: Callable[[], str] = new_id,
                 access: Any = None) -> None:
        self._access = access  # ``access.DatasetAccess`` (None: every dataview readable and writable)
        self._dataviews = dataviews
        self._datasets = datasets
        self._versions = versions
        self._projects = projects
        self._compile_rule = compile_rule
        self._clock = clock
        self._new_id = make_id

    async def _own(self, identity: Identity, dataview_id: str) -> Document:
        """The caller's own dataview to change (a public one is as unknown as a missing one):
        400/10; the caller needs read_write on it (an unreadable one is unknown, a read-only
        one 403/21)."""
        if self._access is not None:
            await self._access.dataview(identity, dataview_id, READ_WRITE)
        dataview = await self._dataviews.stored(identity.company, dataview_id)
        if dataview is None:
            raise unknown_dataview(dataview_id)
        return dataview

    async def _check(self, identity: Identity, fields: Document) -> None:
        """The filter rules well formed, every dataset and version named found in the caller's
        company, each version of its dataset (``rules``), and the project known (400/401)."""
        rules.check_rules(fields, self._compile_rule)
        if self._access is not None:  # a dataset the caller may not read is unknown to it
            await self._access.named_datasets(identity, fields)
        if fields.get("project"):
            await self._projects.check(identity, fields["project"])
        found: dict[tuple[str, str], Document | None] = {}

        async def lookup(kind: str, store: Lookup, entity_id: str | None) -> Document | None:
            if entity_id is None:
                return None
            if (kind, entity_id) not in found:
                found[(kind, entity_id)] = await store.get(identity.company, entity_id)
            return found[(kind, entity_id)]

        for ref in rules.references(fields):
            dataset = await lookup("dataset", self._datasets, ref.dataset_id)
            version = await lookup("version", self._versions, ref.version_id)
            rules.check_reference(ref, dataset, version)

    async def create(self, identity: Identity, request: api.CreateRequest) -> Document:
        """``dataviews.create``: ``{id}``. Bad filter rules, unknown datasets, versions or
        project, a version of another dataset -> 400 (``rules``), nothing stored."""
        fields = _fields(request)
        await self._check(identity, fields)
        doc = rules.new_dataview(fields, self._new_id(), identity.company, identity.user, self._clock())
        await self._dataviews.add(doc)
        return {"id": doc["_id"]}

    async def update(self, identity: Identity, request: api.UpdateRequest) -> Document:
        """``dataviews.update``: the given fields replace the stored ones (a rule list, the
        iteration... as a whole); ``{updated, fields}``. A published dataview needs ``force``
        (400/16); checks as in ``create``."""
        dataview = await self._own(identity, request.dataview)
        rules.writable(dataview, bool(request.force), "update")
        fields = _fields(request)
        if not fields:
            return {"updated": 0, "fields": {}}
        await self._check(identity, fields)
        await self._dataviews.update(identity.company, dataview["_id"], fields)
        return {"updated": 1, "fields": to_api(fields)}

    async def get_by_id(self, identity: Identity, request: api.GetByIdRequest) -> Document:
        """``dataviews.get_by_id``: the company's or a public dataview, else (or one the
        caller may not read) 400/10."""
        if self._access is not None:
            await self._access.dataview(identity, request.dataview, READ)
        dataview = await self._dataviews.get(identity.company, request.dataview)
        if dataview is None:
            raise unknown_dataview(request.dataview)
        return {"dataview": dataview}

    async def _readable_only(self, identity: Identity, query: listing.DataviewFilter,
                             needed: str = READ) -> listing.DataviewFilter:
        """``query`` of the dataviews the caller may read (``needed``), in the query itself."""
        if self._access is None:
            return query
        allowed = await self._access.readable(identity, "dataview", needed)
        if not allowed.everything:
            return dataclasses.replace(query, only_ids=tuple(sorted(allowed.only)))
        return dataclasses.replace(query, excluded_ids=tuple(sorted(allowed.excluded)))

    async def get_all(self, identity: Identity, request: refined.GetAllRequest) -> Document:
        """``dataviews.get_all``: the company's and public dataviews matching the filters
        (``listing``); with ``scroll_id``/``size`` also the next ``scroll_id``."""
        query = await self._readable_only(identity, listing.dataview_filter(identity.company, request))
        found = await self._dataviews.find(query)
        answer: Document = {"dataviews": found}
        if listing.scrolling(request):
            answer["scroll_id"] = listing.scroll_id(query.skip + len(found))
        return answer

    async def delete(self, identity: Identity, request: api.DeleteRequest) -> Document:
        """``dataviews.delete``: ``{deleted: 1}``; a published dataview needs ``force``."""
        return {"deleted": int(await self._delete(identity, request.dataview, bool(request.force)))}

    async def delete_many(self, identity: Identity, request: api.DeleteManyRequest) -> Document:
        """``dataviews.delete_many``: ``delete`` per id (``{deleted: true}``)."""

        async def one(dataview_id: str) -> Document:
            return {"deleted": await self._delete(identity, dataview_id, bool(request.force))}

        return await for_each(request.ids, one)

    async def _delete(self, identity: Identity, dataview_id: str, force: bool) -> bool:
        dataview = await self._own(identity, dataview_id)
        rules.writable(dataview, force, "delete")
        return await self._dataviews.delete(identity.company, dataview["_id"])

    async def archive_many(self, identity: Identity, request: api.ArchiveManyRequest) -> Document:
        """``dataviews.archive_many``: add the ``archived`` system tag (published ones too)."""
        return await self._tag_many(identity, request.ids, "archived", True)

    async def unarchive_many(self, identity: Identity, request: api.UnarchiveManyRequest) -> Document:
        """``dataviews.unarchive_many``: remove the ``archived`` system tag."""
        return await self._tag_many(identity, request.ids, "unarchived", False)

    async def _tag_many(self, identity: Identity, ids: list[str], answer: str, present: bool) -> Document:
        async def one(dataview_id: str) -> Document:
            await self._own(identity, dataview_id)
            await self._dataviews.set_system_tag(identity.company, dataview_id, rules.ARCHIVED, present)
            return {answer: True}

        return await for_each(ids, one)

    async def publish(self, identity: Identity, request: api.PublishRequest) -> Document:
        """``dataviews.publish``: ``{published: 1}``, or 0 when it already was."""
        return {"published": int(await self._publish(identity, request.dataview))}

    async def publish_many(self, identity: Identity, request: api.PublishManyRequest) -> Document:
        """``dataviews.publish_many``: ``publish`` per id (``{published: bool}``)."""

        async def one(dataview_id: str) -> Document:
            return {"published": await self._publish(identity, dataview_id)}

        return await for_each(request.ids, one)

    async def _publish(self, identity: Identity, dataview_id: str) -> bool:
        dataview = await self._own(identity, dataview_id)
        if dataview.get("status") == rules.PUBLISHED:
            return False
        return await self._dataviews.update(identity.company, dataview_id, {"status": rules.PUBLISHED})

    async def move(self, identity: Identity, request: api.MoveRequest) -> Document:
        """``dataviews.move``: into ``project_name`` (got or created, as ``models.move``), the
        ``project`` id (an unknown one -> 400/401) or no project (``project: null``); neither
        given -> 400/11. Only the caller's own dataviews among ``ids`` (that it may write)
        move, others are skipped, as in ``models.move``. Answers ``{project_id}``."""
        if request.project_name:
            project = await self._projects.ensure(identity, request.project_name)
        elif "project" not in request.model_fields_set:
            raise ApiError.named("missing_required_fields", "project or project_name is required")
        else:
            project = request.project or None
            if project:
                await self._projects.check(identity, project)
        ids = list(dict.fromkeys(request.ids))
        if self._access is not None:  # the caller's writable ones only, the others skipped
            writable = await self._access.readable(identity, "dataview", READ_WRITE)
            ids = [i for i in ids if writable.allows(i)]
        await self._dataviews.set_project(identity.company, ids, project)
        return {"project_id": project}
