"""The resource configuration's use cases (``resources.*`` of pools and profiles): the draft
-> validate -> publish -> reset lifecycle, the policy manager switch, and the listings.

Publishing makes the draft the enforced configuration; a published profile the draft drops
takes its policy connections with it: their queues are deleted and the tasks queued in them
go back to the status they had before the enqueue (``queues.delete`` with ``force``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from services.queues import domain as queue_domain
from services.queues.repository import DuplicateName, QueueRepository
from services.queues.resources import domain
from services.queues.resources.store import ResourceStore
from services.queues.resources.usage import Snapshot, UsageReader
from shared.api_form import to_api
from shared.messaging.envelopes import Identity
from shared.schemas.generated import resources as api

Document = dict[str, Any]
DeleteQueue = Callable[[Identity, str], Awaitable[bool]]  # False: there was no such queue


def connection_to_api(connection: Document, policy_names: dict[str, str],
                      shown: Callable[[Document], bool]) -> Document:
    """A profile's policy connection (seed: ``{id, name, display_name, policy_name}``, the
    connection's queue); ``policy_name`` only where ``shown``."""
    queue = connection["queue"]
    out = {"id": connection["_id"], "name": queue.get("name") or "", "display_name": queue.get("display_name")}
    if shown(connection):
        out["policy_name"] = policy_names.get(connection["policy"])
    return {k: v for k, v in out.items() if v is not None}


def profile_to_api(profile: Document, snap: Snapshot, policy_names: dict[str, str],
                   shown: Callable[[Document], bool] = lambda c: True, stamped: bool = False) -> Document:
    """A profile with live counts; ``stamped``: with ``updated``/``updated_by`` (the
    listings have them, the configuration and a policy's data do not)."""
    connections = domain.ordered_connections(profile, snap.of_profile(profile["id"]))
    running = snap.running_of("profile", profile["id"])
    out = {
        "id": profile["id"], "name": profile["name"], "description": profile.get("description"),
        "cost_field": profile.get("cost_field"), "profile_cost": domain.number(domain.cost_of(profile)),
        "pool_links": [{k: v for k, v in link.items() if v is not None} for link in profile.get("pool_links") or ()],
        "policy_connections": [connection_to_api(c, policy_names, shown) for c in connections],
        "queued_jobs": snap.queued_jobs(connections), "running_jobs": len(running),
    }
    if stamped:
        out.update(updated=to_api(profile.get("updated")), updated_by=profile.get("updated_by"))
    return {k: v for k, v in out.items() if v is not None}


def pool_to_api(pool: Document, snap: Snapshot, stamped: bool = False) -> Document:
    out = {"id": pool["id"], "name": pool["name"], "description": pool.get("description"),
           "resources": pool.get("resources", 0), "links": list(pool.get("links") or ()),
           "usage": snap.pool_usage(pool)}
    if stamped:
        out.update(updated=to_api(pool.get("updated")), updated_by=pool.get("updated_by"))
    return {k: v for k, v in out.items() if v is not None}


