"""The applications registered in the server: uploading versions (with their small assets,
kept in MongoDB), listing what a user may launch, enabling and removing versions, launch
locks, and the app hub's token.

Cairn reaches no app hub: applications come only from ``apps.upload``; an upload from the
hub (``origin: hub``) without the definitions in the body is refused with 400/1, and the hub
token is kept (as a fingerprint: Cairn never sends it anywhere) only so that an
administrator sees what was configured.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from services.tasks.apps import forms
from services.tasks.apps.library import Library, active_version
from services.tasks.store.apps import version_doc_id
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.schemas import apps as apps_api
from shared.schemas.generated import apps as generated

MAX_ASSET_BYTES = 1 << 20  # assets travel in API bodies and Kafka messages: small files only
# Assets are served from the API's origin: no type a browser would run as a page or script.
ASSET_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/x-icon", "text/plain",
               "text/markdown", "application/json", "application/octet-stream", "application/pdf")
HUB_TOKEN = "hub_token"
NO_HUB = "the application hub is not reachable from this server: upload the application definitions"


class AppRegistry:
    """``apps.upload``, ``get_apps``, ``get_categories``, ``enable``, ``delete``,
    ``batch_delete``, ``clean_available_apps``, ``get_asset``, ``set_launch_lock`` and the
    hub token endpoints."""

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._catalog = library.stores.catalog

    # ---------------------------------------------------------------------------- upload

    async def upload(self, identity: Identity, request: apps_api.UploadRequest) -> dict[str, Any]:
        """``apps.upload``: each definition becomes a version of its app (an existing
        version only with ``update_existing``), enabled with ``enable``; ``make_latest``
        (or the app's first version) marks it the one users launch. Per definition: its id
        in ``succeeded`` or ``{name, error}`` in ``failed``."""
        if not request.apps:
            if request.origin == "hub":
                raise ApiError.named("not_supported", NO_HUB)
            raise ApiError.named("missing_required_fields", "apps.upload needs the application definitions in 'apps'")
        succeeded, failed = [], []
        for app in request.apps:
            try:
                await self._register(identity, app, request)
                succeeded.append(app.id)
            except ApiError as error:
                failed.append({"name": app.name, "error": error.message})
        return {"succeeded": succeeded, "failed": failed}

    async def _register(self, identity: Identity, app: apps_api.AppDefinition, request: apps_api.UploadRequest) -> None:
        existing = await self._catalog.versions(app.id)
        if any(v["version"] == app.version for v in existing) and not request.update_existing:
            raise ApiError.named("expected_unique_data", f"version {app.version} of {app.id} exists "
                                 "(update_existing replaces it)")
        assets = _decoded_assets(app)
        entries = [e.model_dump(mode="json") for e in app.launch_template.entries]
        names = [e["name"] for e in entries]
        if len(set(names)) != len(names):
            raise ApiError.named("validation_error", "launch form entry names must be unique")
        for entry in entries:
            if entry.get("default") is not None:
                forms.coerce(entry, entry["default"])
        now = self._lib.clock()
        spec = app.model_dump(mode="json", exclude={"assets"})
        doc = {"_id": version_doc_id(app.id, app.version), "app_id": app.id, "version": app.version,
               "name": app.name, "category": app.category, "enabled": bool(request.enable), "latest": False,
               "origin": request.origin or "manual", "definition": json.dumps(spec), "created": now,
               "last_update": now, "updated_by": identity.user}
        await self._catalog.save(doc)
        await self._catalog.save_assets(app.id, app.version, assets)
        if request.make_latest or not existing:
            await self._catalog.set_latest(app.id, app.version)

    # ---------------------------------------------------------------------------- listing

    async def get_apps(self, identity: Identity, request: generated.GetAppsRequest) -> dict[str, Any]:
        """``apps.get_apps``: the active version of each app deployed for the caller's
        company (``include``/``exclude`` by id; ``disabled`` when the company's deployment
        is disabled or launching is locked), with its pending and running instances of
        the company when ``app_usages``."""
        by_app: dict[str, list] = {}
        for version in await self._catalog.every_version():
            by_app.setdefault(version["app_id"], []).append(version)
        include = set((request.include.id if request.include else None) or [])
        exclude = set((request.exclude.id if request.exclude else None) or [])
        apps, pending_total, running_total = [], 0, 0
        for app_id in sorted(by_app):
            if (include and app_id not in include) or app_id in exclude:
                continue
            active = active_version(by_app[app_id])
            state = await self._lib.state(app_id, identity.company)
            if active is None or state == "not_deployed":
                continue
            info = self._lib.app_info(active, state == "disabled" or await self._catalog.locked(app_id))
            if request.app_usages:
                pending, running = await self._usage(identity, app_id)
                info.update(pending=pending, running=running)
                pending_total, running_total = pending_total + pending, running_total + running
            apps.append(info)
        apps.sort(key=lambda a: (a.get("name") or "").lower())
        answer: dict[str, Any] = {"apps": apps}
        if request.app_usages:
            answer["apps_queue"] = {"pending": pending_total, "running": running_total, "max_allowed": None}
        return answer

    async def _usage(self, identity: Identity, app_id: str) -> tuple[int, int]:
        pending = running = 0
        for instance in await self._lib.stores.instances.find(identity.company, app_id=app_id):
            task = await self._lib.task_of(instance)
            state = (task or {}).get("status")
            pending += state == "queued"
            running += state == "in_progress"
        return pending, running

    async def get_categories(self, identity: Identity, request: generated.GetCategoriesRequest) -> dict[str, Any]:
        """``apps.get_categories``: the categories of the apps the caller's company has."""
        listed = await self.get_apps(identity, generated.GetAppsRequest())
        return {"categories": sorted({a["category"] for a in listed["apps"] if a.get("category")})}

    async def get_asset(self, identity: Identity, request: generated.GetAssetRequest) -> dict[str, Any]:
        """``apps.get_asset``: the file ``uri`` of the app version, answered as a file (not
        the envelope). Unknown -> 400/10."""
        asset = await self._catalog.asset(request.app, request.version, request.uri)
        if asset is None:
            raise ApiError.named("invalid_id", "unknown application asset", app=request.app,
                                 version=request.version, uri=request.uri)
        return {"cairn_raw": {"content_type": asset["content_type"], "filename": request.uri.rsplit("/", 1)[-1],
                              "base64": base64.b64encode(bytes(asset["data"])).decode()}}

    # --------------------------------------------------------------------------- versions

    async def enable(self, identity: Identity, request: generated.EnableRequest) -> dict[str, Any]:
        """``apps.enable``: enable (or disable) a version (none named: enabling takes the
        latest-marked or highest version, disabling the active one); ``single_active`` disables the app's other versions. Disabling the version
        running instances use needs ``confirm_stop`` (they are stopped). Answers the active
        version before and after, ``is_downgrade`` and how many versions changed."""
        versions = await self._lib.versions(request.app)
        if request.version:
            target = await self._lib.version(request.app, request.version)
        elif request.enable:  # no version named: the latest-marked one, else the highest
            target = next((v for v in versions if v.get("latest")), versions[-1])
        else:
            target = active_version(versions)
        if target is None:
            return {"updated": 0, "running_instances": 0, "stopped_instances": 0}
        previous = active_version(versions)
        switched_off = [target["version"]] if not request.enable else \
            ([v["version"] for v in versions if v["version"] != target["version"] and v.get("enabled")]
             if request.single_active else [])
        instances = await self._lib.stores.instances.of_apps([request.app], versions=switched_off) if switched_off else []
        asked = await self._lib.stop_behind_confirmation(identity, instances, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return asked
        now = self._lib.clock()
        updated = await self._catalog.set_enabled(request.app, [target["version"]], bool(request.enable), now, identity.user)
        if request.enable:
            updated += await self._catalog.set_enabled(request.app, switched_off, False, now, identity.user)
            await self._catalog.set_latest(request.app, target["version"])
        after = active_version(await self._lib.versions(request.app))
        before_v, after_v = previous and previous["version"], after and after["version"]
        return {"updated": updated, "previous_version": before_v, "activated_version": after_v,
                "is_downgrade": bool(before_v and after_v and forms.version_key(after_v) < forms.version_key(before_v)),
                "requires_confirmation": False, "requires_customization_confirmation": False,
                "affected_customizations": [], "auto_applied_customizations": [],
                "running_instances": (asked or {}).get("running_instances", 0),
                "stopped_instances": (asked or {}).get("stopped_instances", 0),
                "affected_tenants": (asked or {}).get("affected_tenants", [])}

    async def delete(self, identity: Identity, request: generated.DeleteRequest) -> dict[str, Any]:
        """``apps.delete``: remove a version (or, without ``version``, the whole app with its
        deployments and customizations). Running instances of it need ``confirm_stop``
        (they are stopped); the instances stay, as tasks. Unknown -> 400/10."""
        versions = await self._lib.versions(request.app)
        doomed = [request.version] if request.version else [v["version"] for v in versions]
        if request.version and request.version not in {v["version"] for v in versions}:
            raise ApiError.named("invalid_id", "unknown application version", app=request.app, version=request.version)
        instances = await self._lib.stores.instances.of_apps([request.app], versions=doomed)
        asked = await self._lib.stop_behind_confirmation(identity, instances, bool(request.confirm_stop))
        if asked and asked["requires_confirmation"]:
            return {**asked, "deleted": 0}
        deleted = await self._catalog.delete(request.app, doomed)
        if len(doomed) == len(versions):
            await self._forget(request.app)
        return {"deleted": deleted, "requires_confirmation": False,
                "running_instances": (asked or {}).get("running_instances", 0),
                "stopped_instances": (asked or {}).get("stopped_instances", 0),
                "affected_tenants": (asked or {}).get("affected_tenants", [])}

    async def _forget(self, app_id: str) -> None:
        await self._catalog.forget(app_id)
        await self._lib.stores.deployments.forget(app_id)
        await self._lib.stores.customizations.delete_of_app(app_id)

    async def batch_delete(self, identity: Identity, request: generated.BatchDeleteRequest) -> dict[str, Any]:
        """``apps.batch_delete``: ``delete`` of each whole app; unknown ids go to
        ``failed``. Without ``confirm_stop``, if any app has running instances nothing is
        deleted and the answer asks for confirmation, per app."""
        known, failed = [], {}
        for app_id in dict.fromkeys(request.ids):
            if await self._catalog.versions(app_id):
                known.append(app_id)
            else:
                failed[app_id] = {"msg": "unknown application"}
        per_app, running = [], 0
        for app_id in known:
            live = await self._lib.live(await self._lib.stores.instances.of_apps([app_id]))
            running += len(live)
            per_app.append({"app_id": app_id, "running_instances": len(live),
                            "affected_tenants": await self._lib.affected_tenants(identity, live)})
        if running and not request.confirm_stop:
            return {"requires_confirmation": True, "running_instances": running, "stopped_instances": 0,
                    "apps": per_app, "succeeded": [], "failed": failed}
        stopped = 0
        for app_id in known:
            answer = await self.delete(identity, generated.DeleteRequest(app=app_id, confirm_stop=True))
            stopped += answer["stopped_instances"]
        return {"requires_confirmation": False, "running_instances": running, "stopped_instances": stopped,
                "apps": per_app, "succeeded": known, "failed": failed}

    async def clean_available_apps(self, identity: Identity, request: generated.CleanAvailableAppsRequest) -> dict[str, Any]:
        """``apps.clean_available_apps``: remove the disabled versions (of ``app``, or of
        every app) that no instance uses -> how many, and the apps they were of."""
        versions = await self._lib.versions(request.app) if request.app else await self._catalog.every_version()
        cleaned, app_ids = 0, []
        for version in versions:
            if version.get("enabled"):
                continue
            used = await self._lib.stores.instances.of_apps([version["app_id"]], versions=[version["version"]])
            if used:
                continue
            cleaned += await self._catalog.delete(version["app_id"], [version["version"]])
            if version["app_id"] not in app_ids:
                app_ids.append(version["app_id"])
        for app_id in app_ids:
            if not await self._catalog.versions(app_id):
                await self._forget(app_id)
        return {"cleaned": cleaned, "app_ids": app_ids}

    # ------------------------------------------------------------------------------ locks

    async def set_launch_lock(self, identity: Identity, request: generated.SetLaunchLockRequest) -> dict[str, Any]:
        """``apps.set_launch_lock``: lock (or unlock) launching an app, or one customization
        of it (exactly one of ``app_id`` and ``customization_id``); a locked one refuses
        ``launch_instance`` and ``relaunch_instance`` (400/1)."""
        if bool(request.app_id) == bool(request.customization_id):
            raise ApiError.named("validation_error", "give exactly one of app_id and customization_id")
        if request.app_id:
            await self._lib.versions(request.app_id)
            await self._catalog.set_locked(request.app_id, request.locked)
            return {"app_id": request.app_id, "locked": request.locked}
        customization = await self._lib.stores.customizations.get(request.customization_id)
        if customization is None:
            raise ApiError.named("invalid_id", "unknown customization", customization_id=request.customization_id)
        await self._lib.stores.customizations.update(customization["_id"], {
            "launch_locked": request.locked, "last_update": self._lib.clock(), "updated_by": identity.user})
        return {"customization_id": customization["_id"], "app_id": customization["app_id"], "locked": request.locked}

    # ---------------------------------------------------------------------------- the hub

    async def set_hub_token(self, identity: Identity, request: generated.SetHubTokenRequest) -> dict[str, Any]:
        """``apps.set_hub_token``: remember that a hub token was configured (its SHA-256
        fingerprint only). No hub is reachable, so there is no assignment page."""
        if not request.token.strip():
            raise ApiError.named("validation_error", "the token is empty")
        await self._lib.stores.settings.put(HUB_TOKEN, {
            "fingerprint": hashlib.sha256(request.token.encode()).hexdigest(), "last_update": self._lib.clock(),
            "updated_by": identity.user, "source": "manual"})
        return {"updated": True, "assignment_page_url": None}

    async def clear_hub_token(self, identity: Identity, request: generated.ClearHubTokenRequest) -> dict[str, Any]:
        return {"updated": await self._lib.stores.settings.delete(HUB_TOKEN)}

    async def get_hub_token_status(self, identity: Identity, request: generated.GetHubTokenStatusRequest) -> dict[str, Any]:
        token = await self._lib.stores.settings.get(HUB_TOKEN)
        if token is None:
            return {"configured": False}
        return {"configured": True, "last_update": token["last_update"].isoformat(), "updated_by": token["updated_by"],
                "source": token.get("source"), "assignment_page_url": None}


def _decoded_assets(app: apps_api.AppDefinition) -> dict[str, tuple[str, bytes]]:
    out = {}
    for uri, asset in (app.assets or {}).items():
        if not uri or len(uri) > 200 or uri.startswith("/") or ".." in uri.split("/"):
            raise ApiError.named("validation_error", f"invalid asset uri {uri!r}")
        if asset.content_type not in ASSET_TYPES:
            raise ApiError.named("validation_error", f"asset {uri!r}: content type {asset.content_type!r} is not "
                                 f"one of {list(ASSET_TYPES)}")
        try:
            data = base64.b64decode(asset.base64, validate=True)
        except (binascii.Error, ValueError):
            raise ApiError.named("validation_error", f"asset {uri!r} is not valid base64") from None
        if len(data) > MAX_ASSET_BYTES:
            raise ApiError.named("validation_error", f"asset {uri!r} is larger than {MAX_ASSET_BYTES} bytes")
        out[uri] = (asset.content_type, data)
    return out

