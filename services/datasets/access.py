"""Access rules on datasets and dataviews (issue 16). A dataset's chain is the dataset, then
the dataset category; its versions and frames follow it. A dataview's chain is the dataview,
then the dataview category; its frame reads also need read on every dataset it reads (an
inline dataview of ``frames.*``: on the datasets it names).

The endpoint table says what each endpoint needs (``DatasetAccess.guard`` with ``Need``s
naming the request's fields): an entity the caller may not read is answered as absent (the
entity's own invalid-id error, as another company's), a write with only ``read`` is 403/21;
the checks come before the use case, so a refused call changes nothing. Listings filter in
their query (``readable``), ``dataviews.*_many`` per id (``DataviewService``). The rules are
the process's ``AccessView`` (a replayed local copy: no call to identity per request).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from services.datasets import domain
from services.datasets.dataviews.rules import references
from services.datasets.dataviews.service import unknown_dataview
from services.datasets.store.datasets import DatasetRepository, VersionRepository
from shared.access.listing import Readable, readable
from shared.access.rules import scopes_of
from shared.access.snapshot import READ, READ_WRITE, Permission
from shared.access.view import AccessRules, require, require_create
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.handlers import UseCase
from shared.schemas.access_internal import CheckAccessRequest

# What a request field names: a dataset id (or a list of them), a version id (or a list: the
# version's dataset decides), a dataview id (``dataview_reads``: and the datasets it reads),
# an inline dataview (the datasets it names), a list of dataview entries ({dataset, version}).
# A scroll id or a prepared download's id (``state``: what it was opened on).
# ``new``: the request creates an entity of the need's ``field`` type (its category decides).
Kind = Literal["dataset", "datasets", "version", "versions", "dataview", "dataviews", "dataview_reads",
               "inline_dataview", "entries", "scroll", "download", "new"]


@dataclass(frozen=True)
class Need:
    """The caller needs ``permission`` on what the request's ``field`` names (``kind``)."""

    field: str
    kind: Kind
    permission: Permission = READ


def reads(field: str, kind: Kind) -> Need:
    return Need(field, kind, READ)


def writes(field: str, kind: Kind) -> Need:
    return Need(field, kind, READ_WRITE)


def creates(entity_type: str) -> Need:
    """Creating a dataset or dataview: ``read_write`` on its category."""
    return Need(entity_type, "new", READ_WRITE)


