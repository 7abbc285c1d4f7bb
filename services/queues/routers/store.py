"""The routers room's MongoDB collections in ``cairn_queues``: ``route`` (one document per
route, unique name per company) and ``task_router`` (one document per router of a company,
replaced by each of its reports). The only module of the room that speaks MongoDB, and only
in equality filters (the queries with operators live in ``services/queues/repository/``,
contract ``test_query_language_in_stores``): a company has few routes and routers."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Protocol

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.database import AsyncDatabase

Document = dict[str, Any]


class RouteRepository(Protocol):
    """The routes of every company. A route is ``{_id, company, name, type, path, subdomain,
    enabled, auth_enabled, load_balancer, user_groups, user, created, last_update, updated_by}``."""

    async def ensure_indexes(self) -> None: ...

    async def of_company(self, company: str) -> list[Document]:
        """Every route of ``company`` (a company has few: they are filtered in the room)."""

    async def put(self, route: Document) -> None:
        """Insert or replace the route of that ``_id``."""

    async def delete(self, company: str, ids: list[str]) -> int:
        """Delete those routes of ``company``; how many were deleted."""


class TaskRouterRepository(Protocol):
    """The task routers that reported: ``{_id: "<company>/<router>", company, router, url,
    version, timeout, reported, expires, uptime, last_update_timestamp, routes, tasks}``."""

    async def ensure_indexes(self) -> None: ...

    async def put(self, router: Document) -> None: ...

    async def live(self, company: str, now: datetime) -> list[Document]:
        """The routers of ``company`` whose last report has not expired at ``now``."""

    async def delete(self, company: str, router: str) -> bool: ...


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


class MongoRouteRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._routes = db["route"]

    async def ensure_indexes(self) -> None:
        await self._routes.create_indexes([IndexModel([("company", ASCENDING), ("name", ASCENDING)])])

    async def of_company(self, company: str) -> list[Document]:
        return await self._routes.find({"company": company}).to_list()

    async def put(self, route: Document) -> None:
        await self._routes.replace_one({"_id": route["_id"]}, dict(route), upsert=True)

    async def delete(self, company: str, ids: list[str]) -> int:
        deleted = 0
        for route_id in ids:  # a handful per call; one delete each keeps the query plain equality
            deleted += (await self._routes.delete_one({"company": company, "_id": route_id})).deleted_count
        return deleted


class MongoTaskRouterRepository:
    def __init__(self, db: AsyncDatabase) -> None:
        self._routers = db["task_router"]

    async def ensure_indexes(self) -> None:
        await self._routers.create_indexes([IndexModel([("company", ASCENDING)])])

    async def put(self, router: Document) -> None:
        await self._routers.replace_one({"_id": router["_id"]}, dict(router), upsert=True)

    async def live(self, company: str, now: datetime) -> list[Document]:
        # a company has a few routers: the expired ones are skipped here rather than queried
        found = await self._routers.find({"company": company}).to_list()
        return [r for r in found if _aware(r["expires"]) > _aware(now)]

    async def delete(self, company: str, router: str) -> bool:
        return (await self._routers.delete_one({"_id": f"{company}/{router}"})).deleted_count == 1
