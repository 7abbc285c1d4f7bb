"""``system.*`` (Enterprise): the companies (tenants) of the server, for its system and root
users, who act across companies (the gateway lets only those roles call these endpoints).

A company is one document of ``companies``: its name, ``active``, and its settings under
``defaults`` (the Enterprise company settings, its SSO configuration, its custom events
configuration and who may open its application instances). A new company needs nothing
else from a first start: its ``default`` queue is created by the queues process on the
company's first need, as for the seeded company, and its users come from ``auth.create_user``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from services.identity.domain import new_id
from services.identity.store.companies import Document, MongoCompanyDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.patterns import searcher

BASIC_FIELDS = ("id", "name", "active")


class Companies:
    """The use cases of the ``system`` service's companies."""

    def __init__(self, directory: MongoCompanyDirectory, clock: Callable[[], datetime]) -> None:
        self._directory = directory
        self._clock = clock

    async def create_company(self, name: str, defaults: Document | None) -> dict[str, Any]:
        """``system.create_company``: a new active company with the given defaults; its id.
        Cairn runs no application instances, so it creates no application queues."""
        company_id = new_id()
        await self._directory.insert(company_id, name, defaults or {}, self._clock())
        return {"id": company_id, "app_queues": []}

    async def get_companies(self, name: str | None, name_pattern: str | None) -> dict[str, Any]:
        """``system.get_companies``: ``{id, name, active}`` of every company, or of those with
        exactly ``name`` or whose name matches the regular expression ``name_pattern``."""
        matches = searcher(name_pattern, ignore_case=True) if name_pattern else None
        companies = [
            {field: company.get(field) for field in BASIC_FIELDS}
            for company in await self._directory.all()
            if (name is None or company.get("name") == name) and (matches is None or matches(company.get("name") or ""))
        ]
        return {"companies": companies}

    async def company_info(self, identity: Identity, company_id: str | None) -> dict[str, Any]:
        """``system.company_info``: one company (the caller's when none is named) with its
        defaults; Cairn runs no per-company services, so ``services`` is empty."""
        company = await self._company(company_id or identity.company)
        return {**{field: company.get(field) for field in BASIC_FIELDS}, "defaults": company["defaults"], "services": []}

    async def update_settings(self, company_id: str, settings: Document) -> dict[str, int]:
        """``system.update_company_settings``: set the given settings in the company's
        defaults (the others are kept)."""
        fields = {f"defaults.{name}": value for name, value in settings.items()}
        return {"updated": await self._set(company_id, fields)}

    async def set_default(self, company_id: str, name: str, value: Any) -> dict[str, Any]:
        """``system.update_company_sso_config``, ``update_company_custom_events_config`` and
        ``update_company_app_instance_access``: replace one part of the company's defaults."""
        await self._set(company_id, {f"defaults.{name}": value})
        return {}

    async def get_default(self, company_id: str, name: str) -> Any:
        """The part ``name`` of the company's defaults (None when it was never set)."""
        company = await self._company(company_id)
        return company["defaults"].get(name)

    async def _company(self, company_id: str) -> Document:
        company = await self._directory.get(company_id)
        if company is None:
            raise ApiError.named("invalid_id", msg="company not found", company=company_id)
        return company

    async def _set(self, company_id: str, fields: Document) -> int:
        if not fields:
            await self._company(company_id)
            return 0
        if not await self._directory.set_fields(company_id, fields):
            raise ApiError.named("invalid_id", msg="company not found", company=company_id)
        return 1
