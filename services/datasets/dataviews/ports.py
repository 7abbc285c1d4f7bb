"""What the dataviews room needs of the stores, in its own words. The MongoDB adapters are
``services.datasets.store.dataviews.MongoDataviewRepository`` (this room's) and the versions
room's ``MongoDatasetRepository`` / ``MongoVersionRepository``; the unit tests use in-memory
fakes of the same Protocols."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from services.datasets.dataviews.listing import DataviewFilter
from shared.messaging.envelopes import Identity

Document = dict[str, Any]


class DataviewRepository(Protocol):
    """The ``dataviews`` collection. Documents are stored with ClearML's field names
    (``_id`` for the id, ``created`` a datetime). Reads by id see the company's own dataviews
    and the public ones (``company == ""``); writes see the company's own only."""

    async def add(self, dataview: Document) -> None: ...

    async def get(self, company: str, dataview_id: str) -> Document | None:
        """The dataview in ClearML's ``Dataview`` shape (``id``, ``created`` as ISO text)."""

    async def stored(self, company: str, dataview_id: str) -> Document | None:
        """The company's own stored document (``_id``), for writing; None when not its own."""

    async def find(self, query: DataviewFilter) -> list[Document]:
        """The dataviews ``query`` selects, in its order and page, as ``get`` answers them."""

    async def update(self, company: str, dataview_id: str, fields: Mapping[str, Any],
                     unset: Sequence[str] = ()) -> bool:
        """Set ``fields`` (and remove ``unset``) of the company's own dataview; False when
        there is none."""

    async def set_system_tag(self, company: str, dataview_id: str, tag: str, present: bool) -> bool:
        """Add (``present``) or remove a system tag; False when there is no such dataview."""

    async def set_project(self, company: str, dataview_ids: Sequence[str], project: str | None) -> int:
        """Move the company's own dataviews among ``dataview_ids``; how many there were."""

    async def delete(self, company: str, dataview_id: str) -> bool: ...


class Lookup(Protocol):
    """A store of the versions room read by id: ``MongoDatasetRepository`` (the dataset
    document) or ``MongoVersionRepository`` (the version: ``dataset``, ``status``,
    ``lineage``)."""

    async def get(self, company: str, entity_id: str) -> Document | None: ...


class Projects(Protocol):
    """Projects, which the tasks process owns (``projects.RpcProjects``)."""

    async def check(self, identity: Identity, project_id: str) -> None:
        """Nothing when the caller may use the project, else ClearML's 400/401."""

    async def ensure(self, identity: Identity, name: str) -> str:
        """The id of the project named ``name``, created when missing."""


# The query room's compiler of one filter rule (``services.datasets.query.rules.compile_rule``,
# called ``compile_rule(rule, index=i)``): raises ClearML's ``ApiError`` for a rule it cannot run.
RuleCompiler = Callable[..., Any]
