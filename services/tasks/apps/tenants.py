"""Which tenants (companies) have which application: deploying, disabling and undeploying an
app for every tenant or some, its assignment mode, and the administrators' overviews.

A tenant's state of an app is ``enabled`` (its users launch it), ``disabled`` (listed, not
launchable) or ``not_deployed`` (not listed). It is the tenant's explicit state when one was
set (``deploy_*``, ``disable_*``, ``undeploy_*``), else what the app's assignment gives
(``library.state_for``); an app never assigned is assigned to ``all``. System and root
callers manage every company (from identity); a company administrator manages their own.
Taking an app away from a tenant with running instances needs ``confirm_stop``.
"""

from __future__ import annotations

import json
from typing import Any

from services.tasks.apps import forms
from services.tasks.apps.library import Library, active_version, definition, state_for
from services.tasks.apps.ports import SYSTEM_ROLES, manageable
from services.tasks.store.apps import Document
from shared.messaging.envelopes import Identity
from shared.schemas.generated import apps as generated

DEPLOYED = frozenset({"enabled", "disabled"})
STATUS = {"enabled": "deployed", "disabled": "disabled", "not_deployed": "not_deployed"}


class AppTenants:
    """``apps.deploy_all``, ``deploy_per_tenant``, ``disable_all``, ``disable_per_tenant``,
    ``undeploy_all``, ``undeploy_per_tenant``, ``set_tenant_assignment``,
    ``get_tenant_assignment``, ``get_tenant_apps``, ``get_assignments_summary``,
    ``get_all_apps``."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._deployments = library.stores.deployments

    async def _states(self, app_id: str, tenants: list[dict[str, str]]) -> dict[str, str]:
        explicit = await self._deployments.states(app_id)
        assignment = await self._deployments.assignment(app_id)
        return {t["id"]: state_for(t["id"], explicit, assignment) for t in tenants}

    async def _set(self, identity: Identity, app_id: str, tenant_ids: list[str] | None,
                   state: str) -> tuple[list[dict[str, str]], dict[str, str]]:
        """Set ``state`` for these tenants (every managed one when None) -> (the managed
        tenants, their states before)."""
        await self._lib.versions(app_id)
        tenants = await self._lib.tenants.all(identity)
        if tenant_ids is not None:
            manageable(tenants, tenant_ids)
        before = await self._states(app_id, tenants)
        targets = list(dict.fromkeys(tenant_ids)) if tenant_ids is not None else [t["id"] for t in tenants]
        await self._deployments.set_state(app_id, targets, state, self._lib.clock())
        return tenants, {t: before[t] for t in targets}

    # ----------------------------------------------------------------------------- deploy

    async def deploy_all(self, identity: Identity, request: generated.DeployAllRequest) -> dict[str, Any]:
        """``apps.deploy_all``: enabled for every tenant the caller manages (for a system
        caller the assignment becomes ``all``, so later companies get it too)."""
        if identity.role in SYSTEM_ROLES:
            await self._lib.versions(request.application_id)
            await self._deployments.set_assignment(request.application_id, "all", [], self._lib.clock(), identity.user)
        _, before = await self._set(identity, request.application_id, None, "enabled")
        changed = [t for t, s in before.items() if s != "enabled"]
        return {"enabled": len(changed), "unchanged": len(before) - len(changed), "tenants": list(before)}

    async def deploy_per_tenant(self, identity: Identity, request: generated.DeployPerTenantRequest) -> dict[str, Any]:
        """``apps.deploy_per_tenant``: enabled for each tenant named."""
        return await self._per_tenant(identity, request.application_id, request.tenant_ids, "enabled")

    async def disable_all(self, identity: Identity, request: generated.DisableAllRequest) -> dict[str, Any]:
        """``apps.disable_all``: disabled (listed, not launchable) for every managed tenant."""
        _, before = await self._set(identity, request.application_id, None, "disabled")
        return {"application_id": request.application_id, "disabled": sum(s != "disabled" for s in before.values())}

    async def disable_per_tenant(self, identity: Identity, request: generated.DisablePerTenantRequest) -> dict[str, Any]:
        """``apps.disable_per_tenant``: disabled for each tenant named."""
        return await self._per_tenant(identity, request.application_id, request.tenant_ids, "disabled")

    async def _per_tenant(self, identity: Identity, app_id: str, tenant_ids: list[str], state: str) -> dict[str, Any]:
        explicit = await self._deployments.states(app_id) if await self._lib.stores.catalog.versions(app_id) else {}
        _, before = await self._set(identity, app_id, tenant_ids, state)
        results = [{"tenant_id": t, "state": state, "changed": s != state, "created": t not in explicit}
                   for t, s in before.items()]
        return {"application_id": app_id, "results": results}

    # --------------------------------------------------------------------------- undeploy

    async def undeploy_all(self, identity: Identity, request: generated.UndeployAllRequest) -> dict[str, Any]:
        """``apps.undeploy_all``: not deployed for any managed tenant (system callers: the
        assignment becomes ``include`` of none). Running instances need ``confirm_stop``."""
        app_id = request.application_id
        tenants = await self._tenants_of(identity, app_id)
        before = await self._states(app_id, tenants)
        losing = [t for t, s in before.items() if s in DEPLOYED]
        asked = await self._confirm(identity, app_id, losing, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return {**asked, "application_id": app_id, "removed": 0}
        if identity.role in SYSTEM_ROLES:
            await self._deployments.set_assignment(app_id, "include", [], self._lib.clock(), identity.user)
        await self._deployments.set_state(app_id, list(before), "not_deployed", self._lib.clock())
        return {**_counts(asked), "application_id": app_id, "removed": len(losing)}

    async def undeploy_per_tenant(self, identity: Identity, request: generated.UndeployPerTenantRequest) -> dict[str, Any]:
        """``apps.undeploy_per_tenant``: not deployed for each tenant named."""
        app_id = request.application_id
        tenants = await self._tenants_of(identity, app_id)
        manageable(tenants, request.tenant_ids)
        before = await self._states(app_id, tenants)
        targets = list(dict.fromkeys(request.tenant_ids))
        losing = [t for t in targets if before[t] in DEPLOYED]
        asked = await self._confirm(identity, app_id, losing, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return {**asked, "application_id": app_id, "results": []}
        await self._deployments.set_state(app_id, targets, "not_deployed", self._lib.clock())
        return {**_counts(asked), "application_id": app_id,
                "results": [{"tenant_id": t, "removed": t in losing} for t in targets]}

    async def _tenants_of(self, identity: Identity, app_id: str) -> list[dict[str, str]]:
        await self._lib.versions(app_id)
        return await self._lib.tenants.all(identity)

    async def _confirm(self, identity: Identity, app_id: str, tenants: list[str], confirm_stop: bool) -> dict | None:
        if not tenants:
            return None
        instances = await self._lib.stores.instances.of_apps([app_id], tenants=tenants)
        return await self._lib.stop_behind_confirmation(identity, instances, confirm_stop)

    # ------------------------------------------------------------------------- assignment

    async def set_tenant_assignment(self, identity: Identity, request: generated.SetTenantAssignmentRequest) -> dict[str, Any]:
        """``apps.set_tenant_assignment``: the app's assignment (``all``; ``include`` or
        ``exclude`` the tenants listed); the managed tenants' explicit states are dropped so
        the assignment decides. Tenants that lose the app with running instances need
        ``confirm_stop``."""
        app_id = request.app_id
        tenants = await self._tenants_of(identity, app_id)
        listed = list(dict.fromkeys(request.tenants or []))
        if request.mode != "all":
            manageable(tenants, listed)
        assignment = {"mode": request.mode, "tenants": listed}
        before = await self._states(app_id, tenants)
        losing = [t for t, s in before.items() if s in DEPLOYED and state_for(t, {}, assignment) not in DEPLOYED]
        asked = await self._confirm(identity, app_id, losing, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return {**asked, "app_id": app_id, "mode": request.mode, "updated": False}
        await self._deployments.set_assignment(app_id, request.mode, listed, self._lib.clock(), identity.user)
        await self._deployments.clear(app_id, list(before))
        return {**_counts(asked), "app_id": app_id, "mode": request.mode, "updated": True}

    async def get_tenant_assignment(self, identity: Identity, request: generated.GetTenantAssignmentRequest) -> dict[str, Any]:
        """``apps.get_tenant_assignment``: the managed tenants that have the app, with
        their state."""
        tenants = await self._tenants_of(identity, request.app_id)
        states = await self._states(request.app_id, tenants)
        return {"app_id": request.app_id, "tenants": [
            {"id": t["id"], "name": t["name"], "state": states[t["id"]]} for t in tenants if states[t["id"]] in DEPLOYED]}

    # -------------------------------------------------------------------------- overviews

    async def get_tenant_apps(self, identity: Identity, request: generated.GetTenantAppsRequest) -> dict[str, Any]:
        """``apps.get_tenant_apps``: every app with its status for the tenant, and the
        customizations given to it."""
        tenants = await self._lib.tenants.all(identity)
        manageable(tenants, [request.tenant_id])
        apps = []
        for app_id, versions in sorted((await self._by_app()).items()):
            shown = active_version(versions) or versions[-1]
            spec = definition(shown)
            state = (await self._states(app_id, [{"id": request.tenant_id}]))[request.tenant_id]
            customizations = [
                {"customization_id": c["_id"], "name": c["name"], "category": spec.get("category"),
                 "appearance_overrides": json.loads(c["appearance_overrides"]),
                 "wizard_overrides": json.loads(c["wizard_overrides"]), "last_update": c["last_update"].isoformat(),
                 "status": "deployed" if c.get("state") == "enabled" else "disabled"}
                for c in await self._lib.stores.customizations.find(app_id)
                if state_for(request.tenant_id, {}, c.get("assignment")) == "enabled"]
            apps.append({"app_id": app_id, "name": spec.get("name"), "version": shown["version"],
                         "category": spec.get("category"), "description": spec.get("description"),
                         "icon": spec.get("icon"), "provider": spec.get("provider"), "status": STATUS[state],
                         "customizations": customizations})
        name = next((t["name"] for t in tenants if t["id"] == request.tenant_id), None)
        return {"tenant_id": request.tenant_id, "tenant_name": name, "apps": apps}

    async def get_assignments_summary(self, identity: Identity, request: generated.GetAssignmentsSummaryRequest) -> dict[str, Any]:
        """``apps.get_assignments_summary``: per app, how many managed tenants have it
        enabled, disabled or not deployed."""
        tenants = await self._lib.tenants.all(identity)
        out = []
        for app_id, versions in sorted((await self._by_app()).items()):
            rollup = _rollup((await self._states(app_id, tenants)).values())
            out.append({"app_id": app_id, "name": (active_version(versions) or versions[-1])["name"], **rollup})
        return {"apps": out}

    async def get_all_apps(self, identity: Identity, request: generated.GetAllAppsRequest) -> dict[str, Any]:
        """``apps.get_all_apps``: every registered app with its versions, its deployment
        over the managed tenants and its customizations."""
        tenants = await self._lib.tenants.all(identity)
        names = {t["id"]: t["name"] for t in tenants}
        out = []
        for app_id, versions in sorted((await self._by_app()).items()):
            active = active_version(versions)
            latest = next((v for v in versions if v.get("latest")), versions[-1])
            spec = definition(active or latest)
            rollup = _rollup((await self._states(app_id, tenants)).values())
            status = "deployed" if rollup["enabled"] else "disabled" if rollup["disabled"] else "not_deployed"
            out.append({
                "app_id": app_id, "name": spec.get("name"), "description": spec.get("description"),
                "category": spec.get("category"), "icon": spec.get("icon"), "provider": spec.get("provider"),
                "latest_version": latest["version"], "deployed_version": active["version"] if active else None,
                "deployed": bool(rollup["enabled"]), "status": status, "rollup": rollup,
                "versions": [{"version": v["version"], "enabled": bool(v.get("enabled")), "origin": v.get("origin"),
                              "last_update": v["last_update"].isoformat()} for v in versions],
                "customizations": [self._customization_rollup(c, tenants, names)
                                   for c in await self._lib.stores.customizations.find(app_id)],
            })
        return {"apps": out}

    @staticmethod
    def _customization_rollup(c: Document, tenants: list[dict[str, str]], names: dict[str, str]) -> dict[str, Any]:
        given = [t["id"] for t in tenants if state_for(t["id"], {}, c.get("assignment")) == "enabled"]
        state = "enabled" if c.get("state") == "enabled" else "disabled"
        return {"id": c["_id"], "name": c["name"], "appearance_overrides": json.loads(c["appearance_overrides"]),
                "wizard_overrides": json.loads(c["wizard_overrides"]), "last_update": c["last_update"].isoformat(),
                "updated_by": c.get("updated_by"),
                "status": ("deployed" if state == "enabled" else "disabled") if given else "not_deployed",
                "tenants": [{"id": t, "name": names.get(t), "state": state} for t in given],
                "rollup": {"enabled": len(given) if state == "enabled" else 0,
                           "disabled": len(given) if state == "disabled" else 0, "total_tenants": len(tenants)}}

    async def _by_app(self) -> dict[str, list[Document]]:
        by_app: dict[str, list[Document]] = {}
        for version in await self._lib.stores.catalog.every_version():
            by_app.setdefault(version["app_id"], []).append(version)
        return {k: sorted(v, key=lambda d: forms.version_key(d["version"])) for k, v in by_app.items()}


def _rollup(states) -> dict[str, int]:
    states = list(states)
    return {"enabled": states.count("enabled"), "disabled": states.count("disabled"),
            "not_deployed": states.count("not_deployed"), "total_tenants": len(states)}


def _counts(asked: dict | None) -> dict[str, Any]:
    asked = asked or {}
    return {"requires_confirmation": False, "running_instances": asked.get("running_instances", 0),
            "stopped_instances": asked.get("stopped_instances", 0), "affected_tenants": asked.get("affected_tenants", [])}

