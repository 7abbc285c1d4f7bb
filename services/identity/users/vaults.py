"""Configuration vaults (Enterprise ``users.*_vault*``): configuration the SDK and the agent
apply at session start (``users.get_vaults``), kept per company, group or user, with a log of
every change.

Who may change what: a user its own ``user`` vaults; an admin (or a system caller) also the
company's ``organization`` and ``group`` vaults and other users' vaults of its company.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from services.identity.domain import new_id, utcnow
from services.identity.users.directory import invalid_user_id
from services.identity.users.rules import SYSTEM_ROLES
from services.identity.users.store import UserDirectory
from services.identity.users.vault_store import OperationQuery, Vault, VaultOperation, VaultRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

# What ``users.add_or_update_vault`` sets of a vault.
_VAULT_FIELDS = ("type", "format", "data", "description", "enabled", "scope")
# The order the SDK applies vaults in: the narrower scope comes later and wins.
_SCOPE_ORDER = {"organization": 0, "group": 1, "user": 2}


def _manages(caller: Identity) -> bool:
    return caller.role == "admin" or caller.role in SYSTEM_ROLES


def _may_change(caller: Identity, vault: Vault) -> bool:
    return _manages(caller) or (vault.scope == "user" and vault.user == caller.user)


def _selected(vaults: list[Vault], enabled_only: bool, types: list[str] | None) -> list[Vault]:
    return [v for v in vaults if (v.enabled or not enabled_only) and (not types or v.type in types)]


class VaultUseCases:
    def __init__(self, vaults: VaultRepository, users: UserDirectory) -> None:
        self.vaults = vaults
        self.users = users

    async def add_or_update(self, caller: Identity, fields: dict[str, Any], user: str | None, group: str | None) -> str:
        """``users.add_or_update_vault``: a new vault (no ``id``), or a change to one of the
        company's (400/10 for an unknown id). ``scope`` defaults to the caller's own
        ``user`` vault; ``user`` names another user's (admins)."""
        existing = await self._existing(caller, fields.get("id"))
        vault = self._new_vault(caller, fields, existing, user, group)
        if not _may_change(caller, vault) or (existing is not None and not _may_change(caller, existing)):
            raise ApiError(403, 20, f"role {caller.role!r} may not change a {vault.scope} vault")
        if vault.scope == "user" and vault.user != caller.user and vault.user != (existing and existing.user):
            target = await self.users.get(vault.user or "")
            if target is None or target.company != caller.company:
                raise invalid_user_id(vault.user)
        await self.vaults.save(vault)
        await self._log(caller, "update" if existing else "create", vault)
        return vault.id

    async def _existing(self, caller: Identity, vault_id: str | None) -> Vault | None:
        if not vault_id:
            return None
        existing = await self.vaults.get(vault_id, caller.company)
        if existing is None:
            raise ApiError.named("invalid_id", msg="vault not found", id=vault_id)
        return existing

    @staticmethod
    def _new_vault(
        caller: Identity, fields: dict[str, Any], existing: Vault | None, user: str | None, group: str | None
    ) -> Vault:
        base = existing or Vault(id=new_id(), company=caller.company, scope=fields.get("scope") or "user")
        given = {k: fields[k] for k in _VAULT_FIELDS if fields.get(k) is not None}
        vault = replace(base, **given, last_update=utcnow())
        if vault.scope == "user":
            return replace(vault, user=user or base.user or caller.user, group=None)
        if vault.scope == "group":
            return replace(vault, group=group or base.group, user=None)
        return replace(vault, user=None, group=None)

    async def delete(self, caller: Identity, vault_ids: list[str]) -> int:
        """``users.delete_vaults``: delete the named vaults the caller may change; others
        (unknown, another company's, not the caller's) are left and not counted."""
        deleted = 0
        for vault_id in dict.fromkeys(vault_ids):
            vault = await self.vaults.get(vault_id, caller.company)
            if vault is None or not _may_change(caller, vault):
                continue
            if await self.vaults.delete(vault.id, caller.company):
                deleted += 1
                await self._log(caller, "delete", vault)
        return deleted

    async def for_session(self, caller: Identity, enabled_only: bool, types: list[str] | None) -> list[dict[str, Any]]:
        """``users.get_vaults``: the vaults that apply to the caller (the company's and its
        own; Cairn has no groups), the narrower scope last."""
        mine = [
            v for v in await self.vaults.of_company(caller.company)
            if v.scope == "organization" or (v.scope == "user" and v.user == caller.user)
        ]
        ordered = sorted(_selected(mine, enabled_only, types), key=lambda v: _SCOPE_ORDER.get(v.scope, 0))
        return [_shown(v, ("id", "scope", "type", "format", "data", "description", "enabled")) for v in ordered]

    async def of_organization(
        self, caller: Identity, enabled_only: bool, types: list[str] | None
    ) -> list[dict[str, Any]]:
        """``users.get_organization_vaults`` (admins): every vault of the company, with whose
        it is and when it last changed."""
        found = _selected(await self.vaults.of_company(caller.company), enabled_only, types)
        return [{**_shown(v, None), "editable": True} for v in found]

    async def operations(self, query: OperationQuery) -> list[dict[str, Any]]:
        """``users.get_vault_operations_log`` (admins): the company's vault changes."""
        return [_operation(op) for op in await self.vaults.operations(query)]

    async def operation_filters(self, caller: Identity) -> dict[str, Any]:
        """``users.get_vault_operations_log_filters``: the values the log may be filtered by."""
        logged = await self.vaults.operations(OperationQuery(company=caller.company))
        return {
            "operations": sorted({op.operation for op in logged}),
            "users": list({op.user: {"id": op.user, "name": op.user_name} for op in logged}.values()),
            "vaults": list({op.vault: {"id": op.vault, "description": op.vault_description} for op in logged}.values()),
        }

    async def _log(self, caller: Identity, operation: str, vault: Vault) -> None:
        await self.vaults.log(
            VaultOperation(
                id=new_id(),
                company=caller.company,
                created=utcnow(),
                operation=operation,
                user=caller.user,
                user_name=caller.user_name,
                scope=vault.scope,
                vault=vault.id,
                vault_description=vault.description,
            )
        )


def _shown(vault: Vault, fields: tuple[str, ...] | None) -> dict[str, Any]:
    shown = {k: v for k, v in asdict(vault).items() if k != "company" and v is not None}
    return {k: v for k, v in shown.items() if fields is None or k in fields}


def _operation(op: VaultOperation) -> dict[str, Any]:
    return {
        "created": op.created,
        "operation": op.operation,
        "user": {"id": op.user, "name": op.user_name},
        "scope": op.scope,
        "vault_description": op.vault_description,
    }