class ResourceConfiguration:
    """Pools and profiles of the caller's company (admins: the gateway checks the roles)."""

    def __init__(self, store: ResourceStore, usage: UsageReader, queues: QueueRepository, delete_queue: DeleteQueue,
                 clock: Callable[[], datetime], new_id: Callable[[], str]) -> None:
        self._store = store
        self._usage = usage
        self._queues = queues
        self._new_id = new_id
        self._delete_queue = delete_queue
        self._clock = clock

    async def _config(self, company: str) -> Document:
        return await self._store.configuration(company) or {"published": domain.empty_configuration(), "enabled": True}

    async def _policy_names(self, company: str) -> dict[str, str]:
        return {p["_id"]: p["name"] for p in await self._store.policies(company)}

    async def check_edit_configuration(self, identity: Identity,
                                       request: api.CheckEditConfigurationRequest) -> Document:
        """``{exists}``: whether a saved, unpublished draft exists."""
        return {"exists": bool((await self._config(identity.company)).get("draft"))}

    async def get_resource_configuration(self, identity: Identity,
                                         request: api.GetResourceConfigurationRequest) -> Document:
        """The draft (``edit``, the default, while one exists) or the published configuration,
        with live usage, and ``policy_manager: {enabled}``."""
        config = await self._config(identity.company)
        shown = config["draft"] if request.edit is not False and config.get("draft") else config["published"]
        snap = await self._usage.snapshot(identity.company)
        names = await self._policy_names(identity.company)
        return {"configuration": {"pools": [pool_to_api(p, snap) for p in shown["pools"]],
                                  "profiles": [profile_to_api(p, snap, names) for p in shown["profiles"]]},
                "policy_manager": {"enabled": bool(config.get("enabled", True))}}

    async def set_resource_configuration(self, identity: Identity,
                                         request: api.SetResourceConfigurationRequest) -> Document:
        """Save the draft: the whole set of pools and profiles (checked; 400/12 otherwise).
        Nothing is enforced until it is published."""
        config = await self._config(identity.company)
        pools = [p.model_dump() for p in request.pools or ()]
        profiles = [p.model_dump() for p in request.profiles or ()]
        config["draft"] = domain.draft_configuration(pools, profiles, self._clock(), identity.user)
        await self._store.put_configuration(identity.company, config)
        return {}

    async def reset_resource_configuration(self, identity: Identity,
                                           request: api.ResetResourceConfigurationRequest) -> Document:
        """Drop the draft: the editor shows the published configuration again."""
        config = await self._config(identity.company)
        if config.pop("draft", None) is not None:
            await self._store.put_configuration(identity.company, config)
        return {}

    async def test_configuration_publishing(self, identity: Identity,
                                            request: api.TestConfigurationPublishingRequest) -> Document:
        """What publishing the draft would do, changing nothing: the policies whose queues it
        would delete (with the tasks queued in each) and the profiles linked to no pool
        (which make publishing fail)."""
        config = await self._config(identity.company)
        draft = config.get("draft")
        if not draft:
            return {"affected_policies": [], "not_linked_profiles": []}
        return {"affected_policies": await self._affected(identity.company, config["published"], draft),
                "not_linked_profiles": domain.unlinked_profiles(draft)}

    async def _affected(self, company: str, published: Document, draft: Document) -> list[Document]:
        removed = {p["id"] for p in domain.removed_profiles(published, draft)}
        snap = await self._usage.snapshot(company, pools=False)
        by_policy: dict[str, list[Document]] = {}
        for connection in snap.connections:
            if connection["profile"] in removed:
                queue = connection["queue"]
                by_policy.setdefault(connection["policy"], []).append(
                    {"id": connection["_id"], "name": queue.get("name"), "display_name": queue.get("display_name"),
                     "tasks": len(queue.get("entries") or ())})
        names = await self._policy_names(company)
        return [{"id": policy, "name": names.get(policy), "queues_to_delete": queues}
                for policy, queues in by_policy.items()]

    async def publish_resource_configuration(self, identity: Identity,
                                             request: api.PublishResourceConfigurationRequest) -> Document:
        """The draft becomes the enforced configuration -> what was created, updated and
        deleted. A profile linked to no pool -> 400/12 and nothing changes; no draft -> all
        zeros. The policy queues of dropped profiles are deleted (tasks back to their status
        before the enqueue); the pool links' queues (where the pools' agents listen) are
        created when missing."""
        config = await self._config(identity.company)
        draft = config.get("draft")
        counts = domain.publish_counts(config["published"], draft or config["published"])
        counts["deleted_policy_connections"] = 0
        if not draft:
            return counts
        unlinked = domain.unlinked_profiles(draft)
        if unlinked:
            raise domain.invalid("every profile must be linked to a pool before publishing",
                                 profiles=[p["name"] for p in unlinked])
        removed = {p["id"] for p in domain.removed_profiles(config["published"], draft)}
        config["published"] = draft
        config.pop("draft")
        await self._store.put_configuration(identity.company, config)
        for connection in await self._store.connections(identity.company):
            if connection["profile"] in removed:
                await self._delete_queue(identity, connection["_id"])
                await self._store.delete_connection(identity.company, connection["_id"])
                counts["deleted_policy_connections"] += 1
        await self._link_queues(identity, draft)
        return counts

    async def _link_queues(self, identity: Identity, configuration: Document) -> None:
        """Each pool link's queue exists and carries ``POOL_LINK_TAG``."""
        now = self._clock()
        links = [link for profile in configuration["profiles"] for link in profile["pool_links"]]
        names = {link["queue_name"] for link in links if link.get("queue_name")}
        for name in sorted(names):
            existing = await self._queues.by_name(identity.company, name)
            if existing is None:
                try:
                    await self._queues.add(queue_domain.new_queue(self._new_id(), identity.company, identity.user,
                                                                  name, {"system_tags": [domain.POOL_LINK_TAG]}, now))
                    continue
                except DuplicateName:  # created meanwhile
                    existing = await self._queues.by_name(identity.company, name)
            tags = (existing or {}).get("system_tags") or []
            if existing is not None and domain.POOL_LINK_TAG not in tags:
                await self._queues.update(identity.company, existing["_id"],
                                          {"system_tags": sorted({*tags, domain.POOL_LINK_TAG})})

    async def enable_policy_manager(self, identity: Identity, request: api.EnablePolicyManagerRequest) -> Document:
        """Switch quota enforcement on (``enable`` true, the default) or off."""
        config = await self._config(identity.company)
        config["enabled"] = request.enable is not False
        await self._store.put_configuration(identity.company, config)
        return {}

    async def get_resource_pools(self, identity: Identity, request: api.GetResourcePoolsRequest) -> Document:
        """The published pools with the resources their running jobs use."""
        config = await self._config(identity.company)
        snap = await self._usage.snapshot(identity.company)
        return {"pools": [pool_to_api(p, snap, stamped=True) for p in config["published"]["pools"]]}

    async def get_resource_profiles(self, identity: Identity, request: api.GetResourceProfilesRequest) -> Document:
        """The published profiles with their policy connections (queuing priority) and jobs."""
        config = await self._config(identity.company)
        snap = await self._usage.snapshot(identity.company, pools=False)
        names = await self._policy_names(identity.company)
        return {"profiles": [profile_to_api(p, snap, names, stamped=True) for p in config["published"]["profiles"]]}
