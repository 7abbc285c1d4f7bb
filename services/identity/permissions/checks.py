"""What the permissions room asks the processes that own the entities.

``EntityAccess.check`` (``permissions.check_entity_access``): the decision is the owner's, made
with the same code it enforces with (its ``internal.check_access`` action, which knows the
entity's projects), so the answer always agrees with what the services do.
``EntityNames``: the names ``get_access_rules`` shows next to the rules' entity ids.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc, RpcCaller

log = logging.getLogger(__name__)

# The process that owns (and enforces the rules on) each entity type.
OWNERS = {
    "task": "tasks", "model": "tasks", "project": "tasks",
    "queue": "queues", "route": "queues",
    "dataset": "datasets", "dataview": "datasets",
}
CROSS_COMPANY_ROLES = frozenset({"system", "root"})

# entity type -> (the owner's listing endpoint, the answer's list field); routes have none.
_LISTINGS = {
    "task": ("tasks.get_all", "tasks"), "model": ("models.get_all", "models"),
    "project": ("projects.get_all", "projects"), "queue": ("queues.get_all", "queues"),
    "dataset": ("datasets.get_all", "datasets"), "dataview": ("dataviews.get_all", "dataviews"),
}


class EntityAccess:
    """``verify_token(token)``: the identity a session token carries (401 when invalid)."""

    def __init__(self, rpc: RpcCaller, verify_token: Callable[[str], Identity]) -> None:
        self._owners = {process: ProcessRpc(rpc, process) for process in set(OWNERS.values())}
        self._verify = verify_token

    async def check(self, caller: Identity, entity_type: str | None, entity_id: str | None,
                    access_permission: str | None, token: str | None) -> None:
        """Nothing when the caller (or the user of ``token``) has ``access_permission``
        (default ``read``) on the entity; the owner's error (invalid id, 403/21) otherwise."""
        missing = [name for name, value in (("entity_type", entity_type), ("entity_id", entity_id)) if not value]
        if missing:
            raise ApiError.named("missing_required_fields", f"missing {', '.join(missing)}", fields=missing)
        who = self._verify(token) if token else caller
        if who.company != caller.company and caller.role not in CROSS_COMPANY_ROLES:
            raise ApiError.named("invalid_token", "the token is of another company")
        payload = {"entity_type": entity_type, "entity_id": entity_id, "access_permission": access_permission or "read"}
        await self._owners[OWNERS[entity_type]].call(who, "internal.check_access", payload, key=entity_id)


class EntityNames:
    """The names of entities, asked of their owners as the caller (an admin: it reads all)."""

    def __init__(self, rpc: RpcCaller) -> None:
        self._owners = {process: ProcessRpc(rpc, process) for process in set(OWNERS.values())}

    async def names(self, caller: Identity, entity_type: str, ids: list[str]) -> dict[str, str]:
        """id -> name of those of ``ids`` the owner knows; nothing when it cannot say (the
        rules are still answered, without names)."""
        listing = _LISTINGS.get(entity_type)
        if not ids or listing is None:
            return {}
        endpoint, field = listing
        try:
            answer = await self._owners[OWNERS[entity_type]].call(
                caller, endpoint, {"id": list(ids), "only_fields": ["id", "name"]})
        except ApiError as exc:
            log.warning("no names for %s rules: %s", entity_type, exc)
            return {}
        listed = (answer or {}).get(field) or []
        return {e["id"]: e.get("name") or "" for e in listed if isinstance(e, dict) and "id" in e}
