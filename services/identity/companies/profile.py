"""The Enterprise ``organization.*`` a company's admin uses for the company itself: its name,
its logo, its usage (billing) configuration; and what the company has beyond the open-source
server (custom UI actions, services), which Cairn does not run: those answer empty.

Only the caller's own company can be changed here (the gateway lets admins only call the
name and logo endpoints); naming another company is refused with 403/20.
"""

from __future__ import annotations

from typing import Any

from services.identity.store.companies import Document, MongoCompanyDirectory
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

USAGE_PARTS = ("events", "pricing")


class CompanyProfile:
    """The use cases of the company's own profile and configuration."""

    def __init__(self, directory: MongoCompanyDirectory, tasks: ProcessRpc) -> None:
        self._directory = directory
        self._tasks = tasks

    async def update_name(self, identity: Identity, company: str | None, new_name: str) -> dict[str, int]:
        """``organization.update_company_name``: rename the caller's company."""
        return {"updated": await self._set(identity, company, {"name": new_name})}

    async def update_logo(self, identity: Identity, company: str | None, data: str, kind: str) -> dict[str, int]:
        """``organization.update_company_logo``: the logo as a URL or base64 data."""
        return {"updated": await self._set(identity, company, {"logo": {"data": data, "format": kind}})}

    async def get_usage_configuration(self, identity: Identity) -> Document:
        """``organization.get_usage_configuration``: ``{events, pricing}`` (empty when unset)."""
        company = await self._directory.get(identity.company) or {}
        stored = company.get("usage_configuration") or {}
        return {part: stored.get(part) or {} for part in USAGE_PARTS}

    async def edit_usage_configuration(self, identity: Identity, request: Document) -> Document:
        """``organization.edit_usage_configuration``: replace the parts sent; the result."""
        fields = {f"usage_configuration.{part}": request[part] for part in USAGE_PARTS if part in request}
        if fields:
            await self._set(identity, None, fields)
        return await self.get_usage_configuration(identity)

    async def delete_usage_configuration(self, identity: Identity) -> dict[str, int]:
        """``organization.delete_usage_configuration``: 1 when there was one, else 0."""
        company = await self._directory.get(identity.company) or {}
        if not company.get("usage_configuration"):
            return {"deleted": 0}
        await self._set(identity, None, {"usage_configuration": None})
        return {"deleted": 1}

    async def get_project_company(self, identity: Identity, project: str) -> dict[str, str]:
        """``organization.get_project_company``: the company owning a project the caller
        sees (``""`` for a public one); an unknown project is 400/401."""
        data = await self._tasks.call(identity, "projects.get_all_ex", {"id": [project], "only_fields": ["company"]})
        found = data.get("projects") or []
        if not found:
            raise ApiError.named("invalid_project_id", id=project)
        company = found[0].get("company")
        return {"company": company.get("id", "") if isinstance(company, dict) else company or ""}

    async def _set(self, identity: Identity, company: str | None, fields: Document) -> int:
        if company and company != identity.company:
            raise ApiError(403, 20, "only the caller's own company can be changed", company=company)
        return await self._directory.set_fields(identity.company, fields)


def get_ui_actions() -> dict[str, Any]:
    """``organization.get_ui_actions``: no custom actions are configured."""
    return {"objects": {}}


def get_services() -> dict[str, Any]:
    """``organization.get_services``: Cairn runs no per-company services."""
    return {"services": []}
