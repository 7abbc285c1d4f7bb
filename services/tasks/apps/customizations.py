"""Customizations of applications: an administrator's variant of an app (its appearance and
launch-form fields overridden: titles, help, defaults, ranges, choices) given to some
tenants, and how it fares when the app moves to another version (the upgrade diff, and
applying it).

A customization is made against a version of its app (``base_version``: the active one at
creation, moved by ``apply_customization_upgrade``). Its overrides are checked against that
version's form. Launching with ``customization_id`` uses the app's active version's form
with the overrides applied (``instances.AppInstances``).
"""

from __future__ import annotations

import json
from typing import Any

from services.tasks.apps import forms
from services.tasks.apps.library import Library, active_version, definition, entries, state_for
from services.tasks.apps.ports import manageable
from services.tasks.store.apps import Document
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas.generated import apps as generated


def unknown_customization(customization_id: str) -> ApiError:
    return ApiError.named("invalid_id", "unknown customization", customization_id=customization_id)


class AppCustomizations:
    """``apps.create_customization``, ``update_customization``, ``delete_customization``,
    ``get_customization``, ``get_customizations``, ``get_customization_editor_state``,
    ``get_customization_upgrade_diff``, ``apply_customization_upgrade``,
    ``get_app_upgrade_impact``."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._store = library.stores.customizations

    # ------------------------------------------------------------------------------ edits

    async def create_customization(self, identity: Identity, request: generated.CreateCustomizationRequest) -> dict[str, Any]:
        """``apps.create_customization``: against the app's active version; overrides of
        unknown entries or fields, bad defaults, unknown appearance fields or tenants the
        caller does not manage -> 400/403, nothing made. Assigned to ``all`` unless said."""
        versions = await self._lib.versions(request.app_id)
        base = active_version(versions) or versions[-1]
        tenants = await self._lib.tenants.all(identity)
        wizard = forms.check_overrides(entries(base), request.wizard_overrides)
        appearance = _appearance(request.appearance_overrides)
        assignment = _assignment(request.assignment, tenants)
        now = self._lib.clock()
        doc = {"_id": self._lib.new_id(), "app_id": request.app_id, "name": request.name.strip() or request.name,
               "base_version": base["version"], "appearance_overrides": json.dumps(appearance),
               "wizard_overrides": json.dumps(wizard), "assignment": assignment, "state": "enabled",
               "launch_locked": False, "created": now, "last_update": now, "updated_by": identity.user}
        await self._store.add(doc)
        return _view(doc, tenants)

    async def update_customization(self, identity: Identity, request: generated.UpdateCustomizationRequest) -> dict[str, Any]:
        """``apps.update_customization``: replace the fields given (checked as at creation)."""
        doc = await self._get(request.customization_id)
        tenants = await self._lib.tenants.all(identity)
        changes: dict[str, Any] = {}
        if request.name is not None:
            if not request.name.strip():
                raise ApiError.named("validation_error", "the name is empty")
            changes["name"] = request.name.strip()
        if request.wizard_overrides is not None:
            base = await self._base(doc)
            changes["wizard_overrides"] = json.dumps(forms.check_overrides(entries(base), request.wizard_overrides))
        if request.appearance_overrides is not None:
            changes["appearance_overrides"] = json.dumps(_appearance(request.appearance_overrides))
        if request.assignment is not None:
            changes["assignment"] = _assignment(request.assignment, tenants)
        changes.update(last_update=self._lib.clock(), updated_by=identity.user)
        await self._store.update(doc["_id"], changes)
        return _view({**doc, **changes}, tenants)

    async def delete_customization(self, identity: Identity, request: generated.DeleteCustomizationRequest) -> dict[str, Any]:
        """``apps.delete_customization``: running instances launched with it need
        ``confirm_stop`` (they are stopped); one already gone answers ``was_already_gone``."""
        doc = await self._store.get(request.customization_id)
        if doc is None:
            return {"deleted": request.customization_id, "was_already_gone": True}
        instances = await self._lib.stores.instances.of_apps([doc["app_id"]], customization_id=doc["_id"])
        asked = await self._lib.stop_behind_confirmation(identity, instances, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return {**asked, "deleted": None, "was_already_gone": False}
        await self._store.delete(doc["_id"])
        asked = asked or {}
        return {"deleted": doc["_id"], "was_already_gone": False, "requires_confirmation": False,
                "running_instances": asked.get("running_instances", 0),
                "stopped_instances": asked.get("stopped_instances", 0),
                "affected_tenants": asked.get("affected_tenants", [])}

    # ---------------------------------------------------------------------------- reading

    async def get_customization(self, identity: Identity, request: generated.GetCustomizationRequest) -> dict[str, Any]:
        return _view(await self._get(request.customization_id), await self._lib.tenants.all(identity))

    async def get_customizations(self, identity: Identity, request: generated.GetCustomizationsRequest) -> dict[str, Any]:
        """``apps.get_customizations``: of an app, or all; given to ``tenant_id`` if named."""
        tenants = await self._lib.tenants.all(identity)
        if request.tenant_id:
            manageable(tenants, [request.tenant_id])
        found = await self._store.find(request.app_id)
        if request.tenant_id:
            found = [c for c in found if state_for(request.tenant_id, {}, c.get("assignment")) == "enabled"]
        return {"customizations": [_view(c, tenants) for c in found]}

    async def get_customization_editor_state(self, identity: Identity,
                                             request: generated.GetCustomizationEditorStateRequest) -> dict[str, Any]:
        """``apps.get_customization_editor_state``: what a customization editor shows: the
        app's own appearance and form (``base``), the customization if one is named, and
        which fields may be overridden."""
        tenants = await self._lib.tenants.all(identity)
        manageable(tenants, [request.tenant_id])
        customization = await self._get(request.customization_id) if request.customization_id else None
        if customization is not None and customization["app_id"] != request.app_id:
            raise ApiError.named("invalid_id", "the customization is of another application",
                                 customization_id=request.customization_id)
        version = await self._base(customization) if customization else await self._lib.version(request.app_id, None)
        spec = definition(version)
        return {
            "app_id": request.app_id, "tenant_id": request.tenant_id,
            "base": {"appearance": {k: spec.get(k) for k in forms.OVERRIDABLE_APPEARANCE},
                     "wizard": {"version": version["version"], "entries": entries(version)}},
            "customization": _view(customization, tenants) if customization else None,
            "overridable": {"appearance": list(forms.OVERRIDABLE_APPEARANCE),
                            "wizard_entry": list(forms.OVERRIDABLE_ENTRY_FIELDS)},
        }

    # --------------------------------------------------------------------------- upgrades

    async def get_customization_upgrade_diff(self, identity: Identity,
                                             request: generated.GetCustomizationUpgradeDiffRequest) -> dict[str, Any]:
        """``apps.get_customization_upgrade_diff``: what moving the customization to
        ``target_version`` (default: the app's active version) does to its overrides."""
        doc = await self._get(request.customization_id)
        current, target, diff = await self._diff(doc, request.target_version)
        return {"customization_id": doc["_id"], "customization_name": doc["name"], "app_id": doc["app_id"],
                "current_version": current, "target_version": target["version"], **diff}

    async def apply_customization_upgrade(self, identity: Identity,
                                          request: generated.ApplyCustomizationUpgradeRequest) -> dict[str, Any]:
        """``apps.apply_customization_upgrade``: move the customization to the target
        version: preserved overrides stay, conflicting fields are dropped (``replaced``),
        orphaned overrides go with ``prune_orphaned``. Already there -> ``applied: false``."""
        doc = await self._get(request.customization_id)
        current, target, diff = await self._diff(doc, request.target_version)
        if current == target["version"]:
            return {"applied": False, "customization_id": doc["_id"], "upgraded_from": current, "upgraded_to": current,
                    "preserved_count": len(diff["preserved"]), "new_fields_count": 0, "orphaned_pruned": [],
                    "replaced": []}
        kept, replaced = forms.upgraded_overrides(json.loads(doc["wizard_overrides"]), diff, bool(request.prune_orphaned))
        await self._store.update(doc["_id"], {"wizard_overrides": json.dumps(kept), "base_version": target["version"],
                                              "last_update": self._lib.clock(), "updated_by": identity.user})
        return {"applied": True, "customization_id": doc["_id"], "upgraded_from": current,
                "upgraded_to": target["version"], "preserved_count": len(diff["preserved"]),
                "new_fields_count": len(diff["new_fields"]),
                "orphaned_pruned": [o["entry_name"] for o in diff["orphaned"]] if request.prune_orphaned else [],
                "replaced": replaced}

    async def get_app_upgrade_impact(self, identity: Identity, request: generated.GetAppUpgradeImpactRequest) -> dict[str, Any]:
        """``apps.get_app_upgrade_impact``: the upgrade diff of every customization of the
        app to ``target_version`` (default: the latest version); affected: those with
        conflicts or orphaned overrides."""
        versions = await self._lib.versions(request.app_id)
        target = request.target_version or versions[-1]["version"]
        active = active_version(versions)
        out = []
        for doc in await self._store.find(request.app_id):
            _, _, diff = await self._diff(doc, target)
            out.append({"customization_id": doc["_id"], "customization_name": doc["name"], **diff})
        return {"app_id": request.app_id, "current_version": active["version"] if active else None,
                "target_version": target, "customizations": out, "customizations_total": len(out),
                "customizations_affected": sum(bool(c["conflicts"] or c["orphaned"]) for c in out)}

    # ------------------------------------------------------------------------------ steps

    async def _get(self, customization_id: str) -> Document:
        doc = await self._store.get(customization_id)
        if doc is None:
            raise unknown_customization(customization_id)
        return doc

    async def _base(self, doc: Document) -> Document:
        """The version the customization was made against (the active one if it is gone)."""
        return await self._lib.stores.catalog.get(doc["app_id"], doc["base_version"]) \
            or await self._lib.version(doc["app_id"], None)

    async def _diff(self, doc: Document, target_version: str | None) -> tuple[str, Document, dict[str, list]]:
        target = await self._lib.version(doc["app_id"], target_version)
        base = await self._lib.stores.catalog.get(doc["app_id"], doc["base_version"])
        diff = forms.upgrade_diff(entries(base) if base else [], entries(target), json.loads(doc["wizard_overrides"]))
        return doc["base_version"], target, diff


def _appearance(overrides: dict[str, Any] | None) -> dict[str, Any]:
    unknown = sorted(set(overrides or {}) - set(forms.OVERRIDABLE_APPEARANCE))
    if unknown:
        raise ApiError.named("validation_error", f"appearance fields that cannot be overridden: {unknown}")
    return dict(overrides or {})


def _assignment(assignment: Any, tenants: list[dict[str, str]]) -> dict[str, Any]:
    if assignment is None:
        return {"mode": "all", "tenants": []}
    mode = assignment.mode or "all"
    listed = list(dict.fromkeys(assignment.tenants or []))
    if mode != "all":
        manageable(tenants, listed)
    return {"mode": mode, "tenants": listed}


def _view(doc: Document, tenants: list[dict[str, str]]) -> dict[str, Any]:
    """A customization as its endpoints answer it (each override by entry, title and info)."""
    names = {t["id"]: t["name"] for t in tenants}
    assignment = doc.get("assignment") or {"mode": "all", "tenants": []}
    given = [t["id"] for t in tenants if state_for(t["id"], {}, assignment) == "enabled"]
    return {
        "id": doc["_id"], "app_id": doc["app_id"], "name": doc["name"],
        "appearance_overrides": json.loads(doc["appearance_overrides"]),
        "wizard_overrides": [{k: o.get(k) for k in ("entry_name", "title", "info")}
                             for o in json.loads(doc["wizard_overrides"])],
        "assignment": {"mode": assignment["mode"], "tenants": [{"id": t, "name": names.get(t)} for t in given],
                       "tenant_count": len(given), "total_tenants": len(tenants)},
        "state": doc.get("state") or "enabled", "launch_locked": bool(doc.get("launch_locked")),
        "last_update": doc["last_update"].isoformat(), "updated_by": doc.get("updated_by"),
    }
