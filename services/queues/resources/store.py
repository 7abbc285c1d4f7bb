"""The resources room's store port; its MongoDB adapter is ``services/queues/repository/resources.py``
(the process's query language stays in ``repository/``). Collections of ``cairn_queues`` that
only this room touches:

- ``resource_config``: one document per company (``_id`` = company): ``published`` (the
  enforced configuration), ``draft`` (absent when none), ``enabled`` (policy manager).
- ``resource_policy``: policies (``name`` unique per company).
- ``resource_connection``: a policy's profile connection, ``_id`` = its queue's id (the queue
  itself is a queue document of the process, with the seed's ``profile_connection``).
- ``resource_ledger``: ``_id`` = ``<company>/<task>``: the policy, profile and cost under
  which a task was last admitted to a policy queue (running jobs are counted through it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

Document = dict[str, Any]


class DuplicatePolicyName(Exception):
    """A policy name the company already uses."""


class ResourceStore(Protocol):
    """The room's port. ``configuration`` -> the company's document or ``None``;
    ``put_configuration`` replaces (upserts) it. Policies: ``add_policy`` (raises
    ``DuplicatePolicyName``), ``policy``, ``policies`` (by name), ``update_policy`` (set
    fields, raises ``DuplicatePolicyName``; False when absent), ``delete_policy``.
    Connections: ``add_connection``, ``connections`` (of a policy, or all), ``delete_connection``.
    Ledger: ``admit`` (upsert), ``forget``, ``ledger`` (entries of these tasks)."""

    async def ensure_indexes(self) -> None: ...
    async def configuration(self, company: str) -> Document | None: ...
    async def put_configuration(self, company: str, doc: Document) -> None: ...
    async def add_policy(self, policy: Document) -> None: ...
    async def policy(self, company: str, policy_id: str) -> Document | None: ...
    async def policies(self, company: str) -> list[Document]: ...
    async def update_policy(self, company: str, policy_id: str, fields: Document) -> bool: ...
    async def delete_policy(self, company: str, policy_id: str) -> bool: ...
    async def add_connection(self, connection: Document) -> None: ...
    async def connections(self, company: str, policy: str | None = None) -> list[Document]: ...
    async def delete_connection(self, company: str, queue_id: str) -> bool: ...
    async def admit(self, company: str, task: str, entry: Document) -> None: ...
    async def forget(self, company: str, task: str) -> None: ...
    async def ledger(self, company: str, tasks: Sequence[str]) -> dict[str, Document]: ...
