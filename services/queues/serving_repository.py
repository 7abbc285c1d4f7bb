"""Serving containers (``serving.*``): the ``ContainerRepository`` port and its MongoDB adapter
(collection ``serving_container`` of ``cairn_queues``).

One document per (company, container id), ``_id`` = ``<company>/<container id>``. A container
is alive while ``expires`` (last registration or report + its timeout) is in the future:
expiry is decided when reading, as for workers, so nothing sweeps and nothing falls behind.
A container without ``endpoint_url`` is still loading its model.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

from services.queues.repository import Document, MongoExpiringDocs
ANY_URL = object()  # ``live``'s default: containers of every URL, loading ones included


def container_key(company: str, container_id: str) -> str:
    return f"{company}/{container_id}"


class ContainerRepository(Protocol):
    """Serving containers. Contract (adapters and fakes):

    - ``save`` stores the whole document (replacing one with the same ``_id``).
    - ``get`` / ``delete`` by key; ``delete`` says whether there was one.
    - ``live`` -> the company's containers alive at ``now``, by container id; only those of
      ``endpoint_url`` when given (``None``: the loading ones, without a URL).
    """

    async def save(self, container: Document) -> None: ...

    async def get(self, key: str) -> Document | None: ...

    async def delete(self, key: str) -> bool: ...

    async def live(self, company: str, now: datetime, endpoint_url: Any = ANY_URL) -> list[Document]: ...


CONTAINER_INDEXES = [IndexModel([("company", ASCENDING), ("expires", ASCENDING)], name="company_expires")]


class MongoContainerRepository(MongoExpiringDocs):
    """``ContainerRepository`` over the ``serving_container`` collection."""

    indexes = CONTAINER_INDEXES

    def __init__(self, db: AsyncDatabase) -> None:
        super().__init__(db, "serving_container")

    async def live(self, company: str, now: datetime, endpoint_url: Any = ANY_URL) -> list[Document]:
        found = await self._live(company, now)
        if endpoint_url is ANY_URL:
            return found
        return [c for c in found if c.get("endpoint_url") == endpoint_url]