class DatasetAccess:
    """The caller's rights on datasets (with their versions and frames) and dataviews."""

    def __init__(self, rules: AccessRules, datasets: DatasetRepository, versions: VersionRepository) -> None:
        self._rules = rules
        self._datasets = datasets
        self._versions = versions
        self._dataviews: Any = None  # set by ``attach_dataviews`` (built after this object)
        self._states: Any = None  # set by ``attach_states``

    def attach_dataviews(self, dataviews: Any) -> None:
        """The dataview repository (``stored``/``get``), for the datasets a dataview reads."""
        self._dataviews = dataviews

    def attach_states(self, states: Any) -> None:
        """The scrolls' and prepared downloads' states (``iteration.ports.IterationStates``),
        for what each was opened on."""
        self._states = states

    async def readable(self, identity: Identity, entity_type: str, needed: Permission = READ) -> Readable:
        """The datasets / dataviews the caller may read (``needed``): a condition for a
        listing's query."""
        return readable(await self._rules.rules(identity.company), identity, entity_type, needed)

    async def _require(self, identity: Identity, entity_type: str, entity_id: str, needed: Permission,
                       not_found: ApiError) -> None:
        ruleset = await self._rules.rules(identity.company)
        require(ruleset, identity, scopes_of(entity_type, entity_id), needed, lambda: not_found,
                f"{entity_type} {entity_id}")

    async def dataset(self, identity: Identity, dataset_id: str, needed: Permission) -> None:
        await self._require(identity, "dataset", dataset_id, needed, domain.unknown_dataset(dataset_id))

    async def version(self, identity: Identity, version_id: str, needed: Permission) -> None:
        """The version's dataset decides; an unreadable one is an unknown version. A version
        not found is left to the use case (its own answer)."""
        found = await self._versions.get(identity.company, version_id)
        if found is not None:
            await self._require(identity, "dataset", found["dataset"], needed, domain.unknown_version(version_id))

    async def dataview(self, identity: Identity, dataview_id: str, needed: Permission) -> None:
        await self._require(identity, "dataview", dataview_id, needed, unknown_dataview(dataview_id))

    async def dataview_reads(self, identity: Identity, dataview_id: str) -> None:
        """Read on the dataview and on every dataset it reads (its frames are read)."""
        await self.dataview(identity, dataview_id, READ)
        stored = await self._dataviews.get(identity.company, dataview_id) if self._dataviews else None
        if stored is not None:
            await self.named_datasets(identity, stored)

    async def named_datasets(self, identity: Identity, fields: dict[str, Any]) -> None:
        """Read on every dataset a dataview's fields name (directly or through a version)."""
        for ref in references(fields):
            if ref.dataset_id:
                await self.dataset(identity, ref.dataset_id, READ)
            elif ref.version_id:
                await self.version(identity, ref.version_id, READ)

    async def state_reads(self, identity: Identity, state_id: str, kind: str) -> None:
        """Read on what a scroll (``kind`` "scroll") or a prepared download ("download") was
        opened on: its stored dataview, and the datasets it reads (a scroll records them when
        it opens, a download keeps its whole dataview). A state not found (or recorded before
        scrolls said what they read) is left to the use case."""
        state = await self._states.get(identity.company, state_id) if self._states else None
        if state is None or state.get("kind") != kind:
            return
        if state.get("dataview_id"):
            await self.dataview(identity, state["dataview_id"], READ)
        if kind == "download":  # prepared from an inline dataview (the request's)
            await self.named_datasets(identity, state.get("dataview") or {})
        for dataset_id in state.get("datasets") or ():
            await self.dataset(identity, dataset_id, READ)

    async def check(self, identity: Identity, request: Any, needs: Iterable[Need]) -> None:
        """Every ``Need`` of ``request`` met, else the first refusal."""
        for need in needs:
            if need.kind == "new":
                require_create(await self._rules.rules(identity.company), identity, need.field)
                continue
            value = getattr(request, need.field, None)
            if value:
                await self._check_one(identity, need, value)

    async def _check_one(self, identity: Identity, need: Need, value: Any) -> None:
        kind, needed = need.kind, need.permission
        if kind in ("dataset", "version", "dataview"):
            await getattr(self, kind)(identity, value, needed)
        elif kind in ("datasets", "versions", "dataviews"):
            for one in dict.fromkeys(value):
                await getattr(self, kind[:-1])(identity, one, needed)
        elif kind == "dataview_reads":
            await self.dataview_reads(identity, value)
        elif kind == "inline_dataview":
            await self.named_datasets(identity, value.model_dump(mode="json", exclude_none=True))
        elif kind == "entries":
            await self.named_datasets(identity, {"versions": [e.model_dump(exclude_none=True) for e in value]})
        elif kind in ("scroll", "download"):
            await self.state_reads(identity, value, kind)

    def guard(self, use_case: UseCase, *needs: Need) -> UseCase:
        """``use_case`` after checking ``needs`` on its request."""

        async def guarded(identity: Identity, request: Any) -> Any:
            await self.check(identity, request, needs)
            return await use_case(identity, request)

        guarded.__doc__ = use_case.__doc__
        return guarded

    async def check_access(self, identity: Identity, request: CheckAccessRequest) -> dict[str, Any]:
        """``internal.check_access`` (identity's ``permissions.check_entity_access``): ``{}``
        when the caller has ``access_permission`` on the dataset or dataview, else the error
        the enforcement raises (an unknown one: its invalid id, as its reads answer)."""
        needed, entity_id = request.access_permission, request.entity_id
        if request.entity_type == "dataset":
            await self.dataset(identity, entity_id, needed)
            if await self._datasets.get(identity.company, entity_id) is None:
                raise domain.unknown_dataset(entity_id)
        elif request.entity_type == "dataview":
            await self.dataview(identity, entity_id, needed)
            if self._dataviews is None or await self._dataviews.get(identity.company, entity_id) is None:
                raise unknown_dataview(entity_id)
        else:
            raise ApiError.named("validation_error", f"the datasets process owns no {request.entity_type}")
        return {}
